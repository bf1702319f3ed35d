package io.secho.conformance.peer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads frames the way REQ-FRM-4 and REQ-FRM-5 demand: exactly 3 header bytes, then exactly the announced
 * body, over as many reads as it takes. The header comes first on its own, so that a receiver can run the
 * checks of Section 4.4 before it reads any body byte (REQ-FRM-6, REQ-FRM-10).
 */
public final class FrameReader {
    private final InputStream in;

    public FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return empty at EOF before the first header byte (a clean end of stream at a frame boundary)
     * @throws EOFException at EOF inside the header: a truncation (REQ-CLOSE-6)
     */
    public Optional<FrameHeader> readHeader() throws IOException {
        byte[] header = new byte[FrameLimits.HEADER_LENGTH];
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        header[0] = (byte) first;
        readFully(header, 1);
        return Optional.of(FrameHeader.parse(header));
    }

    /**
     * The body a header announced; call only after the header passed its checks.
     *
     * @throws EOFException at EOF inside the body: a truncation (REQ-CLOSE-6)
     */
    public byte[] readBody(FrameHeader header) throws IOException {
        byte[] body = new byte[header.length()];
        readFully(body, 0);
        return body;
    }

    private void readFully(byte[] buffer, int from) throws IOException {
        int filled = from;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new EOFException("EOF after " + filled + " of " + buffer.length + " bytes");
            }
            filled += n;
        }
    }
}
