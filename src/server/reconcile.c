/*
 * reconcile.c — the OpenRefine Reconciliation Service API (version 0.2):
 * the service manifest, reconciliation queries by GET (?queries=JSON) or
 * form-encoded POST (queries=JSON), data extension (extend=JSON), property
 * and type suggestions, and JSONP for browsers.
 *
 * Invariant: a reconciliation query is screened exactly like any other
 * query (same matcher, same index use); only the shape differs.  Scores are
 * given as 0..100, the scale reconciliation clients display, and "match"
 * (OpenRefine's auto-match) is true only at or above the default
 * threshold, while candidates down to RECONCILE_FLOOR are listed for review.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../cli/results_json.h"
#include "server.h"

/* Lowest score shown as a candidate to a reviewer. */
#define RECONCILE_FLOOR 0.50
#define RECONCILE_DEFAULT_LIMIT 5
#define RECONCILE_MAX_LIMIT 100

static const char *const default_types[] = {"Person", "Organization", "Vessel"};
static const char *const all_types[] = {"Person", "Organization", "Company",
                                        "LegalEntity", "Vessel", "Aircraft"};

/* Properties a reconciliation query may use and extension may return. */
static const struct {
    const char *id, *name;
} properties[] = {
    {"birthDate", "Birth date"},
    {"country", "Country"},
    {"nationality", "Nationality"},
    {"citizenship", "Citizenship"},
    {"jurisdiction", "Jurisdiction"},
    {"alias", "Other name"},
    {"idNumber", "ID number"},
    {"passportNumber", "Passport number"},
    {"registrationNumber", "Registration number"},
    {"taxNumber", "Tax number"},
    {"imoNumber", "IMO number"},
    {"mmsi", "MMSI"},
    {"callSign", "Call sign"},
    {"address", "Address"},
    {"gender", "Gender"},
    {"program", "Sanctions program"},
    {"notes", "Notes"},
};
#define PROPERTY_COUNT (sizeof(properties) / sizeof(properties[0]))

static const char *property_name(const char *id)
{
    for (size_t i = 0; i < PROPERTY_COUNT; i++)
        if (strcmp(properties[i].id, id) == 0) return properties[i].name;
    return NULL;
}

/* ------------------------------------------------------------- replies */

/* A JSONP callback name: letters, digits, '_', '$' and '.', at most 64. */
static bool callback_ok(const char *cb)
{
    size_t n = strlen(cb);
    if (n == 0 || n > 64) return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)cb[i]) && !strchr("_$.", cb[i])) return false;
    return true;
}

/* Checks the callback parameter; false with reply filled when bad. */
static bool callback_param_ok(const struct srv_call *call, struct srv_reply *reply)
{
    const char *cb = srv_param(call, "callback");
    if (!cb || callback_ok(cb)) return true;
    srv_error(reply, 400, "callback: expected a JavaScript name");
    return false;
}

/* Replies with json, wrapped as JSONP when the request asked for it. */
static void reply_maybe_jsonp(struct srv_call *call, struct srv_reply *reply,
                              json_t *json)
{
    const char *cb = srv_param(call, "callback");
    if (!cb || !json) {
        srv_reply_json(reply, 200, json);
        return;
    }
    char *text = json_dumps(json, CLI_JSON_DUMP_FLAGS);
    json_decref(json);
    size_t size = text ? strlen(text) + strlen(cb) + 4 : 0;
    char *wrapped = text ? malloc(size) : NULL;
    if (!wrapped) {
        free(text);
        srv_error(reply, 503, "out of memory");
        return;
    }
    snprintf(wrapped, size, "%s(%s);", cb, text);
    free(text);
    reply->status = 200;
    reply->text = wrapped;
    reply->text_len = strlen(wrapped);
    reply->content_type = "application/javascript; charset=utf-8";
}

/* "http://HOST" as the client addressed us, for the manifest's URLs. */
static void base_url(const struct srv_call *call, char *buf, size_t size)
{
    const char *host = srv_header(call, "Host");
    if (host && *host && strlen(host) < 256 && !strpbrk(host, " /\"\\<>"))
        snprintf(buf, size, "http://%s", host);
    else
        snprintf(buf, size, "http://%s:%u", call->server->config.host,
                 call->server->config.port);
}

static json_t *type_json(const char *schema)
{
    return json_pack("{s:s,s:s}", "id", schema, "name", schema);
}

