/*
 * src_ofac.c — OFAC's legacy CSV sets ("ofac-csv"): the SDN list (sdn.csv
 * with add.csv, alt.csv, sdn_comments.csv) and the consolidated non-SDN
 * list (cons_prim.csv with cons_add.csv, cons_alt.csv, cons_comments.csv).
 * No header rows; "-0-" (often with a trailing space) means empty.
 *
 * Invariant: the side files (addresses, alternate names, remark
 * continuations) are read first into a table sorted by ent_num; the
 * primary file is then streamed and each record joined with its side rows
 * by binary search, so memory is proportional to the side files, not to
 * the whole set.  Side rows whose ent_num has no primary record are
 * reported as rejected, like malformed rows.  Ids are "ofac-<ent_num>"
 * (SDN) and "ofac-cons-<ent_num>" (consolidated): ent_num is OFAC's own
 * stable key.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sources.h"

struct ofac_set {
    const char *primary, *add, *alt, *comments; /* file names */
    const char *id_prefix, *source_name, *dataset;
};

static const struct ofac_set sdn_set = {
    "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv",
    "ofac-", "ofac-sdn", "us_ofac_sdn"};
static const struct ofac_set cons_set = {
    "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv",
    "ofac-cons-", "ofac-cons", "us_ofac_cons"};

/* Primary record columns. */
enum { SDN_ENT, SDN_NAME, SDN_TYPE, SDN_PROGRAM, SDN_TITLE, SDN_CALL_SIGN,
       SDN_VESS_TYPE, SDN_TONNAGE, SDN_GRT, SDN_VESS_FLAG, SDN_VESS_OWNER,
       SDN_REMARKS, SDN_COLUMNS };

#define SIDE_FIELDS 4

struct side_row {
    long ent;
    long line;
    bool used;
    const char *field[SIDE_FIELDS]; /* the columns after ent_num */
};

struct side_table {
    char path[4096];
    struct side_row *rows;
    size_t count, cap;
    struct vg_arena arena;
};

static bool parse_ent(const char *text, long *out)
{
    const char *s = text;
    while (*s == ' ') s++;
    if (*s < '0' || *s > '9') return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    while (*end == ' ') end++;
    if (errno || *end || v <= 0) return false;
    *out = v;
    return true;
}

static void join_path(char *out, size_t size, const char *dir, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

/* The file `name` in dir, in lower case or, as OFAC serves them, upper
 * case; false when neither exists. */
static bool find_file(const char *dir, const char *name, char *out, size_t size)
{
    struct stat st;
    join_path(out, size, dir, name);
    if (stat(out, &st) == 0 && S_ISREG(st.st_mode)) return true;
    char upper[64];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof(upper); i++)
        upper[i] = name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 32) : name[i];
    upper[i] = '\0';
    join_path(out, size, dir, upper);
    return stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

static int compare_rows(const void *a, const void *b)
{
    const struct side_row *x = a, *y = b;
    if (x->ent != y->ent) return x->ent < y->ent ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static vigil_status store_row(struct side_table *t, const struct src_record *rec,
                              long ent)
{
    void *rows = t->rows;
    if (!vg_grow(&rows, &t->cap, t->count + 1, sizeof(*t->rows)))
        return VIGIL_ENOMEM;
    t->rows = rows;
    struct side_row *row = &t->rows[t->count];
    *row = (struct side_row){.ent = ent, .line = rec->line};
    for (size_t i = 0; i < SIDE_FIELDS; i++) {
        row->field[i] = vg_arena_strdup(&t->arena, src_field(rec, i + 1));
        if (!row->field[i]) return VIGIL_ENOMEM;
    }
    t->count++;
    return VIGIL_OK;
}

/* Reads one side file into t; a missing file is reported once and the
 * load goes on without it. */
static vigil_status load_side(struct src_load *ld, const char *dir,
                              const char *name, struct side_table *t,
                              struct src_record *rec, vigil_error *err)
{
    if (!find_file(dir, name, t->path, sizeof(t->path))) {
        src_reject(ld, t->path, 0, NULL, "missing: its %s are not loaded",
                   strstr(name, "add") ? "addresses"
                   : strstr(name, "alt") ? "alternate names" : "remark continuations");
        return VIGIL_OK;
    }
    VG_TRY(src_hash_file(ld, t->path, err));
    struct src_reader r;
    VG_TRY(src_reader_open(&r, t->path, err));
    vigil_status st;
    for (;;) {
        bool got;
        vigil_error rec_err = {0};
        st = src_read_record(&r, ',', rec, &got, &rec_err);
        if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT) {
            src_reject(ld, t->path, rec_err.line, NULL, "%s", rec_err.message);
            continue;
        }
        if (st != VIGIL_OK) {
            if (err) *err = rec_err;
            break;
        }
        if (!got) break;
        long ent;
        if (!parse_ent(src_field(rec, 0), &ent)) {
            src_reject(ld, t->path, rec->line, "ent_num", "not a number: \"%.40s\"",
                       src_field(rec, 0));
            continue;
        }
        st = store_row(t, rec, ent);
        if (st != VIGIL_OK) {
            vg_fail(err, st, t->path, rec->line, NULL, NULL);
            break;
        }
    }
    src_reader_close(&r);
    if (st == VIGIL_OK) qsort(t->rows, t->count, sizeof(*t->rows), compare_rows);
    return st;
}

