package io.secho.vectors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent checker (package io.secho.vectors.independent) may use only the JDK's plain classes, Bouncy
 * Castle's low-level crypto, Gson and JUnit: no reference-implementation class, and no JCE (javax.crypto,
 * java.security), so it can never agree with the generator merely because both run the same code.
 */
class IndependenceTest {
    private static final Path CHECKER = Path.of("src/test/java/io/secho/vectors/independent");
    private static final List<String> ALLOWED_IMPORTS = List.of("java.io.", "java.math.", "java.nio.",
            "java.util.", "org.bouncycastle.crypto.", "com.google.gson.", "org.junit.jupiter.api.",
            "static org.junit.jupiter.api.Assertions.");

    @Test
    void theCheckerUsesNoReferenceCodeAndNoJce() throws IOException {
        Path directory = VectorFiles.dir().resolve(CHECKER);
        List<Path> sources;
        try (Stream<Path> files = Files.list(directory)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("IndependentCheckTest.java", "Receiver.java", "Spec.java"),
                sources.stream().map(file -> file.getFileName().toString()).collect(Collectors.toList()),
                "the checker's files (a new one must be reviewed and added here)");
        List<String> violations = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                String where = source.getFileName() + ":" + (i + 1) + ": " + line;
                if (line.startsWith("package ")) {
                    if (!line.equals("package io.secho.vectors.independent;")) {
                        violations.add(where);
                    }
                } else if (line.contains("io.secho") || line.contains("import io.")) {
                    violations.add(where);
                } else if (line.startsWith("import ") && ALLOWED_IMPORTS.stream()
                        .noneMatch(prefix -> line.startsWith("import " + prefix))) {
                    violations.add(where);
                } else if (line.contains("javax.crypto") || line.contains("java.security")) {
                    violations.add(where);
                }
            }
        }
        assertTrue(violations.isEmpty(), "the independent checker must not use the reference implementation or JCE:\n"
                + String.join("\n", violations));
    }
}
