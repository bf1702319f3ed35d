package io.secho.cli;

/**
 * The exit codes of secho-reference.jar, and the lines of each command's help that explain them (picocli's
 * "code:meaning" form, compile-time constants so that the command annotations can use them).
 */
final class ExitCodes {
    static final int SUCCESS = 0;
    static final int SESSION_FAILED = 1;
    /** picocli's own code for invalid input, which every usage error here ends with. */
    static final int USAGE = 2;
    static final int NETWORK = 3;

    static final String HEADING = "%nExit codes:%n";
    static final String USAGE_HELP = "2:usage error (unknown option, bad value, missing, unreadable or malformed "
            + "key); the cause is printed on one line";
    static final String SESSION_FAILED_HELP = "1:the session failed (an alert sent or received, a truncation, a "
            + "wrong key); the message says which";
    static final String CANNOT_CONNECT_HELP = "3:network error: cannot connect (nothing listens, unknown host, time-out)";
    static final String CANNOT_LISTEN_HELP = "3:network error: cannot listen (port in use, address not local, "
            + "no permission)";

    private ExitCodes() {
    }
}
