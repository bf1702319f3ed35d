package io.secho.conformance;

import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's JUnit settings (parallel cases, a 10 min backstop per case) apply to harness runs only: every
 * launcher request of a harness run carries them explicitly, and the project's own self-tests run with settings
 * of their own (src/test/resources/junit-platform.properties), never the harness's.
 */
class JunitSettingsTest {
    private static final String TIMEOUT = "junit.jupiter.execution.timeout.default";
    private static final String PARALLELISM = "junit.jupiter.execution.parallel.config.fixed.parallelism";

    /** What this self-test's own run was configured with, as JUnit gives it to an extension. */
    @RegisterExtension
    final EffectiveSettings effective = new EffectiveSettings();

    @Test
    void selfTestsRunWithTheirOwnSettings() throws IOException {
        Properties selfTests = load("junit-platform.properties");
        Map<String, String> harness = CaseCatalog.junitSettings();
        assertNotEquals(harness.get(TIMEOUT), selfTests.getProperty(TIMEOUT),
                "the two files must differ in the key this test tells them apart by");
        assertEquals(Optional.of(selfTests.getProperty(TIMEOUT)), effective.timeout,
                "this self-test must run with the self-tests' settings");
        List<URL> found = Collections.list(getClass().getClassLoader().getResources("junit-platform.properties"));
        assertEquals(1, found.size(), "one junit-platform.properties on the class path, the self-tests': " + found);
        assertTrue(found.get(0).toString().contains("test-classes"), found.get(0).toString());
    }

    @Test
    void everyHarnessRequestCarriesTheHarnessSettings() {
        Map<String, String> harness = CaseCatalog.junitSettings();
        assertEquals("10m", harness.get(TIMEOUT));
        assertEquals("true", harness.get("junit.jupiter.execution.parallel.enabled"));
        for (LauncherDiscoveryRequest request : List.of(CaseCatalog.request(Map.of()),
                CaseCatalog.request(Map.of(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB)))) {
            harness.forEach((key, value) -> assertEquals(Optional.of(key.equals(PARALLELISM) ? "15" : value),
                    request.getConfigurationParameters().get(key), key + " (the embedded run: 8 + one per timeout case)"));
        }
    }

    @Test
    void aRunsOwnParametersOverrideTheHarnessSettings() {
        LauncherDiscoveryRequest request = CaseCatalog.request(Map.of(PARALLELISM, "32"));
        assertEquals(Optional.of("32"), request.getConfigurationParameters().get(PARALLELISM));
        assertNotEquals("32", CaseCatalog.junitSettings().get(PARALLELISM), "the override must be visible");
        // A test's run with exactly its own parameters has nothing else: not even the self-tests' settings.
        LauncherDiscoveryRequest only = CaseCatalog.requestWithOnly(Map.of(TargetConfig.SEED, "1"));
        assertEquals(Optional.empty(), only.getConfigurationParameters().get(TIMEOUT));
        assertEquals(Optional.of("1"), only.getConfigurationParameters().get(TargetConfig.SEED));
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = JunitSettingsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is not on the self-tests' class path");
            properties.load(in);
        }
        return properties;
    }

    static final class EffectiveSettings implements BeforeEachCallback {
        private Optional<String> timeout = Optional.empty();

        @Override
        public void beforeEach(ExtensionContext context) {
            timeout = context.getConfigurationParameter(TIMEOUT);
        }
    }
}
