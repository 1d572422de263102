/*
 * http.c — the exchange with libmicrohttpd: the route table, request bodies
 * with a ceiling, replies, the access log line and the counters of every
 * request.
 *
 * Invariant: every request that reaches the access handler gets exactly one
 * reply and exactly one access-log line and metrics sample (written when
 * libmicrohttpd reports the request complete).  Whatever can be decided
 * from the request line and headers alone (unknown path 404, wrong method
 * 405, too many connections 503, declared body too large 413) is answered
 * before any body is read; a body that turns out too large while streaming
 * is discarded as it arrives and answered with 413, so memory per request
 * never exceeds --max-body.
 * libmicrohttpd runs its own pool of threads (one epoll loop each); the
 * handlers block only on matching, which is CPU work.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../cli/results_json.h"
#include "server.h"

enum { M_GET = 1, M_HEAD = 2, M_POST = 4 };

struct route {
    const char *name;   /* metrics label */
    const char *path;
    bool prefix;        /* path is a prefix; the rest becomes call->tail */
    unsigned methods;
    const char *allow;  /* the Allow header of a 405 */
    srv_handler *handler;
};

/* The one route table.  Order matters only for prefixes. */
static const struct route routes[] = {
    {"healthz", "/healthz", false, M_GET | M_HEAD, "GET, HEAD", srv_api_healthz},
    {"readyz", "/readyz", false, M_GET | M_HEAD, "GET, HEAD", srv_api_readyz},
    {"index", "/v1/index", false, M_GET | M_HEAD, "GET, HEAD", srv_api_index},
    {"screen", "/v1/screen", false, M_GET | M_HEAD, "GET, HEAD", srv_api_screen},
    {"match", "/v1/match", false, M_POST, "POST", srv_api_match},
    {"match_dataset", "/match/", true, M_POST, "POST", srv_api_match},
    {"entity", "/v1/entities/", true, M_GET | M_HEAD, "GET, HEAD", srv_api_entity},
    {"reconcile", "/reconcile", false, M_GET | M_HEAD | M_POST, "GET, HEAD, POST",
     srv_api_reconcile},
    {"reconcile_suggest_property", "/reconcile/suggest/property", false,
     M_GET | M_HEAD, "GET, HEAD", srv_api_suggest_property},
    {"reconcile_suggest_type", "/reconcile/suggest/type", false, M_GET | M_HEAD,
     "GET, HEAD", srv_api_suggest_type},
    {"reconcile_properties", "/reconcile/properties", false, M_GET | M_HEAD,
     "GET, HEAD", srv_api_propose_properties},
    {"reload", "/admin/reload", false, M_POST, "POST", srv_api_reload},
    {"metrics", "/metrics", false, M_GET | M_HEAD, "GET, HEAD", srv_api_metrics},
};
#define ROUTE_COUNT (sizeof(routes) / sizeof(routes[0]))
_Static_assert(ROUTE_COUNT + 1 <= SRV_METRIC_ROUTES, "metrics need a slot per route");

size_t srv_route_count(void) { return ROUTE_COUNT + 1; }

const char *srv_route_name(size_t route)
{
    return route < ROUTE_COUNT ? routes[route].name : "unmatched";
}

/* Route number for path (ROUTE_COUNT when none), and the prefix tail. */
static size_t route_find(const char *path, const char **tail)
{
    *tail = "";
    for (size_t i = 0; i < ROUTE_COUNT; i++) {
        size_t n = strlen(routes[i].path);
        if (!routes[i].prefix && strcmp(path, routes[i].path) == 0) return i;
        if (routes[i].prefix && strncmp(path, routes[i].path, n) == 0 && path[n]) {
            *tail = path + n;
            return i;
        }
    }
    return ROUTE_COUNT;
}

static unsigned method_bit(const char *method)
{
    if (strcmp(method, MHD_HTTP_METHOD_GET) == 0) return M_GET;
    if (strcmp(method, MHD_HTTP_METHOD_HEAD) == 0) return M_HEAD;
    if (strcmp(method, MHD_HTTP_METHOD_POST) == 0) return M_POST;
    return 0;
}

/* ------------------------------------------------------------- exchange */

