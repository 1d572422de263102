/*
 * match.c — vigil_match: one query entity against an open index.
 *
 * Pipeline (docs/matching.md): normalize each query name into the results'
 * arena; weigh its tokens by the index's idf; propose candidate names
 * (candidates.c); score each proposed name (score.c), skipping entities of
 * an incompatible schema or outside the dataset filter before any scoring;
 * keep the best name per entity; add secondary evidence (evidence.c);
 * drop what falls below the threshold; sort; keep the limit; and only then
 * build explanations, for the hits actually returned.
 *
 * Thread safety: nothing global is written; the index is only read; all
 * scratch lives in an arena local to the call, freed before returning, and
 * everything a hit points to lives in the results' arena or the index.
 */
#include <stdlib.h>
#include <string.h>

#include "match.h"

#define MATCH_TOP_K 200         /* names fully scored per query name */
#define MAX_QUERY_NAMES 64      /* name properties of one query */
#define MAX_LISTED_TOKENS 64    /* tokens read of one listed name */
#define MAX_LIMIT 1000

struct best {
    uint32_t entity;    /* UINT32_MAX: empty slot */
    uint32_t name;      /* best listed name */
    uint32_t qname;     /* query name it was scored against */
    bool excluded;      /* schema or dataset filter */
    double name_score;  /* after the name-kind factor */
    double raw;         /* name score + evidence, unclamped */
    double score;
};

struct entity_table {
    struct best *slots;
    size_t cap, count;
};

struct query {
    struct match_name names[MAX_QUERY_NAMES];
    double total_weight[MAX_QUERY_NAMES];
    size_t count;
    struct match_query_facts facts;
};

struct run {
    struct match_typo_cache typos;   /* for the query name being scored */
    const vigil_index *ix;
    const vigil_match_options *opts;
    vigil_results *results;
    struct vg_arena scratch;
    struct query query;
    struct entity_table entities;
    vigil_error *err;
};

/* ---------------------------------------------------------- the query */

static vigil_status add_query_name(struct run *run, const char *text)
{
    struct query *q = &run->query;
    if (q->count == MAX_QUERY_NAMES)
        return vg_fail(run->err, VIGIL_ELIMIT, "", 0, "name",
                       "a query may have at most %d names", MAX_QUERY_NAMES);
    struct norm_name norm;
    vigil_status st = norm_name(text, q->facts.schema, &run->results->arena,
                                &norm);
    if (st != VIGIL_OK)
        return vg_fail(run->err, st, "", 0, "name", "cannot normalize \"%.80s\"",
                       text);
    if (!norm.count) return VIGIL_OK;
    struct match_name *name = &q->names[q->count];
    if (match_name_from_norm(&run->results->arena, &norm, name) != VIGIL_OK)
        return vg_fail(run->err, VIGIL_ENOMEM, "", 0, "name", "out of memory");
    match_weigh_query(run->ix, name);
    double total = 0.0;
    for (size_t i = 0; i < name->count; i++) total += name->tokens[i].weight;
    q->total_weight[q->count++] = total;
    return VIGIL_OK;
}

static vigil_status read_query(struct run *run, const vigil_entity *query)
{
    match_query_facts(query, &run->query.facts);
    for (size_t i = 0; i < vigil_entity_prop_count(query); i++) {
        const char *prop, *value;
        vigil_entity_prop(query, i, &prop, &value);
        if (vg_name_kind(prop) >= 0) VG_TRY(add_query_name(run, value));
    }
    if (!run->query.count)
        return vg_fail(run->err, VIGIL_EINVAL, "", 0, "name",
                       "the query has no name with letters or digits");
    return VIGIL_OK;
}

/* ------------------------------------------------------- entity filter */

static bool in_datasets(const vigil_index *ix, uint32_t entity,
                        const char *const *filter)
{
    vigil_source_info info;
    const char *source = "";
    if (vigil_index_source(ix, vigil_index_entity_source(ix, entity), &info) ==
        VIGIL_OK && info.name)
        source = info.name;
    size_t n = vigil_index_entity_dataset_count(ix, entity);
    for (const char *const *f = filter; *f; f++) {
        if (strcmp(*f, source) == 0) return true;
        for (size_t i = 0; i < n; i++)
            if (strcmp(*f, vigil_index_entity_dataset(ix, entity, i)) == 0)
                return true;
    }
    return false;
}

static bool has_topic(const vigil_index *ix, uint32_t entity,
                      const char *const *filter)
{
    size_t n = vigil_index_entity_prop_count(ix, entity);
    for (size_t i = 0; i < n; i++) {
        const char *prop, *value;
        vigil_index_entity_prop(ix, entity, i, &prop, &value);
        if (strcmp(prop, "topics") != 0) continue;
        for (const char *const *f = filter; *f; f++)
            if (strcmp(*f, value) == 0) return true;
    }
    return false;
}

