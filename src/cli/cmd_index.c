/*
 * cmd_index.c — `vigil index build|info|verify`: turn list files into one
 * memory-mapped index, describe it, check it deeply.
 *
 * A build writes nothing unless every list could be read: an index that
 * silently lacks a list would clear names it should flag.  Rejected records
 * do not stop a build (they are counted, and the first few printed with
 * their place); they make the exit status 1 so that scripts notice.
 * --format and --source-name apply to the LIST arguments that follow them,
 * so one build can mix formats and name each source; -o may come anywhere.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "results_json.h"

static const char usage_text[] =
    "usage: vigil index build -o FILE [--format F] [--source-name N] "
    "[--max-errors N] LIST...\n"
    "       vigil index info [--format text|json] [-i] [FILE]\n"
    "       vigil index verify [-i] [FILE]\n"
    "\n"
    "build   read list files into an index written atomically to FILE\n"
    "        --format F        list format of the LISTs after it: ftm, csv, un-xml,\n"
    "                          ofac-csv, bis-dpl, opensanctions-nested (default:\n"
    "                          detected from the name and first bytes)\n"
    "        --source-name N   source name of the LISTs after it (default: from\n"
    "                          the format)\n"
    "        --max-errors N    rejected records printed per list (default 20;\n"
    "                          all are counted)\n"
    "info    sources with their dates and digests, counts and version\n"
    "verify  deep check of every record\n"
    "FILE defaults to $VIGIL_INDEX, then the index 'vigil update' maintains.\n"
    "exit: 0 ok, 1 built with rejected records, 2 usage, 3 failure\n";

#define CMD_BUILD "index build"

struct reject_report {
    const char *path;
    unsigned long shown, max;
};

static void print_reject(void *ctx, const vigil_error *err)
{
    struct reject_report *r = ctx;
    if (r->shown >= r->max) return;
    r->shown++;
    char place[VIGIL_ERROR_MESSAGE_SIZE + 400];
    vigil_error_format(err, place, sizeof(place));
    if (err->file[0]) cli_warn(CMD_BUILD, "%s", place);
    else cli_warn(CMD_BUILD, "%s: %s", r->path, place);
}

struct build_totals {
    int lists, unreadable;
    unsigned long long rejected;
};

/* Loads one LIST into the builder and prints its counts. */
static void build_one(vigil_builder *builder, const char *path,
                      const vigil_load_options *base, size_t max_errors,
                      struct build_totals *totals)
{
    struct reject_report report = {path, 0, max_errors};
    vigil_load_options options = *base;
    options.on_reject = print_reject;
    options.ctx = &report;
    vigil_load_stats stats;
    memset(&stats, 0, sizeof(stats));
    vigil_error err;
    memset(&err, 0, sizeof(err));
    totals->lists++;
    vigil_status st = vigil_builder_load(builder, path, &options, &stats, &err);
    if (st != VIGIL_OK) {
        if (!err.file[0]) snprintf(err.file, sizeof(err.file), "%s", path);
        cli_fail(CMD_BUILD, "cannot read the list", st, &err);
        totals->unreadable++;
        return;
    }
    printf("%s: processed %llu, accepted %llu, rejected %llu\n", path,
           (unsigned long long)stats.processed, (unsigned long long)stats.accepted,
           (unsigned long long)stats.rejected);
    if (stats.rejected > report.shown)
        cli_warn(CMD_BUILD, "%s: %llu more rejected records not shown (--max-errors)",
                 path, (unsigned long long)(stats.rejected - report.shown));
    totals->rejected += stats.rejected;
}

static void print_written(const char *path)
{
    vigil_index *index = NULL;
    if (vigil_index_open(path, &index, NULL) != VIGIL_OK) {
        printf("wrote %s\n", path);
        return;
    }
    uint32_t sources = vigil_index_source_count(index);
    printf("wrote %s: %u entities, %u names from %u source%s (version %s)\n", path,
           vigil_index_entity_count(index), vigil_index_name_count(index), sources,
           sources == 1 ? "" : "s", vigil_index_version(index));
    vigil_index_close(index);
}