static json_t *manifest(const struct srv_call *call)
{
    char base[300], name[200];
    base_url(call, base, sizeof(base));
    char view[400], reconcile[320];
    snprintf(view, sizeof(view), "%s/v1/entities/{{id}}", base);
    snprintf(reconcile, sizeof(reconcile), "%s/reconcile", base);
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    snprintf(name, sizeof(name), "vigil sanctions screening (index %s)",
             vigil_index_version(ref->index));
    srv_ref_release(ref);
    json_t *types = json_array();
    for (size_t i = 0; types && i < sizeof(default_types) / sizeof(default_types[0]); i++)
        json_array_append_new(types, type_json(default_types[i]));
    json_t *props = json_array();
    for (size_t i = 0; props && i < PROPERTY_COUNT; i++)
        json_array_append_new(props, json_pack("{s:s,s:s}", "id", properties[i].id,
                                               "name", properties[i].name));
    if (!types || !props) {
        json_decref(types);
        json_decref(props);
        return NULL;
    }
    return json_pack(
        "{s:[s],s:s,s:s,s:s,s:o,s:{s:s},s:i,s:o,"
        "s:{s:{s:s,s:s},s:{s:s,s:s}},s:{s:{s:s,s:s},s:[]}}",
        "versions", "0.2", "name", name, "identifierSpace",
        "https://followthemoney.tech/explorer/schemata/Thing/#id", "schemaSpace",
        "https://followthemoney.tech/explorer/schemata/", "defaultTypes", types, "view",
        "url", view, "batchSize", 10, "properties", props, "suggest", "property",
        "service_url", reconcile, "service_path", "/suggest/property", "type",
        "service_url", reconcile, "service_path", "/suggest/type", "extend",
        "propose_properties", "service_url", reconcile, "service_path", "/properties",
        "property_settings");
}

/* ------------------------------------------------------------- queries */

/* Adds one property value: a string, a number, {"id": ...} or an array of
 * these, as OpenRefine sends them. */
static bool add_value(vigil_entity *query, const char *pid, const json_t *v,
                      char *why, size_t why_size)
{
    if (json_is_array(v)) {
        size_t i;
        const json_t *item;
        if (json_array_size(v) > SRV_VALUES_MAX) {
            snprintf(why, why_size, "%s: too many values (at most %d)", pid, SRV_VALUES_MAX);
            return false;
        }
        json_array_foreach(v, i, item)
            if (!add_value(query, pid, item, why, why_size)) return false;
        return true;
    }
    char num[64];
    const char *text = NULL;
    if (json_is_string(v)) text = json_string_value(v);
    else if (json_is_integer(v)) {
        snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        text = num;
    } else if (json_is_real(v)) {
        snprintf(num, sizeof(num), "%g", json_real_value(v));
        text = num;
    } else if (json_is_object(v) && json_is_string(json_object_get(v, "id")))
        text = json_string_value(json_object_get(v, "id"));
    else if (json_is_null(v))
        return true;
    if (!text) {
        snprintf(why, why_size, "%s: expected a string, a number or {\"id\": ...}", pid);
        return false;
    }
    if (strlen(text) > SRV_VALUE_MAX) {
        snprintf(why, why_size, "%s: value too long (at most %d bytes)", pid, SRV_VALUE_MAX);
        return false;
    }
    if (*text && vigil_entity_add(query, pid, text) != VIGIL_OK) {
        snprintf(why, why_size, "%s: cannot be stored", pid);
        return false;
    }
    return true;
}

/* The schema of a query's "type": a string or [string | {"id"}, ...]. */
static bool query_type(const json_t *type, vigil_schema *schema, char *why, size_t size)
{
    *schema = VIGIL_SCHEMA_THING;
    if (!type || json_is_null(type)) return true;
    if (json_is_array(type)) type = json_array_get(type, 0);
    if (json_is_object(type)) type = json_object_get(type, "id");
    if (!type) return true;
    if (!json_is_string(type) || vigil_schema_parse(json_string_value(type), schema) != VIGIL_OK) {
        snprintf(why, size, "type: unknown (Person, Organization, Company, LegalEntity, "
                            "Vessel, Aircraft or Thing)");
        return false;
    }
    return true;
}

