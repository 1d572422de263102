/*
 * src_csv.c — the simple CSV watchlist ("csv"): a header row naming the
 * columns, then one entity per RFC 4180 record.  Meant for lists a user
 * keeps in a spreadsheet; docs/sources.md describes the columns.
 *
 * Invariant: columns are found by their header names (any order, any
 * case), so adding a column never shifts the meaning of another; a column
 * vigil does not know is kept as a property under its header name.  The
 * multi-valued columns (aliases, identifiers, countries, dates) separate
 * values with ';', which keeps one entity on one line.
 */
#include <string.h>

#include "sources.h"

enum column_kind {
    COL_OTHER = 0, /* kept under its header name */
    COL_ID,
    COL_SCHEMA,
    COL_LIST,      /* ';'-separated values of one property */
    COL_DATES,     /* ';'-separated dates */
    COL_IDENTIFIERS,
    COL_DATASETS,
};

static const struct {
    const char *header;
    enum column_kind kind;
    const char *prop;
} known_columns[] = {
    {"id", COL_ID, NULL},
    {"schema", COL_SCHEMA, NULL},
    {"type", COL_SCHEMA, NULL},
    {"name", COL_LIST, "name"},
    {"aliases", COL_LIST, "alias"},
    {"alias", COL_LIST, "alias"},
    {"weak_aliases", COL_LIST, "weakAlias"},
    {"previous_names", COL_LIST, "previousName"},
    {"birth_date", COL_DATES, "birthDate"},
    {"country", COL_LIST, "country"},
    {"countries", COL_LIST, "country"},
    {"nationality", COL_LIST, "nationality"},
    {"identifiers", COL_IDENTIFIERS, NULL},
    {"address", COL_LIST, "address"},
    {"program", COL_LIST, "program"},
    {"notes", COL_LIST, "notes"},
    {"datasets", COL_DATASETS, NULL},
    {"dataset", COL_DATASETS, NULL},
};

/* The identifier types the "type:value" form names. */
static const struct {
    const char *type;
    const char *prop;
} identifier_types[] = {
    {"passport", "passportNumber"}, {"id", "idNumber"},
    {"national_id", "idNumber"},    {"imo", "imoNumber"},
    {"mmsi", "mmsi"},               {"tax", "taxNumber"},
    {"inn", "innCode"},             {"ogrn", "ogrnCode"},
    {"registration", "registrationNumber"},
    {"lei", "leiCode"},             {"swift", "swiftBic"},
    {"bic", "swiftBic"},            {"vat", "vatCode"},
    {"call_sign", "callSign"},      {"icao", "icaoCode"},
};

struct column {
    enum column_kind kind;
    char prop[64];
};

struct csv_layout {
    struct column columns[SRC_FIELDS_MAX];
    size_t count;
    bool has_id, has_name;
};

/* "Birth Date", "birth-date" and "birth_date" name the same column. */
static void header_key(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const char *s = text; *s && n + 1 < size; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        else if (c == ' ' || c == '-') c = '_';
        out[n++] = c;
    }
    while (n && out[n - 1] == '_') n--;
    out[n] = '\0';
}

static void classify(struct column *col, const char *header)
{
    char key[64];
    header_key(header, key, sizeof(key));
    for (size_t i = 0; i < VG_ARRAY_LEN(known_columns); i++)
        if (strcmp(key, known_columns[i].header) == 0) {
            col->kind = known_columns[i].kind;
            vg_strlcpy(col->prop, known_columns[i].prop ? known_columns[i].prop : "",
                       sizeof(col->prop));
            return;
        }
    col->kind = COL_OTHER;
    vg_strlcpy(col->prop, header, sizeof(col->prop));
}

static vigil_status read_header(struct src_reader *r, struct src_record *rec,
                                struct csv_layout *layout, vigil_error *err)
{
    bool got;
    vigil_status st = src_read_record(r, ',', rec, &got, err);
    if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT)
        return vg_fail(err, VIGIL_EPARSE, r->path, rec->line, NULL,
                       "not a CSV watchlist: bad header row");
    VG_TRY(st);
    if (!got)
        return vg_fail(err, VIGIL_EPARSE, r->path, 0, NULL,
                       "not a CSV watchlist: empty file");
    layout->count = rec->count;
    for (size_t i = 0; i < rec->count; i++) {
        classify(&layout->columns[i], src_field(rec, i));
        layout->has_id |= layout->columns[i].kind == COL_ID;
        layout->has_name |= strcmp(layout->columns[i].prop, "name") == 0;
    }
    if (!layout->has_id || !layout->has_name)
        return vg_fail(err, VIGIL_EPARSE, r->path, rec->line, NULL,
                       "not a CSV watchlist: the header needs \"id\" and "
                       "\"name\" columns");
    return VIGIL_OK;
}

/* The property an identifier type names ("passport", "IMO", ...), or
 * NULL. */
static const char *identifier_type_prop(const char *type)
{
    char key[32];
    header_key(type, key, sizeof(key));
    for (size_t i = 0; i < VG_ARRAY_LEN(identifier_types); i++)
        if (strcmp(key, identifier_types[i].type) == 0)
            return identifier_types[i].prop;
    return NULL;
}