/* One request, from its headers to the end of its reply. */
struct exchange {
    struct timespec start;
    size_t route;
    const char *tail;        /* points into the url libmicrohttpd keeps */
    bool answered;
    bool too_big;
    unsigned status;
    size_t results;
    char *body;
    size_t body_len, body_cap;
    char method[16];
    char path[512];
    json_t *query;           /* what was asked, with --log-queries */
    /* Deferred work (srv_reply.later): the connection is suspended while
     * a helper thread fills `deferred`; `ready` is set before it resumes
     * the connection. */
    struct MHD_Connection *connection;
    struct srv_server *server;
    void (*later)(struct srv_server *server, struct srv_reply *reply);
    struct srv_reply deferred;
    bool waiting;
    atomic_bool ready;
};

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Serialises and queues a reply; frees its contents. */
static enum MHD_Result send_reply(struct srv_server *server,
                                  struct MHD_Connection *connection,
                                  struct exchange *ex, struct srv_reply *reply)
{
    char *text = reply->text;
    size_t len = reply->text_len;
    const char *type = reply->content_type ? reply->content_type : "application/json";
    if (reply->json) {
        text = json_dumps(reply->json, CLI_JSON_DUMP_FLAGS);
        len = text ? strlen(text) : 0;
        json_decref(reply->json);
        if (reply->text) free(reply->text);
    }
    reply->json = NULL;
    reply->text = NULL;
    struct MHD_Response *response;
    if (text) {
        response = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    } else {
        /* Out of memory while building the reply: a fixed answer. */
        static char oom[] = "{\"error\":{\"status\":503,\"message\":\"out of memory\"}}";
        reply->status = 503;
        type = "application/json";
        response = MHD_create_response_from_buffer(sizeof(oom) - 1, oom,
                                                   MHD_RESPMEM_PERSISTENT);
    }
    if (!response) {
        if (text) free(text);
        return MHD_NO;
    }
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (reply->allow) MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, reply->allow);
    if (reply->challenge)
        MHD_add_response_header(response, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                                "Bearer realm=\"vigil\"");
    if (reply->retry_after) {
        char secs[16];
        snprintf(secs, sizeof(secs), "%u", reply->retry_after);
        MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, secs);
    }
    if (atomic_load(&server->draining) || reply->status == 503)
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = MHD_queue_response(connection, reply->status, response);
    MHD_destroy_response(response);
    ex->answered = true;
    ex->status = reply->status;
    return ok;
}

static enum MHD_Result send_error(struct srv_server *server,
                                  struct MHD_Connection *connection,
                                  struct exchange *ex, unsigned status,
                                  const char *message)
{
    struct srv_reply reply;
    memset(&reply, 0, sizeof(reply));
    srv_error(&reply, status, "%s", message);
    if (status == 405) reply.allow = routes[ex->route].allow;
    if (status == 503) reply.retry_after = 1;
    return send_reply(server, connection, ex, &reply);
}

/* Sizes as decoded: a %00 would otherwise cut a value short unseen
 * ("Kim%00Jong" screened as "Kim"). */
static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind,
                                     const char *key, size_t key_size,
                                     const char *value, size_t value_size)
{
    (void)kind;
    struct srv_call *call = cls;
    if ((key && strlen(key) != key_size) ||
        (value && strlen(value) != value_size))
        call->param_nul = true;
    if (call->param_count < SRV_MAX_PARAMS) {
        call->params[call->param_count].key = key;
        call->params[call->param_count].value = value ? value : "";
    }
    call->param_count++;
    return MHD_YES;
}

static bool params_utf8(const struct srv_call *call)
{
    for (size_t i = 0; i < call->param_count && i < SRV_MAX_PARAMS; i++)
        if (!srv_utf8_valid(call->params[i].key) || !srv_utf8_valid(call->params[i].value))
            return false;
    return true;
}

/* With --log-queries: the parameters and the body, as asked. */
static json_t *query_for_log(const struct srv_call *call)
{
    json_t *q = json_object();
    if (!q) return NULL;
    for (size_t i = 0; i < call->param_count && i < SRV_MAX_PARAMS; i++)
        json_object_set_new(q, call->params[i].key, json_string(call->params[i].value));
    if (call->body_len)
        json_object_set_new(q, "body", json_stringn(call->body,
                                                    call->body_len > 4096 ? 4096 : call->body_len));
    return q;
}

static void *run_later(void *arg)
{
    struct exchange *ex = arg;
    ex->later(ex->server, &ex->deferred);
    atomic_store(&ex->ready, true);
    MHD_resume_connection(ex->connection);
    return NULL;
}

/* Suspends the connection and runs reply->later on a helper thread; when a
 * thread cannot be started the work runs here.  Returns true when
 * suspended (the reply follows when the helper resumes the connection). */
static bool defer(struct srv_server *server, struct MHD_Connection *connection,
                  struct exchange *ex, struct srv_reply *reply)
{
    ex->later = reply->later;
    ex->server = server;
    ex->connection = connection;
    reply->later = NULL;
    MHD_suspend_connection(connection);
    pthread_t thread;
    pthread_attr_t attr;
    bool started = pthread_attr_init(&attr) == 0 &&
                   pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
                   pthread_create(&thread, &attr, run_later, ex) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
        ex->waiting = true;
        return true;
    }
    MHD_resume_connection(connection);
    ex->later(server, reply);
    return false;
}

