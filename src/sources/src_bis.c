/*
 * src_bis.c — the US Commerce BIS Denied Persons List ("bis-dpl"): tab-
 * separated, quoted fields, a header row (Name, Street_Address, City,
 * State, Country, Postal_Code, Effective_Date, Expiration_Date,
 * Standard_Order, Last_Update, Action, FR_Citation).
 *
 * The list has one row per party and address: a party denied under one
 * order with four addresses fills four consecutive rows.  Invariant: rows
 * with the same name and effective date are one entity (their addresses
 * merged), and its id is "bis-dpl-" plus the first 16 hex digits of the
 * SHA-256 of "<NAME>|<effective date as YYYY-MM-DD>" (name trimmed,
 * upper-cased, inner blanks collapsed).  That key is unique within the
 * file (one order per name and date) and stable across updates as long as
 * BIS keeps the name and the date, which is what identifies a denial.
 * Columns are found by header name, so a reordered file still loads.
 */
#include <string.h>

#include "sources.h"

enum bis_column { BIS_NAME, BIS_STREET, BIS_CITY, BIS_STATE, BIS_COUNTRY,
                  BIS_POSTAL, BIS_EFFECTIVE, BIS_EXPIRATION, BIS_ORDER,
                  BIS_UPDATED, BIS_ACTION, BIS_CITATION, BIS_COLUMNS };

static const char *const headers[BIS_COLUMNS] = {
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code",
    "Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update",
    "Action", "FR_Citation"};

struct bis_load {
    struct src_load *ld;
    const char *path;
    int column[BIS_COLUMNS]; /* field index of each column, -1 if absent */
    char key[65];            /* entity being built: its id */
    long key_line;
    bool open;               /* an entity is being built */
};

static const char *field(const struct bis_load *b, const struct src_record *rec,
                         enum bis_column c)
{
    return b->column[c] < 0 ? "" : src_field(rec, (size_t)b->column[c]);
}

static vigil_status read_header(struct bis_load *b, struct src_reader *r,
                                struct src_record *rec, vigil_error *err)
{
    bool got;
    vigil_status st = src_read_record(r, '\t', rec, &got, err);
    if (st != VIGIL_OK && st != VIGIL_EPARSE && st != VIGIL_ELIMIT) return st;
    if (st != VIGIL_OK || !got)
        return vg_fail(err, VIGIL_EPARSE, b->path, 1, NULL,
                       "not a BIS Denied Persons List: no header row");
    for (int c = 0; c < BIS_COLUMNS; c++) {
        b->column[c] = -1;
        for (size_t i = 0; i < rec->count; i++)
            if (vg_strcasecmp(src_field(rec, i), headers[c]) == 0) b->column[c] = (int)i;
    }
    if (b->column[BIS_NAME] < 0 || b->column[BIS_EFFECTIVE] < 0)
        return vg_fail(err, VIGIL_EPARSE, b->path, rec->line, NULL,
                       "not a BIS Denied Persons List: the header lacks "
                       "Name or Effective_Date");
    return VIGIL_OK;
}

/* The entity id of a row (see the file comment); VIGIL_EPARSE without a
 * name. */
static vigil_status row_key(const struct bis_load *b, const struct src_record *rec,
                    char id[65])
{
    char name[1024];
    size_t n = 0;
    bool space = false;
    for (const char *s = field(b, rec, BIS_NAME); *s && n + 2 < sizeof(name); s++) {
        if (*s == ' ' || *s == '\t') {
            space = n > 0;
            continue;
        }
        if (space) name[n++] = ' ';
        name[n++] = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
        space = false;
    }
    name[n] = '\0';
    if (!n) return VIGIL_EPARSE;
    struct vg_date date;
    char iso[11] = "";
    if (vg_date_parse(field(b, rec, BIS_EFFECTIVE), &date)) vg_date_format(&date, iso);
    struct vg_sha256 *sha = vg_sha256_begin();
    if (!sha) return VIGIL_ENOMEM;
    vg_sha256_update(sha, name, n);
    vg_sha256_update(sha, "|", 1);
    vg_sha256_update(sha, iso, strlen(iso));
    char hex[65];
    vg_sha256_end(sha, hex);
    snprintf(id, 65, "bis-dpl-%.16s", hex);
    return VIGIL_OK;
}

