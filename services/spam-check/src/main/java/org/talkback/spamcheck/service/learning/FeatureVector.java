package org.talkback.spamcheck.service.learning;

/** A comment as the site's model sees it: sorted, distinct hashed feature indices and their values. */
public record FeatureVector(int[] indices, float[] values) {
}
