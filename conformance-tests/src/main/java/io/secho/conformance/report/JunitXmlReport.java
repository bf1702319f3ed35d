package io.secho.conformance.report;

import io.secho.conformance.Family;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.targets.Preflight;
import io.secho.conformance.targets.SuiteSupport;
import io.secho.conformance.targets.TargetDescription;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code secho-conformance.xml} in the JUnit XML form CI servers read (Jenkins, GitLab, GitHub test
 * reporters): a {@code <testsuite>} per family, a {@code <testcase>} per case. What is red there agrees
 * with the exit code ({@link JunitOutcome}); each case's verdict, requirements, and the expected, sent
 * and received parts of a failure are properties, its wire trace is its output. Every number is written
 * the same way whatever the locale.
 */
public final class JunitXmlReport {
    public static final String FILE_NAME = "secho-conformance.xml";
    /** The JUnit form's timestamp: ISO 8601 without a zone; ours is UTC. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    private JunitXmlReport() {
    }

    public static Path write(RunSummary summary, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        // Buffered: the StAX writer writes a few bytes at a time, and unbuffered that is a system call each
        // (seconds for a run's traces).
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
            write(summary, hostname(), xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static String render(RunSummary summary, String hostname) {
        Writer text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            write(summary, hostname, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML to a string", e);
        }
        return text.toString();
    }

    private static void write(RunSummary summary, String hostname, XMLStreamWriter xml) throws XMLStreamException {
        Function<CaseResult, JunitOutcome> outcome = c -> JunitOutcome.of(c, summary.baseline());
        String timestamp = TIMESTAMP.format(summary.started().truncatedTo(ChronoUnit.SECONDS));
        List<List<CaseResult>> families = new ArrayList<>();
        for (Family family : Family.values()) {
            List<CaseResult> cases = summary.cases().stream().filter(c -> c.family() == family).toList();
            if (!cases.isEmpty()) {
                families.add(cases);
            }
        }
        boolean incomplete = summary.incomplete().isPresent();

        xml.writeStartDocument("UTF-8", "1.0");
        newline(xml);
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "secho-conformance");
        counts(xml, summary.cases().stream().map(outcome).toList(), incomplete ? 1 : 0);
        xml.writeAttribute("time", seconds(summary.millis()));
        xml.writeAttribute("timestamp", timestamp);
        newline(xml);
        for (List<CaseResult> cases : families) {
            Family family = cases.get(0).family();
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", family.title());
            counts(xml, cases.stream().map(outcome).toList(), 0);
            xml.writeAttribute("time", seconds(cases.stream().mapToLong(CaseResult::millis).sum()));
            xml.writeAttribute("timestamp", timestamp);
            xml.writeAttribute("hostname", hostname);
            newline(xml);
            runProperties(xml, summary);
            for (CaseResult result : cases) {
                testcase(xml, family, result, outcome.apply(result));
            }
            xml.writeEndElement();
            newline(xml);
        }
        if (incomplete) {
            incompleteRun(xml, summary, timestamp, hostname);
        }
        xml.writeEndElement();
        newline(xml);
        xml.writeEndDocument();
    }

    /** @param runErrors testcases beside the cases' own: the incomplete run's, which is an error */
    private static void counts(XMLStreamWriter xml, List<JunitOutcome> outcomes, int runErrors)
            throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(outcomes.size() + (long) runErrors));
        xml.writeAttribute("failures", Long.toString(count(outcomes, JunitOutcome.Kind.FAILURE)));
        xml.writeAttribute("errors", Long.toString(count(outcomes, JunitOutcome.Kind.ERROR) + runErrors));
        xml.writeAttribute("skipped", Long.toString(count(outcomes, JunitOutcome.Kind.SKIPPED)));
    }

    private static long count(List<JunitOutcome> outcomes, JunitOutcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    /** What the run was pointed at, with what seed: the same in every suite, where JUnit XML keeps such facts. */
    private static void runProperties(XMLStreamWriter xml, RunSummary summary) throws XMLStreamException {
        TargetDescription target = summary.target();
        xml.writeStartElement("properties");
        newline(xml);
        property(xml, "protocol", summary.protocol());
        property(xml, "target", target.label());
        property(xml, "target.kind", target.kind().jsonName());
        if (target.address().isPresent()) {
            property(xml, "target.address", target.address().get());
        }
        if (target.image().isPresent()) {
            property(xml, "target.image", target.image().get());
        }
        if (target.preflight().isPresent()) {
            Preflight preflight = target.preflight().get();
            for (Suite suite : Suite.values()) {
                SuiteSupport support = preflight.suites().get(suite);
                if (support != null) {
                    property(xml, "target.suite." + suite.wireName(), support.status().reportName() + ": "
                            + support.detail());
                }
            }
            if (preflight.unusable().isPresent()) {
                property(xml, "target.unusable", preflight.unusable().get());
            }
        }
        if (summary.seed().isPresent()) {
            property(xml, "seed", Long.toString(summary.seed().getAsLong()));
        }
        property(xml, "complete", Boolean.toString(summary.incomplete().isEmpty()));
        xml.writeEndElement();
        newline(xml);
    }

    private static void testcase(XMLStreamWriter xml, Family family, CaseResult result, JunitOutcome outcome)
            throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "secho." + family.prefix());
        xml.writeAttribute("name", clean(result.id() + " " + result.name()));
        xml.writeAttribute("time", seconds(result.millis()));
        newline(xml);
        caseProperties(xml, result);
        switch (outcome.kind()) {
            case FAILURE, ERROR -> {
                xml.writeStartElement(outcome.kind() == JunitOutcome.Kind.FAILURE ? "failure" : "error");
                xml.writeAttribute("type", clean(outcome.type()));
                xml.writeAttribute("message", clean(outcome.message()));
                xml.writeCharacters(clean(result.message()));
                xml.writeEndElement();
                newline(xml);
            }
            case SKIPPED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", clean(outcome.message()));
                newline(xml);
            }
            case PASSED -> {
                // Nothing to say but the trace.
            }
        }
        // A skipped case has no element body for its message: the output keeps the whole of it.
        String output = (outcome.kind() == JunitOutcome.Kind.SKIPPED && !result.message().isBlank()
                ? result.message() + "\n\n" : "") + result.trace();
        if (!output.isBlank()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(output));
            xml.writeEndElement();
            newline(xml);
        }
        xml.writeEndElement();
        newline(xml);
    }

    private static void caseProperties(XMLStreamWriter xml, CaseResult result) throws XMLStreamException {
        xml.writeStartElement("properties");
        newline(xml);
        property(xml, "verdict", result.verdict().name());
        property(xml, "level", result.level().name());
        for (String requirement : result.requirements()) {
            property(xml, "requirement", requirement);
        }
        if (!result.endings().isEmpty()) {
            property(xml, "allowed-endings", result.endings());
        }
        if (result.detail() instanceof VerdictDetail.Mismatch mismatch) {
            for (String requirement : mismatch.requirements()) {
                property(xml, "failed-requirement", requirement);
            }
            property(xml, "expected", mismatch.expected());
            if (!mismatch.sent().isEmpty()) {
                property(xml, "sent", mismatch.sent());
            }
            property(xml, "received", mismatch.received());
        } else if (result.detail() instanceof VerdictDetail.Blocked blocked) {
            property(xml, "blocked.cause", blocked.cause());
            if (!blocked.see().isEmpty()) {
                property(xml, "blocked.see", blocked.see());
            }
            if (!blocked.detail().isEmpty()) {
                property(xml, "blocked.detail", blocked.detail());
            }
        }
        xml.writeEndElement();
        newline(xml);
    }

    /** A run cut short is red even if no case had the time to be: one testcase says why. */
    private static void incompleteRun(XMLStreamWriter xml, RunSummary summary, String timestamp, String hostname)
            throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "Run");
        xml.writeAttribute("tests", "1");
        xml.writeAttribute("failures", "0");
        xml.writeAttribute("errors", "1");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(summary.millis()));
        xml.writeAttribute("timestamp", timestamp);
        xml.writeAttribute("hostname", hostname);
        newline(xml);
        runProperties(xml, summary);
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "secho.RUN");
        xml.writeAttribute("name", "the run is complete");
        xml.writeAttribute("time", seconds(summary.millis()));
        xml.writeStartElement("error");
        xml.writeAttribute("type", "INCOMPLETE");
        String why = summary.incomplete().orElseThrow();
        xml.writeAttribute("message", clean(JunitOutcome.oneLine("the run is incomplete: " + why)));
        xml.writeCharacters(clean(why));
        xml.writeEndElement();
        xml.writeEndElement();
        newline(xml);
        xml.writeEndElement();
        newline(xml);
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(JunitOutcome.oneLine(value)));
        newline(xml);
    }

    /** Seconds with three decimals and a point, whatever the locale: {@code 0.444}, never {@code 0,444}. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    /** Lines for people who open the file; the writer would put everything on one. */
    private static void newline(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n");
    }

    /**
     * What a server sent may hold characters XML 1.0 cannot carry at all (NUL, most control characters, a
     * lone surrogate): they are written as {@code \}{@code uXXXX}, so the document stays well-formed.
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
