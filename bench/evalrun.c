/*
 * evalrun.c — runs a labelled query set (variants.c) through vigil_match
 * and through a brute-force Jaro-Winkler baseline, and prints recall and
 * false-positive tables per category.
 *
 *   evalrun --index FILE --set FILE [--threads N] [--baseline-max N]
 *           [--misses FILE] [--examples N]
 *
 * For a positive row the rank is the position of the first hit on any of
 * its right entities among the best 10 (0 when absent); recall@1 and
 * recall@10 count ranks, recall@thr counts rows whose right entity scores
 * at or above VIGIL_DEFAULT_THRESHOLD.  For a negative row, a false
 * positive is any hit at or above the threshold.
 *
 * vigil runs with its default options except the threshold, lowered to 0 so
 * that hits below the threshold are seen and recall@10 means what it says;
 * the threshold is applied afterwards to the scores.  The baseline scores
 * every listed name with plain Jaro-Winkler on upper-case ASCII (the better
 * of the whole name and the words sorted), best name per entity, as simple
 * screening tools do; it runs on at most --baseline-max rows per category
 * (a seeded selection) because it is slow.  Its threshold is reported at
 * 0.85 and at the value that gives it vigil's false-positive rate.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#define TOP_K 10
#define BASE_THRESHOLD 0.85

struct row {
    char *category;
    bool positive;
    vigil_schema schema;
    char *query, *original;
    uint32_t *right;
    size_t nright;
    bool baseline; /* selected for the baseline run */
    /* vigil */
    int rank;
    double right_score, top_score;
    char *top_name; /* the best hit: "caption [matched name]" */
    /* baseline */
    int b_rank;
    double b_right_score, b_top_score;
};

struct run {
    const vigil_index *ix;
    struct row *rows;
    size_t count;
    atomic_size_t next;
    atomic_size_t failures;
    const struct base_corpus *base;
};

static bool is_right(const struct row *r, uint32_t entity)
{
    for (size_t i = 0; i < r->nright; i++)
        if (r->right[i] == entity) return true;
    return false;
}

/* 1 + the number of hits scoring strictly better: an entity tied with the
 * best is found first (the same person listed twice, in two spellings,
 * scores the same). */
static int tie_rank(const vigil_results *res, size_t n, double score)
{
    int better = 0;
    for (size_t i = 0; i < n; i++) better += vigil_results_hit(res, i)->score > score + 1e-9;
    return better + 1;
}

static void screen_row(struct run *run, vigil_entity *q, struct row *r)
{
    vigil_entity_clear(q);
    vigil_entity_set_id(q, "query");
    vigil_entity_set_schema(q, r->schema);
    vigil_entity_add(q, "name", r->query);
    vigil_match_options opt;
    vigil_match_options_init(&opt);
    opt.threshold = 0.0;
    opt.limit = TOP_K;
    vigil_results *res = NULL;
    vigil_error err;
    if (vigil_match(run->ix, q, &opt, &res, &err) != VIGIL_OK) {
        atomic_fetch_add(&run->failures, 1);
        return;
    }
    size_t n = vigil_results_count(res);
    for (size_t i = 0; i < n; i++) {
        const vigil_hit *h = vigil_results_hit(res, i);
        if (i == 0) {
            r->top_score = h->score;
            struct str s = {0};
            str_printf(&s, "%s [%s]", vigil_index_entity_caption(run->ix, h->entity),
                       h->matched_name ? h->matched_name : "");
            r->top_name = s.p;
        }
        if (r->positive && r->rank == 0 && is_right(r, h->entity)) {
            r->right_score = h->score;
            r->rank = tie_rank(res, n, h->score);
        }
    }
    vigil_results_free(res);
}

static void baseline_row(const struct base_corpus *c, double *best, struct row *r)
{
    struct base_name q;
    struct base_hit hits[TOP_K];
    base_name_init(&q, r->query);
    size_t n = base_search(c, &q, best, hits, TOP_K);
    for (size_t i = 0; i < n; i++) {
        if (i == 0) r->b_top_score = hits[i].score;
        if (r->positive && r->b_rank == 0 && is_right(r, hits[i].entity)) {
            r->b_right_score = hits[i].score;
            r->b_rank = 1;
            for (size_t j = 0; j < n; j++) r->b_rank += hits[j].score > hits[i].score + 1e-9;
        }
    }
    /* the right entity outside the top 10 still has a score for recall@thr */
    if (r->positive && r->b_rank == 0)
        for (size_t i = 0; i < r->nright; i++)
            if (best[r->right[i]] > r->b_right_score) r->b_right_score = best[r->right[i]];
    base_name_free(&q);
}