/* Fills `query` from one reconciliation query (an object or a bare name). */
static bool to_query(const json_t *q, vigil_entity *query, size_t *limit, char *why,
                     size_t size)
{
    *limit = RECONCILE_DEFAULT_LIMIT;
    if (json_is_string(q)) return add_value(query, "name", q, why, size);
    if (!json_is_object(q)) {
        snprintf(why, size, "expected an object {\"query\": ..., \"type\": ...}");
        return false;
    }
    vigil_schema schema;
    if (!query_type(json_object_get(q, "type"), &schema, why, size)) return false;
    vigil_entity_set_schema(query, schema);
    const json_t *lim = json_object_get(q, "limit");
    if (lim && !json_is_null(lim)) {
        if (!json_is_integer(lim) || json_integer_value(lim) < 1 ||
            json_integer_value(lim) > RECONCILE_MAX_LIMIT) {
            snprintf(why, size, "limit: expected an integer from 1 to %d", RECONCILE_MAX_LIMIT);
            return false;
        }
        *limit = (size_t)json_integer_value(lim);
    }
    const json_t *text = json_object_get(q, "query");
    if (text && !json_is_string(text)) {
        snprintf(why, size, "query: expected a string");
        return false;
    }
    if (text && !add_value(query, "name", text, why, size)) return false;
    const json_t *props = json_object_get(q, "properties");
    if (props && !json_is_null(props) && !json_is_array(props)) {
        snprintf(why, size, "properties: expected [{\"pid\": ..., \"v\": ...}, ...]");
        return false;
    }
    size_t i;
    const json_t *p;
    json_array_foreach(props, i, p) {
        const json_t *pid = json_object_get(p, "pid");
        if (!json_is_string(pid) || !json_string_length(pid)) {
            snprintf(why, size, "properties[%zu]: expected {\"pid\": ..., \"v\": ...}", i);
            return false;
        }
        if (!add_value(query, json_string_value(pid), json_object_get(p, "v"), why, size))
            return false;
    }
    for (size_t k = 0; k < vigil_entity_prop_count(query); k++) {
        const char *prop, *value;
        vigil_entity_prop(query, k, &prop, &value);
        if (strcmp(prop, "name") == 0) return true;
    }
    snprintf(why, size, "query: missing (the name to reconcile)");
    return false;
}

static json_t *candidate(const vigil_index *index, const vigil_hit *hit)
{
    vigil_schema schema = vigil_index_entity_schema(index, hit->entity);
    json_t *datasets = json_array();
    size_t n = vigil_index_entity_dataset_count(index, hit->entity);
    for (size_t i = 0; datasets && i < n; i++)
        json_array_append_new(datasets,
                              json_string(vigil_index_entity_dataset(index, hit->entity, i)));
    char description[600];
    snprintf(description, sizeof(description), "matched %s \"%.400s\"",
             hit->name_kind ? hit->name_kind : "name",
             hit->matched_name ? hit->matched_name : "");
    srv_utf8_scrub(description);
    if (!datasets) return NULL;
    return json_pack("{s:s,s:s,s:[o],s:f,s:b,s:s,s:o}", "id",
                     vigil_index_entity_id(index, hit->entity), "name",
                     vigil_index_entity_caption(index, hit->entity), "type",
                     type_json(vigil_schema_name(schema)), "score",
                     round(hit->score * 1000.0) / 10.0, "match",
                     hit->score >= VIGIL_DEFAULT_THRESHOLD, "description", description,
                     "datasets", datasets);
}

/* {"result": [candidates]} for one query, or NULL with why filled. */
static json_t *reconcile_one(struct srv_call *call, const vigil_index *index,
                             vigil_entity *query, const json_t *q, char *why,
                             size_t size, unsigned *status)
{
    size_t limit;
    vigil_entity_clear(query);
    *status = 400;
    if (!to_query(q, query, &limit, why, size)) return NULL;
    vigil_match_options options;
    vigil_match_options_init(&options);
    options.limit = limit;
    options.threshold = RECONCILE_FLOOR;
    vigil_results *results = NULL;
    vigil_error err;
    vigil_status st = srv_screen(call, index, query, &options, VIGIL_DEFAULT_THRESHOLD,
                                 &results, &err);
    if (st != VIGIL_OK) {
        *status = srv_http_status(st);
        vigil_error_format(&err, why, size);
        return NULL;
    }
    json_t *list = json_array();
    for (size_t i = 0; list && i < vigil_results_count(results); i++)
        if (json_array_append_new(list, candidate(index, vigil_results_hit(results, i))) != 0) {
            json_decref(list);
            list = NULL;
        }
    vigil_results_free(results);
    *status = 503;
    if (!list) snprintf(why, size, "out of memory");
    return list ? json_pack("{s:o}", "result", list) : NULL;
}

