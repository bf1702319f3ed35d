package io.secho.conformance.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the reports a run wrote, as a CI integrator's tools would read them: the JSON report against
 * the schema the harness jar publishes, the JUnit XML against the JUnit form, and the two against each
 * other and against the exit code.
 */
public final class ReportChecks {
    /** Draft 2020-12, refusing unknown keywords: a misspelt keyword in the published schema fails here. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012()).unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                    .build());
    private static final String JUNIT_XSD = "/io/secho/conformance/report/junit.xsd";

    private ReportChecks() {
    }

    /** The published schema, read from the class path as the jar ships it. */
    public static Schema reportSchema() {
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertTrue(in != null, JsonReport.SCHEMA_RESOURCE + " is not on the class path");
            return SCHEMAS.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way the text breaks the published schema; empty when it conforms. */
    public static List<String> schemaViolations(String json) {
        return reportSchema().validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** The JSON report in {@code dir}, after checking it against the published schema. */
    public static JsonObject validJsonReport(Path dir) {
        String text = read(dir.resolve(JsonReport.FILE_NAME));
        List<String> violations = schemaViolations(text);
        assertEquals(List.of(), violations, dir.resolve(JsonReport.FILE_NAME) + " breaks its schema");
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** The JUnit XML report in {@code dir}, parsed, after checking it against the JUnit form. */
    public static Document validJunitXml(Path dir) {
        return validJunitXml(read(dir.resolve(JunitXmlReport.FILE_NAME)));
    }

    public static Document validJunitXml(String xml) {
        try (InputStream xsd = ReportChecks.class.getResourceAsStream(JUNIT_XSD)) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd))
                    .newValidator().validate(new StreamSource(new StringReader(xml)));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new AssertionError("not valid JUnit XML: " + e.getMessage() + "\n" + xml, e);
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Both reports of the run in {@code dir} are valid and tell the same story: the same cases with the same
     * verdicts, every count in the XML adds up, and a case is red in the XML exactly when it is what makes
     * the exit code non-zero (a MUST case failed or blocked and not expected, a listed case now passing, a
     * harness error), so the XML has something red exactly when the exit code is not 0.
     *
     * @return the parsed JSON report, for further checks
     */
    public static JsonObject assertReportsAgree(Path dir) {
        JsonObject json = validJsonReport(dir);
        Document xml = validJunitXml(dir);
        Map<String, JsonObject> cases = new HashMap<>();
        json.getAsJsonArray("cases").forEach(c -> cases.put(c.getAsJsonObject().get("id").getAsString(),
                c.getAsJsonObject()));
        Element root = xml.getDocumentElement();
        List<Element> testcases = new ArrayList<>();
        for (Element suite : children(root, "testsuite")) {
            List<Element> inSuite = children(suite, "testcase");
            assertCounts(suite, inSuite);
            testcases.addAll(inSuite);
        }
        assertCounts(root, testcases);
        long red = 0;
        List<String> seen = new ArrayList<>();
        for (Element testcase : testcases) {
            if (testcase.getAttribute("classname").equals("secho.RUN")) {
                assertTrue(!json.get("complete").getAsBoolean(), "only an incomplete run has a run testcase");
                red++;
                continue;
            }
            String id = testcase.getAttribute("name").split(" ", 2)[0];
            seen.add(id);
            JsonObject expected = cases.get(id);
            assertTrue(expected != null, id + " is in the XML, not in the JSON report");
            assertEquals(expected.get("status").getAsString().toUpperCase(java.util.Locale.ROOT),
                    properties(testcase).get("verdict"), id + ": the verdicts differ");
            String shown = result(testcase);
            assertEquals(expectedResult(expected), shown, id + ": " + expected.get("status") + " shows as " + shown);
            if (shown.equals("failure") || shown.equals("error")) {
                red++;
            }
        }
        assertEquals(cases.keySet().stream().sorted().toList(), seen.stream().sorted().toList(),
                "the XML and the JSON report hold the same cases");
        assertEquals(exitCodeIsNotZero(json), red > 0, "the XML is red exactly when the exit code is not 0 ("
                + red + " red testcases; summary " + json.get("summary") + ", baseline " + json.get("baseline") + ")");
        return json;
    }

    /** What the exit code is made of, read from the JSON report: see ExitCodes and the baseline's judgement. */
    private static boolean exitCodeIsNotZero(JsonObject json) {
        JsonObject summary = json.getAsJsonObject("summary");
        if (!json.get("complete").getAsBoolean() || summary.get("error").getAsLong() > 0) {
            return true;
        }
        if (json.has("baseline")) {
            return !json.getAsJsonObject("baseline").get("ok").getAsBoolean();
        }
        return summary.get("mustFailures").getAsLong() + summary.get("mustBlocked").getAsLong() > 0;
    }

    /** The JUnit result element a case must have, from its verdict, level and the baseline: "" for none. */
    private static String expectedResult(JsonObject item) {
        boolean expectedToFail = item.has("expectedFailure");
        return switch (item.get("status").getAsString()) {
            case "pass" -> expectedToFail ? "failure" : "";
            case "error" -> "error";
            case "fail" -> expectedToFail ? "skipped" : "failure";
            case "blocked" -> !expectedToFail && item.get("level").getAsString().equals("MUST") ? "error" : "skipped";
            default -> "skipped";
        };
    }

    private static void assertCounts(Element parent, List<Element> testcases) {
        String where = parent.getTagName() + " " + parent.getAttribute("name");
        assertEquals(testcases.size(), Integer.parseInt(parent.getAttribute("tests")), where + ": tests");
        for (String kind : List.of("failure", "error", "skipped")) {
            String attribute = kind.equals("failure") ? "failures" : kind.equals("error") ? "errors" : "skipped";
            long counted = testcases.stream().filter(t -> result(t).equals(kind)).count();
            assertEquals(counted, Long.parseLong(parent.getAttribute(attribute)), where + ": " + attribute);
        }
    }

    /** The testcase's result element: failure, error, skipped, or "" when it passed. */
    static String result(Element testcase) {
        List<String> found = new ArrayList<>();
        for (String kind : List.of("failure", "error", "skipped")) {
            if (!children(testcase, kind).isEmpty()) {
                found.add(kind);
            }
        }
        assertTrue(found.size() <= 1, testcase.getAttribute("name") + " has " + found);
        return found.isEmpty() ? "" : found.get(0);
    }

    /** A testcase's properties; a repeated name (requirement) keeps its values joined by a space. */
    static Map<String, String> properties(Element testcase) {
        Map<String, String> properties = new HashMap<>();
        for (Element block : children(testcase, "properties")) {
            for (Element property : children(block, "property")) {
                properties.merge(property.getAttribute("name"), property.getAttribute("value"), (a, b) -> a + " " + b);
            }
        }
        return properties;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The result element ({@code failure}, {@code error}, {@code skipped}) of the testcase whose name starts so. */
    public static Optional<Element> resultElement(Path dir, String testcaseName, String kind) {
        NodeList testcases = validJunitXml(dir).getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            if (testcase.getAttribute("name").startsWith(testcaseName)) {
                return children(testcase, kind).stream().findFirst();
            }
        }
        throw new AssertionError("no testcase " + testcaseName + " in " + dir.resolve(JunitXmlReport.FILE_NAME));
    }

    /** A case of the JSON report by ID. */
    public static JsonObject jsonCase(JsonObject report, String id) {
        for (JsonElement item : report.getAsJsonArray("cases")) {
            if (item.getAsJsonObject().get("id").getAsString().equals(id)) {
                return item.getAsJsonObject();
            }
        }
        throw new AssertionError(id + " is not in the report: " + report.getAsJsonArray("cases").asList().stream()
                .map(c -> c.getAsJsonObject().get("id").getAsString()).collect(Collectors.joining(" ")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
