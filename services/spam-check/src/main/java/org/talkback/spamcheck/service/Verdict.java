package org.talkback.spamcheck.service;

import java.util.List;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/** ham, spam or unsure, with a score in [0, 1], whether the spam is blatant enough to discard, and why. */
public record Verdict(String verdict, double score, boolean discard, List<Reason> reasons) {
    public static final String HAM = "ham";
    public static final String SPAM = "spam";
    public static final String UNSURE = "unsure";
}
