/*
 * speed.c — speed and memory measurements for bench.sh.
 *
 *   speed build --out FILE [--format F] [--source-name N] LIST...
 *       builds an index with vigil_builder_load; prints build seconds,
 *       entities, names, file size and this process's peak RSS.
 *   speed parse [--format F] [--reps R] LIST
 *       times vigil_load of one list (no index build); median of R runs.
 *   speed match --index FILE --queries SET [--threads N] [--reps R]
 *               [--baseline N] [--limit N]
 *       screens every query of a variants.c set with default options:
 *       single-thread queries/s with per-query p50/p99 latency (wall
 *       clock, and the thread's CPU time, which a busy shared machine does
 *       not inflate), then
 *       queries/s on N threads; medians over R repetitions; peak RSS after
 *       matching; then a brute-force Jaro-Winkler baseline (every listed
 *       name) over the first N queries, and the speed ratio.
 *
 * Output lines are "key value" pairs after a label so that bench.sh can
 * both show and parse them.  Repetitions and medians because the machine
 * may be shared: a single run is noise.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_common.h"

static void die_err(const char *what, const vigil_error *err)
{
    char buf[700];
    bench_die("speed: %s: %s", what, vigil_error_format(err, buf, sizeof buf));
}

/* ------------------------------------------------------------- build */

static void on_reject(void *ctx, const vigil_error *err)
{
    (void)err;
    (*(uint64_t *)ctx)++;
}

static int cmd_build(int argc, char **argv)
{
    const char *out = NULL, *format = NULL, *source = NULL;
    vigil_builder *b = NULL;
    if (vigil_builder_new(&b) != VIGIL_OK) bench_die("speed: out of memory");
    double t0 = now_seconds();
    uint64_t rejected = 0, accepted = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strcmp(argv[i], "--source-name") == 0 && i + 1 < argc) source = argv[++i];
        else {
            vigil_load_options opt = {.format = format, .source_name = source, .on_reject = on_reject,
                                      .ctx = &rejected};
            vigil_load_stats stats = {0};
            vigil_error err;
            double ts = now_seconds();
            if (vigil_builder_load(b, argv[i], &opt, &stats, &err) != VIGIL_OK) die_err(argv[i], &err);
            printf("load %s seconds %.3f processed %llu accepted %llu rejected %llu\n", argv[i], now_seconds() - ts,
                   (unsigned long long)stats.processed, (unsigned long long)stats.accepted,
                   (unsigned long long)stats.rejected);
            accepted += stats.accepted;
        }
    }
    if (!out) bench_die("speed build: --out FILE is required");
    vigil_error err;
    if (vigil_builder_write(b, out, &err) != VIGIL_OK) die_err(out, &err);
    double seconds = now_seconds() - t0;
    vigil_builder_free(b);
    struct stat st;
    if (stat(out, &st) != 0) bench_die("speed: %s: %s", out, strerror(errno));
    vigil_index *ix = NULL;
    if (vigil_index_open(out, &ix, &err) != VIGIL_OK) die_err(out, &err);
    printf("build seconds %.3f entities %u names %u terms %u bytes %lld peak_rss_mib %.1f accepted %llu "
           "rejected %llu\n",
           seconds, vigil_index_entity_count(ix), vigil_index_name_count(ix), vigil_index_token_count(ix),
           (long long)st.st_size, peak_rss_kib() / 1024.0, (unsigned long long)accepted,
           (unsigned long long)rejected);
    vigil_index_close(ix);
    return 0;
}

/* ------------------------------------------------------------- parse */

/* vigil_load passes options->ctx to both callbacks. */
struct parse_counts {
    uint64_t entities, rejected;
};

static void count_reject(void *ctx, const vigil_error *err)
{
    (void)err;
    ((struct parse_counts *)ctx)->rejected++;
}

static vigil_status count_entity(void *ctx, const vigil_entity *e)
{
    (void)e;
    ((struct parse_counts *)ctx)->entities++;
    return VIGIL_OK;
}

static int cmd_parse(int argc, char **argv)
{
    const char *format = NULL, *path = NULL;
    int reps = 3;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) reps = atoi(argv[++i]);
        else path = argv[i];
    }
    if (!path) bench_die("speed parse: LIST is required");
    if (reps < 1 || reps > 32) reps = 3;
    double times[32];
    struct parse_counts counts = {0};
    vigil_load_stats stats = {0};
    for (int r = 0; r < reps; r++) {
        memset(&counts, 0, sizeof counts);
        vigil_load_options opt = {.format = format, .on_reject = count_reject, .ctx = &counts};
        vigil_error err;
        double t0 = now_seconds();
        if (vigil_load(path, &opt, count_entity, &stats, NULL, &err) != VIGIL_OK) die_err(path, &err);
        times[r] = now_seconds() - t0;
    }
    uint64_t entities = counts.entities;
    double med = quantile(times, (size_t)reps, 0.5);
    printf("parse %s seconds %.4f records %llu entities %llu records_per_s %.0f\n", path, med,
           (unsigned long long)stats.processed, (unsigned long long)entities,
           med > 0 ? stats.processed / med : 0.0);
    return 0;
}

