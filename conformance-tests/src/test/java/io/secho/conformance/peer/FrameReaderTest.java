package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** REQ-FRM-4 and REQ-FRM-5: frames read whole whatever the reads return; EOF inside one is a truncation. */
class FrameReaderTest {
    @Test
    void oneByteAtATimeAndSeveralFramesTogether() throws IOException {
        byte[] alert = AlertMessage.plaintextFrame(AlertCode.BUSY).encode();
        byte[] finished = new Finished(new byte[32]).toFrame().encode();
        byte[] both = new byte[alert.length + finished.length];
        System.arraycopy(alert, 0, both, 0, alert.length);
        System.arraycopy(finished, 0, both, alert.length, finished.length);
        FrameReader reader = new FrameReader(oneByteReads(both));
        FrameHeader first = reader.readHeader().orElseThrow();
        assertEquals(new FrameHeader(0x04, 1), first);
        assertArrayEquals(new byte[] {0x0d}, reader.readBody(first));
        FrameHeader second = reader.readHeader().orElseThrow();
        assertEquals(32, reader.readBody(second).length);
        assertEquals(Optional.empty(), reader.readHeader(), "EOF at a frame boundary");
    }

    @Test
    void eofInsideAHeaderOrABodyIsATruncation() throws IOException {
        assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(new byte[] {5, 0})).readHeader());
        FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[] {3, 0, 32, 1, 2}));
        FrameHeader header = reader.readHeader().orElseThrow();
        assertThrows(EOFException.class, () -> reader.readBody(header));
    }

    private static InputStream oneByteReads(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
