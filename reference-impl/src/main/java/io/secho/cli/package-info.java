/** Command line of the reference jar: server, client and demo. */
package io.secho.cli;