static void free_side(struct side_table *t)
{
    vg_free(t->rows);
    vg_arena_free(&t->arena);
}

/* The first row of ent, or NULL. */
static struct side_row *first_row(struct side_table *t, long ent)
{
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].ent < ent) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->count && t->rows[lo].ent == ent ? &t->rows[lo] : NULL;
}

#define EACH_ROW(t, ent, row)                                                  \
    for (struct side_row *row = first_row(t, ent);                              \
         row && row < (t)->rows + (t)->count && row->ent == (ent); row++)

static void report_orphans(struct src_load *ld, struct side_table *t)
{
    for (size_t i = 0; i < t->count; i++)
        if (!t->rows[i].used)
            src_reject(ld, t->path, t->rows[i].line, "ent_num",
                       "no primary record %ld", t->rows[i].ent);
}

struct ofac_load {
    struct src_load *ld;
    const struct ofac_set *set;
    struct side_table add, alt, comments;
    struct vg_buf remarks;
};

static vigil_status add_text(struct src_load *ld, const char *prop,
                             const char *value)
{
    return src_is_empty(value) ? VIGIL_OK : src_add(ld, prop, value);
}

/* "SDGT] [IRGC" (the outer brackets are the CSV's): one program each. */
static vigil_status add_programs(struct src_load *ld, const char *text)
{
    const char *s = text;
    while (*s) {
        while (*s == '[' || *s == ']' || *s == ' ') s++;
        const char *end = s;
        while (*end && *end != ']' && *end != '[') end++;
        size_t n = (size_t)(end - s);
        while (n && s[n - 1] == ' ') n--;
        if (n && !(n == 3 && strncmp(s, "-0-", 3) == 0))
            VG_TRY(src_add_n(ld, "program", s, n));
        s = end;
    }
    return VIGIL_OK;
}

static vigil_schema schema_of(const char *type)
{
    char t[32];
    vg_strlcpy(t, type, sizeof(t));
    size_t n = strlen(t);
    while (n && t[n - 1] == ' ') t[--n] = '\0';
    if (vg_strcasecmp(t, "individual") == 0) return VIGIL_SCHEMA_PERSON;
    if (vg_strcasecmp(t, "vessel") == 0) return VIGIL_SCHEMA_VESSEL;
    if (vg_strcasecmp(t, "aircraft") == 0) return VIGIL_SCHEMA_AIRCRAFT;
    return VIGIL_SCHEMA_ORGANIZATION; /* "-0-": an entity, never a person */
}

static vigil_status add_alternate_names(struct ofac_load *o, long ent)
{
    EACH_ROW(&o->alt, ent, row) {
        row->used = true;
        const char *type = row->field[1];
        const char *prop = "alias";
        if (strstr(type, "fka")) prop = "previousName";
        VG_TRY(add_text(o->ld, prop, row->field[2]));
    }
    return VIGIL_OK;
}

