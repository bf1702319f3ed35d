package io.secho.conformance.lab;

/**
 * A lab session could not start, or its first echo did not come: no connection, no usable key from the
 * server, a server that spoke first when told it would not. In a case that is a precondition, so the case
 * is BLOCKED; in LAB-001, whose probe this is, it fails the case with the checklist of knobs to try. The
 * message says what was seen and names the option that would explain it.
 */
final class LabSessionProblem extends RuntimeException {
    LabSessionProblem(String message) {
        super(message);
    }
}
