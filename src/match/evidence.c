/*
 * evidence.c — secondary evidence: birth dates, countries and identifiers
 * of the query against those of a listed entity, each turned into a signed
 * score delta that is recorded in the hit.
 *
 * Names decide whether two records may be the same; secondary facts only
 * move the score.  The rules (docs/matching.md, "Evidence"):
 *   birth date   best pair of dates: same full date +0.08, same year and
 *                month +0.05, same year only known on one side +0.04, same
 *                year but different month/day -0.10, different year -0.15
 *                (-0.20 when both dates are full);
 *   country      any code shared +0.03, none shared -0.10;
 *   identifier   an identical normalized identifier (4+ characters) lifts
 *                a name that agrees at least weakly (name score >= 0.5) to
 *                0.90 + 0.10 x name score (at least +0.10), else adds
 *                +0.20; two different IMO numbers -0.20 (a vessel keeps its
 *                IMO number for life); other differing identifiers of one
 *                kind are noted without a delta (people hold several
 *                passports).
 * Absent facts on either side say nothing.  Schemas are not evidence: an
 * incompatible schema excludes the entity before scoring.
 */
#include <string.h>

#include "match.h"

#define MAX_LISTED_FACTS 32
#define MAX_EVIDENCE 8
#define MIN_IDENTIFIER_LEN 4

void match_query_facts(const vigil_entity *query,
                       struct match_query_facts *facts)
{
    memset(facts, 0, sizeof(*facts));
    facts->schema = vigil_entity_schema(query);
    for (size_t i = 0; i < vigil_entity_prop_count(query); i++) {
        const char *prop, *value;
        vigil_entity_prop(query, i, &prop, &value);
        switch (vg_prop_class(prop)) {
        case VG_PROP_BIRTH_DATE:
            if (facts->date_count < MATCH_MAX_QUERY_FACTS &&
                vg_date_parse(value, &facts->dates[facts->date_count]))
                facts->date_text[facts->date_count++] = value;
            break;
        case VG_PROP_COUNTRY:
            if (facts->country_count < MATCH_MAX_QUERY_FACTS &&
                vg_country_code(value, facts->countries[facts->country_count]))
                facts->country_count++;
            break;
        case VG_PROP_IDENTIFIER:
            if (facts->id_count < MATCH_MAX_QUERY_FACTS) {
                size_t k = facts->id_count;
                if (vg_identifier_normalize(value, facts->ids[k].normal,
                                            sizeof(facts->ids[k].normal)) >=
                    MIN_IDENTIFIER_LEN) {
                    facts->ids[k].prop = prop;
                    facts->ids[k].value = value;
                    facts->id_count++;
                }
            }
            break;
        default:
            break;
        }
    }
}

struct evidence_list {
    vigil_evidence *items;
    size_t count;
};

static vigil_status add_evidence(vigil_results *results,
                                 struct evidence_list *list,
                                 const char *feature, double delta, int effect,
                                 const char *query_value,
                                 const char *listed_value)
{
    /* Without results the caller only wants the delta (ranking pass). */
    if (!results || list->count >= MAX_EVIDENCE) return VIGIL_OK;
    if (!list->items) {
        list->items =
            vg_arena_calloc(&results->arena, MAX_EVIDENCE, sizeof(vigil_evidence));
        if (!list->items) return VIGIL_ENOMEM;
    }
    const char *q = vg_arena_strdup(&results->arena, query_value);
    const char *l = vg_arena_strdup(&results->arena, listed_value);
    if (!q || !l) return VIGIL_ENOMEM;
    list->items[list->count++] =
        (vigil_evidence){feature, effect, delta, q, l};
    return VIGIL_OK;
}

/* ---------------------------------------------------------- birth dates */

static bool full(const struct vg_date *d)
{
    return d->month && d->day;
}

static double date_delta(const struct vg_date *q, const struct vg_date *l)
{
    if (q->year != l->year) return full(q) && full(l) ? -0.20 : -0.15;
    if ((q->month && l->month && q->month != l->month) ||
        (q->day && l->day && q->day != l->day))
        return -0.10;
    if (full(q) && full(l)) return 0.08;
    if (q->month && l->month) return 0.05;
    return 0.04;
}

static vigil_status birth_date_evidence(vigil_results *results,
                                        const vigil_index *ix, uint32_t entity,
                                        const struct match_query_facts *facts,
                                        struct evidence_list *list,
                                        double *delta)
{
    if (!facts->date_count) return VIGIL_OK;
    struct vg_date listed[MAX_LISTED_FACTS];
    size_t n = idx_entity_birth_dates(ix, entity, listed, MAX_LISTED_FACTS);
    if (n > MAX_LISTED_FACTS) n = MAX_LISTED_FACTS;
    double best = -1.0;
    size_t best_q = 0, best_l = 0;
    for (size_t i = 0; i < facts->date_count; i++)
        for (size_t j = 0; j < n; j++) {
            double d = date_delta(&facts->dates[i], &listed[j]);
            if (d > best) {
                best = d;
                best_q = i;
                best_l = j;
            }
        }
    if (!n) return VIGIL_OK;
    char qtext[11], ltext[11];
    vg_date_format(&facts->dates[best_q], qtext);
    vg_date_format(&listed[best_l], ltext);
    *delta += best;
    return add_evidence(results, list, "birth_date", best, best > 0 ? 1 : -1,
                        qtext, ltext);
}

