package io.secho.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The interactive client loop, the same for every profile: one message per line, each reply printed on a line
 * of its own before the next message is read (the client contract: standard input one message a line, standard
 * output one reply a line).
 */
final class StandardInputEcho {
    /** Sends one line and returns the reply; {@code E} is the profile's session failure. */
    @FunctionalInterface
    interface Echo<E extends Exception> {
        String echo(String line) throws IOException, E;
    }

    private StandardInputEcho() {
    }

    /**
     * Until an empty line or the end of input; the caller then closes the session. A reply is printed only once
     * {@code session} returned it, that is once its record passed every check (REQ-ECHO-12).
     */
    static <E extends Exception> void run(Echo<E> session, InputStream input, PrintWriter out, PrintWriter err)
            throws IOException, E {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        boolean interactive = input == System.in && System.console() != null;
        if (interactive) {
            err.println("type a line to send it; an empty line ends the session");
        }
        while (true) {
            if (interactive) {
                err.print("> ");
                err.flush();
            }
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                return;
            }
            String reply = session.echo(line);
            out.println(reply);
            out.flush();
        }
    }
}
