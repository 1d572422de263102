/*
 * cmd_match.c — `vigil match`: screens a batch of queries (JSON lines or a
 * CSV roster) against one open index, on all cores, writing results in
 * input order (JSON lines or one CSV row per hit).
 *
 * Design: the main thread reads records into a ring of slots; worker threads
 * take slots in order, parse, match and format them into text; the main
 * thread writes finished slots strictly in input order.  The ring bounds
 * memory (a slow query holds back at most the ring, never the whole input)
 * and makes the output, and the order of rejection messages, identical for
 * any number of threads.  The index is immutable once open, so workers share
 * it without locks; each worker owns its query entity.
 * A malformed record costs one rejection (its line number and reason on
 * stderr) and never stops the batch; only unusable input or output, or a
 * failure of the library itself, does.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "results_json.h"

#define CMD "match"
#define THREADS_MAX 256
#define SLOTS_PER_THREAD 16

static const char usage_text[] =
    "usage: vigil match [-i INDEX] [--input FILE] [--output FILE] [OPTION...]\n"
    "\n"
    "Screens one query per input record; results come out in input order.\n"
    "  -i, --index FILE        index to search (default: $VIGIL_INDEX, then the\n"
    "                          index 'vigil update' maintains)\n"
    "  --input FILE            queries (default stdin)\n"
    "  --output FILE           results (default stdout)\n"
    "  --input-format F        jsonl or csv (default: from the --input extension,\n"
    "                          else jsonl)\n"
    "  --format F              output jsonl, csv or text (default: from the\n"
    "                          --output extension, else jsonl); text lists the\n"
    "                          queries with hits for a person to read\n"
    "  --schema S              schema of queries that name none (default Thing)\n"
    "  --dataset D             search only this dataset (repeatable)\n"
    "  --topic T               only entities with this topic: sanction, debarment,\n"
    "                          role.pep, ... (repeatable)\n"
    "  --threshold X           lowest score reported, 0..1 (default 0.70)\n"
    "  --limit N               most hits per query (default 10)\n"
    "  --threads N             worker threads (default: all cores)\n"
    "  --fail-on-match         exit 1 when any query has a match\n"
    "  --quiet                 no progress bar and no summary\n"
    "JSON lines in:  {\"id\": \"q1\", \"name\": \"...\", \"schema\": \"Person\",\n"
    "                 \"birth_date\": \"...\", \"country\": \"...\"} or FtM-shaped\n"
    "                 {\"id\", \"schema\", \"properties\": {\"name\": [...], ...}}\n"
    "CSV in:         header row with name and optionally id, schema, birth_date,\n"
    "                country, nationality, alias, id_number, passport\n"
    "JSON lines out: {\"id\": \"q1\", \"results\": [hit, ...]} per query\n"
    "CSV out:        query_id,query_name,score,match,entity_id,caption,schema,\n"
    "                matched_name,list,summary: one row per hit\n"
    "exit: 0 ok, 1 some records rejected (or a match with --fail-on-match),\n"
    "      2 usage, 3 failure\n";

enum fmt { FMT_JSONL, FMT_CSV, FMT_TEXT };

struct match_args {
    const char *index_path, *input, *output;
    int input_format, output_format; /* -1: not given */
    vigil_schema schema;
    struct cli_match_args match;
    size_t threads;
    int fail_on_match, quiet;
};

/* CSV input columns and the query property each fills. */
static const struct { const char *column, *prop; } csv_columns[] = {
    {"name", "name"},
    {"alias", "alias"},
    {"birth_date", "birthDate"},
    {"country", "country"},
    {"nationality", "nationality"},
    {"id_number", "idNumber"},
    {"passport", "passportNumber"},
};
#define CSV_COLUMN_COUNT (sizeof(csv_columns) / sizeof(csv_columns[0]))

enum slot_state { SLOT_EMPTY, SLOT_QUEUED, SLOT_DONE };

struct slot {
    enum slot_state state;
    long line;
    char *text;
    size_t len;
    int too_long;
    char *out; /* formatted results, or NULL */
    size_t out_len;
    char *error; /* rejection message, or NULL */
    int matched;
    int fatal; /* the library failed: stop the batch */
};