/* add.csv: address, city/state/postal, country, remarks. */
static vigil_status add_addresses(struct ofac_load *o, long ent)
{
    EACH_ROW(&o->add, ent, row) {
        row->used = true;
        struct vg_buf full;
        vg_buf_init(&full, SRC_RECORD_MAX);
        vigil_status st = VIGIL_OK;
        for (size_t i = 1; i <= 3 && st == VIGIL_OK; i++) {
            if (src_is_empty(row->field[i])) continue;
            if (full.len) st = vg_buf_puts(&full, ", ");
            if (st == VIGIL_OK) st = vg_buf_puts(&full, row->field[i]);
        }
        if (st == VIGIL_OK && full.data) st = src_add(o->ld, "address", full.data);
        vg_buf_free(&full);
        VG_TRY(st);
        VG_TRY(add_text(o->ld, "country", row->field[3]));
    }
    return VIGIL_OK;
}

/* Remarks plus their continuation rows, which carry on mid-word. */
static vigil_status add_remarks(struct ofac_load *o, long ent,
                                const char *remarks)
{
    vg_buf_reset(&o->remarks);
    if (!src_is_empty(remarks)) VG_TRY(vg_buf_puts(&o->remarks, remarks));
    EACH_ROW(&o->comments, ent, row) {
        row->used = true;
        VG_TRY(vg_buf_puts(&o->remarks, row->field[0]));
    }
    return o->remarks.data ? src_ofac_remarks(o->ld, o->remarks.data) : VIGIL_OK;
}

static vigil_status build_entity(struct ofac_load *o,
                                 const struct src_record *rec, long ent)
{
    struct src_load *ld = o->ld;
    char id[64];
    snprintf(id, sizeof(id), "%s%ld", o->set->id_prefix, ent);
    VG_TRY(vigil_entity_set_id(ld->entity, id));
    vigil_entity_set_schema(ld->entity, schema_of(src_field(rec, SDN_TYPE)));
    VG_TRY(add_text(ld, "name", src_field(rec, SDN_NAME)));
    VG_TRY(add_programs(ld, src_field(rec, SDN_PROGRAM)));
    static const struct {
        int column;
        const char *prop;
    } columns[] = {
        {SDN_TITLE, "position"},      {SDN_CALL_SIGN, "callSign"},
        {SDN_VESS_TYPE, "type"},      {SDN_TONNAGE, "tonnage"},
        {SDN_GRT, "grossRegisteredTonnage"},
        {SDN_VESS_FLAG, "flag"},      {SDN_VESS_OWNER, "owner"},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(columns); i++)
        VG_TRY(add_text(ld, columns[i].prop, src_field(rec, columns[i].column)));
    VG_TRY(add_alternate_names(o, ent));
    VG_TRY(add_addresses(o, ent));
    VG_TRY(add_remarks(o, ent, src_field(rec, SDN_REMARKS)));
    return vigil_entity_add_dataset(ld->entity, o->set->dataset);
}

static vigil_status load_primary(struct ofac_load *o, const char *path,
                                 struct src_record *rec, vigil_error *err)
{
    struct src_load *ld = o->ld;
    struct src_reader r;
    VG_TRY(src_reader_open(&r, path, err));
    vigil_status st;
    for (;;) {
        bool got;
        vigil_error rec_err = {0};
        st = src_read_record(&r, ',', rec, &got, &rec_err);
        if ((st == VIGIL_EPARSE || st == VIGIL_ELIMIT) && ld->stats.processed == 0) {
            st = vg_fail(err, VIGIL_EPARSE, path, rec_err.line, NULL,
                         "not an OFAC CSV file: %s", rec_err.message);
            break;
        }
        if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT) {
            ld->stats.processed++;
            src_reject(ld, path, rec_err.line, NULL, "%s", rec_err.message);
            continue;
        }
        if (st != VIGIL_OK) {
            if (err) *err = rec_err;
            break;
        }
        if (!got) break;
        long ent;
        if (!parse_ent(src_field(rec, SDN_ENT), &ent) && ld->stats.processed == 0) {
            st = vg_fail(err, VIGIL_EPARSE, path, rec->line, "ent_num",
                         "not an OFAC CSV file: no entity number first");
            break;
        }
        ld->stats.processed++;
        if (!parse_ent(src_field(rec, SDN_ENT), &ent)) {
            src_reject(ld, path, rec->line, "ent_num", "not a number: \"%.40s\"",
                       src_field(rec, SDN_ENT));
            continue;
        }
        vigil_entity_clear(ld->entity);
        st = build_entity(o, rec, ent);
        if (st == VIGIL_ELIMIT) {
            src_reject(ld, path, rec->line, NULL, "ofac %ld: value too long", ent);
            continue;
        }
        if (st != VIGIL_OK) {
            vg_fail(err, st, path, rec->line, NULL, NULL);
            break;
        }
        st = src_emit(ld, path, rec->line, err);
        if (st != VIGIL_OK) break;
    }
    src_reader_close(&r);
    return st;
}

