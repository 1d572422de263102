/*
 * results_json.c — the one JSON shape of hits, listed entities and index
 * metadata, built only from the public API (vigil.h), for `vigil match`,
 * `vigil screen --format json` and `vigil serve`.
 *
 * Invariant: every string that reaches jansson is valid UTF-8 (invalid bytes
 * become U+FFFD), so a damaged list or query can never make a whole result
 * disappear; a NULL return therefore always means out of memory.  Scores are
 * rounded to four decimals so that the same result prints the same way on
 * every platform and in every consumer (see CLI_JSON_DUMP_FLAGS).
 * Each hit carries the provenance a reviewer needs to reproduce it: the
 * list's name, publication date and digest and the index version.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "results_json.h"

/* Longest query or property value accepted from a JSON query, in bytes. */
#define QUERY_VALUE_MAX 4096
/* Most values accepted for one query property. */
#define QUERY_VALUES_MAX 64

/* ------------------------------------------------------------ primitives */

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;
    if (s[0] < 0x80) return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) { len = 2; cp = s[0] & 0x1F; }
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) { len = 3; cp = s[0] & 0x0F; }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) { len = 4; cp = s[0] & 0x07; }
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

/* A JSON string of s; invalid UTF-8 bytes are replaced by U+FFFD. */
static json_t *jstr(const char *s)
{
    if (!s) s = "";
    json_t *j = json_string(s);
    if (j) return j;
    size_t n = strlen(s);
    char *clean = malloc(n * 3 + 1);
    if (!clean) return NULL;
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_valid_len((const unsigned char *)s + i, n - i);
        if (len) {
            memcpy(clean + out, s + i, len);
            out += len;
            i += len;
        } else {
            memcpy(clean + out, "\xEF\xBF\xBD", 3);
            out += 3;
            i++;
        }
    }
    j = json_stringn(clean, out);
    free(clean);
    return j;
}

static json_t *jscore(double x)
{
    if (!isfinite(x)) x = 0.0;
    return json_real(round(x * 10000.0) / 10000.0);
}

/* Sets key to value, taking the reference; reports out of memory. */
static int put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static int append(json_t *array, json_t *value)
{
    return value && json_array_append_new(array, value) == 0;
}

static int has_entity(const vigil_index *index, uint32_t entity)
{
    return index && entity != UINT32_MAX &&
           entity < vigil_index_entity_count(index);
}

/* ------------------------------------------------------------ pieces */

