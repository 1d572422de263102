/*
 * cmd_compare.c — `vigil compare`: the name scoring that ranking uses,
 * applied to one pair (explained) or to a CSV of pairs (scored), with no
 * index.  Useful to see why two spellings agree, and to evaluate the scorer
 * on labelled pairs.
 *
 * --pairs keeps every input column and appends score and match, so a
 * labelled file comes back with its labels beside the verdicts.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "results_json.h"

#define CMD "compare"

static const char usage_text[] =
    "usage: vigil compare [--schema S] [--threshold X] [--format text|json] NAME1 NAME2\n"
    "       vigil compare --pairs FILE [--schema S] [--threshold X]\n"
    "\n"
    "  --schema S          schema of both names (default Thing); in --pairs, a\n"
    "                      schema column overrides it per row\n"
    "  --threshold X       score at which a pair is a match (default 0.70)\n"
    "  --format text|json  output of a single pair (default text)\n"
    "  --pairs FILE        CSV with a header row and columns name1, name2 and\n"
    "                      optionally schema ('-' reads stdin); writes the same\n"
    "                      rows to stdout with score and match appended\n"
    "exit: 0 ok, 1 some pairs rejected, 2 usage, 3 failure\n";

enum { OPT_SCHEMA = 256, OPT_THRESHOLD, OPT_FORMAT, OPT_PAIRS };

struct compare_args {
    vigil_schema schema;
    double threshold;
    int json;
    const char *pairs;
};

static int parse(int argc, char **argv, struct compare_args *a)
{
    static const struct option longopts[] = {
        {"schema", required_argument, NULL, OPT_SCHEMA},
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"pairs", required_argument, NULL, OPT_PAIRS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_SCHEMA:
            if (cli_parse_schema(CMD, "--schema", optarg, &a->schema)) return CLI_EXIT_USAGE;
            break;
        case OPT_THRESHOLD:
            if (cli_parse_double(CMD, "--threshold", optarg, 0, 1, &a->threshold))
                return CLI_EXIT_USAGE;
            break;
        case OPT_FORMAT:
            if (cli_parse_text_or_json(CMD, optarg, &a->json)) return CLI_EXIT_USAGE;
            break;
        case OPT_PAIRS: a->pairs = optarg; break;
        case 'h': fputs(usage_text, stdout); return -1;
        default: return cli_bad_option(CMD, usage_text, opt, argv);
        }
    }
    int names = argc - optind;
    if (a->pairs && names != 0)
        return cli_usage_error(CMD, usage_text, "give either --pairs FILE or two names");
    if (!a->pairs && names != 2)
        return cli_usage_error(CMD, usage_text, "expected two names, got %d", names);
    return CLI_EXIT_OK;
}

static int compare_one(const struct compare_args *a, const char *name1, const char *name2)
{
    vigil_results *results = NULL;
    vigil_error err;
    memset(&err, 0, sizeof(err));
    vigil_status st = vigil_compare(name1, name2, a->schema, &results, &err);
    if (st != VIGIL_OK) return cli_fail(CMD, "cannot compare the names", st, &err);
    if (vigil_results_count(results) == 0) {
        vigil_results_free(results);
        return cli_fail(CMD, "cannot compare the names", VIGIL_EINVAL, NULL);
    }
    vigil_hit hit = *vigil_results_hit(results, 0);
    hit.match = hit.score >= a->threshold;
    int status = CLI_EXIT_OK;
    if (a->json) {
        json_t *out = json_pack("{s:s, s:s, s:s, s:o*}", "name1", name1, "name2", name2,
                                "schema", vigil_schema_name(a->schema), "result",
                                cli_json_hit(NULL, &hit));
        if (!out || json_dumpf(out, stdout, CLI_JSON_PRETTY_FLAGS) != 0)
            status = cli_fail(CMD, "cannot write the result", VIGIL_ENOMEM, NULL);
        putchar('\n');
        json_decref(out);
    } else {
        printf("\"%s\" ~ \"%s\" (%s): score %.3f, %s\n\n", name1, name2,
               vigil_schema_name(a->schema), hit.score, hit.match ? "MATCH" : "no match");
        cli_print_explanation(stdout, NULL, &hit, 1);
    }
    vigil_results_free(results);
    return status;
}

struct pairs_file {
    struct cli_reader reader;
    char *fields[CLI_FIELDS_MAX];
    char *storage;
    int col_name1, col_name2, col_schema;
};

/* Scores one data row; returns 0 or -1 when the row is rejected. */
static int score_row(const struct compare_args *a, struct pairs_file *p, int count,
                     long line)
{
    const char *name1 = p->col_name1 < count ? p->fields[p->col_name1] : "";
    const char *name2 = p->col_name2 < count ? p->fields[p->col_name2] : "";
    vigil_schema schema = a->schema;
    if (!name1[0] || !name2[0]) {
        cli_warn(CMD, "%s:%ld: %s: empty name, row skipped", p->reader.name, line,
                 name1[0] ? "name2" : "name1");
        return -1;
    }
    if (p->col_schema >= 0 && p->col_schema < count && p->fields[p->col_schema][0] &&
        vigil_schema_parse(p->fields[p->col_schema], &schema) != VIGIL_OK) {
        cli_warn(CMD, "%s:%ld: schema: unknown schema '%s', row skipped", p->reader.name,
                 line, p->fields[p->col_schema]);
        return -1;
    }
    vigil_results *results = NULL;
    vigil_error err;
    memset(&err, 0, sizeof(err));
    vigil_status st = vigil_compare(name1, name2, schema, &results, &err);
    if (st != VIGIL_OK || vigil_results_count(results) == 0) {
        char place[VIGIL_ERROR_MESSAGE_SIZE + 400];
        vigil_error_format(&err, place, sizeof(place));
        cli_warn(CMD, "%s:%ld: %s, row skipped", p->reader.name, line,
                 st != VIGIL_OK ? place : "no score");
        vigil_results_free(results);
        return -1;
    }
    double score = vigil_results_hit(results, 0)->score;
    vigil_results_free(results);
    for (int i = 0; i < count; i++) {
        cli_csv_field(stdout, p->fields[i]);
        fputc(',', stdout);
    }
    printf("%.4f,%s\n", score, score >= a->threshold ? "true" : "false");
    return 0;
}