/* ------------------------------------------------------------- match */

struct query {
    vigil_schema schema;
    char *name;
    char *category;
};

static size_t read_queries(const char *path, struct query **out)
{
    FILE *f = fopen(path, "r");
    if (!f) bench_die("speed: %s: %s", path, strerror(errno));
    struct query *q = NULL;
    size_t n = 0, cap = 0, line_cap = 0;
    char *line = NULL;
    while (getline(&line, &line_cap, f) > 0) {
        chomp(line);
        char *fields[6];
        if (split_tabs(line, fields, 6) < 4) continue;
        q = bench_grow(q, &cap, n + 1, sizeof *q);
        q[n].schema = schema_or_thing(fields[2]);
        q[n].name = bench_strdup(fields[3]);
        q[n].category = bench_strdup(fields[0]);
        n++;
    }
    free(line);
    fclose(f);
    *out = q;
    return n;
}

struct match_run {
    const vigil_index *ix;
    const struct query *queries;
    size_t count;
    atomic_size_t next;
    double *latency; /* per query, wall clock, single-thread runs only */
    double *cpu;     /* per query, this thread's CPU time */
    atomic_size_t hits, failures;
};

static void screen_one(struct match_run *m, vigil_entity *e, const struct query *q)
{
    vigil_entity_clear(e);
    vigil_entity_set_id(e, "q");
    vigil_entity_set_schema(e, q->schema);
    vigil_entity_add(e, "name", q->name);
    vigil_match_options opt;
    vigil_match_options_init(&opt);
    vigil_results *res = NULL;
    vigil_error err;
    if (vigil_match(m->ix, e, &opt, &res, &err) != VIGIL_OK) {
        atomic_fetch_add(&m->failures, 1);
        return;
    }
    atomic_fetch_add(&m->hits, vigil_results_count(res));
    vigil_results_free(res);
}

/* CPU time of the calling thread: what a query costs, without the time
 * other processes of a shared machine held the core. */
static double thread_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *match_worker(void *arg)
{
    struct match_run *m = arg;
    vigil_entity *e = NULL;
    if (vigil_entity_new(&e) != VIGIL_OK) bench_die("speed: out of memory");
    for (;;) {
        size_t i = atomic_fetch_add(&m->next, 1);
        if (i >= m->count) break;
        double t0 = m->latency ? now_seconds() : 0, c0 = m->latency ? thread_cpu_seconds() : 0;
        screen_one(m, e, &m->queries[i]);
        if (m->latency) {
            m->cpu[i] = thread_cpu_seconds() - c0;
            m->latency[i] = now_seconds() - t0;
        }
    }
    vigil_entity_free(e);
    return NULL;
}

/* Queries per second of one pass over all queries on `threads` threads. */
static double match_pass(struct match_run *m, int threads)
{
    pthread_t tid[64];
    atomic_store(&m->next, 0);
    double t0 = now_seconds();
    for (int t = 0; t < threads; t++)
        if (pthread_create(&tid[t], NULL, match_worker, m) != 0) bench_die("speed: pthread_create failed");
    for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
    double s = now_seconds() - t0;
    return s > 0 ? m->count / s : 0.0;
}

/* Latency of the last single-thread pass by query category, slowest
 * first by p99: where the time goes. */
static void print_category_latency(const struct query *q, size_t count, const double *latency, const double *cpu)
{
    double *lat = bench_alloc(count * sizeof *lat), *cl = bench_alloc(count * sizeof *cl);
    bool *done = bench_alloc(count);
    for (size_t i = 0; i < count; i++) {
        if (done[i]) continue;
        size_t n = 0;
        double sum = 0;
        for (size_t j = i; j < count; j++) {
            if (done[j] || strcmp(q[j].category, q[i].category) != 0) continue;
            done[j] = true;
            cl[n] = cpu[j] * 1e3;
            lat[n++] = latency[j] * 1e3;
            sum += latency[j] * 1e3;
        }
        double p99 = quantile(lat, n, 0.99), p50 = quantile(lat, n, 0.50);
        printf("category %s queries %zu mean_ms %.3f p50_ms %.3f p99_ms %.3f max_ms %.3f cpu_p99_ms %.3f\n",
               q[i].category, n, sum / n, p50, p99, lat[n - 1], quantile(cl, n, 0.99));
    }
    free(lat);
    free(cl);
    free(done);
}