static json_t *source_json(const vigil_source_info *src)
{
    json_t *o = json_object();
    if (!o) return NULL;
    if (put(o, "name", jstr(src->name)) && put(o, "location", jstr(src->location)) &&
        put(o, "published", jstr(src->published)) &&
        put(o, "retrieved", jstr(src->retrieved)) &&
        put(o, "sha256", jstr(src->sha256)) && put(o, "format", jstr(src->format)) &&
        put(o, "entities", json_integer((json_int_t)src->entity_count)))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *datasets_json(const vigil_index *index, uint32_t entity)
{
    json_t *a = json_array();
    if (!a) return NULL;
    size_t n = vigil_index_entity_dataset_count(index, entity);
    for (size_t i = 0; i < n; i++) {
        if (!append(a, jstr(vigil_index_entity_dataset(index, entity, i)))) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *token_json(const vigil_token_match *t)
{
    json_t *o = json_object();
    if (!o) return NULL;
    if (put(o, "how", jstr(vigil_token_how_name(t->how))) &&
        put(o, "query", jstr(t->query_token)) &&
        put(o, "query_form", jstr(t->query_form)) && put(o, "path", jstr(t->path)) &&
        put(o, "listed", jstr(t->listed_token)) &&
        put(o, "similarity", jscore(t->similarity)) &&
        put(o, "weight", jscore(t->weight)))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *evidence_json(const vigil_evidence *e)
{
    json_t *o = json_object();
    if (!o) return NULL;
    const char *effect = e->effect > 0 ? "agrees" : e->effect < 0 ? "conflicts" : "noted";
    if (put(o, "feature", jstr(e->feature)) && put(o, "effect", jstr(effect)) &&
        put(o, "delta", jscore(e->delta)) && put(o, "query", jstr(e->query_value)) &&
        put(o, "listed", jstr(e->listed_value)))
        return o;
    json_decref(o);
    return NULL;
}

/* The list a hit came from, as it was when the index was built. */
static json_t *list_json(const vigil_index *index, uint32_t entity)
{
    vigil_source_info src;
    memset(&src, 0, sizeof(src));
    if (vigil_index_source(index, vigil_index_entity_source(index, entity), &src) !=
        VIGIL_OK)
        memset(&src, 0, sizeof(src));
    json_t *o = json_object();
    if (!o) return NULL;
    if (put(o, "source", jstr(src.name)) && put(o, "published", jstr(src.published)) &&
        put(o, "sha256", jstr(src.sha256)) &&
        put(o, "index_version", jstr(vigil_index_version(index))))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *explanation_json(const vigil_index *index, const vigil_hit *hit)
{
    json_t *o = json_object();
    json_t *tokens = json_array();
    json_t *evidence = json_array();
    int ok = o && tokens && evidence;
    for (size_t i = 0; ok && i < hit->token_count; i++)
        ok = append(tokens, token_json(&hit->tokens[i]));
    for (size_t i = 0; ok && i < hit->evidence_count; i++)
        ok = append(evidence, evidence_json(&hit->evidence[i]));
    ok = ok && put(o, "matched_name", jstr(hit->matched_name)) &&
         put(o, "name_kind", jstr(hit->name_kind)) &&
         put(o, "name_score", jscore(hit->name_score)) &&
         put(o, "tokens", json_incref(tokens)) &&
         put(o, "evidence", json_incref(evidence)) &&
         put(o, "summary", jstr(hit->summary));
    if (ok && has_entity(index, hit->entity))
        ok = put(o, "list", list_json(index, hit->entity));
    json_decref(tokens);
    json_decref(evidence);
    if (ok) return o;
    json_decref(o);
    return NULL;
}

/* ------------------------------------------------------------ public */

json_t *cli_json_hit(const vigil_index *index, const vigil_hit *hit)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int ok;
    if (has_entity(index, hit->entity)) {
        uint32_t e = hit->entity;
        vigil_source_info src;
        memset(&src, 0, sizeof(src));
        if (vigil_index_source(index, vigil_index_entity_source(index, e), &src) != VIGIL_OK)
            memset(&src, 0, sizeof(src));
        ok = put(o, "id", jstr(vigil_index_entity_id(index, e))) &&
             put(o, "score", jscore(hit->score)) &&
             put(o, "match", json_boolean(hit->match)) &&
             put(o, "schema", jstr(vigil_schema_name(vigil_index_entity_schema(index, e)))) &&
             put(o, "caption", jstr(vigil_index_entity_caption(index, e))) &&
             put(o, "datasets", datasets_json(index, e)) &&
             put(o, "source", jstr(src.name));
    } else {
        /* vigil_compare: a scored pair, no listed entity behind it. */
        ok = put(o, "id", json_null()) && put(o, "score", jscore(hit->score)) &&
             put(o, "match", json_boolean(hit->match));
    }
    if (ok && put(o, "explanation", explanation_json(index, hit))) return o;
    json_decref(o);
    return NULL;
}

json_t *cli_json_results(const vigil_index *index, const vigil_results *results)
{
    json_t *a = json_array();
    if (!a) return NULL;
    size_t n = vigil_results_count(results);
    for (size_t i = 0; i < n; i++) {
        if (!append(a, cli_json_hit(index, vigil_results_hit(results, i)))) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* {"prop": [values...], ...} in the entity's property order. */
static json_t *properties_json(const vigil_index *index, uint32_t entity)
{
    json_t *props = json_object();
    if (!props) return NULL;
    size_t n = vigil_index_entity_prop_count(index, entity);
    for (size_t i = 0; i < n; i++) {
        const char *prop = "", *value = "";
        vigil_index_entity_prop(index, entity, i, &prop, &value);
        if (!prop) continue;
        json_t *values = json_object_get(props, prop);
        if (!values) {
            values = json_array();
            if (!put(props, prop, values)) { json_decref(props); return NULL; }
        }
        if (!append(values, jstr(value))) { json_decref(props); return NULL; }
    }
    return props;
}

json_t *cli_json_entity(const vigil_index *index, uint32_t entity)
{
    if (!has_entity(index, entity)) return json_null();
    json_t *o = json_object();
    if (!o) return NULL;
    vigil_source_info src;
    memset(&src, 0, sizeof(src));
    if (vigil_index_source(index, vigil_index_entity_source(index, entity), &src) != VIGIL_OK)
        memset(&src, 0, sizeof(src));
    if (put(o, "id", jstr(vigil_index_entity_id(index, entity))) &&
        put(o, "schema", jstr(vigil_schema_name(vigil_index_entity_schema(index, entity)))) &&
        put(o, "caption", jstr(vigil_index_entity_caption(index, entity))) &&
        put(o, "properties", properties_json(index, entity)) &&
        put(o, "datasets", datasets_json(index, entity)) &&
        put(o, "source", source_json(&src)))
        return o;
    json_decref(o);
    return NULL;
}

json_t *cli_json_index_info(const vigil_index *index)
{
    json_t *o = json_object();
    json_t *sources = json_array();
    int ok = o && sources;
    uint32_t n = vigil_index_source_count(index);
    for (uint32_t i = 0; ok && i < n; i++) {
        vigil_source_info src;
        memset(&src, 0, sizeof(src));
        if (vigil_index_source(index, i, &src) != VIGIL_OK) continue;
        ok = append(sources, source_json(&src));
    }
    ok = ok && put(o, "version", jstr(vigil_index_version(index))) &&
         put(o, "built", jstr(vigil_index_built(index))) &&
         put(o, "file_size", json_integer((json_int_t)vigil_index_file_size(index))) &&
         put(o, "entities", json_integer(vigil_index_entity_count(index))) &&
         put(o, "names", json_integer(vigil_index_name_count(index))) &&
         put(o, "tokens", json_integer(vigil_index_token_count(index))) &&
         put(o, "sources", json_incref(sources));
    json_decref(sources);
    if (ok) return o;
    json_decref(o);
    return NULL;
}

/* ------------------------------------------------------------ queries */

/* Flat convenience keys accepted beside "properties", and the FtM property
 * each one fills: {"name": "...", "birth_date": "..."} reads like a roster. */
static const struct { const char *key, *prop; } flat_keys[] = {
    {"name", "name"},
    {"alias", "alias"},
    {"birth_date", "birthDate"},
    {"birthDate", "birthDate"},
    {"country", "country"},
    {"nationality", "nationality"},
    {"id_number", "idNumber"},
    {"idNumber", "idNumber"},
    {"passport", "passportNumber"},
    {"passportNumber", "passportNumber"},
    {"registration_number", "registrationNumber"},
    {"imo", "imoNumber"},
    {"imoNumber", "imoNumber"},
};

static const char *const name_props[] = {"name", "alias", "weakAlias", "previousName"};

static vigil_status query_fail(char *errbuf, size_t size, const char *field,
                               const char *reason)
{
    if (errbuf && size) snprintf(errbuf, size, "%s: %s", field, reason);
    return VIGIL_EINVAL;
}

/* Adds one JSON value (a string or an array of strings) to prop. */
static vigil_status add_values(vigil_entity *query, const char *prop,
                               const json_t *value, const char *field,
                               char *errbuf, size_t size)
{
    size_t n = json_is_array(value) ? json_array_size(value) : 1;
    if (!json_is_array(value) && !json_is_string(value))
        return query_fail(errbuf, size, field, "expected a string or an array of strings");
    if (n > QUERY_VALUES_MAX)
        return query_fail(errbuf, size, field, "too many values (at most 64)");
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_is_array(value) ? json_array_get(value, i) : value;
        if (json_is_null(v)) continue;
        if (!json_is_string(v))
            return query_fail(errbuf, size, field, "expected a string or an array of strings");
        if (json_string_length(v) > QUERY_VALUE_MAX)
            return query_fail(errbuf, size, field, "value too long (at most 4096 bytes)");
        if (memchr(json_string_value(v), '\0', json_string_length(v)))
            return query_fail(errbuf, size, field, "value contains a NUL character");
        vigil_status st = vigil_entity_add(query, prop, json_string_value(v));
        if (st != VIGIL_OK) return query_fail(errbuf, size, field, vigil_strerror(st));
    }
    return VIGIL_OK;
}

static int query_has_name(const vigil_entity *query)
{
    size_t n = vigil_entity_prop_count(query);
    for (size_t i = 0; i < n; i++) {
        const char *prop = "", *value = "";
        vigil_entity_prop(query, i, &prop, &value);
        for (size_t k = 0; k < sizeof(name_props) / sizeof(name_props[0]); k++)
            if (strcmp(prop, name_props[k]) == 0 && value && value[0]) return 1;
    }
    return 0;
}

static vigil_status query_header(const json_t *object, vigil_entity *query,
                                 char *errbuf, size_t size)
{
    const json_t *id = json_object_get(object, "id");
    if (id && !json_is_null(id)) {
        char num[32];
        const char *text = NULL;
        if (json_is_string(id)) text = json_string_value(id);
        else if (json_is_integer(id)) {
            snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(id));
            text = num;
        } else
            return query_fail(errbuf, size, "id", "expected a string or an integer");
        if (strlen(text) > QUERY_VALUE_MAX)
            return query_fail(errbuf, size, "id", "too long (at most 4096 bytes)");
        if (vigil_entity_set_id(query, text) != VIGIL_OK)
            return query_fail(errbuf, size, "id", "cannot be stored");
    }
    const json_t *schema = json_object_get(object, "schema");
    if (schema && !json_is_null(schema)) {
        vigil_schema s;
        if (!json_is_string(schema))
            return query_fail(errbuf, size, "schema", "expected a string");
        if (vigil_schema_parse(json_string_value(schema), &s) != VIGIL_OK)
            return query_fail(errbuf, size, "schema",
                              "unknown schema (Person, Organization, Company, "
                              "LegalEntity, Vessel, Aircraft or Thing)");
        vigil_entity_set_schema(query, s);
    }
    return VIGIL_OK;
}

vigil_status cli_json_to_query(const json_t *object, vigil_entity *query,
                               char *errbuf, size_t errbuf_size)
{
    if (errbuf && errbuf_size) errbuf[0] = '\0';
    if (!json_is_object(object))
        return query_fail(errbuf, errbuf_size, "query", "expected a JSON object");
    vigil_status st = query_header(object, query, errbuf, errbuf_size);
    if (st != VIGIL_OK) return st;

    const json_t *props = json_object_get(object, "properties");
    if (props && !json_is_null(props)) {
        if (!json_is_object(props))
            return query_fail(errbuf, errbuf_size, "properties", "expected an object");
        const char *key;
        const json_t *value;
        char field[96];
        json_object_foreach((json_t *)props, key, value) {
            snprintf(field, sizeof(field), "properties.%s", key);
            st = add_values(query, key, value, field, errbuf, errbuf_size);
            if (st != VIGIL_OK) return st;
        }
    }
    for (size_t k = 0; k < sizeof(flat_keys) / sizeof(flat_keys[0]); k++) {
        const json_t *value = json_object_get(object, flat_keys[k].key);
        if (!value || json_is_null(value)) continue;
        st = add_values(query, flat_keys[k].prop, value, flat_keys[k].key, errbuf,
                        errbuf_size);
        if (st != VIGIL_OK) return st;
    }
    if (!query_has_name(query))
        return query_fail(errbuf, errbuf_size, "name",
                          "missing: a query needs a name (\"name\" or "
                          "\"properties\": {\"name\": [...]})");
    return VIGIL_OK;
}
