/*
 * main.c — the vigil command: finds the subcommand and hands it the rest of
 * the arguments.  Each subcommand parses its own options and prints its own
 * usage, so `vigil help COMMAND` and `vigil COMMAND --help` are one text.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"index", cmd_index, "build, describe and check an index of lists"},
    {"screen", cmd_screen, "screen one name against the index"},
    {"match", cmd_match, "screen a batch of names (JSON lines or CSV)"},
    {"compare", cmd_compare, "score and explain a pair of names"},
    {"update", cmd_update, "fetch the official lists and rebuild the index"},
    {"serve", cmd_serve, "answer screening requests over HTTP"},
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
    fputs("usage: vigil COMMAND [OPTION...] [ARG...]\n\n"
          "Screens names of people, companies and vessels against sanctions lists.\n\n"
          "commands:\n", out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("  help      show this text, or 'vigil help COMMAND'\n\n"
          "options: --version, --help\n"
          "examples:\n"
          "  vigil index build -o lists.vgi sample.ftm.jsonl\n"
          "  vigil screen -i lists.vgi \"Kim Jong-un\"\n"
          "  vigil match -i lists.vgi --input roster.csv --output hits.csv\n"
          "See docs/cli.md for every option.\n", out);
}

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    const struct command *c = find(argv[1]);
    if (!c) {
        fprintf(stderr, "vigil help: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    char help_flag[] = "--help";
    char *args[] = {argv[1], help_flag, NULL};
    return c->run(2, args);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("vigil %s\n", vigil_version());
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "help") == 0) return help(argc - 1, argv + 1);
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    const struct command *c = find(name);
    if (!c) {
        fprintf(stderr, "vigil: unknown command '%s'\n", name);
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    int status = c->run(argc - 1, argv + 1);
    /* Results that did not reach their destination (a full disk, a closed
     * pipe) must not look like a clean run. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "vigil %s: cannot write the output: %s\n", name, strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    return status;
}
