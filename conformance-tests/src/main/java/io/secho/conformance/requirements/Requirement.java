package io.secho.conformance.requirements;

/** One numbered rule of the spec: {@code - **REQ-REC-6** (MUST) The receiver ...}. */
public record Requirement(String id, String section, String level, String text) {
    /** MUST and MUST NOT: the rules whose violation makes an implementation non-conformant. */
    public boolean absolute() {
        return level.startsWith("MUST");
    }
}