struct batch {
    const struct match_args *args;
    const vigil_index *index;
    const char *input_name;
    int csv_col[CSV_COLUMN_COUNT], csv_id, csv_schema;

    pthread_mutex_t lock;
    pthread_cond_t work, done;
    struct slot *slots;
    size_t slot_count;
    unsigned long long submitted, taken, written;
    int eof;
};

/* ------------------------------------------------------------ arguments */

static int format_from_name(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot) return -1;
    if (strcasecmp(dot, ".csv") == 0) return FMT_CSV;
    if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0 ||
        strcasecmp(dot, ".json") == 0)
        return FMT_JSONL;
    return -1;
}

static int format_from_option(const char *text)
{
    if (strcmp(text, "jsonl") == 0 || strcmp(text, "json") == 0) return FMT_JSONL;
    if (strcmp(text, "csv") == 0) return FMT_CSV;
    if (strcmp(text, "text") == 0) return FMT_TEXT;
    return -1;
}

static size_t default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) return 1;
    return n > THREADS_MAX ? THREADS_MAX : (size_t)n;
}

enum {
    OPT_INPUT = 256, OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_FORMAT, OPT_SCHEMA, OPT_DATASET, OPT_TOPIC,
    OPT_THRESHOLD, OPT_LIMIT, OPT_THREADS, OPT_FAIL, OPT_QUIET
};

static int parse_option(int opt, struct match_args *a, char **argv)
{
    switch (opt) {
    case 'i': a->index_path = optarg; return 0;
    case OPT_INPUT: a->input = optarg; return 0;
    case OPT_OUTPUT: a->output = optarg; return 0;
    case OPT_INPUT_FORMAT:
    case OPT_FORMAT: {
        int f = format_from_option(optarg);
        if (f < 0 || (f == FMT_TEXT && opt == OPT_INPUT_FORMAT))
            return cli_usage_error(CMD, usage_text, "%s: '%s' is not jsonl or csv%s",
                                   argv[optind - 1], optarg,
                                   opt == OPT_FORMAT ? " or text" : "");
        if (opt == OPT_FORMAT) a->output_format = f;
        else a->input_format = f;
        return 0;
    }
    case OPT_SCHEMA:
        return cli_parse_schema(CMD, "--schema", optarg, &a->schema) ? CLI_EXIT_USAGE : 0;
    case OPT_DATASET:
        return cli_match_args_dataset(&a->match, CMD, optarg) ? CLI_EXIT_USAGE : 0;
    case OPT_TOPIC:
        return cli_match_args_topic(&a->match, CMD, optarg) ? CLI_EXIT_USAGE : 0;
    case OPT_THRESHOLD:
        return cli_parse_double(CMD, "--threshold", optarg, 0, 1,
                                &a->match.options.threshold) ? CLI_EXIT_USAGE : 0;
    case OPT_LIMIT:
        return cli_parse_size(CMD, "--limit", optarg, 1, 1000, &a->match.options.limit)
                   ? CLI_EXIT_USAGE : 0;
    case OPT_THREADS:
        return cli_parse_size(CMD, "--threads", optarg, 1, THREADS_MAX, &a->threads)
                   ? CLI_EXIT_USAGE : 0;
    case OPT_FAIL: a->fail_on_match = 1; return 0;
    case OPT_QUIET: a->quiet = 1; return 0;
    case 'h': fputs(usage_text, stdout); return -1;
    default: return cli_bad_option(CMD, usage_text, opt, argv);
    }
}

