/*
 * src_reader.c — bounded, streaming readers for the text list formats:
 * lines (FtM JSON lines) and RFC 4180 records (the CSV watchlist, the OFAC
 * CSV set, the tab-separated BIS list).
 *
 * Invariant: no record grows past its buffer's ceiling, and a malformed
 * record costs at most that record: after an error the reader seeks back
 * to the line after the record's first line, so an unterminated quote
 * near the top cannot swallow the rest of the file.  Reading goes through
 * stdio with a large buffer and getc_unlocked, one byte at a time, which
 * keeps the quote state machine simple and is fast enough for lists of
 * tens of megabytes.
 */
#include <errno.h>
#include <string.h>

#include "sources.h"

#define CTRL_Z '\x1a'

vigil_status src_reader_open(struct src_reader *r, const char *path,
                             vigil_error *err)
{
    r->path = path;
    r->line = 0;
    r->file = fopen(path, "rb");
    if (!r->file)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO,
                       path, 0, NULL, "cannot open: %s", strerror(errno));
    setvbuf(r->file, NULL, _IOFBF, 1 << 16);
    return VIGIL_OK;
}

void src_reader_close(struct src_reader *r)
{
    if (r->file) fclose(r->file);
    r->file = NULL;
}

static vigil_status read_error(struct src_reader *r, vigil_error *err)
{
    return vg_fail(err, VIGIL_EIO, r->path, r->line + 1, NULL, "read: %s",
                   strerror(errno ? errno : EIO));
}

/* Consumes input up to and including the next line feed. */
static void skip_rest_of_line(struct src_reader *r)
{
    int c;
    while ((c = getc_unlocked(r->file)) != EOF && c != '\n') {
    }
    r->line++;
}

vigil_status src_read_line(struct src_reader *r, struct vg_buf *line,
                           bool *got, long *lineno, vigil_error *err)
{
    vg_buf_reset(line);
    *got = false;
    int c = getc_unlocked(r->file);
    if (c == EOF) return ferror(r->file) ? read_error(r, err) : VIGIL_OK;
    *got = true;
    *lineno = r->line + 1;
    for (; c != EOF && c != '\n'; c = getc_unlocked(r->file)) {
        if (vg_buf_putc(line, (char)c) != VIGIL_OK) {
            skip_rest_of_line(r);
            return vg_fail(err, VIGIL_ELIMIT, r->path, *lineno, NULL,
                           "line longer than %zu bytes", line->max);
        }
    }
    if (c == EOF && ferror(r->file)) return read_error(r, err);
    r->line++;
    if (line->len && line->data[line->len - 1] == '\r')
        line->data[--line->len] = '\0';
    if (!line->data) return vg_buf_append(line, "", 0);
    return VIGIL_OK;
}

void src_record_init(struct src_record *rec)
{
    vg_buf_init(&rec->text, SRC_RECORD_MAX);
    rec->count = 0;
    rec->line = 0;
}

void src_record_free(struct src_record *rec) { vg_buf_free(&rec->text); }

const char *src_field(const struct src_record *rec, size_t i)
{
    return i < rec->count ? rec->text.data + rec->start[i] : "";
}

/* The record being read, with where it started so that it can be
 * abandoned. */
struct record_scan {
    struct src_reader *r;
    struct src_record *rec;
    char sep;
    off_t start_offset;
    long start_line;
};

static vigil_status end_field(struct record_scan *s)
{
    VG_TRY(vg_buf_putc(&s->rec->text, '\0'));
    s->rec->count++;
    return VIGIL_OK;
}

static vigil_status begin_field(struct record_scan *s)
{
    if (s->rec->count >= SRC_FIELDS_MAX) return VIGIL_ELIMIT;
    s->rec->start[s->rec->count] = s->rec->text.len;
    return VIGIL_OK;
}

