/*
 * src_load.c — vigil_load(): picks the format (given, or detected from the
 * file name and first bytes), runs its loader and reports the source's
 * provenance.  Also the helpers every loader shares to add values, reject
 * records and hand entities on.
 *
 * Invariant: a loader sees one reusable entity and one set of counters;
 * every record it reads is counted as processed, and ends either accepted
 * (passed to `each`) or rejected (reported to on_reject), except records
 * a format defines as not screenable (documented in docs/sources.md).
 * Detection only looks at names and the first 4 KiB, so it never costs a
 * second pass over a large file.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources.h"

/* ------------------------------------------------------ shared helpers */

void src_reject(struct src_load *ld, const char *file, long line,
                const char *field, const char *fmt, ...)
{
    ld->stats.rejected++;
    if (!ld->on_reject) return;
    vigil_error e = {0};
    va_list ap;
    va_start(ap, fmt);
    vg_vfail(&e, VIGIL_EPARSE, file, line, field, fmt, ap);
    va_end(ap);
    ld->on_reject(ld->ctx, &e);
}

bool src_is_empty(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    if (strncmp(s, "-0-", 3) == 0) s += 3;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    return *s == '\0';
}

/* Latin-1 to UTF-8: every byte is its own code point. */
static vigil_status latin1_to_utf8(struct vg_buf *out, const char *s,
                                   size_t len)
{
    vg_buf_reset(out);
    for (size_t i = 0; i < len; i++) {
        char enc[4];
        size_t n = vg_utf8_encode((unsigned char)s[i], enc);
        VG_TRY(vg_buf_append(out, enc, n));
    }
    return VIGIL_OK;
}

vigil_status src_add_n(struct src_load *ld, const char *prop,
                       const char *value, size_t len)
{
    if (vg_utf8_valid(value, len)) {
        vg_buf_reset(&ld->scratch);
        VG_TRY(vg_buf_append(&ld->scratch, value, len));
    } else {
        VG_TRY(latin1_to_utf8(&ld->scratch, value, len));
    }
    if (!ld->scratch.data) return VIGIL_OK;
    return vigil_entity_add(ld->entity, prop, ld->scratch.data);
}

vigil_status src_add(struct src_load *ld, const char *prop, const char *value)
{
    if (!value || src_is_empty(value)) return VIGIL_OK;
    return src_add_n(ld, prop, value, strlen(value));
}

vigil_status src_add_date(struct src_load *ld, const char *prop,
                          const char *text)
{
    struct vg_date date;
    if (text && vg_date_parse(text, &date)) {
        char iso[11];
        vg_date_format(&date, iso);
        return vigil_entity_add(ld->entity, prop, iso);
    }
    return src_add(ld, prop, text);
}

static bool has_name(const vigil_entity *entity)
{
    for (size_t i = 0; i < entity->prop_count; i++)
        if (vg_name_kind(entity->props[i].prop) >= 0) return true;
    return false;
}

vigil_status src_emit(struct src_load *ld, const char *file, long line,
                      vigil_error *err)
{
    const char *id = vigil_entity_id(ld->entity);
    if (!*id) {
        src_reject(ld, file, line, "id", "record without an id");
        return VIGIL_OK;
    }
    if (!has_name(ld->entity)) {
        src_reject(ld, file, line, "name", "%s: record without a name", id);
        return VIGIL_OK;
    }
    /* Official lists say what they are by being published: their entries
     * carry the topic OpenSanctions gives them, so --topic selects alike. */
    vigil_status st = ld->topic ? vigil_entity_add(ld->entity, "topics", ld->topic)
                                : VIGIL_OK;
    if (st == VIGIL_OK && ld->each) st = ld->each(ld->ctx, ld->entity);
    if (st != VIGIL_OK)
        return vg_fail(err, st, file, line, NULL,
                       "%s: the receiver stopped the load: %s", id,
                       vigil_strerror(st));
    ld->stats.accepted++;
    return VIGIL_OK;
}

