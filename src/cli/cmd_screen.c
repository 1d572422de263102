/*
 * cmd_screen.c — `vigil screen NAME`: one query, answered for a person (a
 * table of hits, best first, and why each one scored) or as JSON in the
 * shape `vigil match` and `vigil serve` use.
 *
 * The words of NAME may come as one quoted argument or several; they are
 * joined with spaces, so `vigil screen Kim Jong Un` also works.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "results_json.h"

#define CMD "screen"
#define NAME_MAX_BYTES 4096

static const char usage_text[] =
    "usage: vigil screen [-i INDEX] [OPTION...] NAME...\n"
    "\n"
    "  -i, --index FILE      index to search (default: $VIGIL_INDEX, then the\n"
    "                        index 'vigil update' maintains)\n"
    "  --schema S            Person, Organization, Company, LegalEntity, Vessel,\n"
    "                        Aircraft or Thing (default: Thing, any)\n"
    "  --alias NAME          another name of the same party (repeatable)\n"
    "  --birth-date DATE     YYYY, YYYY-MM or YYYY-MM-DD (repeatable)\n"
    "  --country CC          country or nationality, ISO code or name (repeatable)\n"
    "  --id-number N         national ID or registration number (repeatable)\n"
    "  --passport N          passport number (repeatable)\n"
    "  --imo N               IMO number of a vessel\n"
    "  --dataset D           search only this dataset (repeatable)\n"
    "  --topic T             only entities with this topic: sanction, debarment,\n"
    "                        role.pep, ... (repeatable)\n"
    "  --threshold X         lowest score shown, 0..1 (default 0.70)\n"
    "  --limit N             most hits shown (default 10)\n"
    "  --format text|json    output (default text)\n"
    "  --brief               the table without explanations\n"
    "  --fail-on-match       exit 1 when any hit is a match\n"
    "exit: 0 ok, 1 match found with --fail-on-match, 2 usage, 3 failure\n";

enum {
    OPT_SCHEMA = 256, OPT_ALIAS, OPT_BIRTH, OPT_COUNTRY, OPT_IDNUM, OPT_PASSPORT,
    OPT_IMO, OPT_DATASET, OPT_TOPIC, OPT_THRESHOLD, OPT_LIMIT, OPT_FORMAT, OPT_BRIEF, OPT_FAIL
};

static const struct option longopts[] = {
    {"index", required_argument, NULL, 'i'},
    {"schema", required_argument, NULL, OPT_SCHEMA},
    {"alias", required_argument, NULL, OPT_ALIAS},
    {"birth-date", required_argument, NULL, OPT_BIRTH},
    {"country", required_argument, NULL, OPT_COUNTRY},
    {"id-number", required_argument, NULL, OPT_IDNUM},
    {"passport", required_argument, NULL, OPT_PASSPORT},
    {"imo", required_argument, NULL, OPT_IMO},
    {"dataset", required_argument, NULL, OPT_DATASET},
    {"topic", required_argument, NULL, OPT_TOPIC},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"brief", no_argument, NULL, OPT_BRIEF},
    {"fail-on-match", no_argument, NULL, OPT_FAIL},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct screen_args {
    const char *index_path;
    vigil_schema schema;
    struct cli_match_args match;
    int json, brief, fail_on_match;
    char name[NAME_MAX_BYTES];
};

/* The property an option fills, or NULL for options that are not one. */
static const char *option_property(int opt)
{
    switch (opt) {
    case OPT_ALIAS: return "alias";
    case OPT_BIRTH: return "birthDate";
    case OPT_COUNTRY: return "country";
    case OPT_IDNUM: return "idNumber";
    case OPT_PASSPORT: return "passportNumber";
    case OPT_IMO: return "imoNumber";
    default: return NULL;
    }
}

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse(int argc, char **argv, struct screen_args *a, vigil_entity *query)
{
    int opt;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:h", longopts, NULL)) != -1) {
        const char *prop = option_property(opt);
        if (prop) {
            if (vigil_entity_add(query, prop, optarg) != VIGIL_OK)
                return cli_usage_error(CMD, usage_text, "%s: cannot use '%s'",
                                       argv[optind - 1], optarg);
            continue;
        }
        switch (opt) {
        case 'i': a->index_path = optarg; break;
        case OPT_SCHEMA:
            if (cli_parse_schema(CMD, "--schema", optarg, &a->schema)) return CLI_EXIT_USAGE;
            break;
        case OPT_DATASET:
            if (cli_match_args_dataset(&a->match, CMD, optarg)) return CLI_EXIT_USAGE;
            break;
        case OPT_TOPIC:
            if (cli_match_args_topic(&a->match, CMD, optarg)) return CLI_EXIT_USAGE;
            break;
        case OPT_THRESHOLD:
            if (cli_parse_double(CMD, "--threshold", optarg, 0, 1, &a->match.options.threshold))
                return CLI_EXIT_USAGE;
            break;
        case OPT_LIMIT:
            if (cli_parse_size(CMD, "--limit", optarg, 1, 1000, &a->match.options.limit))
                return CLI_EXIT_USAGE;
            break;
        case OPT_FORMAT:
            if (cli_parse_text_or_json(CMD, optarg, &a->json)) return CLI_EXIT_USAGE;
            break;
        case OPT_BRIEF: a->brief = 1; break;
        case OPT_FAIL: a->fail_on_match = 1; break;
        case 'h': fputs(usage_text, stdout); return -1;
        default: return cli_bad_option(CMD, usage_text, opt, argv);
        }
    }
    if (optind >= argc) return cli_usage_error(CMD, usage_text, "missing the NAME to screen");
    size_t used = 0;
    for (int i = optind; i < argc; i++) {
        int n = snprintf(a->name + used, sizeof(a->name) - used, "%s%s",
                         used ? " " : "", argv[i]);
        if (n < 0 || (size_t)n >= sizeof(a->name) - used)
            return cli_usage_error(CMD, usage_text, "NAME is longer than %d bytes",
                                   NAME_MAX_BYTES - 1);
        used += (size_t)n;
    }
    if (vigil_entity_add(query, "name", a->name) != VIGIL_OK || !a->name[0])
        return cli_usage_error(CMD, usage_text, "NAME is empty");
    vigil_entity_set_schema(query, a->schema);
    return CLI_EXIT_OK;
}

