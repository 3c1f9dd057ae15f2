package org.talkback.spamcheck.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.talkback.spamcheck.model.SpamCheck;

@ApplicationScoped
public class SpamCheckRepository implements PanacheRepositoryBase<SpamCheck, UUID> {
}