static vigil_status add_address(struct src_load *ld, const struct bis_load *b,
                                const struct src_record *rec)
{
    static const enum bis_column parts[] = {BIS_STREET, BIS_CITY, BIS_STATE,
                                            BIS_POSTAL, BIS_COUNTRY};
    struct vg_buf full;
    vg_buf_init(&full, SRC_RECORD_MAX);
    vigil_status st = VIGIL_OK;
    for (size_t i = 0; i < VG_ARRAY_LEN(parts) && st == VIGIL_OK; i++) {
        const char *t = field(b, rec, parts[i]);
        if (vg_is_blank(t)) continue;
        if (full.len) st = vg_buf_puts(&full, ", ");
        if (st == VIGIL_OK) st = vg_buf_puts(&full, t);
    }
    if (st == VIGIL_OK && full.data) st = src_add(ld, "address", full.data);
    vg_buf_free(&full);
    VG_TRY(st);
    return src_add(ld, "country", field(b, rec, BIS_COUNTRY));
}

static vigil_status start_entity(struct src_load *ld, const struct bis_load *b,
                                 const struct src_record *rec)
{
    vigil_entity_clear(ld->entity);
    VG_TRY(vigil_entity_set_id(ld->entity, b->key));
    vigil_entity_set_schema(ld->entity, VIGIL_SCHEMA_LEGAL_ENTITY);
    VG_TRY(src_add(ld, "name", field(b, rec, BIS_NAME)));
    VG_TRY(src_add(ld, "program", "Denied Persons List"));
    VG_TRY(src_add_date(ld, "effectiveDate", field(b, rec, BIS_EFFECTIVE)));
    VG_TRY(src_add_date(ld, "expirationDate", field(b, rec, BIS_EXPIRATION)));
    VG_TRY(src_add(ld, "standardOrder", field(b, rec, BIS_ORDER)));
    VG_TRY(src_add_date(ld, "modifiedAt", field(b, rec, BIS_UPDATED)));
    VG_TRY(src_add(ld, "notes", field(b, rec, BIS_ACTION)));
    VG_TRY(src_add(ld, "frCitation", field(b, rec, BIS_CITATION)));
    return vigil_entity_add_dataset(ld->entity, "us_bis_denied");
}

static vigil_status finish_entity(struct bis_load *b, vigil_error *err)
{
    if (!b->open) return VIGIL_OK;
    b->open = false;
    return src_emit(b->ld, b->path, b->key_line, err);
}

static vigil_status load_row(struct bis_load *b, const struct src_record *rec,
                             vigil_error *err)
{
    struct src_load *ld = b->ld;
    char key[65];
    vigil_status st = row_key(b, rec, key);
    if (st == VIGIL_EPARSE) {
        src_reject(ld, b->path, rec->line, "Name", "row without a name");
        return VIGIL_OK;
    }
    if (st != VIGIL_OK) return vg_fail(err, st, b->path, rec->line, NULL, NULL);
    if (!b->open || strcmp(key, b->key) != 0) {
        VG_TRY(finish_entity(b, err));
        vg_strlcpy(b->key, key, sizeof(b->key));
        b->key_line = rec->line;
        st = start_entity(ld, b, rec);
        b->open = st == VIGIL_OK;
    }
    if (st == VIGIL_OK) st = add_address(ld, b, rec);
    if (st == VIGIL_ELIMIT) {
        b->open = false;
        src_reject(ld, b->path, rec->line, NULL, "value too long");
        return VIGIL_OK;
    }
    return st == VIGIL_OK ? VIGIL_OK : vg_fail(err, st, b->path, rec->line, NULL, NULL);
}

static vigil_status load_rows(struct bis_load *b, struct src_reader *r,
                              struct src_record *rec, vigil_error *err)
{
    struct src_load *ld = b->ld;
    for (;;) {
        bool got;
        vigil_error rec_err = {0};
        vigil_status st = src_read_record(r, '\t', rec, &got, &rec_err);
        if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT) {
            ld->stats.processed++;
            src_reject(ld, b->path, rec_err.line, NULL, "%s", rec_err.message);
            continue;
        }
        if (st != VIGIL_OK) {
            if (err) *err = rec_err;
            return st;
        }
        if (!got) return finish_entity(b, err);
        ld->stats.processed++;
        VG_TRY(load_row(b, rec, err));
    }
}

vigil_status src_load_bis(struct src_load *ld, const char *path,
                          vigil_error *err)
{
    VG_TRY(src_hash_file(ld, path, err));
    struct src_reader r;
    VG_TRY(src_reader_open(&r, path, err));
    struct bis_load b = {.ld = ld, .path = path};
    struct src_record *rec = vg_malloc(sizeof(*rec));
    vigil_status st = VIGIL_ENOMEM;
    if (rec) {
        src_record_init(rec);
        st = read_header(&b, &r, rec, err);
        if (st == VIGIL_OK) st = load_rows(&b, &r, rec, err);
        src_record_free(rec);
        vg_free(rec);
    } else {
        vg_fail(err, st, path, 0, NULL, NULL);
    }
    src_reader_close(&r);
    return st;
}
