/* cmd_match.c — `vigil match`: batch screening (being written). */
#include <stdio.h>

#include "commands.h"

int cmd_match(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "vigil match: not available yet\n");
    return 3;
}
