/*
 * src_ftm.c — FollowTheMoney entity JSON lines ("ftm", one
 * {"id","schema","properties","datasets"} object per line, as OpenSanctions
 * publishes entities.ftm.json) and the OpenSanctions targets.nested.json
 * export ("opensanctions-nested": the same, with adjacent entities nested
 * as objects inside properties).
 *
 * Invariant: a line is parsed on its own (jansson, one line at most
 * SRC_JSON_LINE_MAX bytes), so a bad line costs only itself.  Properties
 * are kept with their FtM names, unknown ones included.  Schemata map to
 * the closest vigil_schema (Thing when none fits).  Relationship and
 * interval schemata (Sanction, Ownership, Passport, Address, ...) are not
 * screening targets: such lines are counted as processed and skipped.
 * Nested entities are not loaded on their own; their useful text goes onto
 * the target (an address entity as "address", a passport as
 * "passportNumber", a sanction's program as "program", the far end of a
 * relationship as "linkedTo").
 */
#include <jansson.h>
#include <string.h>

#include "sources.h"

static const struct {
    const char *ftm;
    vigil_schema schema;
} schema_map[] = {
    {"Person", VIGIL_SCHEMA_PERSON},
    {"Organization", VIGIL_SCHEMA_ORGANIZATION},
    {"PublicBody", VIGIL_SCHEMA_ORGANIZATION},
    {"Company", VIGIL_SCHEMA_COMPANY},
    {"LegalEntity", VIGIL_SCHEMA_LEGAL_ENTITY},
    {"Vessel", VIGIL_SCHEMA_VESSEL},
    {"Airplane", VIGIL_SCHEMA_AIRCRAFT},
    {"Aircraft", VIGIL_SCHEMA_AIRCRAFT},
};

/* FtM schemata that describe links, documents or periods, not parties. */
static const char *const unscreened_schemata[] = {
    "Address",     "Associate",  "Debt",         "Directorship",
    "Documentation", "Employment", "Family",     "Identification",
    "Membership",  "Mention",    "Note",         "Occupancy",
    "Ownership",   "Passport",   "Payment",      "Position",
    "Representation", "Sanction", "Similar",     "Succession",
    "UnknownLink", "Event",
};

static vigil_schema closest_schema(const char *name)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(schema_map); i++)
        if (strcmp(name, schema_map[i].ftm) == 0) return schema_map[i].schema;
    vigil_schema schema;
    if (vigil_schema_parse(name, &schema) == VIGIL_OK) return schema;
    return VIGIL_SCHEMA_THING;
}

static bool is_unscreened(const char *name)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(unscreened_schemata); i++)
        if (strcmp(name, unscreened_schemata[i]) == 0) return true;
    return false;
}

