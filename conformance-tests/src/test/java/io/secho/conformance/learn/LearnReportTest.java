package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** What a person and a tool see of a learn run: the console verdict, DOT, SVG, JSON and HTML. */
final class LearnReportTest {
    private static final String HELLO = "ClientHello(x25519)";
    private static final String REPLAY_PREFIX = "java -jar secho-conformance.jar learn --target h:1 --replay ";
    private static final Function<List<String>, String> REPLAY = word -> REPLAY_PREFIX + "\"" + String.join(" ", word)
            + "\"";
    private static final SpecModel SPEC = SpecModel.server();
    private static final LearnStatistics STATISTICS = new LearnStatistics(412, 1803, 3, Duration.ofMillis(12_400),
            false, "max 20000 queries, 10m", List.of());

    /** The spec's server with a second ClientHello accepted in AWAIT_CLIENT_FINISHED, for every suite. */
    private static ModelComparison secondHello() {
        CompactMealy<String, String> broken = SPEC.machine();
        int awaitFinished = broken.getSuccessor(broken.getInitialState(), HELLO);
        for (String hello : List.of(HELLO, "ClientHello(modp2048)", "ClientHello(psk)")) {
            broken.removeAllTransitions(awaitFinished, hello);
            broken.addTransition(awaitFinished, hello, awaitFinished, "ServerHello+Finished");
        }
        return ModelComparison.compare(broken, SPEC, ModelComparison.SERVER_MACHINE_REQUIREMENT);
    }

    /** A one-state spec and a learned machine whose names hold every character markup cares about. */
    private static ModelComparison hostile() {
        String json = """
                {"initialState":"S<&\\"'>","states":[{"name":"S<&\\"'>"}],
                 "inputs":[{"name":"a<b","concrete":"sends <b> & \\"c\\""},{"name":"c&d"}],
                 "transitions":[{"source":"S<&\\"'>","input":"a<b","output":"ok","target":"S<&\\"'>"},
                                {"source":"S<&\\"'>","input":"c&d","output":"ok","target":"S<&\\"'>"}]}
                """;
        SpecModel spec = SpecModel.parse(json);
        CompactMealy<String, String> learned = spec.machine();
        int s = learned.getInitialState();
        learned.removeAllTransitions(s, "a<b");
        learned.addTransition(s, "a<b", s, "x<y>&\"z'\\");
        return ModelComparison.compare(learned, spec, "REQ-HS-10");
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** How many elements of a kind (path: edges, tspan: label lines) the picture highlights. */
    private static int differing(Document svg, String tag) {
        int count = 0;
        NodeList nodes = svg.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            String css = nodes.item(i).getAttributes().getNamedItem("class") == null ? ""
                    : nodes.item(i).getAttributes().getNamedItem("class").getNodeValue();
            count += css.equals("differs") ? 1 : 0;
        }
        return count;
    }

    @Test
    void theConsoleVerdictShowsTheSequenceTheRequirementsAndTheReplay() {
        String text = VerdictText.render(new LearnOutcome("h:1", List.of("x25519"), secondHello(), STATISTICS), REPLAY);
        assertTrue(text.contains("Verdict: DIFFERENT: 1 difference"), text);
        assertTrue(text.contains("Difference 1: in AWAIT_CLIENT_FINISHED, ClientHello(x25519|modp2048|psk)"), text);
        assertTrue(text.contains("expected Alert(unexpected_message,plaintext)+FIN"), text);
        assertTrue(text.contains("actual   ServerHello+Finished"), text);
        assertTrue(text.contains(SPEC.concrete(HELLO)), text);
        assertTrue(text.contains("REQ-HS-10"), text);
        assertTrue(text.contains("replay: " + REPLAY_PREFIX + "\"ClientHello(x25519) ClientHello(x25519)\""), text);
        assertEquals(1, text.split("<- differs", -1).length - 1, text);
        assertTrue(text.contains("412 queries, 1803 messages sent, 3 equivalence rounds, 12.4 s"), text);
        assertTrue(text.contains("Non-determinism: none seen."), text);
        assertFalse(text.matches("(?s).*(io\\.secho|Exception|CompactMealy|RecordForge|KeyExchange).*"), text);
    }

