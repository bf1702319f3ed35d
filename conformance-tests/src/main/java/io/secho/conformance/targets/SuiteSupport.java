package io.secho.conformance.targets;

import java.util.Locale;

/**
 * What the run's preflight found out about one suite on the target.
 *
 * @param helloAccepted the target answered a valid ClientHello of this suite with a ServerHello
 * @param detail        in words, what was seen; shown in the report and in every case it blocks or skips
 */
public record SuiteSupport(Status status, boolean helloAccepted, String detail) {
    public enum Status {
        /** A whole handshake and a first echo completed. */
        WORKING,
        /** Offered (or at least not refused), but the handshake or the first echo failed. */
        BROKEN,
        /** The target answered unsupported_suite. */
        NOT_OFFERED,
        /** Left out with --suite. */
        NOT_SELECTED,
        /** psk without --psk-file: the ClientHello checks can run, a session cannot. */
        NO_PSK_FILE;

        /** As the reports write it: {@code working}, {@code not-offered}, ... */
        public String reportName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Status ofReportName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public boolean working() {
        return status == Status.WORKING;
    }
}
