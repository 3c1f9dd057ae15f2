package org.talkback.spamcheck.service;

import java.util.List;
import org.talkback.spamcheck.model.Judgement;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/** ham, spam or unsure, with a score in [0, 1], whether the spam is blatant enough to discard, and why. */
public record Verdict(Judgement verdict, double score, boolean discard, List<Reason> reasons) {
}
