package io.secho.example;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkedExampleTest {
    private static Path specFile() {
        String dir = System.getProperty("secho.spec.dir", "../spec");
        return Path.of(dir, "secho-v1.md");
    }

    @Test
    void specWorkedExampleIsWhatTheReferenceImplementationProduces() throws IOException {
        String spec = Files.readString(specFile(), StandardCharsets.UTF_8);
        assertEquals(WorkedExample.markdown(), WorkedExample.generatedBlock(spec),
                "the worked example in " + specFile() + " is stale: run vectors/regenerate and commit the result");
    }

    @Test
    void generationIsDeterministic() {
        assertEquals(WorkedExample.markdown(), WorkedExample.markdown(), "two runs must give the same bytes");
    }

    @Test
    void replacingTheBlockKeepsTheRestOfTheDocument() {
        String document = "before\n" + WorkedExample.BEGIN_MARKER + "\nold\n" + WorkedExample.END_MARKER + "\nafter\n";
        String updated = WorkedExample.replaceGeneratedBlock(document, "new\n");
        assertEquals("before\n" + WorkedExample.BEGIN_MARKER + "\nnew\n" + WorkedExample.END_MARKER + "\nafter\n", updated);
        assertEquals("new\n", WorkedExample.generatedBlock(updated));
    }

    @Test
    void exampleShowsEveryRecordOfTheSession() {
        String markdown = WorkedExample.markdown();
        for (String expected : new String[] {"C->S data \"hello, secho\", seq 0", "S->C data \"STRASSE\", seq 1",
                "C->S close, seq 2", "S->C close, seq 2", "### Example 2: suite psk"}) {
            assertTrue(markdown.contains(expected), "worked example lacks: " + expected);
        }
    }
}