static int parse(int argc, char **argv, struct match_args *a)
{
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"input", required_argument, NULL, OPT_INPUT},
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"schema", required_argument, NULL, OPT_SCHEMA},
        {"dataset", required_argument, NULL, OPT_DATASET},
        {"topic", required_argument, NULL, OPT_TOPIC},
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"fail-on-match", no_argument, NULL, OPT_FAIL},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt, status;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:h", longopts, NULL)) != -1)
        if ((status = parse_option(opt, a, argv)) != 0) return status;
    if (optind < argc)
        return cli_usage_error(CMD, usage_text, "unexpected argument '%s' (queries come "
                               "from --input or stdin)", argv[optind]);
    if (a->input_format < 0) a->input_format = format_from_name(a->input);
    if (a->input_format < 0) a->input_format = FMT_JSONL;
    if (a->output_format < 0) a->output_format = format_from_name(a->output);
    if (a->output_format < 0) a->output_format = FMT_JSONL;
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------ one query */

struct worker {
    struct batch *batch;
    vigil_entity *query;
    pthread_t thread;
    int started;
};

static void reject(struct slot *s, const struct batch *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reject(struct slot *s, const struct batch *b, const char *fmt, ...)
{
    char reason[VIGIL_ERROR_MESSAGE_SIZE + 400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    size_t size = strlen(b->input_name) + strlen(reason) + 64;
    s->error = malloc(size);
    if (s->error) snprintf(s->error, size, "%s:%ld: %s", b->input_name, s->line, reason);
}

static int query_from_json(struct slot *s, const struct batch *b, vigil_entity *query)
{
    json_error_t jerr;
    json_t *object = json_loadb(s->text, s->len, JSON_REJECT_DUPLICATES, &jerr);
    if (!object) {
        reject(s, b, "bad JSON at column %d: %s", jerr.column, jerr.text);
        return -1;
    }
    char reason[256];
    vigil_status st = cli_json_to_query(object, query, reason, sizeof(reason));
    json_decref(object);
    if (st != VIGIL_OK) {
        reject(s, b, "%s", reason);
        return -1;
    }
    return 0;
}

static int query_from_csv(struct slot *s, const struct batch *b, vigil_entity *query)
{
    char *fields[CLI_FIELDS_MAX];
    char *storage = malloc(s->len + CLI_FIELDS_MAX + 1);
    const char *reason = "out of memory";
    int n = storage ? cli_csv_split(s->text, s->len, fields, CLI_FIELDS_MAX, storage, &reason)
                    : -1;
    int ok = n >= 0;
    if (!ok) reject(s, b, "%s", reason);
    if (ok && b->csv_id >= 0 && b->csv_id < n && fields[b->csv_id][0])
        vigil_entity_set_id(query, fields[b->csv_id]);
    if (ok && b->csv_schema >= 0 && b->csv_schema < n && fields[b->csv_schema][0]) {
        vigil_schema schema;
        if (vigil_schema_parse(fields[b->csv_schema], &schema) == VIGIL_OK) {
            vigil_entity_set_schema(query, schema);
        } else {
            reject(s, b, "schema: unknown schema '%s'", fields[b->csv_schema]);
            ok = 0;
        }
    }
    for (size_t c = 0; ok && c < CSV_COLUMN_COUNT; c++) {
        int col = b->csv_col[c];
        if (col < 0 || col >= n || !fields[col][0]) continue;
        if (vigil_entity_add(query, csv_columns[c].prop, fields[col]) != VIGIL_OK) {
            reject(s, b, "%s: cannot use '%s'", csv_columns[c].column, fields[col]);
            ok = 0;
        }
    }
    if (ok && (b->csv_col[0] >= n || !fields[b->csv_col[0]][0])) {
        reject(s, b, "name: empty");
        ok = 0;
    }
    free(storage);
    return ok ? 0 : -1;
}

static const char *first_name(const vigil_entity *query)
{
    size_t n = vigil_entity_prop_count(query);
    const char *alias = "";
    for (size_t i = 0; i < n; i++) {
        const char *prop = "", *value = "";
        vigil_entity_prop(query, i, &prop, &value);
        if (strcmp(prop, "name") == 0) return value;
        if (!alias[0] && strcmp(prop, "alias") == 0) alias = value;
    }
    return alias;
}

static void write_jsonl(FILE *out, const struct batch *b, const char *qid,
                        const vigil_results *results, int *ok)
{
    json_t *line = json_pack("{s:s, s:o*}", "id", qid, "results",
                             cli_json_results(b->index, results));
    *ok = line && json_dumpf(line, out, CLI_JSON_DUMP_FLAGS) == 0;
    fputc('\n', out);
    json_decref(line);
}

static void write_csv(FILE *out, const struct batch *b, const char *qid,
                      const char *qname, const vigil_results *results)
{
    char list[320];
    for (size_t i = 0; i < vigil_results_count(results); i++) {
        const vigil_hit *hit = vigil_results_hit(results, i);
        uint32_t e = hit->entity;
        cli_csv_field(out, qid);
        fputc(',', out);
        cli_csv_field(out, qname);
        fprintf(out, ",%.4f,%s,", hit->score, hit->match ? "true" : "false");
        cli_csv_field(out, vigil_index_entity_id(b->index, e));
        fputc(',', out);
        cli_csv_field(out, vigil_index_entity_caption(b->index, e));
        fputc(',', out);
        cli_csv_field(out, vigil_schema_name(vigil_index_entity_schema(b->index, e)));
        fputc(',', out);
        cli_csv_field(out, hit->matched_name);
        fputc(',', out);
        cli_csv_field(out, cli_list_label(b->index, e, list, sizeof(list)));
        fputc(',', out);
        cli_csv_field(out, hit->summary);
        fputc('\n', out);
    }
}

/* Queries with hits, for a person: the query, then one line per hit. */
static void write_text(FILE *out, const struct batch *b, const char *qid,
                       const char *qname, const vigil_results *results)
{
    char list[320];
    size_t n = vigil_results_count(results);
    if (n == 0) return;
    fprintf(out, "%s  ", qid);
    cli_print_cell(out, qname, 60, 0);
    fputc('\n', out);
    for (size_t i = 0; i < n; i++) {
        const vigil_hit *hit = vigil_results_hit(results, i);
        uint32_t e = hit->entity;
        fprintf(out, "    %.3f %-5s  ", hit->score, hit->match ? "MATCH" : "-");
        cli_print_cell(out, vigil_index_entity_caption(b->index, e), 50, 0);
        fprintf(out, " [%s, %s]\n        matched \"", vigil_index_entity_id(b->index, e),
                vigil_schema_name(vigil_index_entity_schema(b->index, e)));
        cli_print_cell(out, hit->matched_name, 60, 0);
        fprintf(out, "\" (%s) in %s\n", hit->name_kind ? hit->name_kind : "",
                cli_list_label(b->index, e, list, sizeof(list)));
        if (hit->summary && hit->summary[0]) {
            fputs("        ", out);
            cli_print_cell(out, hit->summary, 1000, 0);
            fputc('\n', out);
        }
    }
}

/* Formats the results of one query into s->out. */
static void format_results(struct slot *s, const struct batch *b, const vigil_entity *query,
                           const vigil_results *results)
{
    char line_id[32];
    const char *qid = vigil_entity_id(query);
    if (!qid || !qid[0]) {
        snprintf(line_id, sizeof(line_id), "%ld", s->line);
        qid = line_id;
    }
    FILE *out = open_memstream(&s->out, &s->out_len);
    int ok = out != NULL;
    if (ok && b->args->output_format == FMT_CSV)
        write_csv(out, b, qid, first_name(query), results);
    else if (ok && b->args->output_format == FMT_TEXT)
        write_text(out, b, qid, first_name(query), results);
    else if (ok)
        write_jsonl(out, b, qid, results, &ok);
    if (out && fclose(out) != 0) ok = 0;
    if (!ok) {
        free(s->out);
        s->out = NULL;
        s->fatal = 1;
        reject(s, b, "out of memory while formatting the results");
    }
}

static int is_input_error(vigil_status st)
{
    return st == VIGIL_EINVAL || st == VIGIL_EPARSE || st == VIGIL_ELIMIT;
}

static void run_query(struct slot *s, const struct batch *b, vigil_entity *query)
{
    vigil_entity_clear(query);
    if (s->too_long) {
        reject(s, b, "record longer than %d bytes, skipped", CLI_RECORD_MAX);
        return;
    }
    int parsed = b->args->input_format == FMT_CSV ? query_from_csv(s, b, query)
                                                  : query_from_json(s, b, query);
    if (parsed < 0) return;
    if (vigil_entity_schema(query) == VIGIL_SCHEMA_THING)
        vigil_entity_set_schema(query, b->args->schema);
    vigil_results *results = NULL;
    vigil_error err;
    memset(&err, 0, sizeof(err));
    vigil_status st = vigil_match(b->index, query, &b->args->match.options, &results, &err);
    if (st != VIGIL_OK) {
        char place[VIGIL_ERROR_MESSAGE_SIZE + 400];
        err.file[0] = '\0';
        err.line = 0;
        reject(s, b, "%s", err.status == st ? vigil_error_format(&err, place, sizeof(place))
                                            : vigil_strerror(st));
        s->fatal = !is_input_error(st);
        return;
    }
    for (size_t i = 0; i < vigil_results_count(results); i++)
        s->matched |= vigil_results_hit(results, i)->match;
    format_results(s, b, query, results);
    vigil_results_free(results);
}

/* ------------------------------------------------------------ the ring */

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct batch *b = w->batch;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (b->taken == b->submitted && !b->eof) pthread_cond_wait(&b->work, &b->lock);
        if (b->taken == b->submitted) break;
        struct slot *s = &b->slots[b->taken % b->slot_count];
        b->taken++;
        pthread_mutex_unlock(&b->lock);
        run_query(s, b, w->query);
        pthread_mutex_lock(&b->lock);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&b->done);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

struct totals {
    unsigned long long processed, matched, rejected;
    int fatal, write_failed;
};

struct progress {
    int enabled, drawn;
    struct timespec last, start;
    unsigned long long input_size;
};

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_clear(struct progress *p)
{
    if (p->drawn) fputs("\r\033[K", stderr);
    p->drawn = 0;
}

static void progress_draw(struct progress *p, const struct totals *t,
                          unsigned long long bytes, int force)
{
    if (!p->enabled || (!force && seconds_since(&p->last) < 0.2)) return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double elapsed = seconds_since(&p->start);
    fprintf(stderr, "\r\033[Kvigil match: %llu queries, %llu matched, %.0f/s",
            t->processed, t->matched, elapsed > 0 ? (double)t->processed / elapsed : 0.0);
    if (p->input_size)
        fprintf(stderr, ", %.0f%%", 100.0 * (double)bytes / (double)p->input_size);
    p->drawn = 1;
}

/* Writes the finished slots at the head of the ring; called with the lock
 * held, releases it while writing. */
static void flush_ready(struct batch *b, FILE *out, struct totals *t, struct progress *p)
{
    while (b->written < b->taken) {
        struct slot *s = &b->slots[b->written % b->slot_count];
        if (s->state != SLOT_DONE) break;
        struct slot done = *s;
        s->state = SLOT_EMPTY;
        s->text = s->out = s->error = NULL;
        pthread_mutex_unlock(&b->lock);
        t->processed++;
        if (done.error) {
            progress_clear(p);
            fprintf(stderr, "vigil %s: %s\n", CMD, done.error);
            t->rejected++;
        }
        t->matched += done.matched != 0;
        t->fatal |= done.fatal;
        if (done.out && fwrite(done.out, 1, done.out_len, out) != done.out_len)
            t->write_failed = 1;
        free(done.text);
        free(done.out);
        free(done.error);
        pthread_mutex_lock(&b->lock);
        b->written++;
    }
}

/* Puts one record into the ring, waiting (and writing) while it is full. */
static int submit(struct batch *b, const struct cli_reader *r, long line, int too_long,
                  FILE *out, struct totals *t, struct progress *p)
{
    char *text = malloc(r->len + 1);
    if (!text) return -1;
    memcpy(text, r->buf, r->len + 1);
    pthread_mutex_lock(&b->lock);
    flush_ready(b, out, t, p);
    while (b->submitted - b->written == b->slot_count) {
        pthread_cond_wait(&b->done, &b->lock);
        flush_ready(b, out, t, p);
    }
    struct slot *s = &b->slots[b->submitted % b->slot_count];
    memset(s, 0, sizeof(*s));
    s->state = SLOT_QUEUED;
    s->line = line;
    s->text = text;
    s->len = r->len;
    s->too_long = too_long;
    b->submitted++;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->lock);
    progress_draw(p, t, r->bytes, 0);
    return 0;
}

