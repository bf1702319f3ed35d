package io.secho.conformance.faults;

import io.secho.crypto.PreSharedKey;

import java.nio.file.Path;

/**
 * A faulty server as a program of its own, so that a grading test can give it as a submission's command:
 * {@code FaultyServerMain FAULT PORT PSK_FILE}. It serves on 127.0.0.1:PORT until it is stopped (at most ten
 * minutes, so that a test that dies leaves nothing running for long).
 */
public final class FaultyServerMain {
    private static final long LIFETIME_MILLIS = 10 * 60 * 1000;

    private FaultyServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Fault fault = Fault.valueOf(args[0]);
        try (FaultyServer server = new FaultyServer(fault, PreSharedKey.fromFile(Path.of(args[2])),
                Integer.parseInt(args[1]))) {
            System.out.println("faulty server (" + fault + ") listening on 127.0.0.1:" + server.port());
            Thread.sleep(LIFETIME_MILLIS);
        }
    }
}
