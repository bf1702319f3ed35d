package io.secho.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference reads as layers, each using only the ones below it, so no package cycle can form: crypto primitives
 * know nothing of the protocol; alert codes, then the wire format; the key schedule; handshake messages and the
 * record layer; the sans-I/O sessions; the drivers (server, client, sockets); the command line. Other modules use
 * the public API only: never the command line's or the socket drivers' internals.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/io/secho");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.secho\\.([a-z]+)\\.");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\n]*");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+\"");

    /** Each package's layer: a package may use packages of lower layers only. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("crypto", 0),
            Map.entry("alert", 1),
            Map.entry("insecure", 1),
            Map.entry("wire", 2),
            Map.entry("echo", 2),
            Map.entry("keyschedule", 3),
            Map.entry("handshake", 4),
            Map.entry("record", 5),
            Map.entry("session", 6),
            Map.entry("net", 7),
            Map.entry("lab", 8),
            Map.entry("server", 8),
            Map.entry("client", 8),
            Map.entry("options", 9),
            Map.entry("example", 9),
            Map.entry("cli", 10));
    /** Packages no other module may use: the reference's own command line and its socket plumbing. */
    static final Set<String> INTERNAL = Set.of("cli", "net");
    private static final List<Path> CONSUMERS = List.of(Path.of("../conformance-tests/src/main/java"),
            Path.of("../vectors/src/main/java"), Path.of("../benchmarks/src/main/java"));

    @Test
    void everyPackageHasALayer() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            Set<String> found = packages.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(LAYERS.keySet()), found, "a package was added or removed: give it its layer");
        }
    }

    @Test
    void eachPackageUsesOnlyLowerLayers() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> uses : usesPerPackage().entrySet()) {
            int layer = LAYERS.get(uses.getKey());
            for (String used : uses.getValue()) {
                Integer usedLayer = LAYERS.get(used);
                if (usedLayer == null || usedLayer >= layer) {
                    violations.add(uses.getKey() + " (layer " + layer + ") uses " + used + " (layer " + usedLayer + ")");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void cryptoKnowsNoProtocol() throws IOException {
        assertEquals(Set.of(), usesPerPackage().getOrDefault("crypto", Set.of()),
                "crypto throws no protocol alert and uses no wire helper: the handshake maps its errors to alerts");
    }

    @Test
    void otherModulesUseThePublicApiOnly() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path root : CONSUMERS) {
            assertTrue(Files.isDirectory(root), root + " is missing");
            for (Path file : javaFiles(root)) {
                for (String used : referencedPackages(file)) {
                    if (INTERNAL.contains(used)) {
                        violations.add(root.relativize(file) + " uses io.secho." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckSeesAnImportAndAFullyQualifiedNameButNotAComment() {
        assertEquals(Set.of("wire", "cli"), references("import io.secho.wire.Frame;\n"
                + "class A { Object o = new io.secho.cli.SechoCli(); // io.secho.net.GracefulClose\n"
                + "/* io.secho.server.SechoServer */ String s = \"io.secho.lab.LabKey\"; }"));
    }

    private static Map<String, Set<String>> usesPerPackage() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : javaFiles(MAIN)) {
            String own = MAIN.relativize(file).getName(0).toString();
            Set<String> used = uses.computeIfAbsent(own, k -> new TreeSet<>());
            referencedPackages(file).stream().filter(p -> !p.equals(own)).forEach(used::add);
        }
        return uses;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Set<String> referencedPackages(Path file) throws IOException {
        return references(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Set<String> references(String source) {
        String code = LINE_COMMENT.matcher(STRING.matcher(BLOCK_COMMENT.matcher(source).replaceAll(" "))
                .replaceAll("\"\"")).replaceAll(" ");
        Set<String> packages = new TreeSet<>();
        Matcher matcher = REFERENCE.matcher(code);
        while (matcher.find()) {
            if (!matcher.group(1).equals("conformance") && !matcher.group(1).equals("vectors")
                    && !matcher.group(1).equals("bench")) {
                packages.add(matcher.group(1));
            }
        }
        return packages;
    }
}