/* "type:value" goes to the property the type names (a known type or an
 * FtM identifier property such as "passportNumber"); anything else,
 * colons included, is one idNumber. */
static vigil_status add_identifier(struct src_load *ld, const char *text,
                                   size_t len)
{
    const char *colon = memchr(text, ':', len);
    size_t type_len = colon ? (size_t)(colon - text) : 0;
    char type[32];
    if (type_len && type_len < sizeof(type)) {
        memcpy(type, text, type_len);
        type[type_len] = '\0';
        while (type_len && type[type_len - 1] == ' ') type[--type_len] = '\0';
        const char *prop = identifier_type_prop(type);
        if (!prop && vg_prop_class(type) == VG_PROP_IDENTIFIER) prop = type;
        if (prop)
            return src_add_n(ld, prop, colon + 1,
                             len - (size_t)(colon - text) - 1);
    }
    return src_add_n(ld, "idNumber", text, len);
}

/* Calls add for each ';'-separated value of text. */
static vigil_status each_value(struct src_load *ld, const struct column *col,
                               const char *text)
{
    const char *s = text;
    for (;;) {
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        vigil_status st = VIGIL_OK;
        if (col->kind == COL_IDENTIFIERS) {
            while (len && (*s == ' ' || *s == '\t')) s++, len--;
            if (len) st = add_identifier(ld, s, len);
        } else if (col->kind == COL_DATES) {
            char date[64];
            vg_strlcpy(date, s, VG_MIN(len + 1, sizeof(date)));
            st = len < sizeof(date) ? src_add_date(ld, col->prop, date)
                                    : src_add_n(ld, col->prop, s, len);
        } else if (col->kind == COL_DATASETS) {
            char ds[128];
            vg_strlcpy(ds, s, VG_MIN(len + 1, sizeof(ds)));
            st = vigil_entity_add_dataset(ld->entity, ds);
        } else {
            st = src_add_n(ld, col->prop, s, len);
        }
        VG_TRY(st);
        if (!end) return VIGIL_OK;
        s = end + 1;
    }
}

static vigil_status build_entity(struct src_load *ld,
                                 const struct csv_layout *layout,
                                 const struct src_record *rec)
{
    for (size_t i = 0; i < rec->count && i < layout->count; i++) {
        const struct column *col = &layout->columns[i];
        const char *value = src_field(rec, i);
        if (vg_is_blank(value)) continue;
        switch (col->kind) {
        case COL_ID:
            VG_TRY(vigil_entity_set_id(ld->entity, value));
            break;
        case COL_SCHEMA: {
            vigil_schema schema;
            vigil_entity_set_schema(ld->entity,
                                    vigil_schema_parse(value, &schema) == VIGIL_OK
                                        ? schema : VIGIL_SCHEMA_THING);
            break;
        }
        case COL_OTHER:
            if (col->prop[0]) VG_TRY(src_add(ld, col->prop, value));
            break;
        default:
            VG_TRY(each_value(ld, col, value));
        }
    }
    return VIGIL_OK;
}

static vigil_status load_records(struct src_load *ld, struct src_reader *r,
                                 struct src_record *rec,
                                 const struct csv_layout *layout,
                                 vigil_error *err)
{
    for (;;) {
        bool got;
        vigil_error rec_err = {0};
        vigil_status st = src_read_record(r, ',', rec, &got, &rec_err);
        if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT) {
            ld->stats.processed++;
            src_reject(ld, r->path, rec_err.line, NULL, "%s", rec_err.message);
            continue;
        }
        if (st != VIGIL_OK) {
            if (err) *err = rec_err;
            return st;
        }
        if (!got) return VIGIL_OK;
        ld->stats.processed++;
        if (rec->count > layout->count) {
            src_reject(ld, r->path, rec->line, NULL,
                       "%zu fields where the header has %zu", rec->count,
                       layout->count);
            continue;
        }
        vigil_entity_clear(ld->entity);
        st = build_entity(ld, layout, rec);
        if (st == VIGIL_ELIMIT) {
            src_reject(ld, r->path, rec->line, NULL, "value too long");
            continue;
        }
        if (st != VIGIL_OK) return vg_fail(err, st, r->path, rec->line, NULL, NULL);
        VG_TRY(src_emit(ld, r->path, rec->line, err));
    }
}

vigil_status src_load_csv(struct src_load *ld, const char *path,
                          vigil_error *err)
{
    VG_TRY(src_hash_file(ld, path, err));
    struct src_reader r;
    VG_TRY(src_reader_open(&r, path, err));
    struct src_record *rec = vg_malloc(sizeof(*rec));
    struct csv_layout *layout = vg_calloc(1, sizeof(*layout));
    vigil_status st = VIGIL_ENOMEM;
    if (rec && layout) {
        src_record_init(rec);
        st = read_header(&r, rec, layout, err);
        if (st == VIGIL_OK) st = load_records(ld, &r, rec, layout, err);
        src_record_free(rec);
    } else {
        vg_fail(err, st, path, 0, NULL, NULL);
    }
    vg_free(rec);
    vg_free(layout);
    src_reader_close(&r);
    return st;
}