    @Test
    void theVerdictIsEquivalentOnlyWhenTheSearchRanToItsEnd() {
        ModelComparison same = ModelComparison.compare(SPEC.machine(), SPEC, "REQ-HS-10");
        assertEquals(LearnVerdict.EQUIVALENT, LearnVerdict.of(same, STATISTICS));
        LearnStatistics bounded = new LearnStatistics(20_000, 90_000, 1, Duration.ofMinutes(10), true, "max 20000",
                List.of());
        assertEquals(LearnVerdict.INCOMPLETE, LearnVerdict.of(same, bounded));
        LearnStatistics unsure = new LearnStatistics(10, 20, 1, Duration.ofSeconds(1), false, "none",
                List.of(new Nondeterminism(List.of(HELLO), Map.of(List.of("Nothing"), 2, List.of("Reset"), 2), false)));
        assertEquals(LearnVerdict.INCOMPLETE, LearnVerdict.of(same, unsure));
        assertEquals(LearnVerdict.DIFFERENT, LearnVerdict.of(secondHello(), bounded));
        String text = VerdictText.render(new LearnOutcome("h:1", List.of("x25519"), same, unsure), REPLAY);
        assertTrue(text.contains("ClientHello(x25519) -> Nothing (2x) | Reset (2x); no clear majority"), text);
    }

    @Test
    void theDotMergesTransitionsAndHighlightsTheDifferingOnes() {
        String dot = MealyDot.render(secondHello().learnedGraph(), "learned", "test");
        assertTrue(dot.contains("\"AWAIT_CLIENT_FINISHED\" -> \"AWAIT_CLIENT_FINISHED\" [label=\"ClientHello(x25519|"
                + "modp2048|psk) / ServerHello+Finished\", color=\"#c62828\", fontcolor=\"#c62828\", style=bold"), dot);
        assertEquals(1, dot.split("style=bold", -1).length - 1, dot);
        assertEquals(dot, MealyDot.render(secondHello().learnedGraph(), "learned", "test"));
    }

    @Test
    void theDotEscapesQuotesAndBackslashes() {
        String dot = MealyDot.render(hostile().learnedGraph(), "learned", "test");
        assertTrue(dot.contains("\"S<&\\\"'>\" -> \"S<&\\\"'>\" [label=\"a<b / x<y>&\\\"z'\\\\\", color="), dot);
    }

    @Test
    void theSvgIsWellFormedAndHighlightsTheDifferingTransitions() throws Exception {
        Document spec = xml(MealySvg.render(ModelGraph.of(SPEC), "spec"));
        assertEquals(0, differing(spec, "path") + differing(spec, "tspan"));
        assertEquals(4, spec.getElementsByTagName("g").getLength());
        String text = MealySvg.render(secondHello().learnedGraph(), "learned");
        Document learned = xml(text);
        assertEquals(1, differing(learned, "path"), text);
        assertEquals(2, differing(learned, "tspan"), text);
        String highlighted = "";
        NodeList lines = learned.getElementsByTagName("tspan");
        for (int i = 0; i < lines.getLength(); i++) {
            if (lines.item(i).getAttributes().getNamedItem("class") != null) {
                highlighted += lines.item(i).getTextContent().strip() + " ";
            }
        }
        assertEquals("ClientHello(x25519|modp2048|psk) / ServerHello+Finished", highlighted.strip());
        assertEquals(text, MealySvg.render(secondHello().learnedGraph(), "learned"));
    }

