/*
 * metrics.c — counters for GET /metrics in the Prometheus text format:
 * requests by endpoint and status, a latency histogram per endpoint,
 * queries and hits screened, the index's age and the reloads.
 *
 * Invariant: counters only grow and are updated with relaxed atomic adds,
 * so recording a request costs a few uncontended instructions and never a
 * lock; a scrape reads them without stopping anyone (a scrape may see one
 * counter a request ahead of another, which Prometheus tolerates).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

static const unsigned statuses[SRV_METRIC_STATUSES - 1] = {
    200, 400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 501, 502, 503};

/* Upper bounds of the latency buckets, in seconds. */
static const double buckets[SRV_LATENCY_BUCKETS] = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

static size_t status_slot(unsigned status)
{
    for (size_t i = 0; i < SRV_METRIC_STATUSES - 1; i++)
        if (statuses[i] == status) return i;
    return SRV_METRIC_STATUSES - 1;
}

void srv_metrics_request(struct srv_metrics *m, size_t route, unsigned status,
                         double seconds)
{
    if (route >= SRV_METRIC_ROUTES) route = SRV_METRIC_ROUTES - 1;
    atomic_fetch_add_explicit(&m->requests[route][status_slot(status)], 1,
                              memory_order_relaxed);
    size_t b = 0;
    while (b < SRV_LATENCY_BUCKETS && seconds > buckets[b]) b++;
    atomic_fetch_add_explicit(&m->latency[route][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->latency_sum_us[route],
                              (uint_fast64_t)(seconds * 1e6 + 0.5), memory_order_relaxed);
}

void srv_metrics_screened(struct srv_metrics *m, size_t hits, size_t matches)
{
    atomic_fetch_add_explicit(&m->queries, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->hits, hits, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->matches, matches, memory_order_relaxed);
}

/* A growing text buffer for one scrape; a failed append marks it broken. */
struct text {
    char *data;
    size_t len, cap;
    bool broken;
};

__attribute__((format(printf, 2, 3)))
static void put(struct text *t, const char *fmt, ...)
{
    if (t->broken) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n < 0) { t->broken = true; return; }
        if ((size_t)n < t->cap - t->len) { t->len += (size_t)n; return; }
        size_t cap = t->cap * 2 + (size_t)n;
        char *grown = realloc(t->data, cap);
        if (!grown) { t->broken = true; return; }
        t->data = grown;
        t->cap = cap;
    }
}

static void put_requests(struct text *t, const struct srv_metrics *m)
{
    put(t, "# HELP vigil_http_requests_total HTTP requests answered, by endpoint and status.\n"
           "# TYPE vigil_http_requests_total counter\n");
    for (size_t r = 0; r < srv_route_count(); r++)
        for (size_t s = 0; s < SRV_METRIC_STATUSES; s++) {
            uint_fast64_t n = atomic_load_explicit(&m->requests[r][s], memory_order_relaxed);
            if (!n) continue;
            if (s < SRV_METRIC_STATUSES - 1)
                put(t, "vigil_http_requests_total{endpoint=\"%s\",status=\"%u\"} %llu\n",
                    srv_route_name(r), statuses[s], (unsigned long long)n);
            else
                put(t, "vigil_http_requests_total{endpoint=\"%s\",status=\"other\"} %llu\n",
                    srv_route_name(r), (unsigned long long)n);
        }
}

static void put_latency(struct text *t, const struct srv_metrics *m)
{
    put(t, "# HELP vigil_http_request_duration_seconds Time from request headers to "
           "the last byte of the reply.\n"
           "# TYPE vigil_http_request_duration_seconds histogram\n");
    for (size_t r = 0; r < srv_route_count(); r++) {
        uint_fast64_t count = 0;
        for (size_t b = 0; b <= SRV_LATENCY_BUCKETS; b++)
            count += atomic_load_explicit(&m->latency[r][b], memory_order_relaxed);
        if (!count) continue;
        const char *name = srv_route_name(r);
        uint_fast64_t cumulative = 0;
        for (size_t b = 0; b < SRV_LATENCY_BUCKETS; b++) {
            cumulative += atomic_load_explicit(&m->latency[r][b], memory_order_relaxed);
            put(t, "vigil_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"%g\"} %llu\n",
                name, buckets[b], (unsigned long long)cumulative);
        }
        put(t, "vigil_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"+Inf\"} %llu\n",
            name, (unsigned long long)count);
        put(t, "vigil_http_request_duration_seconds_sum{endpoint=\"%s\"} %.6f\n", name,
            (double)atomic_load_explicit(&m->latency_sum_us[r], memory_order_relaxed) / 1e6);
        put(t, "vigil_http_request_duration_seconds_count{endpoint=\"%s\"} %llu\n", name,
            (unsigned long long)count);
    }
}

static void put_counter(struct text *t, const char *name, const char *help,
                        const char *type, double value)
{
    put(t, "# HELP %s %s\n# TYPE %s %s\n%s %.17g\n", name, help, name, type, name, value);
}

char *srv_metrics_text(struct srv_server *server, size_t *len)
{
    struct text t = {malloc(8192), 0, 8192, false};
    if (!t.data) return NULL;
    const struct srv_metrics *m = &server->metrics;
    put_requests(&t, m);
    put_latency(&t, m);
    put_counter(&t, "vigil_queries_total", "Query entities screened.", "counter",
                (double)atomic_load(&m->queries));
    put_counter(&t, "vigil_hits_total", "Hits returned.", "counter",
                (double)atomic_load(&m->hits));
    put_counter(&t, "vigil_matches_total", "Hits returned at or above their threshold.",
                "counter", (double)atomic_load(&m->matches));

    struct srv_index_ref *ref = srv_holder_acquire(server->holder);
    time_t now = time(NULL);
    put_counter(&t, "vigil_index_age_seconds", "Seconds since the served index was built.",
                "gauge", ref->built == (time_t)-1 ? 0.0 : difftime(now, ref->built));
    put_counter(&t, "vigil_index_loaded_timestamp_seconds",
                "When the served index was loaded (Unix time).", "gauge", (double)ref->loaded);
    put_counter(&t, "vigil_index_entities", "Listed entities in the served index.", "gauge",
                (double)vigil_index_entity_count(ref->index));
    srv_ref_release(ref);

    put(&t, "# HELP vigil_reloads_total Index reloads, by result.\n"
            "# TYPE vigil_reloads_total counter\n"
            "vigil_reloads_total{result=\"ok\"} %llu\n"
            "vigil_reloads_total{result=\"refused\"} %llu\n",
        (unsigned long long)srv_holder_reloads(server->holder, true),
        (unsigned long long)srv_holder_reloads(server->holder, false));
    put_counter(&t, "vigil_connections_open", "Open HTTP connections.", "gauge",
                (double)atomic_load(&server->connections));
    put_counter(&t, "vigil_requests_in_flight", "Requests being answered.", "gauge",
                (double)atomic_load(&server->in_flight));
    put_counter(&t, "vigil_start_time_seconds", "When the server started (Unix time).",
                "gauge", (double)server->started);
    if (t.broken) {
        free(t.data);
        return NULL;
    }
    *len = t.len;
    return t.data;
}
