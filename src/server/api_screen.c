/*
 * api_screen.c — screening: GET /v1/screen (one name from query parameters)
 * and POST /v1/match (a batch in the shape of OpenSanctions yente's /match,
 * also served as /match/{dataset} for clients written against yente).
 *
 * Invariant: a whole request is answered from one index (one use taken for
 * the batch), so every response in a batch names the same index version
 * even when a reload lands halfway through.  Results carry exactly the
 * fields `vigil match` writes (results_json.h); the yente shape only adds
 * the listed properties and its envelope.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/results_json.h"
#include "server.h"

/* yente's default page of results per query. */
#define MATCH_DEFAULT_LIMIT 5

/* Collects the values of a repeated parameter into a NULL-terminated
 * list (capacity SRV_MAX_PARAMS + 1); returns how many. */
static size_t param_values(const struct srv_call *call, const char *key,
                           const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < call->param_count && i < SRV_MAX_PARAMS; i++)
        if (strcmp(call->params[i].key, key) == 0 && call->params[i].value[0])
            out[n++] = call->params[i].value;
    out[n] = NULL;
    return n;
}

/* Adds every value of parameter `key` to the query as property `prop`. */
static bool add_param(struct srv_call *call, vigil_entity *query, const char *key,
                      const char *prop, struct srv_reply *reply)
{
    const char *values[SRV_MAX_PARAMS + 1];
    size_t n = param_values(call, key, values);
    for (size_t i = 0; i < n; i++) {
        if (strlen(values[i]) > SRV_VALUE_MAX) {
            srv_error(reply, 400, "%s: value too long (at most %d bytes)", key, SRV_VALUE_MAX);
            return false;
        }
        vigil_status st = vigil_entity_add(query, prop, values[i]);
        if (st != VIGIL_OK) {
            srv_error_vigil(reply, st, NULL);
            return false;
        }
    }
    return true;
}

static bool screen_query(struct srv_call *call, vigil_entity *query,
                         struct srv_reply *reply)
{
    static const struct { const char *param, *prop; } props[] = {
        {"name", "name"}, {"birth_date", "birthDate"}, {"country", "country"}};
    const char *schema = srv_param(call, "schema");
    if (schema && *schema) {
        vigil_schema s;
        if (vigil_schema_parse(schema, &s) != VIGIL_OK) {
            srv_error(reply, 400, "schema: unknown schema \"%.64s\" (Person, Organization, "
                                  "Company, LegalEntity, Vessel, Aircraft or Thing)", schema);
            return false;
        }
        vigil_entity_set_schema(query, s);
    }
    const char *id = srv_param(call, "id");
    if (id && *id && vigil_entity_set_id(query, id) != VIGIL_OK) {
        srv_error(reply, 503, "out of memory");
        return false;
    }
    for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++)
        if (!add_param(call, query, props[i].param, props[i].prop, reply)) return false;
    const char *names[SRV_MAX_PARAMS + 1];
    if (param_values(call, "name", names) == 0) {
        srv_error(reply, 400, "name: missing (GET /v1/screen?name=...)");
        return false;
    }
    return true;
}

void srv_api_screen(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {"name", "schema", "birth_date", "country", "id",
                                        "limit", "threshold", "dataset", "topic", NULL};
    const char *datasets[SRV_MAX_PARAMS + 1], *topics[SRV_MAX_PARAMS + 1];
    vigil_match_options options;
    vigil_match_options_init(&options);
    if (!srv_params_known(call, known, reply) ||
        !srv_param_size(call, "limit", 1, SRV_MAX_LIMIT, &options.limit, reply) ||
        !srv_param_score(call, "threshold", &options.threshold, reply))
        return;
    if (param_values(call, "dataset", datasets)) options.datasets = datasets;
    if (param_values(call, "topic", topics)) options.topics = topics;

    vigil_entity *query = NULL;
    if (vigil_entity_new(&query) != VIGIL_OK) {
        srv_error(reply, 503, "out of memory");
        return;
    }
    if (screen_query(call, query, reply)) {
        struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
        vigil_results *results = NULL;
        vigil_error err;
        vigil_status st = srv_screen(call, ref->index, query, &options, options.threshold,
                                     &results, &err);
        if (st == VIGIL_OK) {
            json_t *out = json_object();
            const char *id = srv_param(call, "id");
            if (out && id && *id) json_object_set_new(out, "id", json_string(id));
            json_t *list = cli_json_results(ref->index, results);
            if (!out || !list || json_object_set_new(out, "results", list) != 0) {
                json_decref(out);
                out = NULL;
            }
            srv_reply_json(reply, 200, out);
        } else {
            srv_error_vigil(reply, st, &err);
        }
        vigil_results_free(results);
        srv_ref_release(ref);
    }
    vigil_entity_free(query);
}

/* -------------------------------------------------------------- batches */

struct batch {
    const vigil_index *index;
    vigil_match_options options;
    double threshold;          /* decides "match"; options.threshold is the cutoff */
};

/* One result in yente's shape: the hit as `vigil match` writes it, with
 * the listed properties and "match" judged against the threshold. */
static json_t *yente_result(const struct batch *b, const vigil_hit *hit)
{
    json_t *o = cli_json_hit(b->index, hit);
    json_t *entity = o ? cli_json_entity(b->index, hit->entity) : NULL;
    json_t *props = json_object_get(entity, "properties");
    int ok = o && props &&
             json_object_set_new(o, "match", json_boolean(hit->score >= b->threshold)) == 0 &&
             json_object_set(o, "properties", props) == 0;
    json_decref(entity);
    if (ok) return o;
    json_decref(o);
    return NULL;
}

