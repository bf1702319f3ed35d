package io.secho.conformance.learn;

import java.util.List;

/**
 * The words the server's and the client's abstract outputs share, named as in both spec models: how a step's
 * connection ended, silence, and how one step's events join into one output symbol. The one place that says
 * which outputs end a connection, for the mappers and for the learner's shortcut alike.
 */
public final class MapperOutputs {
    public static final String JOIN = "+";
    /** EOF from the peer (REQ-CLOSE-6): it half-closed or closed its side. */
    public static final String FIN = "FIN";
    /** A TCP reset (Table 14). */
    public static final String RESET = "Reset";
    /** Quiet for the whole quiet period, connection still open. */
    public static final String NOTHING = "Nothing";
    /** The connection ended at an earlier input: nothing was sent (CLOSED is a sink in both tables). */
    public static final String CLOSED = "Closed";

    private MapperOutputs() {
    }

    /** The events of one step as one output symbol; {@link #NOTHING} for none. */
    public static String join(List<String> events) {
        return events.isEmpty() ? NOTHING : String.join(JOIN, events);
    }

    /** Whether an output says the connection is over: a FIN or a reset came, or had come before. */
    public static boolean endsConnection(String output) {
        return output.equals(CLOSED) || output.endsWith(FIN) || output.endsWith(RESET);
    }
}
