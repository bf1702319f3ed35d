package io.secho.conformance;

import org.junit.platform.suite.api.ConfigurationParametersResource;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * {@code mvn verify} runs every conformance case through this suite: against the embedded reference
 * server by default, against {@code -Dsecho.target=HOST:PORT} when given.
 */
@Suite
// The harness's JUnit settings (parallel cases, the backstop timeout), as the jar's runs have them.
@ConfigurationParametersResource(CaseCatalog.JUNIT_SETTINGS_RESOURCE)
@SuiteDisplayName("Secho v1 conformance")
@SelectPackages("io.secho.conformance.cases")
@IncludeClassNamePatterns(".*Cases")
class ConformanceSuiteTest {
}
