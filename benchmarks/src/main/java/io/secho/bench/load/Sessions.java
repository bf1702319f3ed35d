package io.secho.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Opening and closing a batch of sessions. */
public final class Sessions {
    private Sessions() {
    }

    public static List<EchoSession> open(EchoTarget target, int count) throws IOException {
        List<EchoSession> sessions = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sessions.add(target.open());
            }
        } catch (IOException | RuntimeException e) {
            closeAll(sessions);
            throw e;
        }
        return sessions;
    }

    /** Closes each session cleanly if it can; one that fails to close is gone anyway. */
    public static void closeAll(List<EchoSession> sessions) {
        for (EchoSession session : sessions) {
            try {
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // The session is over either way, and the benchmark has its figures.
            }
        }
    }
}
