/* serve.c — placeholder until `vigil serve` lands. */
#include <stdio.h>

#include "../cli/commands.h"

int cmd_serve(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "vigil serve: not available yet\n");
    return 3;
}