    /** ESTABLISHED three times over, Data(valid) going round: two of the copies close alike by arcs. */
    @Test
    void arcsIntoTheSameStateWithTheSameLabelShareIt() throws Exception {
        CompactMealy<String, String> tripled = SPEC.machine();
        int established = tripled.getSuccessor(tripled.getInitialState(), List.of(HELLO, "Finished(right)"));
        int second = tripled.addState();
        int third = tripled.addState();
        for (int copy : List.of(second, third)) {
            for (String input : SPEC.inputs()) {
                tripled.addTransition(copy, input, tripled.getSuccessor(established, input),
                        tripled.getOutput(established, input));
            }
        }
        int[] ring = {established, second, third};
        for (int i = 0; i < ring.length; i++) {
            tripled.removeAllTransitions(ring[i], "Data(valid)");
            tripled.addTransition(ring[i], "Data(valid)", ring[(i + 1) % ring.length], "Echo");
        }
        ModelComparison comparison = ModelComparison.compare(tripled, SPEC, "REQ-HS-10");
        assertTrue(comparison.equivalent());
        Document svg = xml(MealySvg.render(comparison.learnedGraph(), ""));
        int badPayload = 0;
        NodeList lines = svg.getElementsByTagName("tspan");
        for (int i = 0; i < lines.getLength(); i++) {
            badPayload += lines.item(i).getTextContent().contains("Alert(bad_payload") ? 1 : 0;
        }
        // One label on the left for the copy next to CLOSED, one shared by the two arcs on the right; each
        // counted twice, as its line and as the line's output part.
        assertEquals(2 * 2, badPayload);
    }

    @Test
    void theSvgEscapesMarkup() throws Exception {
        String text = MealySvg.render(hostile().learnedGraph(), "title <&\">");
        String content = xml(text).getDocumentElement().getTextContent();
        assertTrue(content.contains("S<&\"'>"), content);
        assertTrue(content.contains("a<b / x<y>&\"z'\\"), content);
        assertTrue(content.contains("title <&\">"), content);
    }

    @Test
    void theReportFilesHoldTheVerdictTheModelAndTheDifferences(@TempDir Path dir) throws Exception {
        LearnOutcome outcome = new LearnOutcome("<script>alert(1)</script>:1", List.of("x25519", "modp2048"),
                secondHello(), STATISTICS);
        List<Path> files = LearnReport.write(outcome, REPLAY, dir);
        assertEquals(List.of(LearnReport.JSON_FILE, LearnReport.HTML_FILE, LearnReport.DOT_FILE, LearnReport.SVG_FILE),
                files.stream().map(p -> p.getFileName().toString()).toList());

        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(LearnReport.JSON_FILE))).getAsJsonObject();
        assertEquals(LearnReport.FORMAT, json.get("format").getAsString());
        assertEquals("different", json.get("verdict").getAsString());
        assertEquals(2, json.getAsJsonArray("suites").size());
        JsonArray differences = json.getAsJsonArray("differences");
        assertEquals(1, differences.size());
        JsonObject d = differences.get(0).getAsJsonObject();
        assertEquals(3, d.getAsJsonArray("inputs").size());
        assertEquals(REPLAY.apply(List.of(HELLO, HELLO)), d.get("replay").getAsString());
        assertEquals(1803, json.getAsJsonObject("statistics").get("inputSymbols").getAsLong());
        JsonObject model = json.getAsJsonObject("learnedModel");
        assertEquals("AWAIT_CLIENT_HELLO", model.get("initialState").getAsString());
        assertEquals(4, model.getAsJsonArray("states").size());
        assertEquals(4 * SPEC.inputs().size(), model.getAsJsonArray("transitions").size());
        long differing = model.getAsJsonArray("transitions").asList().stream()
                .filter(t -> t.getAsJsonObject().get("differs").getAsBoolean()).count();
        assertEquals(3, differing);

        String html = Files.readString(dir.resolve(LearnReport.HTML_FILE));
        assertFalse(html.contains("<script>alert(1)"), "the target's name is markup on the page");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;:1"));
        assertTrue(html.contains("<span class=\"badge fail\" id=\"verdict\">DIFFERENT</span>"), html);
        assertTrue(html.contains("REQ-HS-10"));
        assertTrue(html.contains(SPEC.concrete(HELLO)));
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
        assertEquals(1, differing(xml(svg), "path"));
        assertEquals(Files.readString(dir.resolve(LearnReport.SVG_FILE)).strip(), svg.strip());
        assertTrue(Files.readString(dir.resolve(LearnReport.DOT_FILE)).contains("style=bold"));
    }
}
