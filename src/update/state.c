/*
 * state.c — lists/<source>/.state: what the accepted copy of a source is
 * (SHA-256, entity count, where and when it was read, publication date) and
 * the HTTP validators (ETag, Last-Modified) of each of its files, so that
 * the next update can ask "changed since?" and rebuild the index without
 * fetching.
 *
 * Invariant: the state lives inside the directory it describes and is
 * written before that directory is put in service, so files and state are
 * always swapped together.  The format is line-based text ("key<TAB>value")
 * so that an operator can read it; values are stripped of tabs and control
 * characters on the way in, so a hostile header cannot forge a line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "update.h"

#define STATE_MAGIC "vigil-source-state 1"
#define STATE_MAX (256 * 1024)

const struct upd_file_state *upd_state_file(const struct upd_state *state,
                                            const char *file)
{
    for (size_t i = 0; i < state->file_count; i++)
        if (strcmp(state->files[i].name, file) == 0) return &state->files[i];
    return NULL;
}

/* Copies the next tab-separated field of *s into out and advances *s. */
static void next_field(const char **s, char *out, size_t size)
{
    size_t len = strcspn(*s, "\t");
    size_t n = VG_MIN(len, size - 1);
    memcpy(out, *s, n);
    out[n] = '\0';
    *s += len;
    if (**s == '\t') (*s)++;
}

static bool parse_u64(const char *v, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end || *v == '-') return false;
    *out = n;
    return true;
}

static vigil_status parse_state_line(const char *line, struct upd_state *st,
                                     const char *path, long lineno,
                                     vigil_error *err)
{
    char key[32];
    const char *s = line;
    next_field(&s, key, sizeof(key));
    if (strcmp(key, "sha256") == 0) {
        next_field(&s, st->sha256, sizeof(st->sha256));
    } else if (strcmp(key, "entities") == 0 || strcmp(key, "rejected") == 0) {
        char num[32];
        next_field(&s, num, sizeof(num));
        if (!parse_u64(num, key[0] == 'e' ? &st->entities : &st->rejected))
            return vg_fail(err, VIGIL_ECORRUPT, path, lineno, key,
                           "not a count");
    } else if (strcmp(key, "retrieved") == 0) {
        next_field(&s, st->retrieved, sizeof(st->retrieved));
    } else if (strcmp(key, "published") == 0) {
        next_field(&s, st->published, sizeof(st->published));
    } else if (strcmp(key, "format") == 0) {
        next_field(&s, st->format, sizeof(st->format));
    } else if (strcmp(key, "location") == 0) {
        next_field(&s, st->location, sizeof(st->location));
    } else if (strcmp(key, "file") == 0) {
        if (st->file_count == UPD_MAX_FILES)
            return vg_fail(err, VIGIL_ECORRUPT, path, lineno, key,
                           "more than %d files", UPD_MAX_FILES);
        struct upd_file_state *f = &st->files[st->file_count++];
        next_field(&s, f->name, sizeof(f->name));
        next_field(&s, f->etag, sizeof(f->etag));
        next_field(&s, f->last_modified, sizeof(f->last_modified));
    }
    /* Unknown keys come from a newer version: ignored, not fatal. */
    return VIGIL_OK;
}

vigil_status upd_state_read(const char *path, struct upd_state *state,
                            vigil_error *err)
{
    char *text = NULL;
    VG_TRY(vg_read_file(path, STATE_MAX, &text, NULL, err));
    struct upd_state st;
    memset(&st, 0, sizeof(st));
    vigil_status status = VIGIL_OK;
    if (strncmp(text, STATE_MAGIC "\n", strlen(STATE_MAGIC) + 1) != 0)
        status = vg_fail(err, VIGIL_ECORRUPT, path, 1, NULL,
                         "not a vigil source state file");
    char *line = text;
    for (long lineno = 1; status == VIGIL_OK && *line; lineno++) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        if (lineno > 1)
            status = parse_state_line(line, &st, path, lineno, err);
        line = nl ? nl + 1 : line + strlen(line);
    }
    vg_free(text);
    if (status == VIGIL_OK && strlen(st.sha256) != 64)
        status = vg_fail(err, VIGIL_ECORRUPT, path, 0, "sha256",
                         "missing or malformed");
    if (status == VIGIL_OK) *state = st;
    return status;
}

/* Writes "key\tvalue\n" with tabs and control characters in the value
 * turned into spaces. */
static vigil_status put_value(struct vg_buf *buf, const char *value)
{
    for (const char *p = value; *p; p++) {
        unsigned char c = (unsigned char)*p;
        VG_TRY(vg_buf_putc(buf, c < 0x20 || c == 0x7f ? ' ' : (char)c));
    }
    return VIGIL_OK;
}

static vigil_status put_pair(struct vg_buf *buf, const char *key,
                             const char *value)
{
    VG_TRY(vg_buf_puts(buf, key));
    VG_TRY(vg_buf_putc(buf, '\t'));
    VG_TRY(put_value(buf, value));
    return vg_buf_putc(buf, '\n');
}

static vigil_status format_state(struct vg_buf *buf,
                                 const struct upd_state *st)
{
    VG_TRY(vg_buf_puts(buf, STATE_MAGIC "\n"));
    VG_TRY(put_pair(buf, "sha256", st->sha256));
    VG_TRY(vg_buf_printf(buf, "entities\t%llu\nrejected\t%llu\n",
                         (unsigned long long)st->entities,
                         (unsigned long long)st->rejected));
    VG_TRY(put_pair(buf, "retrieved", st->retrieved));
    VG_TRY(put_pair(buf, "published", st->published));
    VG_TRY(put_pair(buf, "format", st->format));
    VG_TRY(put_pair(buf, "location", st->location));
    for (size_t i = 0; i < st->file_count; i++) {
        const struct upd_file_state *f = &st->files[i];
        VG_TRY(vg_buf_puts(buf, "file\t"));
        VG_TRY(put_value(buf, f->name));
        VG_TRY(vg_buf_putc(buf, '\t'));
        VG_TRY(put_value(buf, f->etag));
        VG_TRY(vg_buf_putc(buf, '\t'));
        VG_TRY(put_value(buf, f->last_modified));
        VG_TRY(vg_buf_putc(buf, '\n'));
    }
    return VIGIL_OK;
}

static vigil_status write_buf(void *ctx, int fd, vigil_error *err)
{
    const struct vg_buf *buf = ctx;
    return vg_write_all(fd, buf->data, buf->len, "source state", err);
}

vigil_status upd_state_write(const char *path, const struct upd_state *state,
                             vigil_error *err)
{
    struct vg_buf buf;
    vg_buf_init(&buf, STATE_MAX);
    vigil_status st = format_state(&buf, state);
    if (st != VIGIL_OK)
        st = vg_fail(err, st, path, 0, NULL, "cannot format source state");
    else
        st = vg_write_atomic(path, write_buf, &buf, err);
    vg_buf_free(&buf);
    return st;
}