static void *worker(void *arg)
{
    struct run *run = arg;
    vigil_entity *q = NULL;
    if (vigil_entity_new(&q) != VIGIL_OK) bench_die("evalrun: out of memory");
    double *best = run->base ? bench_alloc(run->base->entity_count * sizeof *best) : NULL;
    for (;;) {
        size_t i = atomic_fetch_add(&run->next, 1);
        if (i >= run->count) break;
        struct row *r = &run->rows[i];
        if (!run->base) screen_row(run, q, r);
        else if (r->baseline) baseline_row(run->base, best, r);
    }
    free(best);
    vigil_entity_free(q);
    return NULL;
}

static void run_threads(struct run *run, int threads)
{
    pthread_t tid[64];
    if (threads < 1) threads = 1;
    if (threads > 64) threads = 64;
    atomic_store(&run->next, 0);
    for (int t = 0; t < threads; t++)
        if (pthread_create(&tid[t], NULL, worker, run) != 0) bench_die("evalrun: pthread_create failed");
    for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
}

/* ------------------------------------------------------------ reading */

static size_t read_rows(const char *path, const vigil_index *ix, struct row **out)
{
    FILE *f = fopen(path, "r");
    if (!f) bench_die("evalrun: %s: %s", path, strerror(errno));
    struct row *rows = NULL;
    size_t count = 0, cap = 0, line_no = 0, unknown = 0;
    char *line = NULL;
    size_t line_cap = 0;
    while (getline(&line, &line_cap, f) > 0) {
        line_no++;
        chomp(line);
        char *fields[80];
        size_t nf = split_tabs(line, fields, 80);
        if (nf < 5) bench_die("evalrun: %s:%zu: expected at least 5 fields", path, line_no);
        rows = bench_grow(rows, &cap, count + 1, sizeof *rows);
        struct row *r = memset(&rows[count], 0, sizeof *r);
        r->category = bench_strdup(fields[0]);
        r->positive = strcmp(fields[1], "pos") == 0;
        r->schema = schema_or_thing(fields[2]);
        r->query = bench_strdup(fields[3]);
        r->original = bench_strdup(fields[4]);
        r->right = bench_alloc((nf - 5 + 1) * sizeof *r->right);
        for (size_t i = 5; i < nf; i++) {
            uint32_t e;
            if (vigil_index_lookup(ix, fields[i], &e) == VIGIL_OK) r->right[r->nright++] = e;
        }
        if (r->positive && r->nright == 0) {
            unknown++;
            continue; /* an id the index does not know: a set from another index */
        }
        count++;
    }
    free(line);
    fclose(f);
    if (unknown) fprintf(stderr, "evalrun: %zu positive rows name no entity of this index; skipped\n", unknown);
    *out = rows;
    return count;
}

/* Up to `max` rows of each category, chosen by a seeded shuffle. */
static void select_baseline(struct row *rows, size_t count, size_t max)
{
    struct rng rng;
    rng_seed(&rng, 7);
    size_t *idx = bench_alloc((count + 1) * sizeof *idx);
    bool *seen = bench_alloc(count + 1);
    for (size_t i = 0; i < count; i++) {
        if (seen[i]) continue;
        size_t n = 0;
        for (size_t j = i; j < count; j++)
            if (!seen[j] && strcmp(rows[j].category, rows[i].category) == 0) {
                seen[j] = true;
                idx[n++] = j;
            }
        for (size_t k = 0; k < n && k < max; k++) {
            size_t pick = k + rng_below(&rng, (uint32_t)(n - k));
            size_t t = idx[k];
            idx[k] = idx[pick];
            idx[pick] = t;
            rows[idx[k]].baseline = true;
        }
    }
    free(idx);
    free(seen);
}

/* --------------------------------------------------------- reporting */

struct tally {
    size_t n, at1, at10, at_thr;     /* positives */
    size_t fp;                       /* negatives */
    size_t bn, b1, b10, b_thr, b_thr2, bfp, bfp2;
};

