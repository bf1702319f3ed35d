package io.secho.bench;

import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.Report;
import io.secho.bench.server.ServerHandle;
import io.secho.bench.server.ServerKind;
import io.secho.bench.server.ServerProcess;
import io.secho.bench.server.TlsCredentials;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.Suite;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run of the end-to-end part with tiny windows: every figure is produced, TLS handshakes are full, and the
 * profiles asked for are written.
 */
class TinyRunTest {
    @Test
    void everyEndToEndFigureIsProduced(@TempDir Path work) throws Exception {
        RunPlan plan = new RunPlan("tiny", Duration.ZERO, Duration.ofMillis(200), 1, 1, Duration.ofMillis(100),
                List.of(Suite.values()), 2, List.of(1, 2), List.of(16), 10);
        PreSharedKey psk = PreSharedKey.of(new byte[PreSharedKey.LENGTH]);
        TlsCredentials credentials = TlsCredentials.generate(work);
        Report report = new Report(List.of());
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()));
        Map<String, String> pskVariable = Map.of(ServerProcess.PSK_VARIABLE, Hex.encode(psk.bytes()));
        List<Figure> sameRunBaseline;
        try (ServerHandle secho = ServerHandle.start(ServerKind.SECHO, "64", pskVariable, List.of(),
                work.resolve("s.log"));
             ServerHandle tls = ServerHandle.start(ServerKind.TLS, credentials.keyStore().toString(),
                     Map.of(TlsCredentials.PASSWORD_VARIABLE, credentials.password()), List.of(),
                     work.resolve("t.log"));
             // The same server as the baseline: what matters here is that its figures are taken and named.
             ServerHandle baseline = ServerHandle.start(ServerKind.SECHO, "64", pskVariable, List.of(),
                     work.resolve("b.log"))) {
            EndToEndBenchmark endToEnd = new EndToEndBenchmark(plan, report, quiet, Optional.empty(), 2,
                    new EndToEndBenchmark.Servers(secho, psk, tls, credentials.trustManagers(), Optional.of(baseline)),
                    new PhaseProfiles(Optional.of(work), quiet));
            endToEnd.handshakes();
            endToEnd.echo();
            sameRunBaseline = endToEnd.sameRunBaseline();
        }
        List<String> names = report.figures().stream()
                .filter(figure -> !figure.section().equals(FigureNames.BASELINE_SERVER))
                .map(Figure::name).collect(Collectors.toList());
        assertEquals(List.of(
                "x25519 handshakes/s, 2 clients", "x25519 server CPU per handshake",
                "modp2048 handshakes/s, 2 clients", "modp2048 server CPU per handshake",
                "psk handshakes/s, 2 clients", "psk server CPU per handshake",
                "16 B x 1 conn throughput", "16 B x 1 conn latency p50", "16 B x 1 conn latency p99",
                "16 B x 1 conn server CPU per message",
                "16 B x 2 conn throughput", "16 B x 2 conn latency p50", "16 B x 2 conn latency p99",
                "16 B x 2 conn server CPU per message"), names);
        // The baseline server's figures carry the current server's sections and names, so the targets find them.
        assertEquals(List.of(
                "handshakes/x25519 handshakes/s, 2 clients", "handshakes/x25519 server CPU per handshake",
                "handshakes/modp2048 handshakes/s, 2 clients", "handshakes/modp2048 server CPU per handshake",
                "handshakes/psk handshakes/s, 2 clients", "handshakes/psk server CPU per handshake",
                "echo/16 B x 1 conn throughput", "echo/16 B x 1 conn latency p99", "echo/16 B x 1 conn server CPU per message",
                "echo/16 B x 2 conn throughput", "echo/16 B x 2 conn latency p99", "echo/16 B x 2 conn server CPU per message"),
                sameRunBaseline.stream().map(figure -> figure.section() + "/" + figure.name()).toList());
        assertEquals(sameRunBaseline.size(), report.figures().stream()
                .filter(figure -> figure.section().equals(FigureNames.BASELINE_SERVER)).count());
        // Cold JVMs may complete no handshake inside a window this short; what must hold is that the TLS
        // handshakes that did complete, warm-up included, were all full ones.
        Figure tlsHandshakes = report.figures().get(0);
        assertTrue(tlsHandshakes.tls().isPresent(), tlsHandshakes.toString());
        assertTrue(tlsHandshakes.note().matches(".*all [1-9][0-9]* TLS handshakes full \\(server signed each\\).*"),
                tlsHandshakes.note());
        assertTrue(!tlsHandshakes.note().contains("errors"), tlsHandshakes.note());
        // --profile-dir: the Secho server recorded each handshake suite and echo case, with a summary beside it.
        for (String phase : List.of("handshakes-x25519", "handshakes-modp2048", "handshakes-psk", "echo-16B-x1",
                "echo-16B-x2")) {
            assertTrue(Files.size(work.resolve(phase + ".jfr")) > 0, phase);
            assertTrue(Files.readString(work.resolve(phase + ".txt")).startsWith("# " + phase + ".jfr: "), phase);
        }
    }
}
