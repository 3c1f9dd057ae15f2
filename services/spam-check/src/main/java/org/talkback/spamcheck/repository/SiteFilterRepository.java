package org.talkback.spamcheck.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.talkback.spamcheck.model.SiteFilter;

@ApplicationScoped
public class SiteFilterRepository implements PanacheRepositoryBase<SiteFilter, String> {
}
