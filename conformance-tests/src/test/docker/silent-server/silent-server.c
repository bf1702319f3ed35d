/*
 * A server image for the harness's --image tests that never answers: it logs what it was given, then
 * accepts connections on the port in its first argument and holds them without a byte in answer, or, with
 * "exit" as its first argument, exits at once with code 7. It is built static, so a FROM scratch image
 * holds nothing else. It says whether SECHO_PSK is set, never what it is.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *greeting = getenv("SILENT_GREETING");
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("silent-server: starting with %d argument(s), first: %s\n", argc - 1, argc > 1 ? argv[1] : "(none)");
    printf("silent-server: SILENT_GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("silent-server: SECHO_PSK is %s\n", getenv("SECHO_PSK") ? "set" : "unset");
    if (argc > 1 && strcmp(argv[1], "exit") == 0) {
        fprintf(stderr, "silent-server: exiting at once with code 7, as asked\n");
        return 7;
    }
    int port = argc > 1 ? atoi(argv[1]) : 8443;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons((unsigned short) port);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) != 0 || listen(listener, 64) != 0) {
        perror("silent-server: cannot listen");
        return 2;
    }
    printf("silent-server: listening on port %d, and never answering\n", port);
    for (;;) {
        /* Held open and never read, written or closed: the peer waits for an answer that never comes. */
        if (accept(listener, NULL, NULL) < 0) {
            sleep(1);
        }
    }
}
