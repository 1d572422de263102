/*
 * server.h — internals of `vigil serve`, the HTTP screening service.
 * The server sees the library only through vigil.h (and the shared JSON
 * shape of results_json.h); libmicrohttpd carries the HTTP.
 *
 * Pieces: the index holder (holder.c: reference-counted, hot-swappable
 * index), the exchange with libmicrohttpd (http.c: bodies with a ceiling,
 * one route table, JSON errors, access log), the endpoints (api_*.c,
 * reconcile.c), the counters for /metrics (metrics.c) and the command that
 * ties them together (serve.c).
 */
#ifndef VIGIL_SERVER_H
#define VIGIL_SERVER_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "vigil.h"

struct MHD_Connection;
struct MHD_Daemon;

/* ------------------------------------------------------------- settings */

#define SRV_DEFAULT_PORT 8080
#define SRV_DEFAULT_MAX_CONNECTIONS 512
#define SRV_DEFAULT_MAX_BODY (1024u * 1024u)
#define SRV_DEFAULT_TIMEOUT 30
/* Queries in one POST /v1/match or /reconcile batch (yente's MAX_BATCH). */
#define SRV_MAX_BATCH 100
/* Largest `limit` a request may ask for. */
#define SRV_MAX_LIMIT 500
/* Longest query value, in bytes, and most values per property (as
 * results_json.c accepts from JSON queries). */
#define SRV_VALUE_MAX 4096
#define SRV_VALUES_MAX 64
/* Shortest API key accepted: a short key can be guessed. */
#define SRV_MIN_API_KEY 16

struct srv_config {
    const char *index_path;
    char host[64];               /* numeric address to bind */
    unsigned port;               /* 0: ephemeral */
    unsigned threads;
    unsigned max_connections;
    size_t max_body;
    unsigned timeout;            /* seconds a connection may idle */
    char *api_key;               /* NULL: POST /admin/reload is disabled */
    const char *access_log;      /* NULL: stderr */
    bool log_queries;
};

/* --------------------------------------------------------- index holder */

/* One open index and the number of users it has: the holder counts as one
 * user while the index is current, every request in flight as another.
 * The index closes when the count reaches zero, so a swap never pulls the
 * mapping from under a request. */
struct srv_index_ref {
    vigil_index *index;
    atomic_uint users;
    time_t loaded;   /* when this index was opened */
    time_t built;    /* its build time, (time_t)-1 when unreadable */
};

struct srv_holder;

vigil_status srv_holder_open(const char *path, struct srv_holder **out,
                             vigil_error *err);
void srv_holder_close(struct srv_holder *holder);
/* The current index, with a use taken; give it back with srv_ref_release. */
struct srv_index_ref *srv_holder_acquire(struct srv_holder *holder);
void srv_ref_release(struct srv_index_ref *ref);

/* What a reload did, for the response and the log. */
struct srv_reload_report {
    bool ok;
    char previous[128];   /* version served before */
    char current[128];    /* version served after */
    vigil_error err;      /* why the new index was refused */
};

/* Opens the index file again and swaps it in.  One reload at a time; a file
 * that fails to open, or an empty index replacing a non-empty one, is
 * refused and the old index keeps serving. */
vigil_status srv_holder_reload(struct srv_holder *holder,
                               struct srv_reload_report *report);
uint64_t srv_holder_reloads(const struct srv_holder *holder, bool ok);

/* -------------------------------------------------------------- metrics */

/* Endpoints are counted by route; statuses by the few codes the server
 * answers with (others go to the last slot). */
#define SRV_METRIC_ROUTES 20
#define SRV_METRIC_STATUSES 15
#define SRV_LATENCY_BUCKETS 12

struct srv_metrics {
    atomic_uint_fast64_t requests[SRV_METRIC_ROUTES][SRV_METRIC_STATUSES];
    atomic_uint_fast64_t latency[SRV_METRIC_ROUTES][SRV_LATENCY_BUCKETS + 1];
    atomic_uint_fast64_t latency_sum_us[SRV_METRIC_ROUTES];
    atomic_uint_fast64_t queries;   /* query entities screened */
    atomic_uint_fast64_t hits;      /* hits returned */
    atomic_uint_fast64_t matches;   /* hits at or above their threshold */
};

void srv_metrics_request(struct srv_metrics *m, size_t route, unsigned status,
                         double seconds);
void srv_metrics_screened(struct srv_metrics *m, size_t hits, size_t matches);

/* -------------------------------------------------------------- server */

struct srv_server {
    struct srv_config config;
    struct srv_holder *holder;
    struct MHD_Daemon *daemon;
    struct srv_metrics metrics;
    atomic_uint connections;  /* open connections */
    atomic_uint in_flight;    /* requests begun and not yet answered */
    atomic_bool draining;     /* shutting down: answer, then close */
    int log_fd;
    time_t started;
};

