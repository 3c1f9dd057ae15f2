package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.talkback.spamcheck.service.TextFeatures;

/**
 * A domain on the site's blocked list, or one of its subdomains, anywhere a link can hide: the text (with or
 * without a scheme), the author's URL, the part of the email after the @.
 */
@ApplicationScoped
public class BlockedDomainRule implements SpamRule {
    static final String CODE = "blocked-domain";
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void apply(Check check, Signals signals) {
        String[] domains = check.site().blockedDomains;
        if (domains == null || domains.length == 0) {
            return;
        }
        String email = Check.nonNull(check.comment().authorEmail()).strip().toLowerCase(Locale.ROOT);
        String places = TextFeatures.normalise(String.join("\n", Check.nonNull(check.comment().content()),
                Check.nonNull(check.comment().authorUrl()), email));
        for (String domain : domains) {
            if (PATTERNS.computeIfAbsent(domain, BlockedDomainRule::hostOrSubdomain).matcher(places).find()) {
                signals.add(CODE, 6.0, "links to or writes from " + domain + ", which is blocked");
                return;
            }
        }
    }

    /**
     * The domain as a host name: preceded by nothing that would make it part of a longer name (notspam.example is
     * not spam.example; x.spam.example is), and not followed by more labels (spam.example.org is another domain).
     */
    private static Pattern hostOrSubdomain(String domain) {
        return Pattern.compile("(?<![\\p{L}\\p{N}.-])(?:[\\p{L}\\p{N}-]+\\.)*" + Pattern.quote(domain)
                + "(?![.]?[\\p{L}\\p{N}-])");
    }
}
