package org.talkback.intake;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.talkback.platform.testing.LayeringRules;

/** The layering rule of every service (LayeringRules): fails the build when a class breaks it. */
@AnalyzeClasses(packages = "org.talkback.intake", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(LayeringRules.class);
}
