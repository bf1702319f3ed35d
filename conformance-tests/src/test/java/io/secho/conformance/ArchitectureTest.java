package io.secho.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness judges implementations with its own engine (io.secho.conformance.peer), never with the
 * reference's: a mistake the reference shares with a server under test would otherwise be invisible
 * (issue 12). This test reads every source file of the harness's main code and fails on any use of a
 * reference package, by import or by qualified name, outside the short list below. A plain text scan
 * rather than ArchUnit: the rule is about source names, and it needs no dependency.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final String HARNESS = "io.secho.conformance";
    private static final String PEER = "io.secho.conformance.peer";
    /** A use of the reference (any io.secho package outside the harness): its package, up to its class name. */
    private static final Pattern REFERENCE_USE = Pattern.compile(
            "\\bio\\.secho\\.(?!conformance\\b)([a-z0-9_]+)(?:\\.[a-z0-9_]+)*(?:\\.[A-Z][A-Za-z0-9_]*)?");

    /**
     * The reference packages main code may use, and why. Everything else (crypto, record, keyschedule,
     * handshake, wire, echo, alert, net, and any package the reference adds later) is forbidden.
     */
    private static final Map<String, String> ALLOWED_PACKAGES = Map.of(
            "cli", "the reference tools' main class, which the reference client runs are started with",
            "options", "option syntax shared with the reference tools (durations, key file messages, lab options)",
            "lab", "the lab profile still drives lab servers with the reference's lab classes (not yet on the peer)",
            "server", "the embedded target starts the reference server (EmbeddedReferenceServer only)",
            "client", "client cases may start the reference client");
    /** Packages only one file may use. */
    private static final Map<String, String> ONLY_IN = Map.of(
            "server", "io/secho/conformance/targets/EmbeddedReferenceServer.java");
    /** Single uses of a forbidden class, each by one file, with the reason in that file's comment. */
    private static final Set<String> EXCEPTIONS = Set.of(
            // The reference server takes its PSK in the reference's type; the key is the harness's own.
            "io/secho/conformance/targets/EmbeddedReferenceServer.java io.secho.crypto.PreSharedKey");

    @Test
    void mainCodeUsesNoReferenceEngine() throws IOException {
        List<Path> sources = sources();
        assertTrue(sources.size() > 100, "found only " + sources.size() + " sources under " + MAIN.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        for (Path source : sources) {
            String file = MAIN.relativize(source).toString().replace('\\', '/');
            for (Use use : uses(Files.readString(source, StandardCharsets.UTF_8))) {
                violations.addAll(judge(file, use));
            }
        }
        assertTrue(violations.isEmpty(), "the harness's main code uses the reference implementation where it must "
                + "use its own engine (io.secho.conformance.peer):\n" + String.join("\n", violations));
    }

    /** The engine is self-contained: nothing of the reference, nothing of the rest of the harness. */
    @Test
    void thePeerStandsAlone() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> peer = sources().stream().filter(p -> MAIN.relativize(p).toString().replace('\\', '/')
                .startsWith(PEER.replace('.', '/') + "/")).toList();
        assertTrue(peer.size() > 20, "the peer package has only " + peer.size() + " files");
        Pattern anySecho = Pattern.compile("\\bio\\.secho\\.[A-Za-z0-9_.]+");
        for (Path source : peer) {
            String code = withoutComments(Files.readString(source, StandardCharsets.UTF_8));
            Matcher m = anySecho.matcher(code);
            while (m.find()) {
                if (!m.group().startsWith(PEER)) {
                    violations.add(MAIN.relativize(source) + ": " + m.group());
                }
            }
        }
        assertTrue(violations.isEmpty(), "the peer must not use other code:\n" + String.join("\n", violations));
    }

    /**
     * One kernel: every case class is wired by the one extension, no other class of the harness is a JUnit
     * extension, and each profile's case context is the kernel's {@link CaseScope} plus helpers (composition),
     * never a hierarchy of its own.
     */
    @Test
    void oneExtensionAndOneCaseScopeServeEveryProfile() throws IOException {
        Pattern extendWith = Pattern.compile("@ExtendWith\\(([A-Za-z0-9_.]+)\\.class\\)");
        Pattern extensionType = Pattern.compile("\\bimplements\\b[^{]*\\b(ParameterResolver|ExecutionCondition|"
                + "InvocationInterceptor|AfterEachCallback|BeforeEachCallback|TestInstancePostProcessor)\\b");
        Pattern guardedCase = Pattern.compile("\\bimplements\\b[^{]*\\bGuardedCase\\b");
        List<String> violations = new ArrayList<>();
        int caseClasses = 0;
        int contexts = 0;
        for (Path source : sources()) {
            String file = MAIN.relativize(source).toString().replace('\\', '/');
            String code = withoutComments(Files.readString(source, StandardCharsets.UTF_8));
            Matcher m = extendWith.matcher(code);
            while (m.find()) {
                caseClasses++;
                if (!m.group(1).equals("ConformanceExtension")) {
                    violations.add(file + ": wired by " + m.group(1) + ", not the kernel's ConformanceExtension");
                }
            }
            if (extensionType.matcher(code).find() && !file.equals("io/secho/conformance/ConformanceExtension.java")) {
                violations.add(file + ": a JUnit extension besides the kernel's");
            }
            if (guardedCase.matcher(code).find()) {
                contexts++;
                if (!code.contains("private final CaseScope scope;")) {
                    violations.add(file + ": a case context without the kernel's CaseScope");
                }
            }
            if (Pattern.compile("\\bextends\\s+(CaseContext|LabContext|ClientCaseContext|LabClientContext)\\b")
                    .matcher(code).find()) {
                violations.add(file + ": extends a case context (compose a CaseScope instead)");
            }
        }
        assertTrue(caseClasses >= 15, "found only " + caseClasses + " case classes");
        assertEquals(4, contexts, "one case context per profile and side (v1, lab; server, client)");
        assertTrue(violations.isEmpty(), "the harness has one kernel:\n" + String.join("\n", violations));
    }

    /** The scan itself must see what it is for: an import, a qualified name, and not a comment. */
    @Test
    void theScanFindsImportsAndQualifiedNamesButNotComments() {
        String source = """
                package io.secho.conformance.cases;

                import io.secho.conformance.peer.Frame;
                import io.secho.record.RecordSealer;
                import static io.secho.wire.FrameLimits.HEADER_LENGTH;
                // io.secho.echo.EchoTransform is named in this comment only
                /* io.secho.handshake.Suite too,
                   io.secho.keyschedule.KeySchedule on a second line */
                class X {
                    Object o = io.secho.crypto.AesGcm.class;
                    String s = "a // not a comment start for the next line";
                    Object p = io.secho.alert.AlertCode.BUSY;
                }
                """;
        List<String> found = uses(source).stream().map(use -> use.line() + " " + use.packageName()).toList();
        assertEquals(List.of("4 record", "5 wire", "10 crypto", "12 alert"), found);
        assertEquals(1, judge("io/secho/conformance/cases/X.java", uses(source).get(0)).size(),
                "a forbidden package is a violation");
        assertTrue(judge("io/secho/conformance/targets/EmbeddedReferenceServer.java",
                new Use(1, "crypto", "io.secho.crypto.PreSharedKey")).isEmpty(), "the one exception");
        assertEquals(1, judge("io/secho/conformance/targets/TargetRun.java",
                new Use(1, "server", "io.secho.server.SechoServer")).size(), "the server outside its one file");
        assertTrue(judge("io/secho/conformance/lab/LabPeer.java", new Use(1, "lab", "io.secho.lab.LabDh")).isEmpty());
    }

    private record Use(int line, String packageName, String name) {
    }

    private static List<String> judge(String file, Use use) {
        String where = file + ":" + use.line() + ": " + use.name();
        if (EXCEPTIONS.contains(file + " " + use.name())) {
            return List.of();
        }
        if (!ALLOWED_PACKAGES.containsKey(use.packageName())) {
            return List.of(where + " (package io.secho." + use.packageName() + " is the reference's engine)");
        }
        String only = ONLY_IN.get(use.packageName());
        if (only != null && !only.equals(file)) {
            return List.of(where + " (only " + only + " may use io.secho." + use.packageName() + ")");
        }
        return List.of();
    }

    private static List<Use> uses(String source) {
        List<Use> uses = new ArrayList<>();
        String[] lines = withoutComments(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = REFERENCE_USE.matcher(lines[i]);
            while (m.find()) {
                uses.add(new Use(i + 1, m.group(1), m.group()));
            }
        }
        return uses;
    }

    /**
     * The source with its comments blanked out, line breaks kept (so line numbers stay right); string
     * literals are kept, so a comment marker inside one does not start a comment.
     */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != '"' && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(source.length(), end + 1);
                out.append(source, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> sources() throws IOException {
        assertTrue(Files.isDirectory(MAIN), MAIN.toAbsolutePath() + " is not the harness's main source tree");
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
