package io.secho.conformance.faults;

import io.secho.alert.AlertCode;
import io.secho.net.GracefulClose;
import io.secho.record.InnerType;
import io.secho.session.Timeouts;
import io.secho.wire.AlertMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a connection ends (spec sections 11 and 12, Table 14): the one alert in the form the state calls
 * for, or the Close, then FIN, a drain of whatever the client still sends, and the close. The faults
 * are the ways of ending that a peer sees as a reset, a second frame, a wrong form, or no end at all.
 */
final class ClosingProcedure {
    private final Socket socket;
    private final GuardedOutput output;
    private final Fault fault;

    ClosingProcedure(Socket socket, GuardedOutput output, Fault fault) {
        this.socket = socket;
        this.output = output;
        this.fault = fault;
    }

    /**
     * Sends the alert and ends the connection.
     *
     * @param records        the session's record layer, once the keys exist
     * @param clientVerified whether the client's Finished has been verified: alerts are encrypted from then on
     */
    void alert(AlertCode alert, Optional<RecordProtection> records, boolean clientVerified) {
        try {
            if (fault == Fault.PLAINTEXT_ERROR_MESSAGE && clientVerified) {
                output.write(("ERROR: " + alert.wireName() + "\n").getBytes(StandardCharsets.US_ASCII));
            } else if (records.isPresent() && encrypts(clientVerified)) {
                output.write(records.get().seal(InnerType.ALERT, AlertMessage.encode(alert)));
                if (fault == Fault.ALERT_SENT_TWICE) {
                    output.write(records.get().seal(InnerType.ALERT, AlertMessage.encode(alert)));
                }
                if (fault == Fault.CLOSE_AFTER_ALERT) {
                    output.write(records.get().seal(InnerType.CLOSE, new byte[0]));
                }
            } else {
                byte[] plaintext = AlertMessage.plaintextFrame(alert).encode();
                output.write(plaintext);
                if (fault == Fault.ALERT_SENT_TWICE) {
                    output.write(plaintext);
                }
            }
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
            return;
        }
        endAfterAlert();
    }

    /** REQ-ALERT-2: encrypted once the peer's Finished is verified; the faults move that line. */
    private boolean encrypts(boolean clientVerified) {
        return switch (fault) {
            case PLAINTEXT_ALERT_AFTER_HANDSHAKE -> false;
            // Keys exist as soon as the ServerHello is out, so this server encrypts from then on.
            case ENCRYPTED_ALERT_BEFORE_CLIENT_FINISHED -> true;
            default -> clientVerified;
        };
    }

    private void endAfterAlert() {
        try {
            switch (fault) {
                case STAYS_OPEN_AFTER_ALERT -> {
                    // Keeps the connection open, reading and ignoring, until the peer leaves.
                    socket.setSoTimeout(0);
                    InputStream in = socket.getInputStream();
                    while (in.read(new byte[4096]) >= 0) {
                        // discarded
                    }
                    GracefulClose.closeQuietly(socket);
                }
                case RESET_AFTER_ALERT -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                // Closes at once: input still unread, or arriving later, makes the kernel send a reset.
                case NO_DRAIN_AFTER_ALERT -> socket.close();
                default -> GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN);
            }
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
        }
    }

    /** After the server's Close: the closing procedure, or the fault's shortcut. */
    void afterClose() {
        if (fault == Fault.NO_DRAIN_AFTER_CLOSE) {
            GracefulClose.closeQuietly(socket);
            return;
        }
        GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN);
    }

    /** After the client's alert or its FIN: nothing is sent (REQ-ALERT-9, REQ-CLOSE-7). */
    void quietly() {
        GracefulClose.closeQuietly(socket);
    }

    /** REQ-LIM-4: the busy alert as the only bytes, then the closing procedure. */
    static void busy(Socket socket, Fault fault) {
        try {
            socket.getOutputStream().write(AlertMessage.plaintextFrame(AlertCode.BUSY).encode());
            if (fault == Fault.BUSY_THEN_RESET) {
                socket.setSoLinger(true, 0);
                socket.close();
                return;
            }
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
            return;
        }
        GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN);
    }
}