/* Which set a path names, its primary file and the directory the side
 * files live in.  A file path is itself the primary file, whatever its
 * name ("cons_" in front names the consolidated set). */
static vigil_status locate(const char *path, char *dir, char *primary,
                           size_t size, const struct ofac_set **set,
                           vigil_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO,
                       path, 0, NULL, "cannot read: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        vg_strlcpy(dir, path, size);
        *set = find_file(dir, sdn_set.primary, primary, size) ? &sdn_set
               : find_file(dir, cons_set.primary, primary, size) ? &cons_set
                                                                  : NULL;
        if (!*set)
            return vg_fail(err, VIGIL_EPARSE, path, 0, NULL,
                           "no sdn.csv or cons_prim.csv in this directory");
        return VIGIL_OK;
    }
    vg_strlcpy(primary, path, size);
    vg_strlcpy(dir, path, size);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? path + (slash - dir) + 1 : path;
    *set = strncasecmp(base, "cons_", 5) == 0 ? &cons_set : &sdn_set;
    if (slash) *slash = '\0';
    else vg_strlcpy(dir, ".", size);
    /* a side file names its set's primary file */
    if (vg_strcasecmp(base, (*set)->primary) != 0 &&
        (vg_strcasecmp(base, (*set)->add) == 0 || vg_strcasecmp(base, (*set)->alt) == 0 ||
         vg_strcasecmp(base, (*set)->comments) == 0) &&
        !find_file(dir, (*set)->primary, primary, size))
        return vg_fail(err, VIGIL_ENOTFOUND, primary, 0, NULL,
                       "the OFAC primary file is missing");
    return VIGIL_OK;
}

static vigil_status load_set(struct ofac_load *o, const char *dir,
                             const char *primary, struct src_record *rec,
                             vigil_error *err)
{
    VG_TRY(src_hash_file(o->ld, primary, err));
    VG_TRY(load_side(o->ld, dir, o->set->add, &o->add, rec, err));
    VG_TRY(load_side(o->ld, dir, o->set->alt, &o->alt, rec, err));
    VG_TRY(load_side(o->ld, dir, o->set->comments, &o->comments, rec, err));
    VG_TRY(load_primary(o, primary, rec, err));
    report_orphans(o->ld, &o->add);
    report_orphans(o->ld, &o->alt);
    report_orphans(o->ld, &o->comments);
    return VIGIL_OK;
}

vigil_status src_load_ofac(struct src_load *ld, const char *path,
                           vigil_error *err)
{
    char dir[4096], primary[4096];
    struct ofac_load o = {.ld = ld};
    VG_TRY(locate(path, dir, primary, sizeof(dir), &o.set, err));
    vg_strlcpy(ld->name, o.set->source_name, sizeof(ld->name));
    vg_arena_init(&o.add.arena, 1 << 16);
    vg_arena_init(&o.alt.arena, 1 << 16);
    vg_arena_init(&o.comments.arena, 1 << 12);
    vg_buf_init(&o.remarks, SRC_RECORD_MAX);
    struct src_record *rec = vg_malloc(sizeof(*rec));
    vigil_status st = VIGIL_ENOMEM;
    if (rec) {
        src_record_init(rec);
        st = load_set(&o, dir, primary, rec, err);
        src_record_free(rec);
        vg_free(rec);
    } else {
        vg_fail(err, st, path, 0, NULL, NULL);
    }
    free_side(&o.add);
    free_side(&o.alt);
    free_side(&o.comments);
    vg_buf_free(&o.remarks);
    return st;
}