/* Drains the ring after the last record. */
static void finish(struct batch *b, FILE *out, struct totals *t, struct progress *p)
{
    pthread_mutex_lock(&b->lock);
    b->eof = 1;
    pthread_cond_broadcast(&b->work);
    for (;;) {
        flush_ready(b, out, t, p);
        if (b->written == b->submitted) break;
        pthread_cond_wait(&b->done, &b->lock);
    }
    pthread_mutex_unlock(&b->lock);
}

/* ------------------------------------------------------------ input */

static int next_record(struct batch *b, struct cli_reader *r, long *line, int *too_long)
{
    if (b->args->input_format == FMT_CSV) return cli_read_csv_record(r, line, too_long);
    int got = cli_read_line(r, too_long);
    *line = r->line;
    return got;
}

static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

/* Reads the CSV header row and maps its columns. */
static int read_csv_header(struct batch *b, struct cli_reader *r)
{
    char *fields[CLI_FIELDS_MAX];
    const char *reason = "out of memory";
    char *storage = malloc(CLI_RECORD_MAX + CLI_FIELDS_MAX + 1);
    int n = storage ? cli_csv_read_header(r, fields, CLI_FIELDS_MAX, storage, &reason) : -1;
    if (n >= 0) {
        for (size_t c = 0; c < CSV_COLUMN_COUNT; c++)
            b->csv_col[c] = cli_csv_column(fields, n, csv_columns[c].column);
        b->csv_id = cli_csv_column(fields, n, "id");
        b->csv_schema = cli_csv_column(fields, n, "schema");
        if (b->csv_col[0] < 0) reason = "header: needs a 'name' column";
    }
    free(storage);
    if (n < 0 || b->csv_col[0] < 0) {
        cli_warn(CMD, "%s:1: %s", b->input_name, reason);
        return -1;
    }
    return 0;
}