static int cmd_match(int argc, char **argv)
{
    const char *index_path = NULL, *queries_path = NULL;
    int threads = 2, reps = 3;
    size_t baseline = 50, limit = 0;
    for (int i = 0; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--index") == 0) index_path = argv[i + 1];
        else if (strcmp(argv[i], "--queries") == 0) queries_path = argv[i + 1];
        else if (strcmp(argv[i], "--threads") == 0) threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--reps") == 0) reps = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--baseline") == 0) baseline = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--limit") == 0) limit = strtoull(argv[i + 1], NULL, 10);
        else bench_die("speed match: unknown option %s", argv[i]);
    }
    if (!index_path || !queries_path) bench_die("speed match: --index and --queries are required");
    if (threads < 1 || threads > 64) threads = 2;
    if (reps < 1 || reps > 32) reps = 3;
    double t0 = now_seconds();
    vigil_index *ix = NULL;
    vigil_error err;
    if (vigil_index_open(index_path, &ix, &err) != VIGIL_OK) die_err(index_path, &err);
    double open_s = now_seconds() - t0;
    struct query *queries = NULL;
    size_t total = read_queries(queries_path, &queries), count = total;
    if (limit && limit < count) count = limit;
    if (count == 0) bench_die("speed match: no queries in %s", queries_path);

    struct match_run m = {.ix = ix, .queries = queries, .count = count};
    m.latency = bench_alloc(count * sizeof *m.latency);
    m.cpu = bench_alloc(count * sizeof *m.cpu);
    /* warm-up: page the index in, fill per-thread caches */
    match_pass(&m, 1);
    double qps1[32], qpsn[32], p50[32], p99[32], cqps[32], cp50[32], cp99[32];
    for (int r = 0; r < reps; r++) {
        qps1[r] = match_pass(&m, 1);
        double *lat = bench_alloc(count * sizeof *lat);
        memcpy(lat, m.latency, count * sizeof *lat);
        p50[r] = quantile(lat, count, 0.50) * 1e3;
        p99[r] = quantile(lat, count, 0.99) * 1e3;
        double cpu_total = 0;
        for (size_t i = 0; i < count; i++) cpu_total += m.cpu[i];
        memcpy(lat, m.cpu, count * sizeof *lat);
        cp50[r] = quantile(lat, count, 0.50) * 1e3;
        cp99[r] = quantile(lat, count, 0.99) * 1e3;
        cqps[r] = cpu_total > 0 ? count / cpu_total : 0;
        free(lat);
    }
    print_category_latency(queries, count, m.latency, m.cpu);
    double *saved = m.latency;
    m.latency = NULL;
    for (int r = 0; r < reps; r++) qpsn[r] = match_pass(&m, threads);
    m.latency = saved;
    size_t hits_per_pass = atomic_load(&m.hits) / (size_t)(1 + 2 * reps);
    long rss = peak_rss_kib();
    double q1 = quantile(qps1, (size_t)reps, 0.5), qn = quantile(qpsn, (size_t)reps, 0.5);
    printf("match queries %zu reps %d open_ms %.2f qps_1thread %.0f qps_%dthreads %.0f p50_ms %.3f p99_ms %.3f "
           "hits_per_query %.2f failures %zu peak_rss_mib %.1f\n",
           count, reps, open_s * 1e3, q1, threads, qn, quantile(p50, (size_t)reps, 0.5),
           quantile(p99, (size_t)reps, 0.5), (double)hits_per_pass / count, atomic_load(&m.failures) / (1 + 2 * (size_t)reps),
           rss / 1024.0);
    printf("cpu qps_1thread %.0f p50_ms %.3f p99_ms %.3f\n", quantile(cqps, (size_t)reps, 0.5),
           quantile(cp50, (size_t)reps, 0.5), quantile(cp99, (size_t)reps, 0.5));

    if (baseline) {
        struct base_corpus c;
        double tl = now_seconds();
        base_corpus_load(&c, ix, 0);
        double load_s = now_seconds() - tl;
        double *best = bench_alloc(c.entity_count * sizeof *best);
        size_t nb = baseline < count ? baseline : count;
        struct base_hit hits[10];
        double tb = now_seconds();
        for (size_t i = 0; i < nb; i++) {
            struct base_name q;
            base_name_init(&q, queries[i].name);
            base_search(&c, &q, best, hits, 10);
            base_name_free(&q);
        }
        double bs = now_seconds() - tb;
        double bqps = bs > 0 ? nb / bs : 0.0;
        printf("baseline queries %zu names %zu prepare_s %.2f qps_1thread %.2f ms_per_query %.2f speedup %.0f\n", nb,
               c.count, load_s, bqps, bqps > 0 ? 1e3 / bqps : 0.0, bqps > 0 ? q1 / bqps : 0.0);
        free(best);
        base_corpus_free(&c);
    }
    for (size_t i = 0; i < total; i++) {
        free(queries[i].name);
        free(queries[i].category);
    }
    free(queries);
    free(saved);
    free(m.cpu);
    vigil_index_close(ix);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "build") == 0) return cmd_build(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "parse") == 0) return cmd_parse(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "match") == 0) return cmd_match(argc - 2, argv + 2);
    fprintf(stderr, "usage: speed build --out FILE [--format F] [--source-name N] LIST...\n"
                    "       speed parse [--format F] [--reps R] LIST\n"
                    "       speed match --index FILE --queries SET [--threads N] [--reps R] [--baseline N]\n");
    return 2;
}
