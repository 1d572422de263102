/*
 * cli_io.c — bounded reading of line- and CSV-shaped input, and CSV fields.
 *
 * Invariant: no input line or record is ever held beyond r->max bytes; a
 * longer one is consumed to its end and reported as too long, so a single
 * runaway line (a binary file, a missing newline) costs one rejected record,
 * not the process's memory.  A UTF-8 byte-order mark at the start of the
 * input is dropped, since spreadsheet programs write one.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

void cli_reader_init(struct cli_reader *r, FILE *in, const char *name, size_t max)
{
    memset(r, 0, sizeof(*r));
    r->in = in;
    r->name = name;
    r->max = max;
}

void cli_reader_free(struct cli_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->len = r->cap = 0;
}

/* Appends one byte if the record is still within r->max. */
static int push(struct cli_reader *r, int c, int *too_long)
{
    if (r->len >= r->max) {
        *too_long = 1;
        return 0;
    }
    if (r->len + 1 >= r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        if (cap > r->max + 1) cap = r->max + 1;
        char *buf = realloc(r->buf, cap);
        if (!buf) return -1;
        r->buf = buf;
        r->cap = cap;
    }
    r->buf[r->len++] = (char)c;
    return 0;
}

/* Appends the next physical line (without its line end) to r->buf.
 * Returns 1, 0 at the end of input with nothing read, -1 on error. */
static int append_line(struct cli_reader *r, int *too_long)
{
    int c, any = 0;
    while ((c = getc_unlocked(r->in)) != EOF) {
        any = 1;
        r->bytes++;
        if (c == '\n') break;
        if (push(r, c, too_long) < 0) return -1;
    }
    if (ferror(r->in)) return -1;
    if (!any) return 0;
    r->line++;
    if (r->len && r->buf[r->len - 1] == '\r' && !*too_long) r->len--;
    if (r->line == 1 && r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(r->buf, r->buf + 3, r->len - 3);
        r->len -= 3;
    }
    return 1;
}

/* NUL-terminates r->buf; push() always leaves room for it. */
static int terminate(struct cli_reader *r)
{
    if (!r->buf) {
        r->buf = malloc(1);
        if (!r->buf) return -1;
        r->cap = 1;
    }
    r->buf[r->len] = '\0';
    return 0;
}

int cli_read_line(struct cli_reader *r, int *too_long)
{
    *too_long = 0;
    r->len = 0;
    int got = append_line(r, too_long);
    if (got <= 0) return got;
    return terminate(r) < 0 ? -1 : 1;
}

/* Whether the record so far ends inside a quoted field: an odd number of
 * quotes, since an escaped quote ("") counts twice. */
static int inside_quotes(const char *s, size_t len)
{
    size_t quotes = 0;
    for (size_t i = 0; i < len; i++) quotes += s[i] == '"';
    return quotes % 2;
}

int cli_read_csv_record(struct cli_reader *r, long *first_line, int *too_long)
{
    *too_long = 0;
    r->len = 0;
    int got = append_line(r, too_long);
    if (got <= 0) return got;
    *first_line = r->line;
    while (!*too_long && inside_quotes(r->buf, r->len)) {
        if (push(r, '\n', too_long) < 0) return -1;
        got = append_line(r, too_long);
        if (got < 0) return -1;
        if (got == 0) break; /* an unclosed quote at the end: cli_csv_split says so */
    }
    return terminate(r) < 0 ? -1 : 1;
}

static size_t trim_end(char *start, size_t len)
{
    while (len && (start[len - 1] == ' ' || start[len - 1] == '\t')) len--;
    return len;
}

int cli_csv_split(const char *record, size_t len, char **fields, int max,
                  char *storage, const char **reason)
{
    size_t i = 0;
    int count = 0;
    char *out = storage;
    for (;;) {
        if (count == max) {
            *reason = "too many fields";
            return -1;
        }
        fields[count++] = out;
        while (i < len && (record[i] == ' ' || record[i] == '\t')) i++;
        if (i < len && record[i] == '"') {
            i++;
            for (;;) {
                if (i >= len) {
                    *reason = "unclosed quoted field";
                    return -1;
                }
                if (record[i] == '"') {
                    if (i + 1 < len && record[i + 1] == '"') {
                        *out++ = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                *out++ = record[i++];
            }
            while (i < len && (record[i] == ' ' || record[i] == '\t')) i++;
            if (i < len && record[i] != ',') {
                *reason = "text after a closing quote";
                return -1;
            }
        } else {
            char *start = out;
            while (i < len && record[i] != ',') *out++ = record[i++];
            out = start + trim_end(start, (size_t)(out - start));
        }
        *out++ = '\0';
        if (i >= len) return count;
        i++; /* the comma */
    }
}

int cli_csv_read_header(struct cli_reader *r, char **fields, int max, char *storage,
                        const char **reason)
{
    long line = 0;
    int too_long = 0;
    int got = cli_read_csv_record(r, &line, &too_long);
    if (got <= 0 || too_long) {
        *reason = got < 0 ? "read error" : too_long ? "header row too long" : "no header row";
        return -1;
    }
    return cli_csv_split(r->buf, r->len, fields, max, storage, reason);
}

int cli_csv_column(char **header, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcasecmp(header[i], name) == 0) return i;
    return -1;
}

void cli_csv_field(FILE *out, const char *value)
{
    if (!value) value = "";
    size_t n = strlen(value);
    int quote = n && (value[0] == ' ' || value[n - 1] == ' ');
    quote = quote || strpbrk(value, ",\"\r\n") != NULL;
    if (!quote) {
        fputs(value, out);
        return;
    }
    fputc('"', out);
    for (const char *p = value; *p; p++) {
        if (*p == '"') fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}
