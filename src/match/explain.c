/*
 * explain.c — turns an alignment and the evidence into what a reviewer
 * reads: one vigil_token_match per query token (paired, or "query only"),
 * one per listed token left over ("listed only"), and a one-line summary
 * that restates the arithmetic ("name 0.93 (3/3 tokens: KIM=kim exact, ...)
 * + birth date agrees +0.08 -> 1.00").
 *
 * Invariant: the weights of a hit's tokens sum to 1 and the name score
 * before caps and name-kind factor is the sum of similarity x weight, so a
 * person can redo the score from the explanation alone.  Everything is
 * built only for the hits that are returned, never for every candidate.
 */
#include <stdio.h>
#include <string.h>

#include "match.h"

static const char *const how_names[] = {
    [VIGIL_TOKEN_EXACT] = "exact",
    [VIGIL_TOKEN_TRANSLIT] = "translit",
    [VIGIL_TOKEN_VARIANT] = "variant",
    [VIGIL_TOKEN_FUZZY] = "fuzzy",
    [VIGIL_TOKEN_JOINED] = "joined",
    [VIGIL_TOKEN_LEGAL_FORM] = "legal_form",
    [VIGIL_TOKEN_INITIAL] = "initial",
    [VIGIL_TOKEN_QUERY_ONLY] = "query_only",
    [VIGIL_TOKEN_LISTED_ONLY] = "listed_only",
};

const char *vigil_token_how_name(vigil_token_how how)
{
    return (unsigned)how < VG_ARRAY_LEN(how_names) ? how_names[how] : "unknown";
}

/* The orig (or latin) forms of one or two tokens, space-separated. */
static const char *tokens_text(vigil_results *results,
                               const struct match_name *name,
                               const uint8_t idx[2], bool latin)
{
    const struct match_token *a = &name->tokens[idx[0]];
    const char *first = latin ? a->latin : a->orig;
    if (idx[1] == MATCH_NONE) return first;
    const struct match_token *b = &name->tokens[idx[1]];
    return vg_arena_printf(&results->arena, "%s %s", first,
                           latin ? b->latin : b->orig);
}

static const char *pair_path(const struct match_name *query,
                             const struct match_name *listed,
                             const struct match_pair *p)
{
    const char *qp = query->tokens[p->q[0]].path;
    if (qp && *qp) return qp;
    const char *lp = listed->tokens[p->l[0]].path;
    return lp ? lp : "";
}

static const struct match_pair *pair_of_query_token(
    const struct match_alignment *al, size_t i)
{
    for (size_t k = 0; k < al->pair_count; k++)
        if (al->pairs[k].q[0] == i) return &al->pairs[k];
    return NULL;
}

static bool fill_pair(vigil_results *results, vigil_token_match *tm,
                      const struct match_name *query,
                      const struct match_name *listed,
                      const struct match_pair *p, double denominator)
{
    tm->how = (vigil_token_how)p->how;
    tm->query_token = tokens_text(results, query, p->q, false);
    tm->query_form = tokens_text(results, query, p->q, true);
    tm->listed_token = tokens_text(results, listed, p->l, false);
    tm->path = pair_path(query, listed, p);
    tm->similarity = p->sim;
    tm->weight = denominator > 0 ? p->weight / denominator : 0.0;
    return tm->query_token && tm->query_form && tm->listed_token;
}

static void fill_alone(vigil_token_match *tm, const struct match_token *t,
                       bool query_side, double cost, double denominator)
{
    tm->how = query_side ? VIGIL_TOKEN_QUERY_ONLY : VIGIL_TOKEN_LISTED_ONLY;
    tm->query_token = query_side ? t->orig : "";
    tm->query_form = query_side ? t->latin : "";
    tm->path = query_side && t->path ? t->path : "";
    tm->listed_token = query_side ? "" : t->orig;
    tm->similarity = 0.0;
    tm->weight = denominator > 0 ? cost * t->weight / denominator : 0.0;
}

static bool token_used(uint32_t used, size_t i)
{
    return i < MATCH_MAX_TOKENS && (used & (1u << i));
}

vigil_status match_explain_tokens(vigil_results *results, vigil_hit *hit,
                                  const struct match_name *query,
                                  const struct match_name *listed,
                                  const struct match_alignment *al)
{
    size_t max = query->count + listed->count;
    vigil_token_match *tokens =
        vg_arena_calloc(&results->arena, max ? max : 1, sizeof(*tokens));
    if (!tokens) return VIGIL_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < query->count; i++) {
        if (token_used(al->q_used, i)) {
            const struct match_pair *p = pair_of_query_token(al, i);
            if (!p) continue; /* second half of a joined pair */
            if (!fill_pair(results, &tokens[n++], query, listed, p,
                           al->denominator))
                return VIGIL_ENOMEM;
        } else {
            fill_alone(&tokens[n++], &query->tokens[i], true,
                       MATCH_QUERY_ONLY_COST, al->denominator);
        }
    }
    for (size_t j = 0; j < listed->count; j++)
        if (!token_used(al->l_used, j))
            fill_alone(&tokens[n++], &listed->tokens[j], false,
                       al->listed_only_cost, al->denominator);
    hit->tokens = tokens;
    hit->token_count = n;
    return VIGIL_OK;
}

/* ------------------------------------------------------------ summary */

/* The summary is built in a fixed buffer (a longer one is cut, never an
 * error) with plain appends: it is written for every returned hit, and
 * printf-style formatting cost more than the scoring of the hit. */
#define SUMMARY_MAX 4096

struct line {
    char text[SUMMARY_MAX];
    size_t len;
};

