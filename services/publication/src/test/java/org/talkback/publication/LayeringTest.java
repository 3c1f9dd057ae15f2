package org.talkback.publication;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.talkback.platform.testing.LayeringRules;

/** The layering rule of every service (LayeringRules): fails the build when a class breaks it. */
@AnalyzeClasses(packages = "org.talkback.publication", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule restIsNotImportedFromBelow = LayeringRules.REST_IS_NOT_IMPORTED_FROM_BELOW;

    @ArchTest
    static final ArchRule restDoesNotUseRepositories = LayeringRules.REST_DOES_NOT_USE_REPOSITORIES;

    @ArchTest
    static final ArchRule sqlOnlyInRepositories = LayeringRules.SQL_ONLY_IN_REPOSITORIES;
}
