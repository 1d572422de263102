/*
 * cmd_update.c — `vigil update`: brings the lists in the data directory up
 * to date and rebuilds the index there (vigil_update()), or puts the
 * previous index back (--rollback); and the default index every other
 * command falls back on.
 *
 * One line per source, whatever happened to it, so that no list can leave
 * the index without the operator seeing it; then the summary.  Exit status:
 * 0 every source fetched or unchanged, 1 some source failed or was refused
 * (the index serves the rest and the previous copies of those), 2 usage,
 * 3 the update as a whole failed and the old index still serves.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

#define CMD "update"
#define PATH_SIZE 4096

static const char usage_text[] =
    "usage: vigil update [--data-dir DIR] [--config FILE] [--from DIR] [--force]\n"
    "                    [--max-shrink PCT] [--timeout SEC] [--connect-timeout SEC]\n"
    "                    [--retries N] [--retry-delay SEC] [--max-size MIB]\n"
    "       vigil update --rollback [--data-dir DIR]\n"
    "\n"
    "Fetches the configured lists (UN, OFAC SDN and consolidated, BIS DPL by\n"
    "default), checks each one, and rebuilds DATA_DIR/index.vgi from them.\n"
    "A list that fails or is refused keeps its previous copy in the index.\n"
    "\n"
    "  --data-dir DIR       data directory (default $VIGIL_DATA_DIR, else\n"
    "                       $XDG_DATA_HOME/vigil, else ~/.local/share/vigil)\n"
    "  --config FILE        sources file (default DATA_DIR/sources.conf)\n"
    "  --from DIR           import DIR/<source>/<file> instead of downloading\n"
    "                       (un/consolidated.xml, ofac-sdn/sdn.csv, ...)\n"
    "  --force              accept lists the sanity checks refuse\n"
    "  --max-shrink PCT     refuse a list that lost more than PCT % of its\n"
    "                       entities (default 20)\n"
    "  --timeout SEC        whole download of one file (default 600)\n"
    "  --connect-timeout SEC  (default 30)\n"
    "  --retries N          extra attempts on 5xx and timeouts (default 3)\n"
    "  --retry-delay SEC    first back-off, doubled per retry (default 1)\n"
    "  --max-size MIB       largest file accepted (default 512)\n"
    "  --rollback           put the previous index back in service\n"
    "exit: 0 all current, 1 some source failed or refused, 2 usage, 3 failure\n"
    "See docs/update.md.\n";

static void print_source(void *ctx, const vigil_update_report *r)
{
    (void)ctx;
    printf("%-14s %-9s ", r->name, vigil_update_outcome_name(r->outcome));
    if (r->outcome == VIGIL_UPDATE_DROPPED) {
        printf("%8s entities  sha256 %-12s  no longer enabled: its %llu "
               "entities leave the index\n", "-", "-",
               (unsigned long long)r->previous_count);
        fflush(stdout);
        return;
    }
    if (r->sha256[0])
        printf("%8llu entities  sha256 %.12s", (unsigned long long)r->entity_count,
               r->sha256);
    else
        printf("%8s entities  sha256 %-12s", "-", "-");
    if (r->rejected)
        printf("  (%llu records rejected)", (unsigned long long)r->rejected);
    if (r->error) {
        char why[VIGIL_ERROR_MESSAGE_SIZE + 400];
        vigil_error_format(r->error, why, sizeof(why));
        printf("  %s: %s", r->kept_previous ? "previous copy kept"
                                            : "no previous copy", why);
    }
    putchar('\n');
    fflush(stdout);
}

static int resolve_data_dir(const char *given, char *out)
{
    vigil_error err;
    if (given) {
        if (strlen(given) >= PATH_SIZE) {
            cli_warn(CMD, "--data-dir: path too long");
            return CLI_EXIT_USAGE;
        }
        snprintf(out, PATH_SIZE, "%s", given);
        return CLI_EXIT_OK;
    }
    vigil_status st = vigil_default_data_dir(out, PATH_SIZE, &err);
    return st == VIGIL_OK ? CLI_EXIT_OK : cli_fail(CMD, "data directory", st, &err);
}

static int rollback(const char *data_dir)
{
    vigil_error err;
    vigil_status st = vigil_update_rollback(data_dir, &err);
    if (st != VIGIL_OK) return cli_fail(CMD, "rollback", st, &err);
    char path[PATH_SIZE + 16];
    snprintf(path, sizeof(path), "%s/index.vgi", data_dir);
    vigil_index *ix = NULL;
    if (vigil_index_open(path, &ix, &err) == VIGIL_OK) {
        printf("rolled back: %s is again the index built %s (%u entities)\n", path,
               vigil_index_built(ix), vigil_index_entity_count(ix));
        vigil_index_close(ix);
    }
    printf("the replaced index is now %s.prev ('vigil update --rollback' again "
           "undoes this)\n", path);
    printf("note: the next 'vigil update' rebuilds from the accepted lists in "
           "%s/lists; disable a source in sources.conf to keep it out\n", data_dir);
    printf("hint: send SIGHUP to a running 'vigil serve' to load it\n");
    return CLI_EXIT_OK;
}

static void print_summary(const char *data_dir, const vigil_update_summary *s)
{
    if (s->index_written) {
        printf("index written: %s/index.vgi (%llu entities)%s\n", data_dir,
               (unsigned long long)s->entity_count,
               s->previous_kept ? "; the previous one is kept as index.vgi.prev" : "");
        printf("hint: send SIGHUP to a running 'vigil serve' to load it\n");
    } else {
        printf("index unchanged: %s/index.vgi (%llu entities)\n", data_dir,
               (unsigned long long)s->entity_count);
    }
    printf("%zu sources: %zu fetched, %zu unchanged, %zu failed, %zu refused",
           s->sources, s->fetched, s->unchanged, s->failed, s->refused);
    if (s->dropped) printf("; %zu dropped", s->dropped);
    putchar('\n');
}

/* Ctrl-C or a stop request: nothing needs undoing (the library never leaves
 * a half-replaced index), but the operator should hear what state remains. */
