package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameHeader;
import io.secho.conformance.peer.FrameReader;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.RecordOpener;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.peer.ServerSide;
import io.secho.conformance.peer.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mapper's output abstraction against scripted broken servers (one connection each): the names must stay
 * readable and stable when a server does what the spec forbids. Quiet periods are long (2 s) and the scripted
 * servers act at once, so a loaded machine changes no answer.
 */
final class ServerMapperTest {
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final List<String> HANDSHAKE = List.of("ClientHello(x25519)", "Finished(right)");

    /** What a scripted server does after the handshake. */
    @FunctionalInterface
    private interface Script {
        void run(Socket socket, ServerSide.Flight flight, RecordSealer sealer) throws Exception;
    }

    private ServerSocket listener;
    private ExecutorService thread;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    private ServerMapper mapper(Duration quiet, Duration stepLimit) {
        return new ServerMapper(new ServerMapperSettings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), Optional.empty(),
                quiet, Duration.ofSeconds(5), stepLimit, 1, ServerMapperSettings.DEFAULT_ANSWER_WAIT));
    }

    /** Serves one connection: the ClientHello, a correct flight, the client Finished checked, then the script. */
    private Future<?> serve(Script script) {
        return thread.submit(() -> {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                ServerSide.Flight flight = ServerSide.accept(read(in).encode(), EnumSet.allOf(Suite.class),
                        InsecureDeterministicRandomBytes.fromLabel("scripted server"), Optional.empty());
                socket.getOutputStream().write(flight.serverFlightBytes());
                flight.verifyClientFinished(read(in).body());
                script.run(socket, flight, flight.sealer());
            }
            return null;
        });
    }

    private static Frame read(InputStream in) throws IOException {
        FrameReader reader = new FrameReader(in);
        FrameHeader header = reader.readHeader().orElseThrow();
        return new Frame(header.type().orElseThrow(), reader.readBody(header));
    }

    private List<String> run(Script script, List<String> more) throws Exception {
        Future<?> server = serve(script);
        List<String> word = new java.util.ArrayList<>(HANDSHAKE);
        word.addAll(more);
        List<String> outputs = mapper(QUIET, QUIET.multipliedBy(3)).answer(word);
        server.get(30, TimeUnit.SECONDS);
        return outputs.subList(HANDSHAKE.size(), outputs.size());
    }

    private static void write(Socket socket, byte[]... frames) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
    }

    @Test
    void aConformingExchangeReadsAsTheSpecModel() throws Exception {
        List<String> outputs = run((socket, flight, sealer) -> {
            RecordOpener opener = flight.opener();
            byte[] request = opener.open(read(socket.getInputStream())).payload();
            write(socket, sealer.sealEncoded(InnerType.DATA, "SECHO LEARNS".getBytes()));
            opener.open(read(socket.getInputStream())); // close
            write(socket, sealer.sealEncoded(InnerType.CLOSE, new byte[0]));
            assertEquals("secho learns", new String(request));
        }, List.of("Data(valid)", "Close", "Data(valid)"));
        assertEquals(List.of("Echo", "Close+FIN", "Closed"), outputs);
    }

    @Test
    void twoAlertsThenFin() throws Exception {
        byte[] alert = AlertMessage.encode(AlertCode.BAD_RECORD_MAC);
        assertEquals(List.of("Alert(bad_record_mac,encrypted)+Alert(bad_record_mac,encrypted)+FIN", "Closed"),
                run((socket, flight, sealer) -> {
                    read(socket.getInputStream());
                    write(socket, sealer.sealEncoded(InnerType.ALERT, alert), sealer.sealEncoded(InnerType.ALERT, alert));
                }, List.of("Data(badTag)", "Data(valid)")));
    }

    @Test
    void anAlertThenAReset() throws Exception {
        assertEquals(List.of("Alert(bad_sequence,encrypted)+Reset"), run((socket, flight, sealer) -> {
            read(socket.getInputStream());
            write(socket, sealer.sealEncoded(InnerType.ALERT, AlertMessage.encode(AlertCode.BAD_SEQUENCE)));
            socket.setSoLinger(true, 0); // close sends RST
        }, List.of("Data(skipped)")));
    }

    @Test
    void anAlertWithoutClosingAndAWrongEcho() throws Exception {
        assertEquals(List.of("Alert(bad_payload,plaintext)", "Data(wrong)"), run((socket, flight, sealer) -> {
            read(socket.getInputStream());
            write(socket, AlertMessage.plaintextFrame(AlertCode.BAD_PAYLOAD).encode());
            read(socket.getInputStream());
            write(socket, sealer.sealEncoded(InnerType.DATA, "secho learns".getBytes()));
            socket.getInputStream().readAllBytes(); // until the mapper closes after its last step
        }, List.of("Data(badUtf8)", "Data(valid)")));
    }

    @Test
    void unknownFrameTypesAreGarbage() throws Exception {
        assertEquals(List.of("Garbage+FIN"), run((socket, flight, sealer) -> {
            read(socket.getInputStream());
            write(socket, new byte[] {0x2a, 0, 1, 0});
        }, List.of("EncryptedAlert")));
    }

    @Test
    void aServerThatTricklesBytesEndsTheStepAsTimeout() throws Exception {
        Future<?> server = thread.submit(() -> {
            try (Socket socket = listener.accept()) {
                read(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {0x05, 0x03, (byte) 0xe8}); // a record header announcing 1000 bytes
                for (int i = 0; i < 1000 && !Thread.currentThread().isInterrupted(); i++) {
                    out.write(0); // one byte every 20 ms: never quiet, never done within the step limit
                    out.flush();
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                // the mapper gave up and closed: expected
            }
            return null;
        });
        assertEquals(List.of("Timeout", "Closed"),
                mapper(QUIET, QUIET.plusSeconds(1)).answer(List.of("ClientHello(x25519)", "Finished(right)")));
        server.cancel(true);
    }

    @Test
    void unknownInputsAndPskWithoutAKeyAreRefused() {
        ServerMapper mapper = mapper(QUIET, QUIET.multipliedBy(2));
        serve((socket, flight, sealer) -> { });
        assertThrows(IllegalArgumentException.class, () -> mapper.answer(List.of("Hello")));
        // REQ-KEX-10: no psk hello without a key; the alphabet leaves the input out (ServerAlphabetTest).
        assertThrows(IllegalStateException.class, () -> mapper.answer(List.of("ClientHello(psk)")));
    }
}