/* ------------------------------------------------------------ countries */

static vigil_status country_evidence(vigil_results *results,
                                     const vigil_index *ix, uint32_t entity,
                                     const struct match_query_facts *facts,
                                     struct evidence_list *list, double *delta)
{
    if (!facts->country_count) return VIGIL_OK;
    char codes[2 * MAX_LISTED_FACTS];
    size_t n = idx_entity_countries(ix, entity, codes, MAX_LISTED_FACTS);
    if (n > MAX_LISTED_FACTS) n = MAX_LISTED_FACTS;
    if (!n) return VIGIL_OK;
    for (size_t i = 0; i < facts->country_count; i++)
        for (size_t j = 0; j < n; j++)
            if (memcmp(facts->countries[i], codes + 2 * j, 2) == 0) {
                *delta += 0.03;
                return add_evidence(results, list, "country", 0.03, 1,
                                    facts->countries[i], facts->countries[i]);
            }
    char listed_text[3 * MAX_LISTED_FACTS + 1] = "";
    for (size_t j = 0, len = 0; j < n; j++) {
        if (j) listed_text[len++] = ',';
        memcpy(listed_text + len, codes + 2 * j, 2);
        len += 2;
        listed_text[len] = '\0';
    }
    *delta -= 0.10;
    return add_evidence(results, list, "country", -0.10, -1,
                        facts->countries[0], listed_text);
}

/* ---------------------------------------------------------- identifiers */

static bool is_imo(const char *prop)
{
    return strcmp(prop, "imoNumber") == 0;
}

static vigil_status identifier_agreement(
    vigil_results *results, const vigil_index *ix, uint32_t entity,
    const struct match_query_facts *facts, struct evidence_list *list,
    double name_score, double *delta, bool *agreed)
{
    size_t n = idx_entity_identifier_count(ix, entity);
    for (size_t j = 0; j < n && !*agreed; j++) {
        struct idx_identifier id;
        idx_entity_identifier(ix, entity, j, &id);
        for (size_t i = 0; i < facts->id_count; i++) {
            if (strcmp(facts->ids[i].normal, id.normal) != 0) continue;
            double d = 0.20;
            if (name_score >= 0.5) {
                d = 0.90 + 0.10 * name_score - name_score;
                if (d < 0.10) d = 0.10;
            }
            *delta += d;
            *agreed = true;
            return add_evidence(results, list, "identifier", d, 1,
                                facts->ids[i].value, id.value);
        }
    }
    return VIGIL_OK;
}

/* A query identifier whose kind the listed entity also has, but with no
 * equal value. */
static vigil_status identifier_conflicts(
    vigil_results *results, const vigil_index *ix, uint32_t entity,
    const struct match_query_facts *facts, struct evidence_list *list,
    double *delta)
{
    size_t n = idx_entity_identifier_count(ix, entity);
    for (size_t i = 0; i < facts->id_count; i++) {
        for (size_t j = 0; j < n; j++) {
            struct idx_identifier id;
            idx_entity_identifier(ix, entity, j, &id);
            if (strcmp(id.prop, facts->ids[i].prop) != 0) continue;
            double d = is_imo(id.prop) ? -0.20 : 0.0;
            *delta += d;
            VG_TRY(add_evidence(results, list, "identifier", d, -1,
                                facts->ids[i].value, id.value));
            break;
        }
    }
    return VIGIL_OK;
}

vigil_status match_apply_evidence(vigil_results *results,
                                  const vigil_index *ix, uint32_t entity,
                                  const struct match_query_facts *facts,
                                  vigil_hit *hit, double *raw_final)
{
    struct evidence_list list = {NULL, 0};
    double delta = 0.0;
    VG_TRY(birth_date_evidence(results, ix, entity, facts, &list, &delta));
    VG_TRY(country_evidence(results, ix, entity, facts, &list, &delta));
    if (facts->id_count) {
        bool agreed = false;
        VG_TRY(identifier_agreement(results, ix, entity, facts, &list,
                                    hit->name_score, &delta, &agreed));
        if (!agreed)
            VG_TRY(identifier_conflicts(results, ix, entity, facts, &list,
                                        &delta));
    }
    hit->evidence = list.items;
    hit->evidence_count = list.count;
    *raw_final = hit->name_score + delta;
    hit->score = match_clamp_score(*raw_final);
    return VIGIL_OK;
}