/* Gives up on the record: back to the line after its first line. */
static vigil_status abandon(struct record_scan *s, vigil_status status,
                            vigil_error *err, const char *what)
{
    struct src_reader *r = s->r;
    const char *reason = status == VIGIL_ELIMIT ? "record too long or too many fields" : what;
    vg_fail(err, status, r->path, s->start_line, NULL, "%s", reason);
    clearerr(r->file);
    if (s->start_offset >= 0 && fseeko(r->file, s->start_offset, SEEK_SET) == 0) {
        r->line = s->start_line - 1;
        skip_rest_of_line(r);
    } else if (r->line < s->start_line) {
        skip_rest_of_line(r);
    }
    s->rec->count = 0;
    return status;
}

/* Reads one quoted field's content after its opening quote; *c receives
 * the character after the closing quote. */
static vigil_status read_quoted(struct record_scan *s, int *c)
{
    struct src_reader *r = s->r;
    for (;;) {
        int ch = getc_unlocked(r->file);
        if (ch == EOF) return VIGIL_EPARSE;
        if (ch == '"') {
            ch = getc_unlocked(r->file);
            if (ch != '"') {
                *c = ch;
                return VIGIL_OK;
            }
        }
        if (ch == '\n') r->line++;
        VG_TRY(vg_buf_putc(&s->rec->text, (char)ch));
    }
}

static bool is_record_end(int c) { return c == '\n' || c == EOF; }

/* Reads the fields of one record; returns at its end. */
static vigil_status scan_fields(struct record_scan *s, int c,
                                const char **what)
{
    struct src_reader *r = s->r;
    for (;;) {
        VG_TRY(begin_field(s));
        if (c == '"') {
            vigil_status st = read_quoted(s, &c);
            if (st == VIGIL_EPARSE) *what = "unterminated quoted field";
            if (st != VIGIL_OK) return st;
            if (c == '\r') c = getc_unlocked(r->file);
            if (c != s->sep && !is_record_end(c)) {
                *what = "text after a closing quote";
                return VIGIL_EPARSE;
            }
        } else {
            while (c != s->sep && !is_record_end(c)) {
                VG_TRY(vg_buf_putc(&s->rec->text, (char)c));
                c = getc_unlocked(r->file);
            }
            /* "\r\n" ends the record; a lone "\r" inside is kept. */
            if (is_record_end(c) && s->rec->text.len > s->rec->start[s->rec->count] &&
                s->rec->text.data[s->rec->text.len - 1] == '\r')
                s->rec->text.len--;
        }
        VG_TRY(end_field(s));
        if (is_record_end(c)) {
            if (c == '\n') r->line++;
            else if (ferror(r->file)) return VIGIL_EIO;
            return VIGIL_OK;
        }
        c = getc_unlocked(r->file); /* after the separator */
    }
}

static bool is_blank_record(const struct src_record *rec)
{
    if (rec->count != 1) return false;
    const char *f = src_field(rec, 0);
    return f[0] == '\0' || (f[0] == CTRL_Z && f[1] == '\0');
}

vigil_status src_read_record(struct src_reader *r, char sep,
                             struct src_record *rec, bool *got,
                             vigil_error *err)
{
    *got = false;
    for (;;) {
        struct record_scan s = {.r = r, .rec = rec, .sep = sep,
                                .start_offset = ftello(r->file),
                                .start_line = r->line + 1};
        vg_buf_reset(&rec->text);
        rec->count = 0;
        rec->line = s.start_line;
        int c = getc_unlocked(r->file);
        if (c == EOF) return ferror(r->file) ? read_error(r, err) : VIGIL_OK;
        const char *what = "malformed record";
        vigil_status st = scan_fields(&s, c, &what);
        if (st == VIGIL_EIO) return read_error(r, err);
        if (st == VIGIL_ENOMEM) return vg_fail(err, st, r->path, s.start_line, NULL, NULL);
        if (st != VIGIL_OK) return abandon(&s, st, err, what);
        if (is_blank_record(rec)) continue;
        *got = true;
        return VIGIL_OK;
    }
}
