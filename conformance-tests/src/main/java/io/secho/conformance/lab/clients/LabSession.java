package io.secho.conformance.lab.clients;

import io.secho.conformance.net.ByteText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the lab test server saw of one client session, never guessed: whether the client connected, its DH public
 * key (dh), every record it sent with what it opened to and the reply the server sent back, and how the session
 * ended. Filled in by the server's thread; read once the run is over.
 */
final class LabSession {
    /** How the client's side of the session ended. */
    enum Ending {
        END_MARKER("the end marker 0x0a"),
        FIN("FIN without the end marker"),
        RESET("a TCP reset"),
        OPEN_AFTER_EXIT("nothing more: the connection stayed open after the client exited"),
        OPEN_AT_LIMIT("nothing more: the connection was still open at the run's time limit"),
        CLOSED_BY_SERVER("nothing more: the test server closed the connection, as a lab server does after a bad "
                + "record"),
        NEVER_CONNECTED("the client never connected");

        private final String description;

        Ending(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** The reply the test server sent to one record: its bytes, the text it carries, and any deviation. */
    record Reply(byte[] bytes, String text, Optional<byte[]> nonce, String deviation) {
        Reply {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * One record the client sent (as one message: the bytes of one write, read up to the length the message needs),
     * what it opened to, and the reply.
     *
     * @param problem why it is not the message as a record, when it is not
     */
    record Exchange(int index, byte[] record, Optional<byte[]> plaintext, Optional<String> problem,
                    Optional<Reply> reply) {
        Exchange {
            record = record.clone();
        }

        @Override
        public byte[] record() {
            return record.clone();
        }

        /** The record's nonce: its first {@code length} bytes (all of it when shorter). */
        byte[] nonce(int length) {
            return Arrays.copyOf(record, Math.min(length, record.length));
        }

        boolean opened() {
            return plaintext.isPresent() && problem.isEmpty();
        }
    }

    boolean connected;
    /** dh: the form of the client's public key, as it was accepted. */
    Optional<String> clientKey = Optional.empty();
    /** dh: why no key was accepted: what came instead. */
    Optional<String> keyProblem = Optional.empty();
    final List<Exchange> exchanges = new ArrayList<>();
    Ending ending = Ending.NEVER_CONNECTED;
    /** Bytes that came where the end marker or a record was due and were neither. */
    Optional<byte[]> stray = Optional.empty();
    /** When the client connected, milliseconds after the test server started listening. */
    long connectedAfterMillis = -1;

    /** The record of message {@code index}, when the client sent one. */
    Optional<Exchange> exchange(int index) {
        return index < exchanges.size() ? Optional.of(exchanges.get(index)) : Optional.empty();
    }

    /** The texts of the replies the server sent, in order. */
    List<String> replies() {
        return exchanges.stream().flatMap(e -> e.reply().stream()).map(Reply::text).collect(Collectors.toList());
    }

    /** Everything the client did on the connection, in a paragraph. */
    String describe(int nonceLength) {
        if (!connected) {
            return "the client never connected";
        }
        StringBuilder text = new StringBuilder("the client connected");
        clientKey.ifPresent(form -> text.append(", sent its DH public key (").append(form).append(")"));
        keyProblem.ifPresent(problem -> text.append("; instead of its DH public key: ").append(problem));
        for (Exchange exchange : exchanges) {
            text.append("; ").append(describe(exchange, nonceLength));
        }
        stray.ifPresent(bytes -> text.append("; then ").append(ByteText.describe(bytes)));
        return text.append("; then ").append(ending.description()).toString();
    }

    static String describe(Exchange exchange, int nonceLength) {
        StringBuilder text = new StringBuilder("record ").append(exchange.index() + 1).append(" (")
                .append(exchange.record().length).append(" bytes, nonce ")
                .append(HexFormat.of().formatHex(exchange.nonce(nonceLength))).append(")");
        exchange.problem().ifPresent(problem -> text.append(" ").append(problem));
        if (exchange.problem().isEmpty()) {
            exchange.plaintext().ifPresent(p -> text.append(" opened to \"")
                    .append(new String(p, StandardCharsets.UTF_8)).append("\""));
        }
        exchange.reply().ifPresent(reply -> text.append(", answered \"").append(reply.text()).append("\"")
                .append(reply.deviation().isEmpty() ? "" : " " + reply.deviation()));
        return text.toString();
    }
}