static json_t *parse_param_json(const char *text, const char *param, struct srv_reply *reply)
{
    json_error_t jerr;
    json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!doc)
        srv_error(reply, 400, "%s: malformed JSON at column %d: %s", param, jerr.column,
                  jerr.text);
    return doc;
}

/* queries={"q0": {...}, ...} -> {"q0": {"result": [...]}, ...} */
static void reconcile_batch(struct srv_call *call, const char *text, struct srv_reply *reply)
{
    json_t *batch = parse_param_json(text, "queries", reply);
    if (!batch) return;
    if (!json_is_object(batch) || json_object_size(batch) > SRV_MAX_BATCH) {
        if (json_is_object(batch))
            srv_error(reply, 413, "too many queries in one batch: %zu (at most %d)",
                      json_object_size(batch), SRV_MAX_BATCH);
        else
            srv_error(reply, 400, "queries: expected {\"q0\": {\"query\": ...}, ...}");
        json_decref(batch);
        return;
    }
    vigil_entity *query = NULL;
    json_t *out = json_object();
    if (!out || vigil_entity_new(&query) != VIGIL_OK) {
        json_decref(out);
        json_decref(batch);
        srv_error(reply, 503, "out of memory");
        return;
    }
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    const char *key;
    json_t *q;
    json_object_foreach(batch, key, q) {
        char why[600];
        unsigned status;
        json_t *one = reconcile_one(call, ref->index, query, q, why, sizeof(why), &status);
        if (!one || json_object_set_new(out, key, one) != 0) {
            srv_error(reply, one ? 503 : status, "queries.%.100s: %s", key,
                      one ? "out of memory" : why);
            json_decref(out);
            out = NULL;
            break;
        }
    }
    srv_ref_release(ref);
    vigil_entity_free(query);
    json_decref(batch);
    if (out) reply_maybe_jsonp(call, reply, out);
}

/* The single-query form: ?query=NAME or ?query={"query": ...}. */
static void reconcile_single(struct srv_call *call, const char *text, struct srv_reply *reply)
{
    json_t *q = text[0] == '{' ? parse_param_json(text, "query", reply) : json_string(text);
    if (!q) {
        if (!reply->status) srv_error(reply, 503, "out of memory");
        return;
    }
    vigil_entity *query = NULL;
    if (vigil_entity_new(&query) != VIGIL_OK) {
        json_decref(q);
        srv_error(reply, 503, "out of memory");
        return;
    }
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    char why[600];
    unsigned status;
    json_t *one = reconcile_one(call, ref->index, query, q, why, sizeof(why), &status);
    srv_ref_release(ref);
    vigil_entity_free(query);
    json_decref(q);
    if (one) reply_maybe_jsonp(call, reply, one);
    else srv_error(reply, status, "query: %s", why);
}

/* ------------------------------------------------------------- extension */

static json_t *extend_row(const vigil_index *index, uint32_t entity, const json_t *wanted)
{
    json_t *row = json_object();
    size_t i;
    const json_t *w;
    json_array_foreach(wanted, i, w) {
        const char *pid = json_string_value(json_object_get(w, "id"));
        json_t *values = json_array();
        if (!row || !values || json_object_set_new(row, pid, values) != 0) {
            json_decref(row);
            return NULL;
        }
        size_t n = vigil_index_entity_prop_count(index, entity);
        for (size_t k = 0; k < n; k++) {
            const char *prop, *value;
            vigil_index_entity_prop(index, entity, k, &prop, &value);
            if (prop && strcmp(prop, pid) == 0)
                json_array_append_new(values, json_pack("{s:s}", "str", value));
        }
    }
    return row;
}

