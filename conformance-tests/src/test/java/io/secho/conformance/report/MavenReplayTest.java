package io.secho.conformance.report;

import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under Maven the replay line is a Maven command with the run's -Dsecho.* and reports of its own. */
class MavenReplayTest {
    @Test
    void theMavenCommandCarriesTheRunsOptionsAndAReportDirectoryOfItsOwn() {
        String command = MavenReplay.command(parameters(Map.of(
                TargetConfig.TARGET, "127.0.0.1:8443",
                TargetConfig.PSK_FILE, "/keys/my key",
                TargetConfig.IDLE_TIMEOUT, "5s",
                TargetConfig.CASE, "TAG-001,TAG-002",
                TargetConfig.REPORT_DIR, "/build/conformance-reports",
                TargetConfig.PROFILE, "v1",
                "secho.internal.case-time-limit", "1s")), "42", "TAG-004");
        assertEquals("(from the project root) mvn -B verify -pl conformance-tests -am -Dtest=ConformanceSuiteTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dsecho.idle-timeout=5s '-Dsecho.psk-file=/keys/my key' "
                + "-Dsecho.target=127.0.0.1:8443 -Dsecho.seed=42 -Dsecho.case=TAG-004 "
                + "-Dsecho.report.dir=/build/conformance-reports-replay", command);
    }

    @Test
    void aLabRunReplaysInTheLabSuite() {
        String command = MavenReplay.command(parameters(Map.of(TargetConfig.PROFILE, "lab", "secho.lab-variant", "dh")),
                "7", "LAB-003");
        assertTrue(command.contains("-Dtest=LabConformanceSuiteTest") && command.contains("-Dsecho.profile=lab")
                && command.contains("-Dsecho.lab-variant=dh") && command.endsWith("-Dsecho.case=LAB-003"), command);
    }

    @Test
    void aReplayOfAReplayKeepsItsDirectory() {
        assertEquals(Path.of("r/x-replay"), MavenReplay.replayDir(Path.of("r/x")));
        assertEquals(Path.of("r/x-replay"), MavenReplay.replayDir(Path.of("r/x-replay")));
    }

    /** Only these parameters: the build's own -Dsecho.* are system properties with no value here. */
    private static ConfigurationParameters parameters(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            public int size() {
                return values.size();
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}
