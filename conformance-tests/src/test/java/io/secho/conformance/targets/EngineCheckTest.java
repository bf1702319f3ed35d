package io.secho.conformance.targets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine check ends at its bound, whatever Testcontainers does, and says what to do. */
class EngineCheckTest {
    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void aCheckThatHangsEndsAtTheBoundNamingTheSwitch() {
        CountDownLatch never = new CountDownLatch(1);
        IOException refused = assertThrows(IOException.class, () -> EngineCheck.require(() -> {
            never.await();
            return true;
        }, SHORT, Map.of()));
        assertTrue(refused.getMessage().contains("TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE="
                + "localhost"), refused.getMessage());
    }

    @Test
    void withBothSwitchesSetTheMessageBlamesNoHelper() {
        CountDownLatch never = new CountDownLatch(1);
        IOException refused = assertThrows(IOException.class, () -> EngineCheck.require(() -> {
            never.await();
            return true;
        }, SHORT, Map.of(EngineCheck.RYUK_SWITCH, "true", EngineCheck.HOST_SWITCH, "localhost")));
        assertTrue(!refused.getMessage().contains("Ryuk") && refused.getMessage().contains("did not answer"),
                refused.getMessage());
    }

    @Test
    void noEngineIsSaidInTheUsersTerms() throws Exception {
        IOException refused = assertThrows(IOException.class, () -> EngineCheck.require(() -> false, SHORT, Map.of()));
        assertTrue(refused.getMessage().contains("needs a Docker engine"), refused.getMessage());
        EngineCheck.require(() -> true, SHORT, Map.of());
    }
}
