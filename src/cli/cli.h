/*
 * cli.h — helpers shared by the vigil subcommands: exit codes, error
 * reporting, option values, bounded input reading, CSV, and the readable
 * rendering of hits.  Everything here sits on the public API (vigil.h).
 */
#ifndef VIGIL_CLI_CLI_H
#define VIGIL_CLI_CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "vigil.h"

/* Process exit statuses (commands.h). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_PARTIAL = 1, /* completed, with rejected records or requested hits */
    CLI_EXIT_USAGE = 2,   /* bad arguments or query */
    CLI_EXIT_FAILURE = 3  /* could not do the work */
};

/* The exit status for a library status (one table in cli_common.c). */
int cli_exit_code(vigil_status status);

/* "vigil CMD: " + message + newline on stderr. */
void cli_warn(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reports a failed library call: "vigil CMD: what: file:line: field: message"
 * and returns the exit status for it. */
int cli_fail(const char *cmd, const char *what, vigil_status status,
             const vigil_error *err);
/* Reports a usage error followed by the command's usage; returns 2. */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Handles getopt's '?' and ':' results with the option named; returns 2. */
int cli_bad_option(const char *cmd, const char *usage, int opt, char **argv);

/* Option values: each returns 0 and sets *out, or reports "vigil CMD:
 * --OPTION: ..." and returns -1. */
int cli_parse_double(const char *cmd, const char *option, const char *text,
                     double min, double max, double *out);
int cli_parse_size(const char *cmd, const char *option, const char *text,
                   size_t min, size_t max, size_t *out);
int cli_parse_schema(const char *cmd, const char *option, const char *text,
                     vigil_schema *out);
/* --format text|json: *json 1 for json, 0 for text. */
int cli_parse_text_or_json(const char *cmd, const char *text, int *json);

/* Opens the index at `path`, or the default one (cli_default_index_path())
 * when path is NULL.  On failure reports it and returns the exit status;
 * returns 0 with *out set on success. */
int cli_open_index(const char *cmd, const char *path, vigil_index **out,
                   const char **opened_path);

/* Match options from the command line: --threshold, --limit, --dataset,
 * --topic. */
#define CLI_MAX_FILTER 32
struct cli_filter {
    const char *values[CLI_MAX_FILTER + 1]; /* NULL-terminated */
    size_t count;
};
struct cli_match_args {
    vigil_match_options options;
    struct cli_filter datasets, topics;
};
void cli_match_args_init(struct cli_match_args *args);
/* Adds a --dataset or --topic value; returns -1 (reported) when there are
 * too many. */
int cli_match_args_dataset(struct cli_match_args *args, const char *cmd,
                           const char *dataset);
int cli_match_args_topic(struct cli_match_args *args, const char *cmd,
                         const char *topic);

/* ------------------------------------------------------------ input */

/* Longest input record (a JSON line or a CSV row) and most CSV fields the
 * batch commands accept. */
#define CLI_RECORD_MAX (64 * 1024)
#define CLI_FIELDS_MAX 64

/* Reads lines of bounded length: a longer line is reported as too long and
 * skipped, never buffered whole. */
struct cli_reader {
    FILE *in;
    const char *name; /* for messages: the path or "stdin" */
    long line;        /* number of the last line read (1-based) */
    size_t max;       /* longest line or record accepted, in bytes */
    char *buf;
    size_t len, cap;
    unsigned long long bytes; /* bytes consumed so far */
};

void cli_reader_init(struct cli_reader *r, FILE *in, const char *name,
                     size_t max);
void cli_reader_free(struct cli_reader *r);
/* Next line without its line end, in r->buf / r->len.  Returns 1 for a line,
 * 0 at the end, -1 on a read error.  *too_long is set when the line exceeded
 * r->max (its content is then cut). */
int cli_read_line(struct cli_reader *r, int *too_long);
/* Next CSV record (which may span lines inside quotes), as for
 * cli_read_line; *first_line receives the line it starts on. */
int cli_read_csv_record(struct cli_reader *r, long *first_line, int *too_long);

/* Splits one CSV record into at most max fields, each a NUL-terminated copy
 * written into `storage` (at least len + max bytes).  Returns the field count,
 * or -1 with *reason set for a malformed record. */
int cli_csv_split(const char *record, size_t len, char **fields, int max,
                  char *storage, const char **reason);
/* Reads and splits the header row (at most CLI_RECORD_MAX bytes) into
 * fields, as cli_csv_split; returns the field count or -1 with *reason set. */
int cli_csv_read_header(struct cli_reader *r, char **fields, int max, char *storage,
                        const char **reason);
/* Column index of `name` (case-insensitive) in a header row, or -1. */
int cli_csv_column(char **header, int count, const char *name);
/* Writes one CSV field (quoted when needed) with no separator. */
void cli_csv_field(FILE *out, const char *value);

/* ------------------------------------------------------------ text output */

/* Display columns of a UTF-8 string (East Asian wide characters count 2). */
size_t cli_display_width(const char *s);
/* Prints s cut to at most `width` columns ("…" when cut) and padded. */
void cli_print_cell(FILE *out, const char *s, size_t width, int pad);

/* The readable table of hits, best first, then each hit's explanation.
 * index may be NULL (vigil compare). */
void cli_print_hits_table(FILE *out, const vigil_index *index,
                          const vigil_results *results);
void cli_print_explanation(FILE *out, const vigil_index *index,
                           const vigil_hit *hit, size_t rank);
/* "un 2026-02-27": the list an entity was loaded from, into buf. */
const char *cli_list_label(const vigil_index *index, uint32_t entity,
                           char *buf, size_t size);

#endif
