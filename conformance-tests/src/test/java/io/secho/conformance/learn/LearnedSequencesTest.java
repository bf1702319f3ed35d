package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of learned sequences: the built-in one, what learn writes, and every way a file can be wrong. */
final class LearnedSequencesTest {
    private static final List<String> SECOND_HELLO = List.of("ClientHello(x25519)", "ClientHello(x25519)");

    @Test
    void theBuiltInSequencesAreNumberedBelowLearnsRange() {
        List<LearnedSequence> builtIn = LearnedSequences.builtIn();
        assertEquals(List.of(1, 2, 3), builtIn.stream().map(LearnedSequence::number).toList());
        assertEquals(SECOND_HELLO, builtIn.get(0).word());
    }

    @Test
    void whatLearnWritesReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(LearnedSequences.FILE_NAME);
        LearnedSequence written = new LearnedSequence(LearnedSequences.FIRST_WRITTEN_NUMBER, SECOND_HELLO, "found");
        Files.writeString(file, LearnedSequences.write("127.0.0.1:8443", List.of(written)), StandardCharsets.UTF_8);
        assertEquals(List.of(written), LearnedSequences.read(file));
    }

    @Test
    void aWrongFileIsOneClearError(@TempDir Path dir) throws IOException {
        String format = "\"format\": \"" + LearnedSequences.FORMAT + "\"";
        assertRefused(dir, "not json", "not a file of learned cases");
        assertRefused(dir, "{\"format\": \"other/1\", \"cases\": []}", "not a file of learned cases");
        assertRefused(dir, "{" + format + "}", "not a file of learned cases");
        assertRefused(dir, "{" + format + ", \"cases\": [{\"word\": [\"Close\"]}]}", "not a file of learned cases");
        assertRefused(dir, "{" + format + ", \"cases\": [{\"n\": 1001}]}", "not a file of learned cases");
        assertRefused(dir, "{" + format + ", \"cases\": [{\"n\": 1001, \"word\": [\"Hello\"]}]}",
                "no server input is called Hello");
        assertRefused(dir, "{" + format + ", \"cases\": [{\"n\": 1001, \"word\": [\"Close\"]}, "
                + "{\"n\": 1001, \"word\": [\"Close\"]}]}", "two cases are numbered 1001");
        assertRefused(dir, "{" + format + ", \"cases\": [{\"n\": 7, \"word\": [\"Close\"]}]}", "numbered below 1001");
    }

    private static void assertRefused(Path dir, String text, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("cases.json"), text, StandardCharsets.UTF_8);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LearnedSequences.read(file));
        assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
