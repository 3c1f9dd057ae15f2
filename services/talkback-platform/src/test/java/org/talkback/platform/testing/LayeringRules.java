package org.talkback.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * The layering every service keeps, as ArchUnit rules its tests run (as buckpal's DependencyRuleTests do):
 * resources ({@code rest}) are the top and nothing below imports them; resources reach the database only through
 * services; SQL, JDBC and the entity manager live in {@code repository} classes (and in the platform's outbox,
 * inbox and listener, which are the repositories of the event tables). A service's test runs them all with
 * {@code @ArchTest static final ArchTests layering = ArchTests.in(LayeringRules.class)}.
 */
public final class LayeringRules {

    /** Where database access is allowed. */
    private static final String[] DATABASE_PACKAGES = {"..repository..", "..platform.outbox..", "..platform.inbox..",
            "..platform.notify.."};

    private static final Set<String> PANACHE_QUERIES = Set.of("find", "list", "stream", "count", "delete", "update");

    private LayeringRules() {
    }

    @ArchTest
    public static final ArchRule REST_IS_NOT_IMPORTED_FROM_BELOW = noClasses().that().resideOutsideOfPackage("..rest..")
            .should().dependOnClassesThat().resideInAPackage("..rest..")
            .because("resources are the top layer: services, repositories, events and models must not know them");

    @ArchTest
    public static final ArchRule REST_DOES_NOT_USE_REPOSITORIES = noClasses().that().resideInAPackage("..rest..")
            .should().dependOnClassesThat().resideInAPackage("..repository..")
            .because("resources go through services, where transactions and rules are");

    @ArchTest
    public static final ArchRule SQL_ONLY_IN_REPOSITORIES = noClasses().that().resideOutsideOfPackages(DATABASE_PACKAGES)
            .should().dependOnClassesThat().belongToAnyOf(Connection.class, Statement.class, PreparedStatement.class,
                    ResultSet.class, DataSource.class, AgroalDataSource.class, EntityManager.class, Session.class)
            .orShould().callMethodWhere(panacheQuery())
            .because("each kind of code has one place: SQL and queries are in repository classes");

    /** A Panache repository method that takes a query string (find("name = ?1", ...)), called from elsewhere. */
    private static DescribedPredicate<JavaMethodCall> panacheQuery() {
        return DescribedPredicate.describe("a Panache query method with a query string", call ->
                PANACHE_QUERIES.contains(call.getName())
                        && call.getTargetOwner().isAssignableTo(PanacheRepositoryBase.class)
                        && !call.getTarget().getRawParameterTypes().isEmpty()
                        && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(String.class));
    }
}