/* Runs the route's handler on the complete request. */
static enum MHD_Result dispatch(struct srv_server *server,
                                struct MHD_Connection *connection,
                                struct exchange *ex)
{
    struct srv_call *call = calloc(1, sizeof(*call));
    struct srv_reply reply;
    memset(&reply, 0, sizeof(reply));
    if (!call) return send_error(server, connection, ex, 503, "out of memory");
    call->server = server;
    call->connection = connection;
    call->method = ex->method;
    call->path = ex->path;
    call->tail = ex->tail;
    call->body = ex->body ? ex->body : call->no_body;
    call->body_len = ex->body_len;
    MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND,
                                collect_param, call);
    if (server->config.log_queries) ex->query = query_for_log(call);
    if (call->param_count > SRV_MAX_PARAMS)
        srv_error(&reply, 400, "too many parameters (at most %d)", SRV_MAX_PARAMS);
    else if (call->param_nul)
        srv_error(&reply, 400, "parameters must not contain NUL bytes (%%00)");
    else if (!params_utf8(call))
        srv_error(&reply, 400, "parameters must be valid UTF-8");
    else if (!srv_utf8_valid(call->tail))
        srv_error(&reply, 400, "the path must be valid UTF-8");
    else
        routes[ex->route].handler(call, &reply);
    ex->results = call->results;
    free(call);
    if (reply.later && defer(server, connection, ex, &reply)) return MHD_YES;
    if (!reply.status) srv_error(&reply, 500, "no reply");
    return send_reply(server, connection, ex, &reply);
}

/* Appends a piece of body, or discards it once the ceiling is passed. */
static void take_body(struct srv_server *server, struct exchange *ex,
                      const char *data, size_t size)
{
    size_t max = server->config.max_body;
    if (ex->too_big || size > max - ex->body_len) {
        ex->too_big = true;
        return;
    }
    if (ex->body_len + size + 1 > ex->body_cap) {
        size_t cap = ex->body_cap ? ex->body_cap : 4096;
        while (cap < ex->body_len + size + 1) cap *= 2;
        if (cap > max + 1) cap = max + 1;
        char *grown = realloc(ex->body, cap);
        if (!grown) {
            ex->too_big = true;   /* answered 413; memory is what ran out */
            return;
        }
        ex->body = grown;
        ex->body_cap = cap;
    }
    memcpy(ex->body + ex->body_len, data, size);
    ex->body_len += size;
    ex->body[ex->body_len] = '\0';
}

/* The first call for a request: headers only.  Returns true when a reply
 * was queued already. */