struct list_arg {
    const char *path, *format, *source_name;
};

static int index_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"source-name", required_argument, NULL, 'n'},
        {"max-errors", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *format = NULL, *source_name = NULL;
    size_t max_errors = 20, list_count = 0;
    struct list_arg *lists = calloc((size_t)argc + 1, sizeof(*lists));
    struct build_totals totals = {0, 0, 0};
    vigil_builder *builder = NULL;
    int opt, status = CLI_EXIT_OK;
    if (!lists) return cli_fail(CMD_BUILD, "cannot start a build", VIGIL_ENOMEM, NULL);

    optind = 0;
    opterr = 0;
    /* Leading '-': LISTs arrive in order (as 1), so that --format and
     * --source-name apply to the LISTs after them. */
    while ((opt = getopt_long(argc, argv, "-:o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 1:
            lists[list_count++] = (struct list_arg){optarg, format, source_name};
            break;
        case 'o': output = optarg; break;
        case 'f': format = optarg; break;
        case 'n': source_name = optarg; break;
        case 'm':
            if (cli_parse_size(CMD_BUILD, "--max-errors", optarg, 0, 1000000, &max_errors)) {
                status = CLI_EXIT_USAGE;
                goto done;
            }
            break;
        case 'h':
            fputs(usage_text, stdout);
            goto done;
        default:
            status = cli_bad_option(CMD_BUILD, usage_text, opt, argv);
            goto done;
        }
    }
    if (!output || list_count == 0) {
        status = cli_usage_error(CMD_BUILD, usage_text, "%s",
                                 !output ? "missing -o FILE" : "no LIST given");
        goto done;
    }
    vigil_status st = vigil_builder_new(&builder);
    if (st != VIGIL_OK) {
        status = cli_fail(CMD_BUILD, "cannot start a build", st, NULL);
        goto done;
    }
    for (size_t i = 0; i < list_count; i++) {
        vigil_load_options options;
        memset(&options, 0, sizeof(options));
        options.format = lists[i].format;
        options.source_name = lists[i].source_name;
        build_one(builder, lists[i].path, &options, max_errors, &totals);
    }
    if (totals.unreadable) {
        cli_warn(CMD_BUILD, "%s not written: %d of %d lists could not be read", output,
                 totals.unreadable, totals.lists);
        status = CLI_EXIT_FAILURE;
        goto done;
    }
    vigil_error err;
    memset(&err, 0, sizeof(err));
    st = vigil_builder_write(builder, output, &err);
    if (st != VIGIL_OK) {
        if (!err.file[0]) snprintf(err.file, sizeof(err.file), "%s", output);
        status = cli_fail(CMD_BUILD, "cannot write the index", st, &err);
        if (status == CLI_EXIT_USAGE) status = CLI_EXIT_FAILURE;
        goto done;
    }
    print_written(output);
    if (totals.rejected) status = CLI_EXIT_PARTIAL;
done:
    vigil_builder_free(builder);
    free(lists);
    return status;
}

static void human_size(char *buf, size_t size, unsigned long long bytes)
{
    if (bytes >= 10ull << 20) snprintf(buf, size, "%llu MiB", bytes >> 20);
    else if (bytes >= 10ull << 10) snprintf(buf, size, "%llu KiB", bytes >> 10);
    else snprintf(buf, size, "%llu bytes", bytes);
}

static void print_info_text(const vigil_index *index, const char *path)
{
    char size[32];
    human_size(size, sizeof(size), (unsigned long long)vigil_index_file_size(index));
    printf("index     %s\nversion   %s\nbuilt     %s\nsize      %s\n"
           "entities  %u\nnames     %u\ntokens    %u\nsources   %u\n",
           path, vigil_index_version(index), vigil_index_built(index), size,
           vigil_index_entity_count(index), vigil_index_name_count(index),
           vigil_index_token_count(index), vigil_index_source_count(index));
    for (uint32_t i = 0; i < vigil_index_source_count(index); i++) {
        vigil_source_info s;
        memset(&s, 0, sizeof(s));
        if (vigil_index_source(index, i, &s) != VIGIL_OK) continue;
        printf("\n  %s\n    entities   %llu\n    format     %s\n    published  %s\n"
               "    retrieved  %s\n    sha256     %s\n    location   %s\n",
               s.name ? s.name : "", (unsigned long long)s.entity_count,
               s.format ? s.format : "", s.published && s.published[0] ? s.published : "-",
               s.retrieved ? s.retrieved : "", s.sha256 ? s.sha256 : "",
               s.location ? s.location : "");
    }
}

/* Shared by info and verify: [-i] [FILE], --format for info. */
static int parse_index_arg(const char *cmd, int argc, char **argv, const char **path,
                           int *json, int allow_format)
{
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'i': *path = optarg; break;
        case 'f':
            if (!allow_format)
                return cli_usage_error(cmd, usage_text, "--format is for 'index info' "
                                       "and 'index build'");
            if (strcmp(optarg, "json") == 0) *json = 1;
            else if (strcmp(optarg, "text") == 0) *json = 0;
            else return cli_usage_error(cmd, usage_text, "--format: '%s' is not text "
                                        "or json", optarg);
            break;
        case 'h': fputs(usage_text, stdout); return -1;
        default: return cli_bad_option(cmd, usage_text, opt, argv);
        }
    }
    if (optind < argc) {
        if (*path || optind + 1 < argc)
            return cli_usage_error(cmd, usage_text, "one index FILE at most");
        *path = argv[optind];
    }
    return CLI_EXIT_OK;
}