static void put(struct line *l, const char *s)
{
    size_t n = strlen(s);
    if (n > SUMMARY_MAX - 1 - l->len) n = SUMMARY_MAX - 1 - l->len;
    memcpy(l->text + l->len, s, n);
    l->len += n;
    l->text[l->len] = '\0';
}

/* A number with two decimals, optionally with its sign ("+0.05"). */
static void put_num(struct line *l, double v, bool sign)
{
    char digits[32];
    long hundredths = (long)(v * 100.0 + (v < 0 ? -0.5 : 0.5));
    const char *prefix = hundredths < 0 ? "-" : sign ? "+" : "";
    unsigned long mag = (unsigned long)(hundredths < 0 ? -hundredths : hundredths);
    snprintf(digits, sizeof(digits), "%s%lu.%02lu", prefix, mag / 100, mag % 100);
    put(l, digits);
}

static void put_count(struct line *l, size_t n)
{
    char digits[24];
    snprintf(digits, sizeof(digits), "%zu", n);
    put(l, digits);
}

static void put_pair(struct line *l, const vigil_token_match *t, const char *op,
                     const char *label)
{
    put(l, t->query_token);
    put(l, op);
    put(l, t->listed_token);
    put(l, " ");
    put(l, label);
}

static void put_token(struct line *l, const vigil_token_match *t)
{
    switch (t->how) {
    case VIGIL_TOKEN_QUERY_ONLY:
        put(l, t->query_token);
        put(l, " (query only)");
        return;
    case VIGIL_TOKEN_LISTED_ONLY:
        put(l, t->listed_token);
        put(l, " (listed only)");
        return;
    case VIGIL_TOKEN_FUZZY:
        put_pair(l, t, "~", "fuzzy ");
        put_num(l, t->similarity, false);
        return;
    case VIGIL_TOKEN_EXACT:
    case VIGIL_TOKEN_TRANSLIT:
    case VIGIL_TOKEN_JOINED:
        put_pair(l, t, "=", vigil_token_how_name(t->how));
        return;
    case VIGIL_TOKEN_LEGAL_FORM:
        put_pair(l, t, "~", "legal form");
        return;
    default:
        put_pair(l, t, "~", vigil_token_how_name(t->how));
        return;
    }
}

/* " (raw xF: why)": a multiplier the name score took. */
static void put_factor(struct line *l, double raw, double factor,
                       const char *why)
{
    put(l, " (");
    put_num(l, raw, false);
    put(l, " x");
    put_num(l, factor, false);
    put(l, ": ");
    put(l, why);
    put(l, ")");
}

static void put_name_part(struct line *l, const vigil_hit *hit,
                          const struct match_alignment *al, double kind_factor)
{
    put(l, hit->name_kind);
    put(l, " ");
    put_num(l, hit->name_score, false);
    if (al->generic_only) {
        put(l, " (");
        put_num(l, al->raw, false);
        put(l, " capped: only low-weight words agree)");
    }
    if (al->single_conflict)
        put_factor(l, al->raw, MATCH_SINGLE_CONFLICT_FACTOR,
                   "one word agrees, both names have words of their own");
    if (al->lone_approximate)
        put_factor(l, al->raw, MATCH_LONE_APPROXIMATE_FACTOR,
                   "the only distinctive word agrees approximately");
    if (al->syllables_reversed)
        put_factor(l, al->raw, MATCH_SYLLABLE_ORDER_FACTOR,
                   "the given-name syllables are in the other order");
    if (al->syllable_left)
        put_factor(l, al->raw, MATCH_SYLLABLE_LEFT_FACTOR,
                   "one Korean name has a syllable the other lacks");
    if (kind_factor != 1.0) {
        put(l, " (x");
        put_num(l, kind_factor, false);
        put(l, " for a ");
        put(l, hit->name_kind);
        put(l, ")");
    }
    size_t matched = 0;
    for (uint32_t used = al->q_used; used; used &= used - 1) matched++;
    size_t total = al->query_tokens;
    put(l, " (");
    put_count(l, matched);
    put(l, "/");
    put_count(l, total);
    put(l, " tokens: ");
    for (size_t i = 0; i < hit->token_count; i++) {
        if (i) put(l, ", ");
        put_token(l, &hit->tokens[i]);
    }
    put(l, ")");
}

static const char *feature_label(const char *feature)
{
    if (strcmp(feature, "birth_date") == 0) return "birth date";
    return feature;
}

static void put_evidence(struct line *l, const vigil_evidence *e)
{
    put(l, " + ");
    put(l, feature_label(e->feature));
    put(l, e->effect > 0 ? " agrees (" : e->effect < 0 ? " conflicts ("
                                                       : " noted (");
    put(l, e->query_value);
    put(l, " vs ");
    put(l, e->listed_value);
    put(l, ") ");
    put_num(l, e->delta, true);
}

vigil_status match_explain_summary(vigil_results *results, vigil_hit *hit,
                                   const struct match_alignment *al,
                                   double kind_factor, double raw_final)
{
    struct line l;
    l.len = 0;
    l.text[0] = '\0';
    put_name_part(&l, hit, al, kind_factor);
    for (size_t i = 0; i < hit->evidence_count; i++)
        put_evidence(&l, &hit->evidence[i]);
    put(&l, " -> ");
    put_num(&l, hit->score, false);
    if (raw_final != hit->score) {
        put(&l, " (");
        put_num(&l, raw_final, false);
        put(&l, " before clamping to 0..1)");
    }
    hit->summary = vg_arena_strndup(&results->arena, l.text, l.len);
    return hit->summary ? VIGIL_OK : VIGIL_ENOMEM;
}