static void tally_row(struct tally *t, const struct row *r, double base_thr2)
{
    double thr = VIGIL_DEFAULT_THRESHOLD;
    t->n++;
    if (r->positive) {
        t->at1 += r->rank == 1;
        t->at10 += r->rank >= 1;
        t->at_thr += r->rank >= 1 && r->right_score >= thr;
    } else {
        t->fp += r->top_score >= thr;
    }
    if (!r->baseline) return;
    t->bn++;
    if (r->positive) {
        t->b1 += r->b_rank == 1;
        t->b10 += r->b_rank >= 1;
        t->b_thr += r->b_right_score >= BASE_THRESHOLD;
        t->b_thr2 += r->b_right_score >= base_thr2;
    } else {
        t->bfp += r->b_top_score >= BASE_THRESHOLD;
        t->bfp2 += r->b_top_score >= base_thr2;
    }
}

static struct tally tally_of(const struct row *rows, size_t count, const char *const *cats, double base_thr2)
{
    struct tally t = {0};
    for (size_t i = 0; i < count; i++)
        for (size_t c = 0; cats[c]; c++)
            if (strcmp(rows[i].category, cats[c]) == 0) tally_row(&t, &rows[i], base_thr2);
    return t;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

static void print_positive_line(const char *label, const struct tally *t, const struct tally *neg, bool with_base)
{
    printf("| %-14s | %5zu | %6.3f | %6.3f | %6.3f |", label, t->n, ratio(t->at1, t->n), ratio(t->at10, t->n),
           ratio(t->at_thr, t->n));
    if (neg) printf(" %5zu | %6.3f |", neg->n, ratio(neg->fp, neg->n));
    if (with_base)
        printf(" %5zu | %6.3f | %6.3f | %6.3f | %6.3f |", t->bn, ratio(t->b1, t->bn), ratio(t->b10, t->bn),
               ratio(t->b_thr, t->bn), ratio(t->b_thr2, t->bn));
    if (neg && with_base) printf(" %6.3f | %6.3f |", ratio(neg->bfp, neg->bn), ratio(neg->bfp2, neg->bn));
    printf("\n");
}

static void print_examples(const struct row *rows, size_t count, const char *category, size_t max, FILE *misses)
{
    size_t shown = 0;
    for (size_t i = 0; i < count; i++) {
        const struct row *r = &rows[i];
        if (strcmp(r->category, category) != 0) continue;
        bool bad = r->positive ? r->rank != 1 : r->top_score >= VIGIL_DEFAULT_THRESHOLD;
        if (!bad) continue;
        if (misses)
            fprintf(misses, "%s\t%s\t%s\trank=%d\tright=%.3f\ttop=%.3f\t%s\n", r->category, r->query, r->original,
                    r->rank, r->right_score, r->top_score, r->top_name ? r->top_name : "-");
        if (shown++ >= max) continue;
        if (r->positive)
            printf("    %-12s %s  <-  %s   (rank %d, right %.3f; top %.3f %s)\n", r->category, r->query, r->original,
                   r->rank, r->right_score, r->top_score, r->top_name ? r->top_name : "-");
        else
            printf("    %-12s %s   (top %.3f %s)\n", r->category, r->query, r->top_score,
                   r->top_name ? r->top_name : "-");
    }
}

/* Lowest baseline threshold whose FP rate on `negs` is at most `rate`. */
static double matched_threshold(const struct row *rows, size_t count, const char *const *negs, double rate)
{
    double *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < count; i++)
        for (size_t c = 0; negs[c]; c++)
            if (rows[i].baseline && strcmp(rows[i].category, negs[c]) == 0) {
                v = bench_grow(v, &cap, n + 1, sizeof *v);
                v[n++] = rows[i].b_top_score;
            }
    if (n == 0) return BASE_THRESHOLD;
    qsort(v, n, sizeof *v, cmp_double);
    size_t allowed = (size_t)(rate * (double)n);
    double t = allowed >= n ? 0.0 : v[n - 1 - allowed] + 1e-9;
    free(v);
    return t;
}

static void aim_line(const char *what, double value, bool at_least, double target)
{
    bool met = at_least ? value >= target : value <= target;
    printf("| %-34s | %7.3f | %s %5.3f | %-7s |\n", what, value, at_least ? ">=" : "<=", target,
           met ? "met" : "NOT met");
}