static void write_csv_header(FILE *out)
{
    fputs("query_id,query_name,score,match,entity_id,caption,schema,matched_name,list,"
          "summary\n", out);
}

/* ------------------------------------------------------------ the batch */

static int start_workers(struct batch *b, struct worker *workers, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        workers[i].batch = b;
        if (vigil_entity_new(&workers[i].query) != VIGIL_OK) return -1;
        if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0)
            return -1;
        workers[i].started = 1;
    }
    return 0;
}

static void stop_workers(struct batch *b, struct worker *workers, size_t n)
{
    pthread_mutex_lock(&b->lock);
    b->eof = 1;
    pthread_cond_broadcast(&b->work);
    pthread_mutex_unlock(&b->lock);
    for (size_t i = 0; i < n; i++) {
        if (workers[i].started) pthread_join(workers[i].thread, NULL);
        vigil_entity_free(workers[i].query);
    }
}

/* Reads every record and feeds the ring; returns 0, or -1 on a read error. */
static int feed(struct batch *b, struct cli_reader *r, FILE *out, struct totals *t,
                struct progress *p)
{
    for (;;) {
        long line = 0;
        int too_long = 0;
        int got = next_record(b, r, &line, &too_long);
        if (got < 0) {
            progress_clear(p);
            cli_warn(CMD, "%s:%ld: read error: %s", b->input_name, r->line + 1,
                     strerror(errno));
            return -1;
        }
        if (got == 0) return 0;
        if (!too_long && blank(r->buf, r->len)) continue;
        if (submit(b, r, line, too_long, out, t, p) < 0) {
            cli_warn(CMD, "%s:%ld: out of memory", b->input_name, line);
            return -1;
        }
        if (t->fatal || t->write_failed) return 0;
    }
}

