package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.Ban;
import org.talkback.publication.repository.AuditLog;
import org.talkback.publication.repository.BanRepository;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.service.sites.SiteAdministration;

/**
 * Banning persistent trolls and spammers from a site. Each change goes to the audit log and, through a new
 * SiteConfigured, to intake (which refuses banned authors on sites that ask for it).
 */
@ApplicationScoped
public class ModerationBans {

    /** What a moderator sends: exactly one of email, author, address (an address or a CIDR range). */
    public record BanRequest(String site, String email, String author, String address, String reason, Instant expiresAt) {
    }

    private final BanRepository bans;
    private final SiteRepository sites;
    private final SiteAdministration siteAdministration;
    private final AuditLog audit;

    public ModerationBans(BanRepository bans, SiteRepository sites, SiteAdministration siteAdministration, AuditLog audit) {
        this.bans = bans;
        this.sites = sites;
        this.siteAdministration = siteAdministration;
        this.audit = audit;
    }

    @Transactional
    public Ban ban(BanRequest request, String moderator) {
        sites.require(request == null ? null : request.site());
        List<FieldError> errors = new ArrayList<>();
        List<String> given = new ArrayList<>();
        String kind = null;
        String value = null;
        if (request.email() != null) {
            given.add("email");
            kind = "email";
            value = request.email().strip();
            if (!value.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
                errors.add(new FieldError("email", "is not an email address"));
            }
        }
        if (request.author() != null) {
            given.add("author");
            kind = "author";
            value = request.author().strip();
            if (value.isEmpty() || value.length() > 100) {
                errors.add(new FieldError("author", "must be 1 to 100 characters"));
            }
        }
        if (request.address() != null) {
            given.add("address");
            kind = "address";
            value = address(request.address(), errors);
        }
        if (given.size() != 1) {
            errors.add(new FieldError("email", "give exactly one of email, author, address"));
        }
        if (request.reason() != null && request.reason().length() > 500) {
            errors.add(new FieldError("reason", "must be at most 500 characters"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            errors.add(new FieldError("expiresAt", "must be in the future (or left out for a ban without end)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Ban ban = bans.create(request.site(), kind, value, request.reason(), moderator, request.expiresAt());
        audit.record(request.site(), null, null, moderator, "ban", null, null,
                kind + " " + ban.value() + (request.expiresAt() == null ? "" : " until " + request.expiresAt())
                        + (request.reason() == null ? "" : ": " + request.reason()));
        siteAdministration.announce(request.site());
        return ban;
    }

    @Transactional
    public List<Ban> active(String siteId) {
        return bans.active(siteId);
    }

    @Transactional
    public void lift(UUID id, String moderator) {
        Ban ban = bans.find(id).filter(found -> bans.lift(id))
                .orElseThrow(() -> ProblemException.notFound("No active ban " + id + "."));
        audit.record(ban.site(), null, null, moderator, "unban", null, null, ban.kind() + " " + ban.value());
        siteAdministration.announce(ban.site());
    }

    /** "192.0.2.7" or "192.0.2.0/24" (IPv6 likewise); ranges wider than /8 (IPv4) or /32 (IPv6) are refused. */
    private static String address(String given, List<FieldError> errors) {
        String[] parts = given.strip().split("/", 2);
        String address = BanRepository.validAddress(parts[0]);
        Integer prefix = null;
        try {
            prefix = parts.length == 2 ? Integer.valueOf(parts[1]) : null;
        } catch (NumberFormatException e) {
            address = null;
        }
        boolean v6 = address != null && address.contains(":");
        int widest = v6 ? 32 : 8;
        int narrowest = v6 ? 128 : 32;
        if (address == null || (prefix != null && (prefix < widest || prefix > narrowest))) {
            errors.add(new FieldError("address", "an IP address or a range from /" + widest + " to /" + narrowest));
            return null;
        }
        return prefix == null ? address : address + "/" + prefix;
    }
}
