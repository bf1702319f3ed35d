package io.secho.conformance.faults;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.crypto.RandomBytes;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Finished;
import io.secho.handshake.ServerHello;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.wire.AlertMessage;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One client connection of a {@link FaultyServer}, start to end: the server state machine of spec Table 8
 * (handshake, echo loop, Close), the timers of Table 15, and one ending per connection. The server's one
 * mistake shows wherever {@link Fault} says; everything else is what a correct server does.
 */
final class FaultyConnection implements Runnable {
    private static final Set<FrameType> HELLO = EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT);
    private static final Set<FrameType> FINISHED = EnumSet.of(FrameType.FINISHED, FrameType.ALERT);
    /** For {@link Fault#ACCEPTS_SECOND_CLIENT_HELLO}: a hello is let in while the Finished is awaited. */
    private static final Set<FrameType> FINISHED_OR_HELLO =
            EnumSet.of(FrameType.FINISHED, FrameType.ALERT, FrameType.CLIENT_HELLO);
    private static final Set<FrameType> RECORDS = EnumSet.of(FrameType.RECORD, FrameType.ALERT);
    private static final byte LINE_FEED = 0x0a;

    private final Fault fault;
    private final FaultyServer.Timers timers;
    private final HandshakeSteps steps;
    private final RandomBytes random;
    private final Socket socket;
    private final long acceptedNanos;
    private final FrameInput frames;
    private final GuardedOutput output;
    private final ClosingProcedure closing;
    /** The first frame, when the acceptor has read it already. */
    private Frame firstFrame;
    /** From the ServerHello on: the keys exist. */
    private RecordProtection records;
    /** From the verified client Finished on: ESTABLISHED. */
    private boolean clientVerified;
    /** Replies of {@link Fault#CLOSE_DROPS_PENDING_REPLIES} held back while more requests are buffered. */
    private final List<byte[]> heldReplies = new ArrayList<>();

    FaultyConnection(FaultyServer.Setup setup, Socket socket, long acceptedNanos) throws IOException {
        this.fault = setup.fault();
        this.timers = setup.timers();
        this.steps = setup.steps();
        this.random = setup.random();
        this.socket = socket;
        this.acceptedNanos = acceptedNanos;
        socket.setTcpNoDelay(true);
        this.frames = new FrameInput(new DeadlineInputStream(socket), fault);
        this.output = new GuardedOutput(socket, setup.watchdog(), fault == Fault.NO_WRITE_STALL_WATCHDOG
                ? Optional.empty() : Optional.of(timers.idle()));
        this.closing = new ClosingProcedure(socket, output, fault);
    }

    /**
     * For {@link Fault#ACCEPT_LOOP_DIES_ON_BAD_FIRST_FRAME}: the acceptor reads the ClientHello itself, and
     * lets whatever goes wrong there escape.
     */
    void readFirstFrame() throws IOException, ProtocolException {
        startHandshakeTimer();
        firstFrame = frames.read(HELLO);
    }

    @Override
    public void run() {
        try {
            handshake();
            echoLoop();
        } catch (ProtocolException e) {
            closing.alert(e.alert(), Optional.ofNullable(records), clientVerified);
        } catch (SocketTimeoutException e) {
            timedOut();
        } catch (PeerAlertException e) {
            peerAlert(e);
        } catch (EndOfStreamException e) {
            truncated();
        } catch (IOException e) {
            closing.quietly();
        } catch (RuntimeException e) {
            // A bug of this test server must show as an alert the harness can report, as the reference does.
            closing.alert(AlertCode.INTERNAL_ERROR, Optional.ofNullable(records), clientVerified);
        }
    }

    private void handshake() throws IOException, ProtocolException, PeerAlertException {
        if (firstFrame == null) {
            startHandshakeTimer();
        }
        frames.readExactly(fault == Fault.NEW_READER_PER_RECORD);
        Frame hello = firstFrame != null ? firstFrame : frames.read(HELLO);
        if (hello.type() == FrameType.ALERT) {
            throw AlertMessage.received(hello);
        }
        if (fault == Fault.HANDSHAKE_TIMER_FROM_CLIENT_HELLO) {
            frames.deadlineAt(System.nanoTime() + timers.handshake().toNanos());
        }
        Frame finishedFrame;
        SessionSecrets secrets;
        byte[] th2;
        while (true) {
            ClientHello.Accepted accepted = steps.checkClientHello(hello.body());
            HandshakeSteps.Agreement agreement = steps.agree(accepted.suite(), accepted.hello().keyShare());
            Frame serverHello = new ServerHello(accepted.suite(), steps.serverRandom(), agreement.share()).toFrame();
            secrets = KeySchedule.derive(agreement.secret(), hello.encode(), serverHello.encode());
            records = new RecordProtection(fault, secrets, random);
            Frame serverFinished = new Finished(secrets.serverVerifyData()).toFrame();
            output.write(serverHello.encode(), serverFinished.encode());
            th2 = KeySchedule.transcriptHash2(hello.encode(), serverHello.encode(), serverFinished.encode());

            finishedFrame = frames.read(fault == Fault.ACCEPTS_SECOND_CLIENT_HELLO ? FINISHED_OR_HELLO : FINISHED);
            if (finishedFrame.type() != FrameType.CLIENT_HELLO) {
                break;
            }
            // The fault: the new hello starts the handshake over instead of getting unexpected_message.
            hello = finishedFrame;
        }
        if (finishedFrame.type() == FrameType.ALERT) {
            throw AlertMessage.received(finishedFrame);
        }
        Finished finished = Finished.decode(finishedFrame.body());
        steps.verifyClientFinished(KeySchedule.clientVerifyData(secrets, th2), finished);
        clientVerified = true;
        frames.readExactly(false);
    }

    /** REQ-LIM-1: from accept until a valid client Finished. */
    private void startHandshakeTimer() {
        switch (fault) {
            case NO_HANDSHAKE_TIMEOUT -> frames.unlimited();
            case HANDSHAKE_TIMER_RESTARTED_BY_READS -> frames.limitEachRead(timers.handshake());
            default -> frames.deadlineAt(acceptedNanos + timers.handshake().toNanos());
        }
    }

    /** REQ-LIM-3: restarted by every complete frame, and only by one. */
    private void startIdleTimer() {
        switch (fault) {
            case NO_IDLE_TIMEOUT -> frames.unlimited();
            case IDLE_TIMER_RESTARTED_BY_READS -> frames.limitEachRead(timers.idle());
            default -> frames.deadlineAt(System.nanoTime() + timers.idle().toNanos());
        }
    }

    private void echoLoop() throws IOException, ProtocolException, PeerAlertException {
        boolean closeSent = false;
        while (!closeSent || (fault == Fault.ECHOES_AFTER_CLIENT_CLOSE && frames.hasWholeFrameBuffered())) {
            startIdleTimer();
            Frame frame = frames.read(RECORDS);
            if (frame.type() == FrameType.ALERT) {
                throw AlertMessage.received(frame);
            }
            InnerPlaintext request;
            try {
                request = open(frame);
                if (fault == Fault.KEEPS_ECHOING_AFTER_ALERT && request.type() == InnerType.DATA) {
                    // Checked here too, so that bad_payload is one of the alerts the session carries on after.
                    EchoReply.of(request.payload(), fault);
                }
            } catch (ProtocolException e) {
                if (fault != Fault.KEEPS_ECHOING_AFTER_ALERT) {
                    throw e;
                }
                // The fault: the alert goes out, and the session carries on as if nothing had happened.
                output.write(records.seal(InnerType.ALERT, AlertMessage.encode(e.alert())));
                continue;
            }
            switch (request.type()) {
                case ALERT -> throw new PeerAlertException(request.payload()[0] & 0xff, true);
                case CLOSE -> {
                    if (!closeSent) {
                        sendClose();
                        closeSent = true;
                    }
                }
                default -> {
                    if (!closeSent && endsSession(request.payload())) {
                        sendClose();
                        closeSent = true;
                    } else {
                        answer(request.payload());
                    }
                }
            }
        }
        closing.afterClose();
    }

    /** For {@link Fault#LEADING_NEWLINE_ENDS_SESSION}, the lab's end-of-session byte. */
    private boolean endsSession(byte[] payload) {
        return fault == Fault.LEADING_NEWLINE_ENDS_SESSION && payload.length > 0 && payload[0] == LINE_FEED;
    }

    private InnerPlaintext open(Frame frame) throws ProtocolException, IOException {
        try {
            return records.open(frame);
        } catch (ProtocolException e) {
            if (fault == Fault.ECHO_BEFORE_TAG_CHECK && e.alert() == AlertCode.BAD_RECORD_MAC) {
                byte[] unchecked = records.payloadWithoutTagCheck(frame);
                output.write(records.seal(InnerType.DATA, EchoReply.ofUnchecked(unchecked)));
            }
            throw e;
        }
    }

    private void answer(byte[] request) throws IOException, ProtocolException {
        if (fault == Fault.EMPTY_MESSAGE_NOT_ECHOED && request.length == 0) {
            return;
        }
        byte[] reply = records.seal(InnerType.DATA, EchoReply.of(request, fault));
        if (fault != Fault.CLOSE_DROPS_PENDING_REPLIES) {
            output.write(reply);
            return;
        }
        // Replies are batched while more requests are already buffered, and written when the input runs dry.
        heldReplies.add(reply);
        if (!frames.hasWholeFrameBuffered()) {
            output.write(heldReplies.toArray(new byte[0][]));
            heldReplies.clear();
        }
    }

    private void sendClose() throws IOException {
        // The Close is written at once; the batch of held replies is forgotten.
        heldReplies.clear();
        output.write(records.seal(InnerType.CLOSE, new byte[0]));
    }

    private void timedOut() {
        if (clientVerified && fault == Fault.IDLE_TIMEOUT_SENDS_CLOSE) {
            closeUnasked();
            return;
        }
        closing.alert(AlertCode.TIMEOUT, Optional.ofNullable(records), clientVerified);
    }

    private void peerAlert(PeerAlertException alert) {
        if (fault == Fault.ANSWERS_PEER_ALERT) {
            // Answers in kind, as if an alert called for one back.
            AlertCode answer = alert.alert().orElse(AlertCode.DECODE_ERROR);
            closing.alert(answer, Optional.ofNullable(records), clientVerified);
            return;
        }
        closing.quietly();
    }

    private void truncated() {
        if (clientVerified && fault == Fault.CLOSE_ON_TRUNCATION) {
            closeUnasked();
            return;
        }
        closing.quietly();
    }

    /** A Close the client never asked for (REQ-CLOSE-5), then the closing procedure. */
    private void closeUnasked() {
        try {
            sendClose();
        } catch (IOException e) {
            closing.quietly();
            return;
        }
        closing.afterClose();
    }
}