vigil_status src_hash_file(struct src_load *ld, const char *path,
                           vigil_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO,
                       path, 0, NULL, "cannot open: %s", strerror(errno));
    char chunk[1 << 16];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return vg_fail(err, VIGIL_EIO, path, 0, NULL, "read: %s",
                           strerror(e));
        }
        vg_sha256_update(ld->sha, chunk, (size_t)n);
    }
    close(fd);
    return VIGIL_OK;
}

/* ----------------------------------------------------------- formats */

typedef vigil_status (*loader_fn)(struct src_load *, const char *,
                                  vigil_error *);

static const struct format {
    const char *name;
    loader_fn load;
    const char *source_name; /* NULL: the file's stem */
    const char *topic;       /* FtM topic of every entry of an official list */
} formats[] = {
    {"ftm", src_load_ftm, NULL, NULL},
    {"opensanctions-nested", src_load_ftm, NULL, NULL},
    {"csv", src_load_csv, NULL, NULL},
    {"un-xml", src_load_un, "un", "sanction"},
    {"ofac-csv", src_load_ofac, "ofac", "sanction"},
    {"bis-dpl", src_load_bis, "bis-dpl", "debarment"},
};

static const struct format *find_format(const char *name)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(formats); i++)
        if (vg_strcasecmp(name, formats[i].name) == 0) return &formats[i];
    return NULL;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool name_is(const char *base, const char *name)
{
    return vg_strcasecmp(base, name) == 0;
}

static bool dir_has(const char *dir, const char *a, const char *b)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof(path), "%s/%s", dir, a);
    if (stat(path, &st) == 0) return true;
    snprintf(path, sizeof(path), "%s/%s", dir, b);
    return stat(path, &st) == 0;
}

static bool is_ofac_file_name(const char *base)
{
    static const char *const names[] = {"sdn.csv", "add.csv", "alt.csv",
                                        "sdn_comments.csv"};
    for (size_t i = 0; i < VG_ARRAY_LEN(names); i++)
        if (name_is(base, names[i])) return true;
    return strncasecmp(base, "cons_", 5) == 0 &&
           strcasecmp(base + strlen(base) - 4, ".csv") == 0;
}

/* The format a file's first bytes show, or NULL. */
static const char *detect_by_content(const char *path, const char *base)
{
    char head[4097];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    ssize_t n = read(fd, head, sizeof(head) - 1);
    close(fd);
    if (n <= 0) return NULL;
    head[n] = '\0';
    const char *s = head;
    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        s += 3;
    while (isspace((unsigned char)*s)) s++;
    if (*s == '<')
        return strstr(s, "<CONSOLIDATED_LIST") ? "un-xml" : NULL;
    if (*s == '{')
        return strcasestr(base, "nested") ? "opensanctions-nested" : "ftm";
    const char *eol = strchr(s, '\n');
    size_t line_len = eol ? (size_t)(eol - s) : strlen(s);
    char first[1024];
    vg_strlcpy(first, s, VG_MIN(line_len + 1, sizeof(first)));
    if (strchr(first, '\t') && strcasestr(first, "Effective_Date"))
        return "bis-dpl";
    const char *p = first;
    while (isdigit((unsigned char)*p)) p++;
    if (p > first && p[0] == ',' && p[1] == '"') return "ofac-csv";
    if (strchr(first, ',') && strcasestr(first, "name")) return "csv";
    return NULL;
}

static vigil_status detect(const char *path, const char **format,
                           vigil_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO,
                       path, 0, NULL, "cannot read: %s", strerror(errno));
    const char *base = base_name(path);
    if (S_ISDIR(st.st_mode)) {
        if (dir_has(path, "sdn.csv", "SDN.CSV") ||
            dir_has(path, "cons_prim.csv", "CONS_PRIM.CSV")) {
            *format = "ofac-csv";
            return VIGIL_OK;
        }
        return vg_fail(err, VIGIL_EUNSUPPORTED, path, 0, NULL,
                       "a directory without sdn.csv or cons_prim.csv");
    }
    *format = is_ofac_file_name(base) ? "ofac-csv"
                                      : detect_by_content(path, base);
    if (!*format)
        return vg_fail(err, VIGIL_EUNSUPPORTED, path, 0, NULL,
                       "cannot tell the list format; name it (ftm, csv, "
                       "un-xml, ofac-csv, bis-dpl, opensanctions-nested)");
    return VIGIL_OK;
}