static json_t *yente_response(const struct batch *b,
                              const json_t *example, vigil_results *results)
{
    json_t *list = json_array();
    size_t n = vigil_results_count(results);
    for (size_t i = 0; list && i < n; i++) {
        json_t *r = yente_result(b, vigil_results_hit(results, i));
        if (!r || json_array_append_new(list, r) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    if (!list) return NULL;
    return json_pack("{s:i,s:o,s:{s:I,s:s},s:O}", "status", 200, "results", list, "total",
                     "value", (json_int_t)n, "relation", "eq", "query", example);
}

/* Screens every query of the batch; false with reply filled on a bad one. */
static bool run_batch(struct srv_call *call, struct batch *b, const json_t *queries,
                      json_t *responses, struct srv_reply *reply)
{
    vigil_entity *query = NULL;
    if (vigil_entity_new(&query) != VIGIL_OK) {
        srv_error(reply, 503, "out of memory");
        return false;
    }
    const char *key;
    const json_t *example;
    bool ok = true;
    json_object_foreach((json_t *)queries, key, example) {
        char why[256];
        vigil_entity_clear(query);
        if (cli_json_to_query(example, query, why, sizeof(why)) != VIGIL_OK) {
            srv_error(reply, 400, "queries.%.100s: %s", key, why);
            ok = false;
            break;
        }
        vigil_results *results = NULL;
        vigil_error err;
        vigil_status st = srv_screen(call, b->index, query, &b->options, b->threshold,
                                     &results, &err);
        if (st != VIGIL_OK) {
            char text[VIGIL_ERROR_MESSAGE_SIZE + 400];
            vigil_error_format(&err, text, sizeof(text));
            srv_error(reply, srv_http_status(st), "queries.%.100s: %s", key, text);
            ok = false;
            break;
        }
        json_t *one = yente_response(b, example, results);
        vigil_results_free(results);
        if (!one || json_object_set_new(responses, key, one) != 0) {
            srv_error(reply, 503, "out of memory");
            ok = false;
            break;
        }
    }
    vigil_entity_free(query);
    return ok;
}

/* The batch's "queries" object, checked; NULL with reply filled. */
static json_t *batch_queries(struct srv_call *call, json_t **doc, struct srv_reply *reply)
{
    json_error_t jerr;
    *doc = json_loadb(call->body, call->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!*doc) {
        srv_error(reply, 400, "malformed JSON at line %d, column %d: %s", jerr.line,
                  jerr.column, jerr.text);
        return NULL;
    }
    json_t *queries = json_object_get(*doc, "queries");
    if (!json_is_object(queries)) {
        srv_error(reply, 400, "expected {\"queries\": {\"KEY\": {\"schema\": ..., "
                              "\"properties\": {...}}, ...}}");
        return NULL;
    }
    size_t n = json_object_size(queries);
    if (n == 0) {
        srv_error(reply, 400, "no queries provided");
        return NULL;
    }
    if (n > SRV_MAX_BATCH) {
        srv_error(reply, 413, "too many queries in one batch: %zu (at most %d)", n,
                  SRV_MAX_BATCH);
        return NULL;
    }
    return queries;
}

void srv_api_match(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {"limit", "threshold", "cutoff", "algorithm",
                                        "include_dataset", "topics", NULL};
    const char *datasets[SRV_MAX_PARAMS + 2], *topics[SRV_MAX_PARAMS + 1];
    struct batch b;
    memset(&b, 0, sizeof(b));
    vigil_match_options_init(&b.options);
    b.options.limit = MATCH_DEFAULT_LIMIT;
    b.threshold = b.options.threshold;
    double cutoff = -1.0;
    if (!srv_params_known(call, known, reply) ||
        !srv_param_size(call, "limit", 1, SRV_MAX_LIMIT, &b.options.limit, reply) ||
        !srv_param_score(call, "threshold", &b.threshold, reply) ||
        !srv_param_score(call, "cutoff", &cutoff, reply))
        return;
    /* As yente: results below the cutoff are dropped, and the cutoff never
     * exceeds the threshold. */
    b.options.threshold = cutoff >= 0.0 && cutoff < b.threshold ? cutoff : b.threshold;
    size_t n = param_values(call, "include_dataset", datasets);
    if (call->tail[0] && strcmp(call->tail, "default") != 0) {
        datasets[n++] = call->tail;   /* /match/{dataset} */
        datasets[n] = NULL;
    }
    if (n) b.options.datasets = datasets;
    if (param_values(call, "topics", topics)) b.options.topics = topics;

    json_t *doc = NULL;
    json_t *queries = batch_queries(call, &doc, reply);
    json_t *responses = queries ? json_object() : NULL;
    if (queries && !responses) srv_error(reply, 503, "out of memory");
    if (responses) {
        struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
        b.index = ref->index;
        if (run_batch(call, &b, queries, responses, reply))
            srv_reply_json(reply, 200, json_pack("{s:O,s:I}", "responses", responses,
                                                 "limit", (json_int_t)b.options.limit));
        srv_ref_release(ref);
    }
    json_decref(responses);
    json_decref(doc);
}