static bool excluded(const struct run *run, uint32_t entity)
{
    if (!vigil_schema_compatible(run->query.facts.schema,
                                 vigil_index_entity_schema(run->ix, entity)))
        return true;
    if (run->opts->datasets &&
        !in_datasets(run->ix, entity, run->opts->datasets))
        return true;
    return run->opts->topics && !has_topic(run->ix, entity, run->opts->topics);
}

static bool entities_init(struct run *run, size_t expected)
{
    size_t cap = 64;
    while (cap < expected * 2) cap *= 2;
    struct entity_table *t = &run->entities;
    t->slots = vg_arena_alloc(&run->scratch, cap * sizeof(*t->slots));
    if (!t->slots) return false;
    for (size_t i = 0; i < cap; i++) t->slots[i].entity = UINT32_MAX;
    t->cap = cap;
    t->count = 0;
    return true;
}

/* The entity's slot, created (and checked against the filters) when new.
 * The table is sized for every candidate, so it never fills. */
static struct best *entity_slot(struct run *run, uint32_t entity)
{
    struct entity_table *t = &run->entities;
    size_t mask = t->cap - 1, i = (entity * 2654435761u) & mask;
    while (t->slots[i].entity != UINT32_MAX && t->slots[i].entity != entity)
        i = (i + 1) & mask;
    struct best *b = &t->slots[i];
    if (b->entity == UINT32_MAX) {
        *b = (struct best){entity, UINT32_MAX, 0, excluded(run, entity), -1.0,
                           0.0, 0.0};
        t->count++;
    }
    return b;
}

/* ------------------------------------------------------------ scoring */

static void load_listed(const vigil_index *ix, uint32_t name,
                        const struct idx_name *info,
                        struct match_token *tokens, struct match_name *out)
{
    size_t n = VG_MIN((size_t)info->token_count, (size_t)MAX_LISTED_TOKENS);
    for (size_t i = 0; i < n; i++) {
        struct idx_token it;
        idx_name_token(ix, name, (uint32_t)i, &it);
        struct match_token *t = &tokens[i];
        t->orig = it.orig ? it.orig : "";
        t->latin = it.latin ? it.latin : "";
        t->key = it.key ? it.key : t->latin;
        t->path = it.path ? it.path : "";
        t->script = it.script;
        t->cls = it.cls;
        t->flags = it.flags;
        t->term = it.term;
        float idf = idx_term_idf(ix, it.term);
        if (!(idf > 0.0f)) idf = 0.01f;
        t->weight = idf * match_class_factor(it.cls);
        match_token_lengths(t);
    }
    out->tokens = tokens;
    out->count = n;
    out->cache = NULL;
    out->letters_not_initials =
        match_letters_not_initials(vigil_index_entity_schema(ix, info->entity));
    match_name_mark_korean(out);
}

/* Share of the query's weight a candidate's credit must reach to be worth
 * scoring.  A name whose credited share is f scores at most about
 * f / (f + 0.8 (1 - f)) (uncredited query tokens left unmatched); the
 * margin covers evidence and matches the postings cannot see (initials,
 * typos beyond the neighbourhood). */
static double min_credit_share(double threshold, bool has_identifiers)
{
    double s = threshold - (has_identifiers ? 0.45 : 0.13);
    if (s <= 0.0) return 0.0;
    return 0.7 * (MATCH_QUERY_ONLY_COST * s) /
           (1.0 - (1.0 - MATCH_QUERY_ONLY_COST) * s);
}

static vigil_status score_query_name(struct run *run, size_t qi)
{
    const struct match_name *q = &run->query.names[qi];
    double floor = min_credit_share(run->opts->threshold,
                                    run->query.facts.id_count > 0) *
                   run->query.total_weight[qi];
    struct match_candidates cands;
    vigil_status st = match_candidates(run->ix, q, (float)floor, &run->scratch,
                                       MATCH_TOP_K, &cands);
    if (st != VIGIL_OK)
        return vg_fail(run->err, st, "", 0, "", "out of memory");
    struct match_token tokens[MAX_LISTED_TOKENS];
    memset(&run->typos, 0, sizeof(run->typos));
    run->query.names[qi].cache = &run->typos;
    for (size_t c = 0; c < cands.count; c++) {
        if (cands.items[c].acc < floor) continue;
        struct idx_name info;
        idx_name_get(run->ix, cands.items[c].name, &info);
        struct best *b = entity_slot(run, info.entity);
        if (b->excluded) continue;
        struct match_name listed;
        load_listed(run->ix, cands.items[c].name, &info, tokens, &listed);
        struct match_alignment al;
        double s = match_score_names(q, &listed, &al) *
                   match_name_kind_factor(info.kind);
        run->results->candidates++;
        if (s > b->name_score ||
            (s == b->name_score && cands.items[c].name < b->name)) {
            b->name_score = s;
            b->name = cands.items[c].name;
            b->qname = (uint32_t)qi;
        }
    }
    run->query.names[qi].cache = NULL; /* the next query name reuses it */
    return VIGIL_OK;
}

/* ------------------------------------------------------------ ranking */

