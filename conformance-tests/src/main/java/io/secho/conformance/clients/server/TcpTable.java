package io.secho.conformance.clients.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the kernel still holds a connection, from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the
 * one way to see a reset that follows a FIN. A client that closes with unread input sends a reset; the JDK, for
 * one, sends its FIN first, and a read returns EOF for both. Right after the client's FIN the test server's side
 * is in CLOSE_WAIT until it closes its own side, so a connection missing from the table then was reset.
 */
final class TcpTable {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private TcpTable() {
    }

    /**
     * True when the kernel no longer lists the connection between these ports, false when it does; empty where
     * there is no such table (not Linux), so that nothing is concluded there.
     */
    static Optional<Boolean> gone(int localPort, int remotePort) {
        boolean readable = false;
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            } catch (IOException | SecurityException e) {
                continue;
            }
            readable = true;
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 3 && port(fields[1]) == localPort && port(fields[2]) == remotePort) {
                    return Optional.of(false);
                }
            }
        }
        return readable ? Optional.of(true) : Optional.empty();
    }

    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
