/*
 * api.c — the service endpoints: liveness and readiness, index metadata,
 * listed entities, metrics and the guarded reload.
 *
 * Invariant: every endpoint that reads the index takes a use of it from the
 * holder first and gives it back after the reply is built (the reply holds
 * copies), so a reload never closes an index a request is reading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../cli/results_json.h"
#include "server.h"

static void iso_of(time_t t, char *buf, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void srv_api_healthz(struct srv_call *call, struct srv_reply *reply)
{
    (void)call;
    srv_reply_json(reply, 200, json_pack("{s:s}", "status", "ok"));
}

void srv_api_readyz(struct srv_call *call, struct srv_reply *reply)
{
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    char loaded[32];
    iso_of(ref->loaded, loaded, sizeof(loaded));
    srv_reply_json(reply, 200,
                   json_pack("{s:s,s:s,s:s,s:s,s:I}", "status", "ready", "version",
                             vigil_index_version(ref->index), "built",
                             vigil_index_built(ref->index), "loaded", loaded, "entities",
                             (json_int_t)vigil_index_entity_count(ref->index)));
    srv_ref_release(ref);
}

void srv_api_index(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {NULL};
    if (!srv_params_known(call, known, reply)) return;
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    json_t *info = cli_json_index_info(ref->index);
    char loaded[32];
    iso_of(ref->loaded, loaded, sizeof(loaded));
    if (info && json_object_set_new(info, "loaded", json_string(loaded)) != 0) {
        json_decref(info);
        info = NULL;
    }
    srv_reply_json(reply, 200, info);
    srv_ref_release(ref);
}

void srv_api_entity(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {NULL};
    if (!srv_params_known(call, known, reply)) return;
    struct srv_index_ref *ref = srv_holder_acquire(call->server->holder);
    uint32_t entity;
    vigil_status st = vigil_index_lookup(ref->index, call->tail, &entity);
    if (st == VIGIL_OK) {
        call->results = 1;
        srv_reply_json(reply, 200, cli_json_entity(ref->index, entity));
    } else if (st == VIGIL_ENOTFOUND) {
        srv_error(reply, 404, "no listed entity with id \"%.200s\"", call->tail);
    } else {
        srv_error_vigil(reply, st, NULL);
    }
    srv_ref_release(ref);
}

void srv_api_metrics(struct srv_call *call, struct srv_reply *reply)
{
    size_t len = 0;
    char *text = srv_metrics_text(call->server, &len);
    if (!text) {
        srv_error(reply, 503, "out of memory");
        return;
    }
    reply->status = 200;
    reply->text = text;
    reply->text_len = len;
    reply->content_type = "text/plain; version=0.0.4; charset=utf-8";
}

vigil_status srv_screen(struct srv_call *call, const vigil_index *index,
                        const vigil_entity *query, const vigil_match_options *options,
                        double threshold, vigil_results **out, vigil_error *err)
{
    vigil_status st = vigil_match(index, query, options, out, err);
    if (st != VIGIL_OK) return st;
    size_t n = vigil_results_count(*out), matches = 0;
    for (size_t i = 0; i < n; i++)
        if (vigil_results_hit(*out, i)->score >= threshold) matches++;
    srv_metrics_screened(&call->server->metrics, n, matches);
    call->results += n;
    return VIGIL_OK;
}

/* ------------------------------------------------------------- reload */

vigil_status srv_reload(struct srv_server *server, const char *trigger,
                        struct srv_reload_report *report)
{
    vigil_status st = srv_holder_reload(server->holder, report);
    char now[40];
    srv_time_iso(now, sizeof(now));
    json_t *line = json_pack("{s:s,s:s,s:s,s:b,s:s,s:s}", "time", now, "event", "reload",
                             "trigger", trigger, "ok", report->ok, "previous",
                             report->previous, "version", report->current);
    if (line && !report->ok) {
        char text[VIGIL_ERROR_MESSAGE_SIZE + 400];
        vigil_error_format(&report->err, text, sizeof(text));
        json_object_set_new(line, "error", json_string(text));
    }
    srv_log_json(server, line);
    json_decref(line);
    return st;
}

/* Runs on a helper thread: opening and checking an index takes
 * milliseconds the worker's other connections should not wait for. */
static void reload_later(struct srv_server *server, struct srv_reply *reply)
{
    struct srv_reload_report report;
    vigil_status st = srv_reload(server, "api", &report);
    if (st == VIGIL_OK) {
        srv_reply_json(reply, 200, json_pack("{s:b,s:s,s:s}", "reloaded", 1, "previous",
                                             report.previous, "version", report.current));
        return;
    }
    char text[VIGIL_ERROR_MESSAGE_SIZE + 400];
    vigil_error_format(&report.err, text, sizeof(text));
    /* The request was fine; the file on disk is not.  409: still serving
     * the previous index. */
    srv_error(reply, st == VIGIL_ENOMEM ? 503 : 409,
              "reload refused, still serving %s: %s", report.previous, text);
}

/* Compares in time that depends on the length of `given` only, never on
 * where it first differs from `key` (key is not empty). */
static bool key_matches(const char *given, const char *key)
{
    size_t given_len = strlen(given), key_len = strlen(key);
    unsigned char diff = given_len != key_len;
    for (size_t i = 0; i < given_len; i++)
        diff |= (unsigned char)given[i] ^ (unsigned char)key[i % key_len];
    return diff == 0;
}

/* The key a request presents: "Authorization: Bearer KEY" or "X-API-Key". */
static const char *presented_key(const struct srv_call *call)
{
    const char *auth = srv_header(call, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) return auth + 7;
    return srv_header(call, "X-API-Key");
}

void srv_api_reload(struct srv_call *call, struct srv_reply *reply)
{
    static const char *const known[] = {NULL};
    const char *key = call->server->config.api_key;
    if (!key) {
        srv_error(reply, 403, "reload over HTTP is disabled: no API key is configured "
                              "(set VIGIL_API_KEY or --api-key-file)");
        return;
    }
    const char *given = presented_key(call);
    if (!given || !*given) {
        srv_error(reply, 401, "an API key is required (Authorization: Bearer KEY)");
        reply->challenge = true;
        return;
    }
    if (!key_matches(given, key)) {
        srv_error(reply, 403, "wrong API key");
        return;
    }
    if (!srv_params_known(call, known, reply)) return;
    reply->later = reload_later;
}
