package io.secho.conformance.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The HTML report in a real browser, Debian's headless Chromium: it renders its case rows, the FAIL filter
 * leaves only failed cases visible and the family filter hides a family, and nothing is logged to the console
 * (no script error, no resource the page's policy refused). A copy of the report with a small self-check
 * script appended clicks the filters and writes what it saw into the DOM, which {@code --dump-dom} prints;
 * the report itself is screenshot as a build artefact (target/html-report-screenshot.png). Chromium is
 * required: {@code .ci/run} installs it, and without it this test fails rather than skipping.
 */
class HtmlReportBrowserIT {
    private static final Path WORK = Path.of("target", "html-report-browser");
    static final Path SCREENSHOT = Path.of("target", "html-report-screenshot.png");
    private static final long BROWSER_SECONDS = 120;
    /** Collects script errors, console errors and refused resources from the first moment of the page on. */
    private static final String CAPTURE = "<script>window.selftestErrors = [];"
            + "window.addEventListener('error', function (e) { window.selftestErrors.push('error: ' + e.message); });"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.selftestErrors.push('refused: ' + e.blockedURI); });"
            + "var consoleError = console.error; console.error = function () {"
            + " window.selftestErrors.push('console: ' + Array.prototype.join.call(arguments, ' '));"
            + " consoleError.apply(console, arguments); };</script>\n";
    /** Runs after the report's own script: clicks FAIL, then ALL with one family unticked, and reports. */
    private static final String SELF_CHECK = """
            <script>
            (function () {
              function visible() {
                return Array.prototype.filter.call(document.querySelectorAll('details.case'), function (item) {
                  return item.getClientRects().length > 0;
                });
              }
              function statuses(items) {
                return items.map(function (item) { return item.id.slice(5) + ':' + item.getAttribute('data-status'); })
                    .join(',');
              }
              var result = ['rows=' + document.querySelectorAll('details.case').length, 'initial=' + visible().length];
              document.querySelector('#filters button[data-status=fail]').click();
              result.push('fail=' + statuses(visible()));
              result.push('shown=' + document.getElementById('shown').textContent);
              document.querySelector('#filters button[data-status=all]').click();
              var box = document.querySelector('#filters input[name=family][value="Tag rejection"]');
              box.checked = false;
              box.dispatchEvent(new Event('change'));
              result.push('withoutTag=' + statuses(visible()));
              result.push('errors=' + window.selftestErrors.length + ' ' + window.selftestErrors.join(' | '));
              var out = document.createElement('pre');
              out.id = 'selftest';
              out.textContent = result.join('\\n');
              document.body.appendChild(out);
            })();
            </script>
            """;

    private static String chromium;

    @BeforeAll
    static void findChromium() {
        Optional<String> found = onPath("chromium");
        if (found.isEmpty()) {
            fail("Chromium is not installed (this test opens the HTML report in it): apt-get install -y chromium"
                    + ("true".equals(System.getenv("CI")) ? "; .ci/run installs it" : ""));
        }
        chromium = found.get();
    }

    @Test
    void theReportRendersFiltersAndLogsNothing() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path report = HtmlReport.write(JsonReport.toJson(HtmlFixture.summary()), Optional.of(HtmlFixture::replay), WORK);
        String page = Files.readString(report, StandardCharsets.UTF_8);
        Path checked = WORK.resolve("selftest.html");
        Files.writeString(checked, page.replaceFirst("<head>\n", "<head>\n" + Matcher.quoteReplacement(CAPTURE))
                .replace("</body>", SELF_CHECK + "</body>"), StandardCharsets.UTF_8);

        Run dumped = browser(WORK.resolve("dump"), "--dump-dom", checked.toAbsolutePath().toUri().toString());
        Matcher selfTest = Pattern.compile("(?s)<pre id=\"selftest\">(.*?)</pre>").matcher(dumped.out());
        assertTrue(selfTest.find(), "the self-check did not run: " + dumped);
        List<String> lines = List.of(selfTest.group(1).split("\n"));
        assertEquals(List.of("rows=8", "initial=8", "fail=TAG-002:fail,TAG-004:fail,CHS-001:fail",
                "shown=3 of 8 cases shown",
                "withoutTag=HS-001:pass,ECHO-002:error,LIM-004:skip,LIM-005:warn,CHS-001:fail", "errors=0 "), lines,
                "what the browser showed");

        // The report as it is, with its console logged: not one message.
        Run plain = browser(WORK.resolve("plain"), "--dump-dom", report.toAbsolutePath().toUri().toString());
        assertTrue(plain.out().contains("id=\"case-TAG-002\"") && plain.out().contains("8 of 8 cases shown"),
                "the report rendered and its script ran: " + plain.out().length() + " characters");
        List<String> console = plain.err().lines().filter(line -> line.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages of the report");

        Files.deleteIfExists(SCREENSHOT);
        Run shot = browser(WORK.resolve("shot"), "--hide-scrollbars", "--window-size=1280,1600",
                "--screenshot=" + SCREENSHOT.toAbsolutePath(), report.toAbsolutePath().toUri().toString());
        assertTrue(Files.isRegularFile(SCREENSHOT) && Files.size(SCREENSHOT) > 10_000, "no screenshot: " + shot);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1), "a PNG");
    }

    /** The shaded jar quotes the spec too: it carries the requirement texts the report renders. */
    @Test
    void theHarnessJarCarriesTheSpecText() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("secho.conformance.jar", "target/secho-conformance.jar"))) {
            for (String resource : List.of(HtmlSpecText.REQUIREMENTS_RESOURCE, HtmlSpecText.LAB_PROFILE_RESOURCE)) {
                assertTrue(jar.getEntry(resource.substring(1)) != null, resource + " missing from " + jar.getName());
            }
        }
    }

    private record Run(String out, String err) {
        @Override
        public String toString() {
            return "stdout:\n" + out + "\nstderr (end):\n" + err.substring(Math.max(0, err.length() - 3000));
        }
    }

    /** One headless Chromium run with a profile of its own, bounded in time, stopped by its handle if it hangs. */
    private static Run browser(Path dir, String... arguments) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--disable-gpu",
                // The sandbox needs user namespaces, which containers and root (CI) do not have.
                "--no-sandbox", "--no-first-run", "--disable-extensions", "--user-data-dir="
                        + dir.resolve("profile").toAbsolutePath(), "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(arguments));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish within " + BROWSER_SECONDS + " s: " + String.join(" ", command));
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Optional<String> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
