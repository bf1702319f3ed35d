package io.secho.conformance.clients;

import io.secho.conformance.ShellWords;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client under test: the words of the command that runs it, with the placeholders {@value #HOST},
 * {@value #PORT}, {@value #SUITE} and {@value #PSK_FILE} replaced in each word for every case (the contract of
 * {@code --client-command}); no shell ever runs it. Built from the command as a user types it ({@link #parse})
 * or for the reference client the harness carries ({@link #reference}).
 *
 * @param words       the command's words, placeholders unreplaced
 * @param description what reports call the client: the command as typed, or the reference client
 */
public record ClientCommand(List<String> words, String description) {
    public static final String HOST = "{host}";
    public static final String PORT = "{port}";
    public static final String SUITE = "{suite}";
    public static final String PSK_FILE = "{psk_file}";
    private static final List<String> PLACEHOLDERS = List.of(HOST, PORT, SUITE, PSK_FILE);
    private static final Pattern BRACED = Pattern.compile("\\{([A-Za-z_-]+)}");
    /** The reference client's main class: in the harness jar, as in the reference jar. */
    public static final String REFERENCE_MAIN = "io.secho.cli.SechoCli";
    /** The reference client's wait for the server with {@code --client-reference}, as the contract shows it. */
    public static final String REFERENCE_TIMEOUT = "5s";

    public ClientCommand {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the client command is empty");
        }
    }

    /**
     * The command as typed after {@code --client-command}, split into words as a shell would.
     *
     * @throws IllegalArgumentException with a message fit for a user: an unclosed quote, no {@value #PORT} (the
     *                                  test server listens on a new port for every case), or a misspelt
     *                                  placeholder
     */
    public static ClientCommand parse(String command) {
        List<String> words = ShellWords.split(command);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the client command is empty");
        }
        for (String word : words) {
            Matcher braced = BRACED.matcher(word);
            while (braced.find()) {
                String found = braced.group();
                String meant = "{" + braced.group(1).toLowerCase(Locale.ROOT).replace('-', '_') + "}";
                if (!PLACEHOLDERS.contains(found)) {
                    String close = PLACEHOLDERS.stream().filter(p -> p.replace("_", "").equals(meant.replace("_", "")))
                            .findFirst().orElse("");
                    if (!close.isEmpty()) {
                        throw new IllegalArgumentException("the client command has " + found + "; the placeholder is "
                                + close);
                    }
                }
            }
        }
        if (words.stream().noneMatch(w -> w.contains(PORT))) {
            throw new IllegalArgumentException("the client command has no " + PORT + ": the test server listens on a "
                    + "new port for every case (placeholders: " + String.join(" ", PLACEHOLDERS) + ")");
        }
        return new ClientCommand(words, describe(command));
    }

    /**
     * What reports call a client given by its command: the command as typed, with any run of hex digits as long as
     * a key hidden (the key belongs in {@code {psk_file}}, not on the command line).
     */
    public static String describe(String command) {
        return "client command: " + io.secho.options.UsageErrors.mask(command.strip());
    }

    /**
     * The reference client the harness carries, run with the harness's own Java and class path (the harness jar
     * holds the reference classes): {@code --client-reference}.
     */
    public static ClientCommand reference() {
        List<String> words = new ArrayList<>(referenceMain());
        words.addAll(referenceClientArguments(REFERENCE_TIMEOUT));
        return new ClientCommand(words, "client command: the reference client (" + REFERENCE_MAIN + " client, the "
                + "harness's own Java and class path, --timeout " + REFERENCE_TIMEOUT + ")");
    }

    /** The reference tools' main class, started with the harness's own Java and class path. */
    public static List<String> referenceMain() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), REFERENCE_MAIN);
    }

    /** The reference client's words after its jar or main class: {@code client --host {host} ... --timeout T}. */
    public static List<String> referenceClientArguments(String timeout) {
        return List.of("client", "--host", HOST, "--port", PORT, "--suite", SUITE, "--psk-file", PSK_FILE, "--timeout",
                timeout);
    }

    /** The words to run for one case: each placeholder replaced in every word. */
    public List<String> resolve(String host, int port, String suite, Path pskFile) {
        return replaced(Map.of(HOST, host, PORT, Integer.toString(port), SUITE, suite, PSK_FILE, pskFile.toString()));
    }

    /** A lab client's words: the lab profile has only {@value #HOST} and {@value #PORT} (spec/lab-profile.md, 11). */
    public List<String> resolve(String host, int port) {
        return replaced(Map.of(HOST, host, PORT, Integer.toString(port)));
    }

    private List<String> replaced(Map<String, String> values) {
        List<String> resolved = new ArrayList<>();
        for (String word : words) {
            String replaced = word;
            for (Map.Entry<String, String> placeholder : values.entrySet()) {
                replaced = replaced.replace(placeholder.getKey(), placeholder.getValue());
            }
            resolved.add(replaced);
        }
        return resolved;
    }

    /**
     * Why the program cannot be started, if it cannot: a path that names no executable file, or a name found in
     * no directory of PATH.
     */
    public static Optional<String> findProgram(String program) {
        if (program.contains("/") || program.contains(java.io.File.separator)) {
            Path path = Path.of(program);
            if (!Files.isRegularFile(path)) {
                return Optional.of("no such program: " + program);
            }
            return Files.isExecutable(path) ? Optional.empty() : Optional.of(program + " is not executable");
        }
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : searchPath.split(java.io.File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            for (String suffix : List.of("", ".exe", ".cmd", ".bat")) {
                Path candidate = Path.of(directory, program + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("no program '" + program + "' on PATH");
    }

    /** The program the command starts: its first word. */
    public String program() {
        return words.get(0);
    }
}
