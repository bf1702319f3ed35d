package io.secho.conformance.cli;

import io.secho.conformance.lab.MainRun;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --image options' mistakes on the command line: exit code 2, one line, no value repeated, no Docker needed. */
class ImageOptionsTest {
    private static final String SECRET = "5ec4e75ec4e75ec4e75ec4e75ec4e7";


    private static String printed(MainRun run) {
        return run.out() + run.err();
    }

    @Test
    void misuseIsAUsageErrorThatNeverRepeatsAValue() {
        String[][] mistakes = {
            {"--image-port", "9000"},
            {"--image", "my-server", "--image-port", "70000"},
            {"--image", "my-server", "--image-env", SECRET},
            {"--image", "my-server", "--image-env", "SECHO_PSK=" + SECRET},
            {"--image", "my-server", "--image-startup-timeout", "soon"},
            {"--image", "my-server", "--target", "127.0.0.1:8443"},
            {"--image", "my-server", "--image-arg"},
            {"--profile", "lab", "--image", "my-server"},
        };
        for (String[] args : mistakes) {
            MainRun run = MainRun.of(args);
            assertEquals(ExitCodes.USAGE, run.exitCode(), String.join(" ", args) + ": " + printed(run));
            assertFalse(printed(run).contains(SECRET), "a value was repeated: " + printed(run));
            assertFalse(printed(run).contains("\tat "), "no stack trace for a usage error: " + printed(run));
        }
    }

    @Test
    void anImageArgumentMayLookLikeAHarnessOption() {
        // Parsed as the image's (no Docker here is needed to see it): "--suite" did not become the harness's option.
        MainRun run = MainRun.of("--image-arg", "--suite", "--image-arg", "x25519");
        assertEquals(ExitCodes.USAGE, run.exitCode(), printed(run));
        assertTrue(printed(run).contains("--image-arg belongs to --image"), printed(run));
    }
}
