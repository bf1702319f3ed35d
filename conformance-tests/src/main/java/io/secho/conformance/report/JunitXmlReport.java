package io.secho.conformance.report;

import io.secho.conformance.Family;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code secho-conformance.xml} in the JUnit XML format CI servers read: a suite per family, the
 * requirement IDs as properties of each case, the decoded wire trace as its output.
 */
public final class JunitXmlReport {
    public static final String FILE_NAME = "secho-conformance.xml";

    private JunitXmlReport() {
    }

    public static Path write(RunSummary summary, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, render(summary), StandardCharsets.UTF_8);
        return file;
    }

    static String render(RunSummary summary) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuites name=\"secho-conformance\" tests=\"%d\" failures=\"%d\" "
                        + "errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n", summary.cases().size(),
                summary.count(Verdict.FAIL) + summary.count(Verdict.WARN),
                summary.count(Verdict.BLOCKED) + summary.count(Verdict.ERROR), summary.count(Verdict.SKIP),
                summary.millis() / 1000.0));
        for (Family family : Family.values()) {
            List<CaseResult> cases = summary.cases().stream().filter(c -> c.family() == family)
                    .collect(Collectors.toList());
            if (cases.isEmpty()) {
                continue;
            }
            long failures = cases.stream().filter(c -> c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN).count();
            long errors = cases.stream().filter(c -> c.verdict() == Verdict.BLOCKED || c.verdict() == Verdict.ERROR).count();
            long skipped = cases.stream().filter(c -> c.verdict() == Verdict.SKIP).count();
            xml.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                    + "skipped=\"%d\">%n", escape(family.title()), cases.size(), failures, errors, skipped));
            xml.append("    <properties>\n");
            xml.append(property("target", summary.target())).append(property("seed", summary.seed()));
            xml.append("    </properties>\n");
            for (CaseResult result : cases) {
                xml.append(String.format(Locale.ROOT, "    <testcase classname=\"secho.%s\" name=\"%s %s\" time=\"%.3f\">%n",
                        family.prefix(), escape(result.id()), escape(result.name()), result.millis() / 1000.0));
                xml.append("      <properties>\n");
                xml.append("  ").append(property("level", result.level().name()));
                for (String requirement : result.requirements()) {
                    xml.append("  ").append(property("requirement", requirement));
                }
                if (!result.endings().isEmpty()) {
                    xml.append("  ").append(property("allowed-endings", result.endings()));
                }
                xml.append("      </properties>\n");
                String firstLine = result.message().split("\n", 2)[0];
                if (result.verdict() == Verdict.FAIL || result.verdict() == Verdict.WARN) {
                    xml.append("      <failure message=\"").append(escape(firstLine)).append("\">")
                            .append(escape(result.message())).append("</failure>\n");
                } else if (result.verdict() == Verdict.BLOCKED || result.verdict() == Verdict.ERROR) {
                    xml.append("      <error type=\"").append(result.verdict().name()).append("\" message=\"")
                            .append(escape(firstLine)).append("\">").append(escape(result.message())).append("</error>\n");
                } else if (result.verdict() == Verdict.SKIP) {
                    xml.append("      <skipped message=\"").append(escape(result.message())).append("\"/>\n");
                }
                if (!result.trace().isEmpty()) {
                    xml.append("      <system-out>").append(escape(result.trace())).append("</system-out>\n");
                }
                xml.append("    </testcase>\n");
            }
            xml.append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }

    private static String property(String name, String value) {
        return "      <property name=\"" + escape(name) + "\" value=\"" + escape(value) + "\"/>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (allowed) {
                        out.appendCodePoint(c);
                    } else {
                        out.append(String.format("\\u%04x", c));
                    }
                }
            }
        });
        return out.toString();
    }
}