/* Starts listening; fills *bound_port.  Returns 0, or -1 with a message on
 * stderr. */
int srv_http_start(struct srv_server *server, unsigned *bound_port);
/* Stops accepting connections (keeps answering the open ones). */
void srv_http_quiesce(struct srv_server *server);
void srv_http_stop(struct srv_server *server);

/* One JSON line on the access log (whole lines, one write each). */
void srv_log_json(struct srv_server *server, json_t *line);
/* Current time as ISO 8601 UTC with milliseconds. */
void srv_time_iso(char *buf, size_t size);

/* -------------------------------------------------------- request/reply */

#define SRV_MAX_PARAMS 64

struct srv_param {
    const char *key;
    const char *value;
};

/* A request as the endpoints see it.  Strings live until the reply. */
struct srv_call {
    struct srv_server *server;
    struct MHD_Connection *connection;
    const char *method;
    const char *path;       /* decoded, without the query string */
    const char *tail;       /* the part of path after a prefix route */
    char *body;             /* NUL-terminated; no_body when none */
    size_t body_len;
    char no_body[1];
    struct srv_param params[SRV_MAX_PARAMS];
    size_t param_count;
    bool param_nul;         /* a parameter held a NUL byte (%00) */
    size_t results;         /* hits in the reply, for the access log */
};

struct srv_reply {
    unsigned status;
    json_t *json;           /* owned; serialised with CLI_JSON_DUMP_FLAGS */
    char *text;             /* owned (malloc); used when json is NULL */
    size_t text_len;
    const char *content_type;
    const char *allow;      /* Allow header for 405 */
    bool challenge;         /* WWW-Authenticate for 401 */
    unsigned retry_after;   /* seconds, 0: none */
    /* Slow work (a reload) that must not hold up the worker thread and its
     * other connections: run on a helper thread with the connection
     * suspended; the reply it fills is sent. */
    void (*later)(struct srv_server *server, struct srv_reply *reply);
};

typedef void srv_handler(struct srv_call *call, struct srv_reply *reply);

/* Fills reply with {"error": {"status", "message"}}. */
void srv_error(struct srv_reply *reply, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The HTTP status for a library status (one table in http.c). */
unsigned srv_http_status(vigil_status status);
/* Fills reply with the error a failed library call deserves. */
void srv_error_vigil(struct srv_reply *reply, vigil_status status,
                     const vigil_error *err);
/* Takes the reference to json; 500 when json is NULL (out of memory). */
void srv_reply_json(struct srv_reply *reply, unsigned status, json_t *json);

/* Parameters: the first value of key, or NULL. */
const char *srv_param(const struct srv_call *call, const char *key);
/* 400 naming the first parameter not in the NULL-terminated list. */
bool srv_params_known(const struct srv_call *call, const char *const *known,
                      struct srv_reply *reply);
/* Parses an integer in [min, max] or a number in [0, 1]; on failure fills
 * reply with 400 naming the parameter. */
bool srv_param_size(const struct srv_call *call, const char *key, size_t min,
                    size_t max, size_t *out, struct srv_reply *reply);
bool srv_param_score(const struct srv_call *call, const char *key,
                     double *out, struct srv_reply *reply);
/* Decodes an application/x-www-form-urlencoded body in place into params. */
bool srv_parse_form(struct srv_call *call, struct srv_reply *reply);
/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
size_t srv_utf8_len(const unsigned char *s, size_t n);
/* Whether s is valid UTF-8. */
bool srv_utf8_valid(const char *s);
/* Replaces every byte that is not part of valid UTF-8 with '?', in place
 * (text cut by a printf precision may end inside a character). */
void srv_utf8_scrub(char *s);
/* Header value, or NULL. */
const char *srv_header(const struct srv_call *call, const char *name);

/* Reloads the index (trigger: "SIGHUP" or "api") and logs the outcome. */
vigil_status srv_reload(struct srv_server *server, const char *trigger,
                        struct srv_reload_report *report);

/* Runs one query; counts it for /metrics (hits scoring at or above
 * `threshold` count as matches) and in call->results. */
vigil_status srv_screen(struct srv_call *call, const vigil_index *index,
                        const vigil_entity *query,
                        const vigil_match_options *options, double threshold,
                        vigil_results **out, vigil_error *err);

/* ------------------------------------------------------------ endpoints */

srv_handler srv_api_healthz, srv_api_readyz, srv_api_index, srv_api_entity,
    srv_api_screen, srv_api_match, srv_api_reload, srv_api_metrics,
    srv_api_reconcile, srv_api_suggest_property, srv_api_suggest_type,
    srv_api_propose_properties;

/* Prometheus text for /metrics. */
char *srv_metrics_text(struct srv_server *server, size_t *len);

/* Names of the routes, for /metrics (index = route number). */
size_t srv_route_count(void);
const char *srv_route_name(size_t route);

int cmd_serve(int argc, char **argv);

#endif
