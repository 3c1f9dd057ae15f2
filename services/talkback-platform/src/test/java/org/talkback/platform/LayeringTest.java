package org.talkback.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.talkback.platform.testing.LayeringRules;

@AnalyzeClasses(packages = "org.talkback.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule sqlOnlyInTheEventTablesCode = LayeringRules.SQL_ONLY_IN_REPOSITORIES;
}
