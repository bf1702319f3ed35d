/** The reference server: accept loop, per-connection driver, limits and timeouts. */
package io.secho.server;
