package io.secho.conformance.peer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The receiving states of Table 8 (server) and Table 9 (client), with the frame types each allows at header
 * step 2 and the direction whose limits apply at step 3. {@code CLOSED} processes nothing, so it is not here.
 */
public enum ReceiverState {
    AWAIT_CLIENT_HELLO,
    AWAIT_CLIENT_FINISHED,
    SERVER_ESTABLISHED,
    AWAIT_SERVER_HELLO,
    AWAIT_SERVER_FINISHED,
    CLIENT_ESTABLISHED;

    /** Which end of the connection receives. */
    public enum Side {
        CLIENT, SERVER;

        /** REQ-FRM-9: the server applies the C -> S limits, the client the S -> C limits. */
        public Direction receives() {
            return this == SERVER ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        }
    }

    /** The first three states are Table 8's (server), the last three Table 9's (client). */
    public Side side() {
        return ordinal() < AWAIT_SERVER_HELLO.ordinal() ? Side.SERVER : Side.CLIENT;
    }

    /** The one type besides the alert that the state allows (the "Allowed" column). */
    private FrameType expected() {
        return switch (this) {
            case AWAIT_CLIENT_HELLO -> FrameType.CLIENT_HELLO;
            case AWAIT_SERVER_HELLO -> FrameType.SERVER_HELLO;
            case AWAIT_CLIENT_FINISHED, AWAIT_SERVER_FINISHED -> FrameType.FINISHED;
            case SERVER_ESTABLISHED, CLIENT_ESTABLISHED -> FrameType.RECORD;
        };
    }

    /** The state's own frame type and the plaintext alert, which every state allows (REQ-FRM-8). */
    public Set<FrameType> allowed() {
        return EnumSet.of(expected(), FrameType.ALERT);
    }

    /** Section 4.4 steps 1 to 4 for a header arriving in this state. */
    public Optional<AlertCode> check(FrameHeader header) {
        return header.check(allowed(), side().receives());
    }

    /**
     * A state by the name the spec's tables and the vectors use ({@code ESTABLISHED} needs the side).
     */
    public static Optional<ReceiverState> of(Side side, String tableName) {
        String name = "ESTABLISHED".equals(tableName) ? side + "_ESTABLISHED" : tableName;
        return Arrays.stream(values()).filter(state -> state.side() == side && state.name().equals(name)).findFirst();
    }
}
