package io.secho.crypto;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds and reads the third-party Wycheproof vectors, which live beside the checkout
 * ({@code ../shared/wycheproof}) and are never copied into the repository.
 *
 * <p>Lookup order: the system property {@code wycheproof.dir} (surefire sets it from the parent POM), then
 * {@code ../shared/wycheproof} and {@code ../../shared/wycheproof} relative to the working directory (the
 * project root and a module directory respectively). When the file is in none of them the calling test
 * fails if the environment variable {@code CI} is {@code true}, and is skipped otherwise.
 */
final class WycheproofFiles {
    static final String PROPERTY = "wycheproof.dir";

    private WycheproofFiles() {
    }

    /** Parses a vector file as a JSON object. Fails or skips the calling test when the file is absent. */
    static JsonObject load(String fileName) {
        Path file = locate(fileName);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            Assertions.assertTrue(root.isJsonObject(), file + ": top level is not a JSON object");
            return root.getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wycheproof file " + file, e);
        }
    }

    /**
     * The dynamic tests that {@code build} makes from the file, or one skipped test saying why the file is
     * missing: an aborted factory would be invisible in surefire's counts, a skipped test shows.
     */
    static List<DynamicTest> dynamicTests(String fileName, Function<JsonObject, List<DynamicTest>> build) {
        JsonObject root;
        try {
            root = load(fileName);
        } catch (TestAbortedException missing) {
            return List.of(DynamicTest.dynamicTest(fileName + " not available", () -> {
                throw missing;
            }));
        }
        return build.apply(root);
    }

    static Path locate(String fileName) {
        return locate(fileName, System.getProperty(PROPERTY), System.getenv("CI"), Path.of("").toAbsolutePath());
    }

    /** The real lookup, with its inputs passed in so that {@code WycheproofFilesTest} can drive it. */
    static Path locate(String fileName, String propertyValue, String ciValue, Path workingDirectory) {
        List<Path> candidates = candidateDirectories(propertyValue, workingDirectory);
        for (Path directory : candidates) {
            Path file = directory.resolve(fileName);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        Path expected = candidates.get(0).resolve(fileName);
        String tried = candidates.stream().map(d -> d.resolve(fileName).toString())
                .collect(Collectors.joining(", "));
        if ("true".equals(ciValue)) {
            Assertions.fail("Wycheproof vectors not found at " + expected
                    + "; CI must have ../shared/wycheproof (tried: " + tried + ")");
        }
        Assumptions.assumeTrue(false, "Wycheproof vectors not found at " + expected + " (tried: " + tried
                + "); skipping. Put the Wycheproof files in ../shared/wycheproof beside the project root or run"
                + " with -Dwycheproof.dir=/path/to/wycheproof");
        throw new AssertionError("unreachable: assumeTrue(false) aborts the test");
    }

    private static List<Path> candidateDirectories(String propertyValue, Path workingDirectory) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (propertyValue != null && !propertyValue.isBlank()) {
            candidates.add(Path.of(propertyValue.strip()).toAbsolutePath().normalize());
        }
        candidates.add(workingDirectory.resolve("../shared/wycheproof").toAbsolutePath().normalize());
        candidates.add(workingDirectory.resolve("../../shared/wycheproof").toAbsolutePath().normalize());
        return new ArrayList<>(candidates);
    }

    /** Decodes a Wycheproof hex field (lower-case, possibly empty). */
    static byte[] hex(JsonObject object, String field) {
        JsonElement value = object.get(field);
        Assertions.assertNotNull(value, "Wycheproof entry has no field '" + field + "': " + object);
        return HexFormat.of().parseHex(value.getAsString());
    }
}
