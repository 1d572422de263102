/*
 * results.c — the results object and vigil_compare.
 *
 * A vigil_results owns one arena holding everything its hits point to
 * (token explanations, evidence, summaries, the query's normalized tokens),
 * so a caller frees a whole screening with one call and nothing in a hit
 * outlives it.  vigil_compare runs the very scorer that ranks index hits,
 * with weights from token classes alone, so that a reviewer can ask "how
 * would these two names score" and get the number vigil_match would use.
 */
#include <string.h>

#include "match.h"

void vigil_match_options_init(vigil_match_options *options)
{
    if (!options) return;
    options->threshold = VIGIL_DEFAULT_THRESHOLD;
    options->limit = VIGIL_DEFAULT_LIMIT;
    options->datasets = NULL;
    options->topics = NULL;
}

vigil_status match_results_new(vigil_results **out)
{
    vigil_results *results = vg_calloc(1, sizeof(*results));
    if (!results) return VIGIL_ENOMEM;
    vg_arena_init(&results->arena, 16384);
    *out = results;
    return VIGIL_OK;
}

void vigil_results_free(vigil_results *results)
{
    if (!results) return;
    vg_arena_free(&results->arena);
    vg_free(results);
}

size_t vigil_results_count(const vigil_results *results)
{
    return results ? results->count : 0;
}

const vigil_hit *vigil_results_hit(const vigil_results *results, size_t i)
{
    return results && i < results->count ? &results->hits[i] : NULL;
}

size_t vigil_results_candidates(const vigil_results *results)
{
    return results ? results->candidates : 0;
}

vigil_status match_name_from_norm(struct vg_arena *arena,
                                  const struct norm_name *norm,
                                  struct match_name *out)
{
    struct match_token *tokens =
        vg_arena_calloc(arena, norm->count ? norm->count : 1, sizeof(*tokens));
    if (!tokens) return VIGIL_ENOMEM;
    for (size_t i = 0; i < norm->count; i++) {
        const struct norm_token *nt = &norm->tokens[i];
        struct match_token *t = &tokens[i];
        t->orig = nt->orig ? nt->orig : "";
        t->latin = nt->latin ? nt->latin : "";
        t->key = nt->key ? nt->key : t->latin;
        t->path = nt->path ? nt->path : "";
        t->script = nt->script;
        t->cls = nt->cls;
        t->flags = nt->flags;
        t->term = UINT32_MAX;
        t->weight = match_class_factor(nt->cls);
        match_token_lengths(t);
    }
    out->tokens = tokens;
    out->count = norm->count;
    out->cache = NULL;
    out->letters_not_initials = false;
    match_name_mark_korean(out);
    return VIGIL_OK;
}

double match_clamp_score(double score)
{
    if (!(score >= 0.0)) return 0.0; /* negative or NaN */
    return score > 1.0 ? 1.0 : score;
}

vigil_status match_hit_name(vigil_results *results, vigil_hit *hit,
                            const struct match_name *query,
                            const struct match_name *listed,
                            const struct match_alignment *al,
                            enum vg_name_kind kind, const char *listed_text)
{
    double factor = match_name_kind_factor(kind);
    hit->name_score = match_clamp_score(al->score * factor);
    hit->score = hit->name_score;
    hit->matched_name = listed_text;
    hit->name_kind = vg_name_kind_prop(kind);
    return match_explain_tokens(results, hit, query, listed, al);
}

static vigil_status normalize_one(vigil_results *results, const char *text,
                                  vigil_schema schema, struct match_name *out,
                                  const char *field, vigil_error *err)
{
    struct norm_name norm;
    vigil_status st = norm_name(text, schema, &results->arena, &norm);
    if (st != VIGIL_OK)
        return vg_fail(err, st, "", 0, field, "cannot normalize the name");
    if (norm.count == 0)
        return vg_fail(err, VIGIL_EINVAL, "", 0, field,
                       "the name has no letters or digits");
    st = match_name_from_norm(&results->arena, &norm, out);
    if (st != VIGIL_OK) return vg_fail(err, st, "", 0, field, "out of memory");
    return VIGIL_OK;
}

static vigil_status compare_into(vigil_results *results, const char *name1,
                                 const char *name2, vigil_schema schema,
                                 vigil_error *err)
{
    struct match_name q, l;
    VG_TRY(normalize_one(results, name1, schema, &q, "name1", err));
    VG_TRY(normalize_one(results, name2, schema, &l, "name2", err));
    l.letters_not_initials = match_letters_not_initials(schema);
    struct match_alignment al;
    match_score_names(&q, &l, &al);
    vigil_hit *hit = vg_arena_calloc(&results->arena, 1, sizeof(*hit));
    const char *listed_text = vg_arena_strdup(&results->arena, name2);
    if (!hit || !listed_text)
        return vg_fail(err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    hit->entity = UINT32_MAX;
    vigil_status st = match_hit_name(results, hit, &q, &l, &al,
                                     VG_NAME_PRIMARY, listed_text);
    hit->match = hit->score >= VIGIL_DEFAULT_THRESHOLD;
    if (st == VIGIL_OK)
        st = match_explain_summary(results, hit, &al, 1.0, hit->score);
    if (st != VIGIL_OK) return vg_fail(err, st, "", 0, "", "out of memory");
    results->hits = hit;
    results->count = 1;
    results->candidates = 1;
    return VIGIL_OK;
}

vigil_status vigil_compare(const char *name1, const char *name2,
                           vigil_schema schema, vigil_results **out,
                           vigil_error *err)
{
    if (!name1 || !name2 || !out)
        return vg_fail(err, VIGIL_EINVAL, "", 0, "", "missing name or result");
    vigil_results *results;
    if (match_results_new(&results) != VIGIL_OK)
        return vg_fail(err, VIGIL_ENOMEM, "", 0, "", "out of memory");
    vigil_status st = compare_into(results, name1, name2, schema, err);
    if (st != VIGIL_OK) {
        vigil_results_free(results);
        return st;
    }
    *out = results;
    return VIGIL_OK;
}
