package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.Site;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {

    /** The site, or the 404 every endpoint answers for a site this server does not know. */
    public Site require(String siteId) {
        Site site = siteId == null ? null : findById(siteId);
        if (site == null) {
            throw unknown(siteId);
        }
        return site;
    }

    public static ProblemException unknown(String siteId) {
        return ProblemException.notFound("No site named " + siteId + ".");
    }
}
