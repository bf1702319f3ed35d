package io.secho.conformance;

/**
 * The resource lock of the self-tests that load the whole machine with processes and threads of their own (the
 * fault matrix's servers, the grading tests' harness and server processes). Run side by side on two cores they
 * starve each other's servers for seconds, and a correct server's answer then arrives after the 3 s the fault
 * matrix allows it; under this lock they take turns while the light tests still run beside them.
 */
public final class MachineHeavy {
    public static final String LOCK = "machine-heavy";

    private MachineHeavy() {
    }
}
