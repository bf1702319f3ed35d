package io.secho.conformance.targets;

import io.secho.conformance.lab.LabTargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's timeouts (options and -Dsecho.* parameters alike) take the reference tools' duration syntax. */
class TargetConfigDurationTest {
    private static TargetConfig config(String parameter, String value) {
        Map<String, String> parameters = Map.of(parameter, value);
        return TargetConfig.from(key -> Optional.ofNullable(parameters.get(key)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "secho.handshake-timeout, 1.5s, 1500",
        "secho.handshake-timeout, 500ms, 500",
        "secho.handshake-timeout, 10, 10000",
        "secho.io-timeout, 2m, 120000",
        "secho.io-timeout, 0.75s, 750",
        "secho.idle-timeout, 20s, 20000"})
    void everyTimeoutReadsTheSharedForms(String parameter, String value, long millis) {
        TargetConfig config = config(parameter, value);
        Duration read = switch (parameter) {
            case TargetConfig.HANDSHAKE_TIMEOUT -> config.handshakeTimeout();
            case TargetConfig.IO_TIMEOUT -> config.ioTimeout();
            default -> config.idleTimeout().orElseThrow();
        };
        assertEquals(Duration.ofMillis(millis), read);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "secho.handshake-timeout, -5s, is negative",
        "secho.io-timeout, ten, is not a duration",
        "secho.idle-timeout, '1,5s', with a point",
        "secho.io-timeout, 0.0001s, finer than a millisecond"})
    void malformedTimeoutsAreRefusedNamingTheParameter(String parameter, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(parameter, value));
        assertTrue(e.getMessage().startsWith(parameter + ": '" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void aHandshakeTimeoutBeyondTheSpecIsRefusedInItsOwnWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(TargetConfig.HANDSHAKE_TIMEOUT, "31s"));
        assertTrue(e.getMessage().contains("31s is not a handshake timeout") && e.getMessage().contains("at most 30s"),
                e.getMessage());
        assertFalse(e.getMessage().contains("PT"), e.getMessage());
    }

    @Test
    void theLabProfileReadsItsIoTimeoutTheSameWay() {
        Map<String, String> parameters = Map.of(TargetConfig.IO_TIMEOUT, "1.5s", "secho.lab-variant", "dh");
        assertEquals(Duration.ofMillis(1500),
                LabTargetConfig.from(key -> Optional.ofNullable(parameters.get(key))).ioTimeout());
        Map<String, String> negative = Map.of(TargetConfig.IO_TIMEOUT, "-1s", "secho.lab-variant", "dh");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabTargetConfig.from(key -> Optional.ofNullable(negative.get(key))));
        assertTrue(e.getMessage().contains("is negative"), e.getMessage());
    }
}