static int read_header(struct pairs_file *p, int *count)
{
    const char *reason = NULL;
    *count = cli_csv_read_header(&p->reader, p->fields, CLI_FIELDS_MAX, p->storage, &reason);
    if (*count < 0) {
        cli_warn(CMD, "%s:1: %s", p->reader.name, reason);
        return -1;
    }
    p->col_name1 = cli_csv_column(p->fields, *count, "name1");
    p->col_name2 = cli_csv_column(p->fields, *count, "name2");
    p->col_schema = cli_csv_column(p->fields, *count, "schema");
    if (p->col_name1 < 0 || p->col_name2 < 0) {
        cli_warn(CMD, "%s:1: header: needs columns name1 and name2", p->reader.name);
        return -1;
    }
    for (int i = 0; i < *count; i++) {
        cli_csv_field(stdout, p->fields[i]);
        fputc(',', stdout);
    }
    fputs("score,match\n", stdout);
    return 0;
}

static int compare_pairs(const struct compare_args *a)
{
    int from_stdin = strcmp(a->pairs, "-") == 0;
    FILE *in = from_stdin ? stdin : fopen(a->pairs, "r");
    if (!in) {
        cli_warn(CMD, "%s: cannot open: %s", a->pairs, strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    struct pairs_file p;
    memset(&p, 0, sizeof(p));
    cli_reader_init(&p.reader, in, from_stdin ? "stdin" : a->pairs, CLI_RECORD_MAX);
    p.storage = malloc(CLI_RECORD_MAX + CLI_FIELDS_MAX + 1);
    int status = CLI_EXIT_OK, count = 0;
    unsigned long long rows = 0, rejected = 0;
    if (!p.storage || read_header(&p, &count) < 0) {
        status = CLI_EXIT_FAILURE;
        goto done;
    }
    for (;;) {
        int too_long = 0;
        long line = 0;
        int got = cli_read_csv_record(&p.reader, &line, &too_long);
        if (got < 0) {
            cli_warn(CMD, "%s:%ld: read error: %s", p.reader.name, p.reader.line + 1,
                     strerror(errno));
            status = CLI_EXIT_FAILURE;
            break;
        }
        if (got == 0) break;
        if (p.reader.len == 0) continue;
        rows++;
        const char *reason = NULL;
        int n = too_long ? -1
                         : cli_csv_split(p.reader.buf, p.reader.len, p.fields, CLI_FIELDS_MAX,
                                         p.storage, &reason);
        if (n < 0) {
            cli_warn(CMD, "%s:%ld: %s, row skipped", p.reader.name, line,
                     too_long ? "row longer than 64 KiB" : reason);
            rejected++;
        } else if (score_row(a, &p, n, line) < 0) {
            rejected++;
        }
    }
    fprintf(stderr, "vigil compare: processed %llu, rejected %llu\n", rows, rejected);
    if (status == CLI_EXIT_OK && rejected) status = CLI_EXIT_PARTIAL;
done:
    free(p.storage);
    cli_reader_free(&p.reader);
    if (!from_stdin) fclose(in);
    return status;
}

int cmd_compare(int argc, char **argv)
{
    struct compare_args a = {VIGIL_SCHEMA_THING, VIGIL_DEFAULT_THRESHOLD, 0, NULL};
    int status = parse(argc, argv, &a);
    if (status) return status < 0 ? CLI_EXIT_OK : status;
    return a.pairs ? compare_pairs(&a) : compare_one(&a, argv[optind], argv[optind + 1]);
}
