package io.secho.conformance.cli;

import picocli.CommandLine;

/** A mistake in the command line or in a file it names: the cause in one line (or one per item), and a hint. */
final class UsageError extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    UsageError(CommandLine commandLine, String cause, String hint) {
        super(commandLine, cause);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