static const char *json_text(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* The first string of an FtM property (arrays, or a bare string). */
static const char *first_value(const json_t *props, const char *key)
{
    const json_t *v = json_object_get(props, key);
    if (json_is_array(v)) v = json_array_get(v, 0);
    return json_string_value(v);
}

static const char *nested_caption(const json_t *obj)
{
    const json_t *props = json_object_get(obj, "properties");
    const char *caption = json_text(obj, "caption");
    if (!caption) caption = first_value(props, "name");
    if (!caption) caption = first_value(props, "full");
    return caption;
}

/* Adds every string value of a nested entity's property under `prop`. */
static vigil_status add_nested_values(struct src_load *ld, const json_t *props,
                                      const char *key, const char *prop)
{
    const json_t *values = json_object_get(props, key);
    size_t i;
    const json_t *v;
    if (json_is_string(values)) return src_add(ld, prop, json_string_value(values));
    json_array_foreach(values, i, v)
        if (json_is_string(v)) VG_TRY(src_add(ld, prop, json_string_value(v)));
    return VIGIL_OK;
}

/* The parties at the other end of a nested relationship entity. */
static vigil_status add_linked(struct src_load *ld, const json_t *relation,
                               const char *self_id)
{
    const json_t *props = json_object_get(relation, "properties");
    const char *key;
    const json_t *values;
    json_object_foreach((json_t *)props, key, values) {
        size_t i;
        const json_t *v;
        json_array_foreach(values, i, v) {
            if (!json_is_object(v)) continue;
            const char *id = json_text(v, "id");
            const char *caption = nested_caption(v);
            if (caption && (!id || strcmp(id, self_id) != 0))
                VG_TRY(src_add(ld, "linkedTo", caption));
        }
    }
    return VIGIL_OK;
}

static vigil_status add_nested(struct src_load *ld, const char *prop,
                               const json_t *obj, const char *self_id)
{
    const char *schema = json_text(obj, "schema");
    const json_t *props = json_object_get(obj, "properties");
    if (!schema) schema = "";
    if (strcmp(schema, "Address") == 0) {
        const char *full = first_value(props, "full");
        return src_add(ld, "address", full ? full : nested_caption(obj));
    }
    if (strcmp(schema, "Passport") == 0)
        return add_nested_values(ld, props, "number", "passportNumber");
    if (strcmp(schema, "Identification") == 0)
        return add_nested_values(ld, props, "number", "idNumber");
    if (strcmp(schema, "Sanction") == 0)
        return add_nested_values(ld, props, "program", "program");
    if (is_unscreened(schema)) return add_linked(ld, obj, self_id);
    const char *caption = nested_caption(obj);
    return caption ? src_add(ld, prop, caption) : VIGIL_OK;
}

static vigil_status add_properties(struct src_load *ld, const json_t *props,
                                   const char *self_id)
{
    const char *key;
    const json_t *values;
    json_object_foreach((json_t *)props, key, values) {
        if (!*key) continue;
        if (!json_is_array(values)) {
            if (json_is_string(values))
                VG_TRY(src_add(ld, key, json_string_value(values)));
            continue;
        }
        size_t i;
        const json_t *v;
        json_array_foreach(values, i, v) {
            if (json_is_string(v)) VG_TRY(src_add(ld, key, json_string_value(v)));
            else if (json_is_object(v)) VG_TRY(add_nested(ld, key, v, self_id));
        }
    }
    return VIGIL_OK;
}

/* Builds the entity of one parsed line.  *skip is set for relationship
 * schemata; VIGIL_EPARSE (with *why) for a line that is not an entity. */
static vigil_status build_entity(struct src_load *ld, const json_t *root,
                                 bool *skip, const char **why)
{
    if (!json_is_object(root)) {
        *why = "not a JSON object";
        return VIGIL_EPARSE;
    }
    const char *id = json_text(root, "id");
    const char *schema = json_text(root, "schema");
    if (!id || !*id) {
        *why = "no \"id\"";
        return VIGIL_EPARSE;
    }
    if (schema && is_unscreened(schema)) {
        *skip = true;
        return VIGIL_OK;
    }
    VG_TRY(vigil_entity_set_id(ld->entity, id));
    vigil_entity_set_schema(ld->entity, schema ? closest_schema(schema)
                                               : VIGIL_SCHEMA_THING);
    const json_t *props = json_object_get(root, "properties");
    if (props && !json_is_object(props)) {
        *why = "\"properties\" is not an object";
        return VIGIL_EPARSE;
    }
    VG_TRY(add_properties(ld, props, id));
    /* An entity whose names sit only in its caption still gets screened. */
    const char *caption = json_text(root, "caption");
    if (caption && !vigil_entity_prop_count(ld->entity))
        VG_TRY(src_add(ld, "name", caption));
    size_t i;
    const json_t *ds;
    json_array_foreach(json_object_get(root, "datasets"), i, ds)
        if (json_is_string(ds))
            VG_TRY(vigil_entity_add_dataset(ld->entity, json_string_value(ds)));
    return VIGIL_OK;
}

static vigil_status load_line(struct src_load *ld, const char *path,
                              long lineno, const struct vg_buf *line,
                              vigil_error *err)
{
    json_error_t jerr;
    size_t skip_bom = lineno == 1 && line->len >= 3 &&
                      memcmp(line->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_t *root = json_loadb(line->data + skip_bom, line->len - skip_bom, 0,
                              &jerr);
    if (!root) {
        src_reject(ld, path, lineno, NULL, "not JSON: %s (column %d)",
                   jerr.text, jerr.column);
        return VIGIL_OK;
    }
    vigil_entity_clear(ld->entity);
    bool skip = false;
    const char *why = NULL;
    vigil_status st = build_entity(ld, root, &skip, &why);
    json_decref(root);
    if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT) {
        src_reject(ld, path, lineno, NULL, "%s",
                   why ? why : "value too long");
        return VIGIL_OK;
    }
    if (st != VIGIL_OK) return vg_fail(err, st, path, lineno, NULL, NULL);
    return skip ? VIGIL_OK : src_emit(ld, path, lineno, err);
}

/* The file must start (after blanks and a BOM) with '{' to be FtM. */
static vigil_status check_start(const char *path, const struct vg_buf *line)
{
    const char *s = line->data;
    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        s += 3;
    while (*s == ' ' || *s == '\t') s++;
    return *s == '{' ? VIGIL_OK : VIGIL_EPARSE;
}

vigil_status src_load_ftm(struct src_load *ld, const char *path,
                          vigil_error *err)
{
    VG_TRY(src_hash_file(ld, path, err));
    struct src_reader r;
    VG_TRY(src_reader_open(&r, path, err));
    struct vg_buf line;
    vg_buf_init(&line, SRC_JSON_LINE_MAX);
    vigil_status st = VIGIL_OK;
    bool first = true;
    for (;;) {
        bool got;
        long lineno = 0;
        vigil_error line_err = {0};
        st = src_read_line(&r, &line, &got, &lineno, &line_err);
        if (st == VIGIL_ELIMIT) {
            ld->stats.processed++;
            src_reject(ld, path, lineno, NULL, "%s", line_err.message);
            st = VIGIL_OK;
            first = false;
            continue;
        }
        if (st != VIGIL_OK) {
            if (err) *err = line_err;
            break;
        }
        if (!got) break;
        if (vg_is_blank(line.data)) continue;
        if (first && check_start(path, &line) != VIGIL_OK) {
            st = vg_fail(err, VIGIL_EPARSE, path, lineno, NULL,
                         "not FtM JSON lines (no '{' at the start)");
            break;
        }
        first = false;
        ld->stats.processed++;
        st = load_line(ld, path, lineno, &line, err);
        if (st != VIGIL_OK) break;
    }
    vg_buf_free(&line);
    src_reader_close(&r);
    return st;
}
