package org.talkback.publication.model;

/**
 * A change to what a thread shows, fired (as a CDI event) in the transaction that logged it; the read side of this
 * instance hears of it once that transaction has committed, the other instances through the change log.
 */
public record ThreadChanged(String siteId, String url, long changeSeq) {
}
