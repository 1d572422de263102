/* cmd_update.c — placeholder until `vigil update` lands. */
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"

int cmd_update(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "vigil update: not available yet\n");
    return 3;
}

const char *cli_default_index_path(void)
{
    const char *env = getenv("VIGIL_INDEX");
    return env && *env ? env : NULL;
}
