package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.talkback.publication.model.Site;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {
}
