package io.secho.conformance;

import org.junit.platform.suite.api.ConfigurationParametersResource;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * {@code mvn verify -Dsecho.client-command="CMD ..."} (or {@code -Dsecho.client-reference=true}) runs every client
 * case through this suite against that client; without either, the client cases are filtered out and only the
 * server cases of {@link ConformanceSuiteTest} run.
 */
@Suite
// The harness's JUnit settings (parallel cases, the backstop timeout), as the jar's runs have them.
@ConfigurationParametersResource(CaseCatalog.JUNIT_SETTINGS_RESOURCE)
@SuiteDisplayName("Secho v1 conformance of a client")
@SelectPackages(CaseCatalog.CLIENT_CASES_PACKAGE)
@IncludeClassNamePatterns(".*Cases")
class ClientConformanceSuiteTest {
}
