/* main.c — the vigil command: dispatches subcommands. */
#include <stdio.h>
#include <string.h>

#include "vigil.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("vigil %s\n", vigil_version());
        return 0;
    }
    fprintf(stderr, "usage: vigil COMMAND ...\n");
    return 2;
}