/* The quality aims of the project against this run. */
static void print_aims(const struct row *rows, size_t count, const struct tally *latin, const struct tally *negs)
{
    static const char *const cross_aim_sets[] = {"ko-cyrillic", "ko-hangul", "ko-rr", "ru-cyrillic",
                                                 "ru-latin", "ar-arabic", NULL};
    printf("\nAims\n\n| %-34s | %7s | %-8s | %-7s |\n", "aim", "value", "target", "result");
    printf("|------------------------------------|--------:|----------|---------|\n");
    aim_line("Latin variants: recall@10", ratio(latin->at10, latin->n), true, 0.99);
    aim_line("Latin negatives: false positives", ratio(negs->fp, negs->n), false, 0.01);
    for (size_t c = 0; cross_aim_sets[c]; c++) {
        const char *one[] = {cross_aim_sets[c], NULL};
        struct tally t = tally_of(rows, count, one, BASE_THRESHOLD);
        char what[64];
        snprintf(what, sizeof what, "%s: recall@10", cross_aim_sets[c]);
        if (t.n) aim_line(what, ratio(t.at10, t.n), true, 0.97);
    }
}

static const char *const latin_cats[] = {"typo1", "typo2", "reorder", "middle", "legal", "spacing",
                                         "ko-rr", "ru-latin", "ar-latin", NULL};
static const char *const latin_negs[] = {"neg-latin", "neg-clean", NULL};
static const char *const cross_cats[] = {"ko-cyrillic", "ko-hangul", "ko-rr", "ru-cyrillic",
                                         "ru-latin", "ar-arabic", "ar-latin", NULL};

