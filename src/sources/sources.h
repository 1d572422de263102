/*
 * sources.h — internals of the list loaders behind vigil_load(): the state
 * of one load (entity reused for every record, counters, reject reporting)
 * and the bounded readers (lines, RFC 4180 records) every text format uses.
 *
 * Each format lives in its own src_<format>.c and exports one function
 * `src_load_<format>(struct src_load *, const char *path, vigil_error *)`.
 * A loader returns non-OK only for what stops the whole load (unreadable
 * file, not the format, out of memory, `each` refused); a bad record is
 * reported with src_reject() and skipped.
 */
#ifndef VG_SOURCES_H
#define VG_SOURCES_H

#include <stdio.h>

#include "../model/model.h"

/* Ceilings on what one record may take; past them the record is rejected. */
#define SRC_RECORD_MAX ((size_t)1 << 20)     /* a CSV record or an XML entry */
#define SRC_JSON_LINE_MAX ((size_t)16 << 20) /* one FtM JSON line */
#define SRC_FIELDS_MAX 256                   /* columns of one CSV record */

struct src_load {
    const char *format;        /* canonical format name */
    const char *topic;         /* added to every entity, or NULL */
    vigil_entity_fn each;
    vigil_reject_fn on_reject;
    void *ctx;
    vigil_entity *entity;      /* cleared and refilled for every record */
    vigil_load_stats stats;
    struct vg_sha256 *sha;     /* over every file read, in reading order */
    char name[128];            /* source name (may be set by a loader) */
    char published[32];        /* publication date the source states */
    struct vg_buf scratch;     /* for text conversions while adding values */
};

/* Counts and reports one rejected record; loaders then go on. */
void src_reject(struct src_load *ld, const char *file, long line,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds a value to the current entity; text that is not UTF-8 is read as
 * Latin-1 (older list files) so that the index holds only UTF-8. */
vigil_status src_add(struct src_load *ld, const char *prop, const char *value);
vigil_status src_add_n(struct src_load *ld, const char *prop,
                       const char *value, size_t len);
/* Adds a date in ISO form when it parses, else the text as written. */
vigil_status src_add_date(struct src_load *ld, const char *prop,
                          const char *text);

/* Hands the current entity to `each`, or rejects it (no id, no name).
 * Non-OK only when `each` refused; the load then stops with that status. */
vigil_status src_emit(struct src_load *ld, const char *file, long line,
                      vigil_error *err);

/* Feeds a whole file into the load's SHA-256. */
vigil_status src_hash_file(struct src_load *ld, const char *path,
                           vigil_error *err);

/* Whether `s` is, after trimming, an OFAC-style empty marker ("-0-") or
 * blank. */
bool src_is_empty(const char *s);

/* ------------------------------------------------------------ readers */

struct src_reader {
    FILE *file;
    const char *path;
    long line;   /* lines consumed so far */
};

vigil_status src_reader_open(struct src_reader *r, const char *path,
                             vigil_error *err);
void src_reader_close(struct src_reader *r);

/* The next line, without its line end, into `line` (whose max caps it).
 * *lineno receives its number.  A longer line is consumed to its end and
 * gives VIGIL_ELIMIT (with err filled); VIGIL_OK and *got = false at end
 * of file. */
vigil_status src_read_line(struct src_reader *r, struct vg_buf *line,
                           bool *got, long *lineno, vigil_error *err);

/* One RFC 4180 record: quoted fields may hold separators, doubled quotes
 * and line breaks. */
struct src_record {
    struct vg_buf text;               /* fields, each NUL-terminated */
    size_t start[SRC_FIELDS_MAX];
    size_t count;
    long line;                        /* line the record starts on */
};

void src_record_init(struct src_record *rec);
void src_record_free(struct src_record *rec);
/* Field i, or "" past the last one. */
const char *src_field(const struct src_record *rec, size_t i);

/* Reads the next record separated by `sep`.  Blank lines and a lone
 * end-of-file mark (Ctrl-Z, as DOS-era list files end) are skipped.  A
 * malformed record (unterminated quote, text after a closing quote, too
 * long, too many fields) gives VIGIL_EPARSE or VIGIL_ELIMIT with err
 * naming its line; reading then resumes on the line after the record's
 * first line, so one bad quote cannot swallow the rest of the file. */
vigil_status src_read_record(struct src_reader *r, char sep,
                             struct src_record *rec, bool *got,
                             vigil_error *err);

/* ------------------------------------------------------------ loaders */

vigil_status src_load_ftm(struct src_load *ld, const char *path,
                          vigil_error *err);
vigil_status src_load_csv(struct src_load *ld, const char *path,
                          vigil_error *err);
vigil_status src_load_un(struct src_load *ld, const char *path,
                         vigil_error *err);
vigil_status src_load_ofac(struct src_load *ld, const char *path,
                           vigil_error *err);
vigil_status src_load_bis(struct src_load *ld, const char *path,
                          vigil_error *err);

/* Adds the facts of an OFAC Remarks text (DOB, POB, documents, "Linked
 * To:", a.k.a., ...) to the current entity; unknown items go to notes. */
vigil_status src_ofac_remarks(struct src_load *ld, const char *remarks);

#endif /* VG_SOURCES_H */