static int index_info(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0;
    int status = parse_index_arg("index info", argc, argv, &path, &json, 1);
    if (status) return status < 0 ? CLI_EXIT_OK : status;
    vigil_index *index = NULL;
    status = cli_open_index("index info", path, &index, &path);
    if (status) return status;
    if (json) {
        json_t *info = cli_json_index_info(index);
        if (!info || json_dumpf(info, stdout, CLI_JSON_PRETTY_FLAGS) != 0) {
            cli_warn("index info", "%s: out of memory or cannot write", path);
            status = CLI_EXIT_FAILURE;
        }
        putchar('\n');
        json_decref(info);
    } else {
        print_info_text(index, path);
    }
    vigil_index_close(index);
    return status;
}

static int index_verify(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0;
    int status = parse_index_arg("index verify", argc, argv, &path, &json, 0);
    if (status) return status < 0 ? CLI_EXIT_OK : status;
    vigil_index *index = NULL;
    status = cli_open_index("index verify", path, &index, &path);
    if (status) return status;
    vigil_error err;
    memset(&err, 0, sizeof(err));
    vigil_status st = vigil_index_verify(index, &err);
    if (st != VIGIL_OK) {
        if (!err.file[0]) snprintf(err.file, sizeof(err.file), "%s", path);
        status = cli_fail("index verify", "check failed", st, &err);
        if (status == CLI_EXIT_USAGE) status = CLI_EXIT_FAILURE;
    } else {
        printf("%s: ok (%u entities, %u names, %u sources, version %s)\n", path,
               vigil_index_entity_count(index), vigil_index_name_count(index),
               vigil_index_source_count(index), vigil_index_version(index));
    }
    vigil_index_close(index);
    return status;
}

int cmd_index(int argc, char **argv)
{
    if (argc < 2) return cli_usage_error("index", usage_text, "missing build, info or verify");
    const char *sub = argv[1];
    if (strcmp(sub, "build") == 0) return index_build(argc - 1, argv + 1);
    if (strcmp(sub, "info") == 0) return index_info(argc - 1, argv + 1);
    if (strcmp(sub, "verify") == 0) return index_verify(argc - 1, argv + 1);
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        fputs(usage_text, stdout);
        return CLI_EXIT_OK;
    }
    return cli_usage_error("index", usage_text, "unknown subcommand '%s'", sub);
}
