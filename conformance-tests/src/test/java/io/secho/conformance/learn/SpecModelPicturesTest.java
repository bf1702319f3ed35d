package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * spec/secho-v1-server-model.dot and .svg are written from the JSON model by the harness's own writers: this
 * test fails when either drifts from what the writers make of the JSON now. Run it with
 * -Dsecho.regenerate.pictures=true to rewrite them after changing the JSON or the writers.
 */
final class SpecModelPicturesTest {
    private static final String JSON = "secho-v1-server-model.json";
    private static final String DOT = "secho-v1-server-model.dot";
    private static final String SVG = "secho-v1-server-model.svg";
    private static final String GRAPH_NAME = "secho_v1_server";
    private static final String COMMENT = "Written by the harness from " + JSON
            + " (Table 8 as a Mealy machine); do not edit: a test fails when this file drifts from the JSON.";
    private static final String TITLE = "Secho v1 server: the spec's state machine (Table 8)";

    @Test
    void theCheckedInPicturesAreWhatTheWritersMakeOfTheJson() throws IOException {
        Path dir = Path.of(System.getProperty("secho.spec.dir", "../spec"));
        ModelGraph graph = ModelGraph.of(SpecModel.parse(Files.readString(dir.resolve(JSON))));
        String dot = MealyDot.render(graph, GRAPH_NAME, COMMENT);
        String svg = MealySvg.render(graph, TITLE);
        if (Boolean.getBoolean("secho.regenerate.pictures")) {
            Files.writeString(dir.resolve(DOT), dot, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(SVG), svg, StandardCharsets.UTF_8);
        }
        assertEquals(dot, Files.readString(dir.resolve(DOT)), DOT + " drifted; see this test's comment");
        assertEquals(svg, Files.readString(dir.resolve(SVG)), SVG + " drifted; see this test's comment");
        assertTrue(dot.contains("\"ESTABLISHED\" -> \"ESTABLISHED\" [label=\"Data(valid) / Echo\"]"), dot);
    }
}
