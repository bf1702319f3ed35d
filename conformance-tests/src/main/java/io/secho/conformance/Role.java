package io.secho.conformance;

/** Which side of the protocol a run tests: a server (the cases connect to it) or a client (the cases start it). */
public enum Role {
    SERVER,
    CLIENT
}
