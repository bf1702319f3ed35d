package io.secho.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lookup rules of {@link WycheproofFiles}, driven with explicit inputs instead of the real environment. */
class WycheproofFilesTest {
    private static final String NAME = "x25519_test.json";

    @Test
    void propertyDirectoryWinsWhenItHasTheFile(@TempDir Path temp) throws IOException {
        Path vectors = Files.createDirectories(temp.resolve("vectors"));
        Path file = Files.writeString(vectors.resolve(NAME), "{}");
        Path workingDirectory = Files.createDirectories(temp.resolve("a/b"));

        assertEquals(file.toAbsolutePath().normalize(),
                WycheproofFiles.locate(NAME, vectors.toString(), null, workingDirectory),
                "the directory named by -Dwycheproof.dir must be used when it holds the file");
    }

    @Test
    void fallsBackToProjectRootSibling(@TempDir Path temp) throws IOException {
        // <temp>/shared/wycheproof beside <temp>/project, working directory = <temp>/project
        Path file = Files.writeString(Files.createDirectories(temp.resolve("shared/wycheproof")).resolve(NAME), "{}");
        Path projectRoot = Files.createDirectories(temp.resolve("project"));

        assertEquals(file.toAbsolutePath().normalize(),
                WycheproofFiles.locate(NAME, temp.resolve("missing").toString(), null, projectRoot),
                "with a wrong property, ../shared/wycheproof from the project root must be found");
    }

    @Test
    void fallsBackToModuleDirectoryGrandparentSibling(@TempDir Path temp) throws IOException {
        // working directory = <temp>/project/reference-impl
        Path file = Files.writeString(Files.createDirectories(temp.resolve("shared/wycheproof")).resolve(NAME), "{}");
        Path moduleDirectory = Files.createDirectories(temp.resolve("project/reference-impl"));

        assertEquals(file.toAbsolutePath().normalize(),
                WycheproofFiles.locate(NAME, null, null, moduleDirectory),
                "without the property, ../../shared/wycheproof from a module directory must be found");
    }

    @Test
    void missingFileFailsOnCi(@TempDir Path temp) {
        Path missing = temp.resolve("nowhere");
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> WycheproofFiles.locate(NAME, missing.toString(), "true", temp.resolve("project")),
                "a missing vector file must fail the test when CI=true");
        String message = error.getMessage();
        assertTrue(message.contains("Wycheproof vectors not found at " + missing.resolve(NAME)),
                "the failure must name the expected path, was: " + message);
        assertTrue(message.contains("CI must have ../shared/wycheproof"),
                "the failure must say what CI needs, was: " + message);
    }

    @Test
    void missingFileSkipsOutsideCi(@TempDir Path temp) {
        Path missing = temp.resolve("nowhere");
        for (String ci : new String[] {null, "false", ""}) {
            TestAbortedException aborted = assertThrows(TestAbortedException.class,
                    () -> WycheproofFiles.locate(NAME, missing.toString(), ci, temp.resolve("project")),
                    "a missing vector file must skip (abort) the test when CI=" + ci);
            String message = aborted.getMessage();
            assertTrue(message.contains(missing.resolve(NAME).toString()),
                    "the skip message must name the expected path, was: " + message);
            assertTrue(message.contains("-Dwycheproof.dir"),
                    "the skip message must say how to point at the vectors, was: " + message);
        }
    }
}