int main(int argc, char **argv)
{
    const char *index_path = NULL, *set_path = NULL, *misses_path = NULL;
    int threads = 2;
    size_t baseline_max = 100, examples = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--index") == 0) index_path = argv[i + 1];
        else if (strcmp(argv[i], "--set") == 0) set_path = argv[i + 1];
        else if (strcmp(argv[i], "--threads") == 0) threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--baseline-max") == 0) baseline_max = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--misses") == 0) misses_path = argv[i + 1];
        else if (strcmp(argv[i], "--examples") == 0) examples = strtoull(argv[i + 1], NULL, 10);
        else bench_die("evalrun: unknown option %s", argv[i]);
    }
    if (!index_path || !set_path)
        bench_die("usage: evalrun --index FILE --set FILE [--threads N] [--baseline-max N] [--misses FILE]");
    vigil_index *ix = NULL;
    vigil_error err;
    if (vigil_index_open(index_path, &ix, &err) != VIGIL_OK) {
        char buf[700];
        bench_die("evalrun: %s", vigil_error_format(&err, buf, sizeof buf));
    }
    struct run run = {.ix = ix};
    run.count = read_rows(set_path, ix, &run.rows);
    select_baseline(run.rows, run.count, baseline_max);

    double t0 = now_seconds();
    run_threads(&run, threads);
    double t_vigil = now_seconds() - t0;
    struct base_corpus base;
    base_corpus_load(&base, ix, 0);
    run.base = &base;
    t0 = now_seconds();
    if (baseline_max) run_threads(&run, threads);
    double t_base = now_seconds() - t0;
    size_t base_rows = 0;
    for (size_t i = 0; i < run.count; i++) base_rows += run.rows[i].baseline;

    struct tally vneg = tally_of(run.rows, run.count, latin_negs, BASE_THRESHOLD);
    double fp_rate = ratio(vneg.fp, vneg.n);
    double thr2 = matched_threshold(run.rows, run.count, latin_negs, fp_rate);

    printf("index: %u entities, %u names; set: %zu queries; vigil %s\n", vigil_index_entity_count(ix),
           vigil_index_name_count(ix), run.count, vigil_version());
    printf("vigil: %.1f s for %zu queries on %d threads (%.0f queries/s); %zu failed\n", t_vigil, run.count, threads,
           run.count / (t_vigil > 0 ? t_vigil : 1), atomic_load(&run.failures));
    printf("baseline: %zu queries (at most %zu per category) in %.1f s; %zu listed names\n", base_rows, baseline_max,
           t_base, base.count);
    printf("threshold: vigil %.2f (default); baseline %.2f and %.3f (the latter gives it vigil's "
           "false-positive rate on the Latin negatives)\n\n",
           VIGIL_DEFAULT_THRESHOLD, BASE_THRESHOLD, thr2);

    printf("Latin variants\n\n");
    printf("| category       |     n |    R@1 |   R@10 |  R@thr |    bn |  b R@1 | b R@10 | b@0.85 | b@%.3f |\n",
           thr2);
    printf("|----------------|------:|-------:|-------:|-------:|------:|-------:|-------:|-------:|-------:|\n");
    for (size_t c = 0; latin_cats[c]; c++) {
        const char *one[] = {latin_cats[c], NULL};
        struct tally t = tally_of(run.rows, run.count, one, thr2);
        if (t.n) print_positive_line(latin_cats[c], &t, NULL, true);
    }
    struct tally all = tally_of(run.rows, run.count, latin_cats, thr2);
    print_positive_line("all Latin", &all, NULL, true);

    printf("\nNegatives (false-positive rate: any hit >= threshold)\n\n");
    printf("| set            |     n | vigil FP |    bn | b FP@0.85 | b FP@%.3f |\n", thr2);
    printf("|----------------|------:|---------:|------:|----------:|----------:|\n");
    const char *const neg_sets[] = {"neg-latin", "neg-clean", NULL};
    for (size_t c = 0; neg_sets[c]; c++) {
        const char *one[] = {neg_sets[c], NULL};
        struct tally t = tally_of(run.rows, run.count, one, thr2);
        if (t.n)
            printf("| %-14s | %5zu | %8.3f | %5zu | %9.3f | %9.3f |\n", neg_sets[c], t.n, ratio(t.fp, t.n), t.bn,
                   ratio(t.bfp, t.bn), ratio(t.bfp2, t.bn));
    }
    struct tally negall = tally_of(run.rows, run.count, latin_negs, thr2);
    printf("| %-14s | %5zu | %8.3f | %5zu | %9.3f | %9.3f |\n", "all Latin neg", negall.n,
           ratio(negall.fp, negall.n), negall.bn, ratio(negall.bfp, negall.bn), ratio(negall.bfp2, negall.bn));

    printf("\nCross-script and romanization sets (FP: the same set's negatives)\n\n");
    printf("| set            |     n |    R@1 |   R@10 |  R@thr |  negs |     FP |    bn |  b R@1 | b R@10 | "
           "b@0.85 | b@%.3f | bFP@.85 | bFP@%.3f |\n",
           thr2, thr2);
    printf("|----------------|------:|-------:|-------:|-------:|------:|-------:|------:|-------:|-------:|"
           "-------:|-------:|-------:|-------:|\n");
    for (size_t c = 0; cross_cats[c]; c++) {
        const char *one[] = {cross_cats[c], NULL};
        char neg_name[64];
        snprintf(neg_name, sizeof neg_name, "neg-%s", cross_cats[c]);
        const char *negone[] = {neg_name, NULL};
        struct tally t = tally_of(run.rows, run.count, one, thr2);
        struct tally tn = tally_of(run.rows, run.count, negone, thr2);
        if (t.n) print_positive_line(cross_cats[c], &t, &tn, true);
    }

    print_aims(run.rows, run.count, &all, &negall);

    FILE *misses = misses_path ? fopen(misses_path, "w") : NULL;
    printf("\nExamples: misses (right entity not first) and false positives, %zu per category\n", examples);
    const char *const all_cats[] = {"typo1", "typo2", "reorder", "middle", "legal", "spacing", "ko-rr",
                                    "ko-hangul", "ko-cyrillic", "ru-latin", "ru-cyrillic", "ar-latin",
                                    "ar-arabic", "neg-latin", "neg-clean", "neg-ko-rr", "neg-ko-hangul",
                                    "neg-ko-cyrillic", "neg-ru-latin", "neg-ru-cyrillic", "neg-ar-latin",
                                    "neg-ar-arabic", NULL};
    for (size_t c = 0; all_cats[c]; c++) print_examples(run.rows, run.count, all_cats[c], examples, misses);
    if (misses) fclose(misses);

    base_corpus_free(&base);
    for (size_t i = 0; i < run.count; i++) {
        free(run.rows[i].category);
        free(run.rows[i].query);
        free(run.rows[i].original);
        free(run.rows[i].right);
        free(run.rows[i].top_name);
    }
    free(run.rows);
    vigil_index_close(ix);
    return atomic_load(&run.failures) ? 1 : 0;
}
