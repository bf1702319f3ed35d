package io.secho.conformance.lab;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * {@code mvn verify -Dsecho.profile=lab} runs the lab profile's cases through this suite, against the
 * embedded reference lab server or {@code -Dsecho.target=HOST:PORT} with the lab knobs as
 * {@code -Dsecho.lab-variant=sec -Dsecho.key-file=...}. Without {@code secho.profile=lab} its cases are
 * filtered out (and the v1 suite runs instead).
 */
@Suite
@SuiteDisplayName("Secho lab profile")
@SelectPackages("io.secho.conformance.lab")
@IncludeClassNamePatterns(".*Cases")
class LabConformanceSuiteTest {
}