/* ------------------------------------------------------------ provenance */

static _Thread_local struct {
    char name[128];
    char location[4096];
    char published[32];
    char retrieved[21];
    char sha256[65];
    char format[32];
} info_text;

static void file_stem(const char *path, char *out, size_t size)
{
    vg_strlcpy(out, base_name(path), size);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = '\0';
    char *second = strrchr(out, '.'); /* "list.ftm.json" -> "list" */
    if (second && second != out &&
        (strcmp(second, ".ftm") == 0 || strcmp(second, ".nested") == 0))
        *second = '\0';
}

static void fill_info(const struct src_load *ld, const struct format *fmt,
                      const char *path, const vigil_load_options *options,
                      const char *sha, vigil_source_info *info)
{
    if (options && options->source_name && *options->source_name)
        vg_strlcpy(info_text.name, options->source_name, sizeof(info_text.name));
    else if (ld->name[0])
        vg_strlcpy(info_text.name, ld->name, sizeof(info_text.name));
    else if (fmt->source_name)
        vg_strlcpy(info_text.name, fmt->source_name, sizeof(info_text.name));
    else
        file_stem(path, info_text.name, sizeof(info_text.name));
    vg_strlcpy(info_text.location, path, sizeof(info_text.location));
    vg_strlcpy(info_text.published, ld->published, sizeof(info_text.published));
    vg_utc_now(info_text.retrieved);
    vg_strlcpy(info_text.sha256, sha, sizeof(info_text.sha256));
    vg_strlcpy(info_text.format, fmt->name, sizeof(info_text.format));
    *info = (vigil_source_info){
        .name = info_text.name,
        .location = info_text.location,
        .published = info_text.published,
        .retrieved = info_text.retrieved,
        .sha256 = info_text.sha256,
        .format = info_text.format,
        .entity_count = ld->stats.accepted,
    };
}

vigil_status vigil_load(const char *path, const vigil_load_options *options,
                        vigil_entity_fn each, vigil_load_stats *stats,
                        vigil_source_info *info, vigil_error *err)
{
    if (!path || !*path)
        return vg_fail(err, VIGIL_EINVAL, NULL, 0, NULL, "no list path");
    const char *format = options ? options->format : NULL;
    if (!format) VG_TRY(detect(path, &format, err));
    const struct format *fmt = find_format(format);
    if (!fmt)
        return vg_fail(err, VIGIL_EUNSUPPORTED, path, 0, NULL,
                       "unknown list format \"%s\"", format);

    struct src_load ld = {
        .format = fmt->name,
        .topic = fmt->topic,
        .each = each,
        .on_reject = options ? options->on_reject : NULL,
        .ctx = options ? options->ctx : NULL,
    };
    vg_buf_init(&ld.scratch, SRC_RECORD_MAX);
    vigil_status st = vigil_entity_new(&ld.entity);
    if (st != VIGIL_OK) return vg_fail(err, st, path, 0, NULL, NULL);
    ld.sha = vg_sha256_begin();
    if (!ld.sha) {
        vigil_entity_free(ld.entity);
        return vg_fail(err, VIGIL_ENOMEM, path, 0, NULL, NULL);
    }
    st = fmt->load(&ld, path, err);
    char sha[65];
    vg_sha256_end(ld.sha, sha);
    vigil_entity_free(ld.entity);
    vg_buf_free(&ld.scratch);
    if (st != VIGIL_OK) return st;
    if (stats) *stats = ld.stats;
    if (info) fill_info(&ld, fmt, path, options, sha, info);
    return VIGIL_OK;
}
