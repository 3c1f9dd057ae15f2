package org.talkback.spamcheck.service.rules;

import java.util.Set;

/**
 * One signal a newsroom moderator would name, or the classifier's evidence: it looks at a comment and adds reasons
 * to its verdict. Each rule is a bean; the verdict runs them all in {@link #order()}, and the codes a site may put
 * in shadow mode are the union of their {@link #codes()}.
 */
public interface SpamRule {

    /** The reason codes this rule may report. */
    Set<String> codes();

    /** Where its reasons come in a verdict's list (lower first): the rules people read first come first. */
    int order();

    void apply(Check check, Signals signals);
}