static int run_batch(struct batch *b, FILE *in, FILE *out, struct totals *t)
{
    struct cli_reader r;
    struct progress p;
    memset(&p, 0, sizeof(p));
    cli_reader_init(&r, in, b->input_name, CLI_RECORD_MAX);
    p.enabled = !b->args->quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    struct stat st;
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
        p.input_size = (unsigned long long)st.st_size;

    int status = CLI_EXIT_OK;
    if (b->args->input_format == FMT_CSV && read_csv_header(b, &r) < 0) {
        cli_reader_free(&r);
        return CLI_EXIT_FAILURE;
    }
    if (b->args->output_format == FMT_CSV) write_csv_header(out);

    size_t n = b->args->threads;
    struct worker *workers = calloc(n, sizeof(*workers));
    b->slot_count = n * SLOTS_PER_THREAD;
    b->slots = calloc(b->slot_count, sizeof(*b->slots));
    if (!workers || !b->slots || start_workers(b, workers, n) < 0) {
        cli_warn(CMD, "cannot start %zu worker threads", n);
        status = CLI_EXIT_FAILURE;
    } else {
        if (feed(b, &r, out, t, &p) < 0) status = CLI_EXIT_FAILURE;
        finish(b, out, t, &p);
        progress_draw(&p, t, r.bytes, 1);
        progress_clear(&p);
    }
    if (workers) stop_workers(b, workers, n);
    free(workers);
    free(b->slots);
    cli_reader_free(&r);
    return status;
}

