package io.secho.record;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.handshake.HandshakeResult;
import io.secho.wire.AlertMessage;
import io.secho.wire.Direction;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import io.secho.wire.FrameWriter;
import io.secho.wire.ReceivedFrame;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * An established session seen from one side: seals what it sends, opens what it receives. Alerts from
 * the peer, plaintext or encrypted, surface as {@link PeerAlertException}.
 */
public final class RecordChannel {
    private static final Set<FrameType> ESTABLISHED_FRAMES = EnumSet.of(FrameType.RECORD, FrameType.ALERT);

    private final FrameReader reader;
    private final FrameWriter writer;
    private final RecordSealer sealer;
    private final RecordOpener opener;

    private RecordChannel(FrameReader reader, FrameWriter writer, RecordSealer sealer, RecordOpener opener) {
        this.reader = reader;
        this.writer = writer;
        this.sealer = sealer;
        this.opener = opener;
    }

    public static RecordChannel forServer(HandshakeResult handshake, FrameReader reader, FrameWriter writer) {
        return new RecordChannel(reader, writer,
                new RecordSealer(handshake.secrets().serverToClient(), Direction.SERVER_TO_CLIENT),
                new RecordOpener(handshake.secrets().clientToServer()));
    }

    public static RecordChannel forClient(HandshakeResult handshake, FrameReader reader, FrameWriter writer) {
        return new RecordChannel(reader, writer,
                new RecordSealer(handshake.secrets().clientToServer(), Direction.CLIENT_TO_SERVER),
                new RecordOpener(handshake.secrets().serverToClient()));
    }

    /** Seals and writes one record; call {@link #flush} to push it out. */
    public void send(InnerType type, byte[] payload) throws IOException {
        writer.writeEncoded(sealer.sealEncoded(type, payload));
    }

    public void sendAlert(AlertCode alert) throws IOException {
        send(InnerType.ALERT, AlertMessage.encode(alert));
        flush();
    }

    public void flush() throws IOException {
        writer.flush();
    }

    /**
     * The next data or close record.
     *
     * @throws PeerAlertException if the peer sent an alert (the session is over)
     * @throws ProtocolException if the record breaks a rule; its alert is the one to send
     */
    public InnerPlaintext receive() throws IOException, ProtocolException, PeerAlertException {
        ReceivedFrame frame = reader.readReceived(ESTABLISHED_FRAMES);
        if (frame.type() == FrameType.ALERT) {
            throw AlertMessage.received(frame.toFrame());
        }
        InnerPlaintext inner = opener.open(frame);
        if (inner.type() == InnerType.ALERT) {
            throw new PeerAlertException(inner.payload()[0] & 0xff, true);
        }
        return inner;
    }

    public long recordsSent() {
        return sealer.nextSequence();
    }

    public long recordsReceived() {
        return opener.expectedSequence();
    }
}
