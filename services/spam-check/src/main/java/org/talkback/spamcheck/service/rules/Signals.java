package org.talkback.spamcheck.service.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/** The reasons of one verdict; a rule the site runs in shadow mode is reported with weight 0 and not acted on. */
public final class Signals {
    private static final double HOLD_WEIGHT = 0.5;
    private final List<Reason> reasons = new ArrayList<>();
    private final Set<String> shadow;
    private boolean hold;
    private boolean undecided;

    public Signals(Set<String> shadowRules) {
        this.shadow = shadowRules;
    }

    public void add(String code, double weight, String detail) {
        if (shadow.contains(code)) {
            reasons.add(new Reason(code, 0, "shadow mode, not counted (would add " + weight + "): " + detail));
        } else {
            reasons.add(new Reason(code, weight, detail));
        }
    }

    /** A rule that sends the comment to the moderators whatever the rest says. */
    public void hold(String code, String detail) {
        add(code, HOLD_WEIGHT, detail);
        hold |= !shadow.contains(code);
    }

    /** A rule that leaves the comment to the moderators whatever the evidence, spam or ham: unsure. */
    public void leaveUndecided(String code, String detail) {
        add(code, 0, detail);
        undecided |= !shadow.contains(code);
    }

    public boolean undecided() {
        return undecided;
    }

    public List<Reason> reasons() {
        return List.copyOf(reasons);
    }

    public boolean held() {
        return hold;
    }

    public double evidence() {
        return reasons.stream().mapToDouble(Reason::weight).sum();
    }
}