static int open_files(const struct match_args *a, FILE **in, FILE **out)
{
    *in = a->input && strcmp(a->input, "-") != 0 ? fopen(a->input, "r") : stdin;
    if (!*in) {
        cli_warn(CMD, "%s: cannot open: %s", a->input, strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    *out = a->output && strcmp(a->output, "-") != 0 ? fopen(a->output, "w") : stdout;
    if (!*out) {
        cli_warn(CMD, "%s: cannot create: %s", a->output, strerror(errno));
        if (*in != stdin) fclose(*in);
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}

static int close_output(const struct match_args *a, FILE *out)
{
    const char *name = a->output && strcmp(a->output, "-") != 0 ? a->output : "stdout";
    int failed = fflush(out) != 0 || ferror(out);
    if (out != stdout) failed |= fclose(out) != 0;
    if (failed) cli_warn(CMD, "%s: cannot write: %s", name, strerror(errno));
    return failed;
}

int cmd_match(int argc, char **argv)
{
    struct match_args a;
    memset(&a, 0, sizeof(a));
    a.input_format = a.output_format = -1;
    a.threads = default_threads();
    cli_match_args_init(&a.match);
    int status = parse(argc, argv, &a);
    if (status) return status < 0 ? CLI_EXIT_OK : status;

    vigil_index *index = NULL;
    status = cli_open_index(CMD, a.index_path, &index, &a.index_path);
    if (status) return status;
    FILE *in, *out;
    status = open_files(&a, &in, &out);
    if (status) {
        vigil_index_close(index);
        return status;
    }
    struct batch b;
    memset(&b, 0, sizeof(b));
    b.args = &a;
    b.index = index;
    b.input_name = a.input && strcmp(a.input, "-") != 0 ? a.input : "stdin";
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.work, NULL);
    pthread_cond_init(&b.done, NULL);

    struct totals t;
    memset(&t, 0, sizeof(t));
    status = run_batch(&b, in, out, &t);
    if (close_output(&a, out) || t.write_failed) status = CLI_EXIT_FAILURE;
    if (in != stdin) fclose(in);
    if (t.fatal) {
        cli_warn(CMD, "stopped: the library failed (see the message above)");
        status = CLI_EXIT_FAILURE;
    }
    if (!a.quiet)
        fprintf(stderr, "vigil match: processed %llu, matched %llu, rejected %llu\n",
                t.processed, t.matched, t.rejected);
    if (status == CLI_EXIT_OK && (t.rejected || (a.fail_on_match && t.matched)))
        status = CLI_EXIT_PARTIAL;

    pthread_cond_destroy(&b.done);
    pthread_cond_destroy(&b.work);
    pthread_mutex_destroy(&b.lock);
    vigil_index_close(index);
    return status;
}
