package io.secho.conformance.clients;

import io.secho.conformance.net.ByteText;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one run of a client under test ended, and what it printed: its exit status (or that it was killed at the
 * run's limit), the first 64 KiB of its standard output (the replies it delivered, a line each) and the last
 * 64 KiB of its standard error.
 *
 * @param exitStatus {@link #KILLED} when the run's limit passed and the harness killed it
 */
public record ClientRunResult(int exitStatus, Duration limit, long millis, byte[] stdout, long stdoutTotal,
                              byte[] stderr, long stderrTotal) {
    /** No exit status: the client was killed at the run's limit. */
    public static final int KILLED = -1;
    /** The contract's exit status of a client that does not support what the case needs: the case is SKIP. */
    public static final int UNSUPPORTED = 127;
    /** Lines of standard error a report shows. */
    private static final int STDERR_TAIL_LINES = 5;

    public ClientRunResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    public boolean killed() {
        return exitStatus == KILLED;
    }

    public boolean unsupported() {
        return exitStatus == UNSUPPORTED;
    }

    /** Exited by itself with status 0. */
    public boolean success() {
        return exitStatus == 0;
    }

    /** Exited by itself with a status other than 0 (127 included). */
    public boolean failed() {
        return exitStatus != 0 && !killed();
    }

    /** The lines it printed on standard output, each without its LF or CRLF; a last line without LF counts too. */
    public List<byte[]> stdoutLines() {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < stdout.length; i++) {
            if (stdout[i] == '\n') {
                int end = i > start && stdout[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(stdout, start, end));
                start = i + 1;
            }
        }
        if (start < stdout.length) {
            lines.add(Arrays.copyOfRange(stdout, start, stdout.length));
        }
        return lines;
    }

    /** The lines of standard error, as text (bad UTF-8 replaced): for the reports. */
    public List<String> stderrLines() {
        String text = new String(stderr, StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\r?\n")).filter(line -> !line.isBlank()).collect(Collectors.toList());
    }

    /** The last non-blank line of standard error, if any: a SKIP's reason quotes it. */
    public Optional<String> lastStderrLine() {
        List<String> lines = stderrLines();
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /** {@code exit status 1}, or {@code did not exit within 45 s (killed)}. */
    public String exitDescription() {
        return killed() ? "did not exit within " + seconds(limit) + " (killed)" : "exit status " + exitStatus;
    }

    /** The exit, every line printed (quoted, as text or hex) and the end of standard error, in one paragraph. */
    public String describe() {
        StringBuilder text = new StringBuilder(exitDescription()).append(" after ").append(millis).append(" ms");
        List<byte[]> lines = stdoutLines();
        if (lines.isEmpty()) {
            text.append("; printed nothing on standard output");
        } else {
            text.append("; printed ").append(lines.size()).append(lines.size() == 1 ? " line: " : " lines: ")
                    .append(lines.stream().map(ClientRunResult::quoteLine).collect(Collectors.joining(", ")));
            if (stdoutTotal > stdout.length) {
                text.append(" (").append(stdoutTotal).append(" bytes in all, the first ").append(stdout.length)
                        .append(" kept)");
            }
        }
        List<String> errors = stderrLines();
        if (!errors.isEmpty()) {
            text.append("; standard error ends: ").append(String.join(" | ",
                    errors.subList(Math.max(0, errors.size() - STDERR_TAIL_LINES), errors.size())));
        }
        return text.toString();
    }

    /** A printed line as the reports show it: quoted text, or the hex of bytes that are no UTF-8 text. */
    public static String quoteLine(byte[] line) {
        Optional<String> text = strictUtf8(line);
        if (text.isPresent() && text.get().codePoints().noneMatch(Character::isISOControl)) {
            return "\"" + text.get().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return ByteText.describe(line);
    }

    static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "ClientRunResult[" + describe() + "]";
    }
}
