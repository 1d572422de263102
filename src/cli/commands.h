/*
 * commands.h — the subcommands of the vigil command.  Each takes the
 * arguments after its name (argv[0] is the subcommand) and returns the
 * process exit status: 0 success, 1 completed with rejected records or
 * hits where the caller asked to fail on hits, 2 usage error, 3 failure.
 */
#ifndef VIGIL_CLI_COMMANDS_H
#define VIGIL_CLI_COMMANDS_H

int cmd_index(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* The index a command uses when -i is not given: $VIGIL_INDEX, then the
 * index `vigil update` maintains.  Returns NULL (and prints how to build one)
 * when there is none.  Implemented with the update command. */
const char *cli_default_index_path(void);

#endif