static int print_json(const struct screen_args *a, const vigil_index *index,
                      const vigil_results *results)
{
    json_t *hits = cli_json_results(index, results);
    json_t *out = json_pack("{s:s, s:s, s:s, s:I, s:o*}", "query", a->name, "schema",
                            vigil_schema_name(a->schema), "index_version",
                            vigil_index_version(index), "candidates",
                            (json_int_t)vigil_results_candidates(results), "results", hits);
    int ok = out && hits && json_dumpf(out, stdout, CLI_JSON_PRETTY_FLAGS) == 0;
    putchar('\n');
    json_decref(out);
    return ok;
}

static void print_text(const struct screen_args *a, const vigil_index *index,
                       const vigil_results *results)
{
    size_t n = vigil_results_count(results);
    if (n == 0) {
        printf("no hits for \"%s\" at threshold %.2f (%zu candidates scored, index %s)\n",
               a->name, a->match.options.threshold, vigil_results_candidates(results),
               vigil_index_version(index));
        return;
    }
    printf("%zu hit%s for \"%s\" (%s; %zu candidates scored, index %s)\n\n", n,
           n == 1 ? "" : "s", a->name, vigil_schema_name(a->schema),
           vigil_results_candidates(results), vigil_index_version(index));
    cli_print_hits_table(stdout, index, results);
    if (a->brief) return;
    for (size_t i = 0; i < n; i++) {
        putchar('\n');
        cli_print_explanation(stdout, index, vigil_results_hit(results, i), i + 1);
    }
}

int cmd_screen(int argc, char **argv)
{
    struct screen_args a;
    memset(&a, 0, sizeof(a));
    cli_match_args_init(&a.match);
    vigil_entity *query = NULL;
    vigil_index *index = NULL;
    vigil_results *results = NULL;
    vigil_status st = vigil_entity_new(&query);
    if (st != VIGIL_OK) return cli_fail(CMD, "cannot start", st, NULL);
    int status = parse(argc, argv, &a, query);
    if (status) {
        vigil_entity_free(query);
        return status < 0 ? CLI_EXIT_OK : status;
    }
    status = cli_open_index(CMD, a.index_path, &index, &a.index_path);
    if (status) goto done;
    vigil_error err;
    memset(&err, 0, sizeof(err));
    st = vigil_match(index, query, &a.match.options, &results, &err);
    if (st != VIGIL_OK) {
        status = cli_fail(CMD, "cannot screen the name", st, &err);
        goto done;
    }
    if (a.json) {
        if (!print_json(&a, index, results)) {
            cli_warn(CMD, "cannot write the results");
            status = CLI_EXIT_FAILURE;
            goto done;
        }
    } else {
        print_text(&a, index, results);
    }
    if (a.fail_on_match) {
        for (size_t i = 0; i < vigil_results_count(results); i++)
            if (vigil_results_hit(results, i)->match) status = CLI_EXIT_PARTIAL;
    }
done:
    vigil_results_free(results);
    vigil_index_close(index);
    vigil_entity_free(query);
    return status;
}
