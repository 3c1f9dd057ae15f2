package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.talkback.intake.model.Site;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {
}