static int by_score(const void *a, const void *b)
{
    const struct best *x = *(const struct best *const *)a;
    const struct best *y = *(const struct best *const *)b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->raw != y->raw) return x->raw > y->raw ? -1 : 1;
    if (x->name_score != y->name_score)
        return x->name_score > y->name_score ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* Scores every scored entity with its evidence (nothing recorded yet) and
 * returns those at or above the threshold, best first. */
static vigil_status rank(struct run *run, struct best ***out, size_t *count)
{
    struct entity_table *t = &run->entities;
    struct best **ranked =
        vg_arena_alloc(&run->scratch, (t->count ? t->count : 1) * sizeof(*ranked));
    if (!ranked) return vg_fail(run->err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++) {
        struct best *b = &t->slots[i];
        if (b->entity == UINT32_MAX || b->excluded || b->name == UINT32_MAX)
            continue;
        vigil_hit probe = {.name_score = b->name_score};
        match_apply_evidence(NULL, run->ix, b->entity, &run->query.facts,
                             &probe, &b->raw);
        b->score = match_clamp_score(b->raw);
        if (b->score >= run->opts->threshold && b->score > 0.0) ranked[n++] = b;
    }
    qsort(ranked, n, sizeof(*ranked), by_score);
    *out = ranked;
    *count = n;
    return VIGIL_OK;
}

static vigil_status build_hit(struct run *run, const struct best *b,
                              vigil_hit *hit)
{
    struct match_token tokens[MAX_LISTED_TOKENS];
    struct match_name listed;
    struct idx_name info;
    idx_name_get(run->ix, b->name, &info);
    load_listed(run->ix, b->name, &info, tokens, &listed);
    /* The hit's listed tokens must outlive this frame. */
    struct match_token *kept =
        vg_arena_alloc(&run->results->arena,
                       (listed.count ? listed.count : 1) * sizeof(*kept));
    if (!kept) return VIGIL_ENOMEM;
    memcpy(kept, tokens, listed.count * sizeof(*kept));
    listed.tokens = kept;
    const struct match_name *q = &run->query.names[b->qname];
    struct match_alignment al;
    match_score_names(q, &listed, &al);
    hit->entity = b->entity;
    VG_TRY(match_hit_name(run->results, hit, q, &listed, &al, info.kind,
                          info.text ? info.text : ""));
    double raw;
    VG_TRY(match_apply_evidence(run->results, run->ix, b->entity,
                                &run->query.facts, hit, &raw));
    hit->match = hit->score >= run->opts->threshold;
    return match_explain_summary(run->results, hit, &al,
                                 match_name_kind_factor(info.kind), raw);
}

static vigil_status build_hits(struct run *run, struct best **ranked,
                               size_t n)
{
    size_t limit = run->opts->limit ? run->opts->limit : VIGIL_DEFAULT_LIMIT;
    if (limit > MAX_LIMIT) limit = MAX_LIMIT;
    if (n > limit) n = limit;
    vigil_hit *hits =
        vg_arena_calloc(&run->results->arena, n ? n : 1, sizeof(*hits));
    if (!hits) return vg_fail(run->err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    for (size_t i = 0; i < n; i++)
        if (build_hit(run, ranked[i], &hits[i]) != VIGIL_OK)
            return vg_fail(run->err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    run->results->hits = hits;
    run->results->count = n;
    return VIGIL_OK;
}

/* ------------------------------------------------------------- public */

static vigil_status run_match(struct run *run, const vigil_entity *query)
{
    VG_TRY(read_query(run, query));
    if (!entities_init(run, MATCH_TOP_K * run->query.count))
        return vg_fail(run->err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    for (size_t i = 0; i < run->query.count; i++)
        VG_TRY(score_query_name(run, i));
    struct best **ranked = NULL;
    size_t n = 0;
    VG_TRY(rank(run, &ranked, &n));
    return build_hits(run, ranked, n);
}

vigil_status vigil_match(const vigil_index *index, const vigil_entity *query,
                         const vigil_match_options *options,
                         vigil_results **out, vigil_error *err)
{
    if (!index || !query || !out)
        return vg_fail(err, VIGIL_EINVAL, "", 0, "", "missing index, query or result");
    vigil_match_options defaults;
    vigil_match_options_init(&defaults);
    const vigil_match_options *opts = options ? options : &defaults;
    if (!(opts->threshold >= 0.0 && opts->threshold <= 1.0))
        return vg_fail(err, VIGIL_EINVAL, "", 0, "threshold",
                       "threshold must be between 0 and 1");
    struct run *run = vg_calloc(1, sizeof(*run));
    if (!run) return vg_fail(err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    run->ix = index;
    run->opts = opts;
    run->err = err;
    vg_arena_init(&run->scratch, 65536);
    vigil_status st = match_results_new(&run->results);
    if (st != VIGIL_OK) st = vg_fail(err, st, "", 0, "", "out of memory");
    else st = run_match(run, query);
    vg_arena_free(&run->scratch);
    if (st == VIGIL_OK) *out = run->results;
    else vigil_results_free(run->results);
    vg_free(run);
    return st;
}
