package io.secho.conformance.net;

/** The server's side of a handshake the harness started was not what the spec requires. */
public final class HandshakeProblem extends Exception {
    /** How far the handshake got, for grouping failures by their first failing stage. */
    public enum Stage {
        SERVER_HELLO("no valid ServerHello"),
        SERVER_FINISHED("no valid server Finished");

        private final String description;

        Stage(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Stage stage;

    public HandshakeProblem(Stage stage, String message) {
        super(message);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