static void on_interrupt(int sig)
{
    static const char msg[] =
        "\nvigil update: interrupted; the index in service is complete (the old "
        "one unless the new one was already in place); the next update finishes "
        "the work\n";
    ssize_t n = write(STDERR_FILENO, msg, sizeof(msg) - 1);
    (void)n;
    signal(sig, SIG_DFL);
    raise(sig);
}

static int run(vigil_update_options *o, const char *data_dir)
{
    vigil_update_summary summary;
    vigil_error err;
    signal(SIGINT, on_interrupt);
    signal(SIGTERM, on_interrupt);
    o->data_dir = data_dir;
    o->on_source = print_source;
    vigil_status st = vigil_update(o, &summary, &err);
    if (st != VIGIL_OK) {
        int code = cli_fail(CMD, "update failed", st, &err);
        cli_warn(CMD, "the index in service (if any) is unchanged");
        return code;
    }
    print_summary(data_dir, &summary);
    return summary.failed || summary.refused ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
}

static int parse_seconds(const char *option, const char *text, double min,
                         double max, long *out)
{
    double v;
    if (cli_parse_double(CMD, option, text, min, max, &v)) return -1;
    *out = (long)v;
    return 0;
}

/* Returns -1 to go on, else the exit status. */
static int parse_option(int opt, vigil_update_options *o, const char **data_dir,
                        int *do_rollback, char **argv)
{
    double d;
    size_t n;
    switch (opt) {
    case 'd': *data_dir = optarg; return -1;
    case 'c': o->config = optarg; return -1;
    case 'F': o->from_dir = optarg; return -1;
    case 'f': o->force = 1; return -1;
    case 'R': *do_rollback = 1; return -1;
    case 's':
        if (cli_parse_double(CMD, "--max-shrink", optarg, 0, 100, &d)) break;
        o->max_shrink = d / 100.0;
        return -1;
    case 't':
        return parse_seconds("--timeout", optarg, 1, 86400, &o->timeout) ? CLI_EXIT_USAGE : -1;
    case 'T':
        return parse_seconds("--connect-timeout", optarg, 1, 3600,
                             &o->connect_timeout) ? CLI_EXIT_USAGE : -1;
    case 'r':
        if (cli_parse_size(CMD, "--retries", optarg, 0, 10, &n)) break;
        o->retries = (int)n;
        return -1;
    case 'D':
        if (cli_parse_double(CMD, "--retry-delay", optarg, 0, 600, &d)) break;
        o->retry_delay_ms = (long)(d * 1000.0);
        return -1;
    case 'm':
        if (cli_parse_size(CMD, "--max-size", optarg, 1, 1024 * 1024, &n)) break;
        o->max_bytes = (uint64_t)n * 1024 * 1024;
        return -1;
    case 'h': fputs(usage_text, stdout); return CLI_EXIT_OK;
    default: return cli_bad_option(CMD, usage_text, opt, argv);
    }
    return CLI_EXIT_USAGE;
}

int cmd_update(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data-dir", required_argument, NULL, 'd'},
        {"config", required_argument, NULL, 'c'},
        {"from", required_argument, NULL, 'F'},
        {"force", no_argument, NULL, 'f'},
        {"max-shrink", required_argument, NULL, 's'},
        {"timeout", required_argument, NULL, 't'},
        {"connect-timeout", required_argument, NULL, 'T'},
        {"retries", required_argument, NULL, 'r'},
        {"retry-delay", required_argument, NULL, 'D'},
        {"max-size", required_argument, NULL, 'm'},
        {"rollback", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    vigil_update_options o;
    vigil_update_options_init(&o);
    const char *given_dir = NULL;
    int do_rollback = 0, opt;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        int status = parse_option(opt, &o, &given_dir, &do_rollback, argv);
        if (status >= 0) return status;
    }
    if (optind < argc)
        return cli_usage_error(CMD, usage_text, "unexpected argument '%s'", argv[optind]);
    char data_dir[PATH_SIZE];
    int status = resolve_data_dir(given_dir, data_dir);
    if (status != CLI_EXIT_OK) return status;
    return do_rollback ? rollback(data_dir) : run(&o, data_dir);
}

const char *cli_default_index_path(void)
{
    static char path[PATH_SIZE + 16];
    const char *env = getenv("VIGIL_INDEX");
    if (env && *env) return env;
    char dir[PATH_SIZE];
    if (vigil_default_data_dir(dir, sizeof(dir), NULL) == VIGIL_OK) {
        snprintf(path, sizeof(path), "%s/index.vgi", dir);
        if (access(path, F_OK) == 0) return path;
        /* Where we looked; the caller adds how to build or fetch one. */
        fprintf(stderr, "vigil: $VIGIL_INDEX is not set and there is no %s "
                "(the index 'vigil update' keeps)\n", path);
    }
    return NULL;
}
