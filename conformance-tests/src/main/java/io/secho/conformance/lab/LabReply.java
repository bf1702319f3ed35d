package io.secho.conformance.lab;

import io.secho.conformance.net.Ending;
import io.secho.conformance.net.ByteText;

import java.util.Optional;

/**
 * What came back for one message: the bytes, and the end of the connection if it ended meanwhile. With
 * no framing, a reply is complete when it has the length the harness expects, or when no more bytes
 * follow for a moment.
 */
record LabReply(byte[] bytes, Optional<Ending> ending, long millis) {
    LabReply {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    boolean empty() {
        return bytes.length == 0;
    }

    /** Nothing came and the connection is still open: the server did not answer. */
    boolean silent() {
        return empty() && ending.map(e -> e == Ending.OPEN_AT_TIME_LIMIT).orElse(true);
    }

    String describe() {
        String content = ByteText.describe(bytes);
        return content + ending.map(e -> ", then " + e.description()).orElse(", connection still open")
                + " after " + millis + " ms";
    }
}