static bool answer_early(struct srv_server *server, struct MHD_Connection *connection,
                         struct exchange *ex, enum MHD_Result *result)
{
    if (atomic_load(&server->connections) > server->config.max_connections) {
        *result = send_error(server, connection, ex, 503,
                             "too many connections; retry shortly");
        return true;
    }
    if (ex->route == ROUTE_COUNT) {
        *result = send_error(server, connection, ex, 404, "no such endpoint");
        return true;
    }
    if (!(method_bit(ex->method) & routes[ex->route].methods)) {
        char message[96];
        snprintf(message, sizeof(message), "method %s not allowed here; use %s",
                 ex->method, routes[ex->route].allow);
        *result = send_error(server, connection, ex, 405, message);
        return true;
    }
    const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length) {
        char *end;
        unsigned long long declared = strtoull(length, &end, 10);
        if (declared > server->config.max_body) {
            char message[96];
            snprintf(message, sizeof(message), "request body larger than %zu bytes",
                     server->config.max_body);
            *result = send_error(server, connection, ex, 413, message);
            return true;
        }
    }
    return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct srv_server *server = cls;
    struct exchange *ex = *con_cls;
    if (!ex) {
        ex = calloc(1, sizeof(*ex));
        if (!ex) return MHD_NO;
        *con_cls = ex;
        clock_gettime(CLOCK_MONOTONIC, &ex->start);
        atomic_fetch_add(&server->in_flight, 1);
        snprintf(ex->method, sizeof(ex->method), "%s", method);
        snprintf(ex->path, sizeof(ex->path), "%s", url);
        srv_utf8_scrub(ex->path);   /* for the log: it must be JSON */
        srv_utf8_scrub(ex->method);
        ex->route = route_find(url, &ex->tail);
        enum MHD_Result result = MHD_YES;
        answer_early(server, connection, ex, &result);
        return result;
    }
    if (*upload_data_size) {
        if (!ex->answered) take_body(server, ex, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (ex->answered) return MHD_YES;
    if (ex->waiting) {
        if (!atomic_load(&ex->ready)) return MHD_YES;
        ex->waiting = false;
        return send_reply(server, connection, ex, &ex->deferred);
    }
    if (ex->too_big) {
        char message[96];
        snprintf(message, sizeof(message), "request body larger than %zu bytes",
                 server->config.max_body);
        return send_error(server, connection, ex, 413, message);
    }
    return dispatch(server, connection, ex);
}

static void on_completed(void *cls, struct MHD_Connection *connection,
                         void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)connection;
    struct srv_server *server = cls;
    struct exchange *ex = *con_cls;
    if (!ex) return;
    *con_cls = NULL;
    double seconds = seconds_since(&ex->start);
    srv_metrics_request(&server->metrics, ex->route, ex->status, seconds);
    char now[40];
    srv_time_iso(now, sizeof(now));
    json_t *line = json_pack("{s:s,s:s,s:s,s:i,s:f,s:I}", "time", now, "method",
                             ex->method, "path", ex->path, "status", (int)ex->status,
                             "duration_ms", (double)(long long)(seconds * 1e6) / 1e3,
                             "results", (json_int_t)ex->results);
    if (line && toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
        json_object_set_new(line, "terminated", json_true());
    if (line && ex->query) json_object_set(line, "query", ex->query);
    srv_log_json(server, line);
    json_decref(line);
    json_decref(ex->query);
    json_decref(ex->deferred.json);   /* a deferred reply never sent */
    free(ex->deferred.text);
    free(ex->body);
    free(ex);
    atomic_fetch_sub(&server->in_flight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *connection,
                          void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
    (void)connection;
    (void)socket_context;
    struct srv_server *server = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        atomic_fetch_add(&server->connections, 1);
    else
        atomic_fetch_sub(&server->connections, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct srv_server *server = cls;
    char message[512], now[40];
    vsnprintf(message, sizeof(message), fmt, ap);
    size_t n = strlen(message);
    while (n && (message[n - 1] == '\n' || message[n - 1] == ' ')) message[--n] = '\0';
    srv_time_iso(now, sizeof(now));
    json_t *line = json_pack("{s:s,s:s,s:s}", "time", now, "event", "http",
                             "message", message);
    srv_log_json(server, line);
    json_decref(line);
}

/* ------------------------------------------------------------- daemon */

static int resolve(const struct srv_config *config, struct sockaddr_storage *addr,
                   bool *ipv6)
{
    struct addrinfo hints, *found = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(config->host, NULL, &hints, &found) != 0 || !found) {
        fprintf(stderr, "vigil serve: --listen: \"%s\" is not a numeric IP address\n",
                config->host);
        return -1;
    }
    memset(addr, 0, sizeof(*addr));
    memcpy(addr, found->ai_addr, found->ai_addrlen);
    *ipv6 = found->ai_family == AF_INET6;
    freeaddrinfo(found);
    if (*ipv6)
        ((struct sockaddr_in6 *)addr)->sin6_port = htons((uint16_t)config->port);
    else
        ((struct sockaddr_in *)addr)->sin_port = htons((uint16_t)config->port);
    return 0;
}

int srv_http_start(struct srv_server *server, unsigned *bound_port)
{
    const struct srv_config *config = &server->config;
    struct sockaddr_storage addr;
    bool ipv6;
    if (resolve(config, &addr, &ipv6) != 0) return -1;

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_ERROR_LOG | MHD_USE_TURBO;
    flags |= MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ? MHD_USE_EPOLL
                                                                     : MHD_USE_POLL;
    if (ipv6) flags |= MHD_USE_IPv6;
    /* Beyond --max-connections the server still accepts a few, to tell them
     * 503 instead of resetting them; beyond that the kernel queue waits. */
    unsigned headroom = config->max_connections / 4 > 16 ? config->max_connections / 4 : 16;
    struct MHD_OptionItem options[] = {
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_mhd_log, server}, /* first: see MHD */
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)(config->max_connections + headroom), NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)config->timeout, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)(64 * 1024), NULL},
        {MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, server},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, server},
        {config->threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
         (intptr_t)config->threads, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    server->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, server,
                                      MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (!server->daemon) {
        fprintf(stderr, "vigil serve: cannot listen on %s:%u (address in use, "
                        "or not an address of this host)\n",
                config->host, config->port);
        return -1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage bound;
    socklen_t bound_len = sizeof(bound);
    *bound_port = config->port;
    if (info && getsockname(info->listen_fd, (struct sockaddr *)&bound, &bound_len) == 0)
        *bound_port = ntohs(bound.ss_family == AF_INET6
                                ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                : ((struct sockaddr_in *)&bound)->sin_port);
    return 0;
}

void srv_http_quiesce(struct srv_server *server)
{
    MHD_socket fd = MHD_quiesce_daemon(server->daemon);
    if (fd != MHD_INVALID_SOCKET) close(fd);
}

void srv_http_stop(struct srv_server *server)
{
    if (server->daemon) MHD_stop_daemon(server->daemon);
    server->daemon = NULL;
}
