/** The protocol's sessions without I/O: the spec's state tables (Tables 8 and 9), timers and closing rules. */
package io.secho.session;