/* extend={"ids": [...], "properties": [{"id": ...}]} */
static void extend(struct srv_call *call, const char *text, struct srv_reply *reply)
{
    json_t *req = parse_param_json(text, "extend", reply);
    if (!req) return;
    const json_t *ids = json_object_get(req, "ids");
    const json_t *wanted = json_object_get(req, "properties");
    size_t i;
    const json_t *w;
    bool ok = json_is_array(ids) && json_is_array(wanted);
    json_array_foreach(wanted, i, w) ok = ok && json_is_string(json_object_get(w, "id"));
    json_array_foreach(ids, i, w) ok = ok && json_is_string(w);
    if (!ok || json_array_size(ids) > SRV_MAX_BATCH || json_array_size(wanted) > 64) {
        srv_error(reply, 400, "extend: expected {\"ids\": [at most %d ids], "
                              "\"properties\": [{\"id\": ...}]}", SRV_MAX_BATCH);
        json_decref(req);
        return;
    }
    json_t *meta = json_array(), *rows = json_object();
    json_array_foreach(wanted, i, w) {
        const char *pid = json_string_value(json_object_get(w, "id"));
        const char *label = property_name(pid);
        json_array_append_new(meta, json_pack("{s:s,s:s}", "id", pid, "name", label ? label : pid));
    }
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    json_array_foreach(ids, i, w) {
        uint32_t entity;
        json_t *row = vigil_index_lookup(ref->index, json_string_value(w), &entity) == VIGIL_OK
                          ? extend_row(ref->index, entity, wanted)
                          : json_object();
        if (!row || !rows || json_object_set_new(rows, json_string_value(w), row) != 0) ok = false;
        else call->results++;
    }
    srv_ref_release(ref);
    json_decref(req);
    if (ok && meta && rows) {
        reply_maybe_jsonp(call, reply, json_pack("{s:o,s:o}", "meta", meta, "rows", rows));
    } else {
        json_decref(meta);
        json_decref(rows);
        srv_error(reply, 503, "out of memory");
    }
}

/* ------------------------------------------------------------- endpoints */

void srv_api_reconcile(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {"queries", "query", "extend", "callback", "_", NULL};
    if (strcmp(call->method, "POST") == 0) {
        const char *type = srv_header(call, "Content-Type");
        if (type && strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0) {
            srv_error(reply, 415, "expected a form-encoded body (queries=JSON)");
            return;
        }
        if (!srv_parse_form(call, reply)) return;
    }
    if (!srv_params_known(call, known, reply) || !callback_param_ok(call, reply)) return;
    const char *text;
    if ((text = srv_param(call, "queries"))) reconcile_batch(call, text, reply);
    else if ((text = srv_param(call, "extend"))) extend(call, text, reply);
    else if ((text = srv_param(call, "query"))) reconcile_single(call, text, reply);
    else reply_maybe_jsonp(call, reply, manifest(call));
}

/* True when prefix (case-insensitive) starts id or name; "" matches all. */
static bool prefix_of(const char *prefix, const char *id, const char *name)
{
    size_t n = strlen(prefix);
    return strncasecmp(prefix, id, n) == 0 || strncasecmp(prefix, name, n) == 0;
}

static void suggest(struct srv_call *call, struct srv_reply *reply, bool types)
{
    static const char *const known[] = {"prefix", "cursor", "callback", "_", NULL};
    if (!srv_params_known(call, known, reply) || !callback_param_ok(call, reply)) return;
    const char *prefix = srv_param(call, "prefix");
    if (!prefix) prefix = "";
    json_t *list = json_array();
    size_t n = types ? sizeof(all_types) / sizeof(all_types[0]) : PROPERTY_COUNT;
    for (size_t i = 0; list && i < n; i++) {
        const char *id = types ? all_types[i] : properties[i].id;
        const char *name = types ? all_types[i] : properties[i].name;
        if (prefix_of(prefix, id, name))
            json_array_append_new(list, json_pack("{s:s,s:s}", "id", id, "name", name));
    }
    reply_maybe_jsonp(call, reply,
                      list ? json_pack("{s:s,s:o}", "prefix", prefix, "result", list) : NULL);
}

void srv_api_suggest_property(struct srv_call *call, struct srv_reply *reply)
{
    suggest(call, reply, false);
}

void srv_api_suggest_type(struct srv_call *call, struct srv_reply *reply)
{
    suggest(call, reply, true);
}

void srv_api_propose_properties(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {"type", "limit", "callback", "_", NULL};
    size_t limit = PROPERTY_COUNT;
    if (!srv_params_known(call, known, reply) ||
        !srv_param_size(call, "limit", 1, 1000, &limit, reply) ||
        !callback_param_ok(call, reply))
        return;
    const char *type = srv_param(call, "type");
    vigil_schema schema = VIGIL_SCHEMA_THING;
    if (type && *type && vigil_schema_parse(type, &schema) != VIGIL_OK) {
        srv_error(reply, 400, "type: unknown schema \"%.64s\"", type);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; list && i < PROPERTY_COUNT && i < limit; i++)
        json_array_append_new(list, json_pack("{s:s,s:s}", "id", properties[i].id, "name",
                                              properties[i].name));
    reply_maybe_jsonp(call, reply,
                      list ? json_pack("{s:s,s:o}", "type", vigil_schema_name(schema),
                                       "properties", list)
                           : NULL);
}
