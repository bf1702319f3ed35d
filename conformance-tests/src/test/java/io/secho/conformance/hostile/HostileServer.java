package io.secho.conformance.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/**
 * A server that does nothing useful, in one of the ways real targets fail: it never answers, resets or
 * closes every connection at once, streams garbage, or speaks another protocol. No conformance case may
 * PASS against one of these: a PASS there would be earned by nothing. Test code; 127.0.0.1 only.
 */
final class HostileServer implements AutoCloseable {
    /** The ways a target can be useless, and what the harness must say about each. */
    enum Kind {
        /** Accepts, reads, never sends a byte. */
        SILENT("the target never answered a ClientHello"),
        /** Resets every connection at once. */
        RESET("no connection was served"),
        /** Closes every connection at once. */
        CLOSE("no connection was served"),
        /** Streams random bytes as fast as the connection takes them. */
        GARBAGE("the target does not speak Secho v1"),
        /** Answers like a web server. */
        HTTP("the target does not speak Secho v1"),
        /** Answers like a TLS server: a fatal handshake_failure alert record. */
        TLS("the target does not speak Secho v1"),
        /** Answers with a line of text, as a hand-written server in trouble would. */
        TEXT_LINE("the target does not speak Secho v1"),
        /** Sends every byte straight back: its "answer" to a ClientHello is that ClientHello. */
        REFLECT("the target does not speak Secho v1");

        private final String verdictCause;

        Kind(String verdictCause) {
            this.verdictCause = verdictCause;
        }

        /** What the preflight must call this target. */
        String verdictCause() {
            return verdictCause;
        }
    }

    private static final byte[] HTTP_ANSWER = ("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TLS_ALERT = HexFormat.of().parseHex("15030300020228");
    private static final byte[] TEXT_LINE = "ERROR unknown command\n".getBytes(StandardCharsets.US_ASCII);
    private static final int GARBAGE_CHUNK = 16 * 1024;
    /** No frame type of Secho v1 (they are 0x01..0x05). */
    private static final byte NOT_A_FRAME_TYPE = (byte) 0xee;

    private final Kind kind;
    private final LoopbackServer server;

    HostileServer(Kind kind) throws IOException {
        this.kind = kind;
        this.server = new LoopbackServer("hostile-server", false, this::serve);
    }

    int port() {
        return server.port();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            switch (kind) {
                case SILENT -> drain(in);
                case RESET -> socket.setSoLinger(true, 0);
                case CLOSE -> { }
                case GARBAGE -> {
                    Random random = new Random(socket.getPort());
                    byte[] chunk = new byte[GARBAGE_CHUNK];
                    random.nextBytes(chunk);
                    // Random bytes open with a ServerHello's type one time in 256, and a case that expects
                    // a ServerHello would then pass: the stream must never start like a Secho frame.
                    chunk[0] = NOT_A_FRAME_TYPE;
                    while (true) {
                        out.write(chunk);
                        random.nextBytes(chunk);
                    }
                }
                case HTTP -> answerOnce(in, out, HTTP_ANSWER);
                case TLS -> answerOnce(in, out, TLS_ALERT);
                case TEXT_LINE -> answerOnce(in, out, TEXT_LINE);
                case REFLECT -> in.transferTo(out);
                default -> throw new IllegalStateException(kind.name());
            }
        } catch (IOException e) {
            // The harness hung up: that connection is over.
        }
    }

    /** Waits for the first bytes, answers them, then keeps reading until the client leaves. */
    private static void answerOnce(InputStream in, OutputStream out, byte[] answer) throws IOException {
        if (in.read(new byte[4096]) < 0) {
            return;
        }
        out.write(answer);
        out.flush();
        drain(in);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // Nothing is ever answered.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
