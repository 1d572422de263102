/*
 * read.c — every accessor of an open index: the public entity and source
 * accessors of vigil.h and the matcher's idx_* view of index.h.
 *
 * All of them read the map in place and are reentrant (the index is never
 * written after open).  None trusts a record: ids past a count, offsets
 * past the pool, ranges that run backwards or past their table and enum
 * values out of range all come back empty or clamped (reader.h), so a
 * damaged file can give wrong answers but never a read outside the map.
 */
#include <math.h>
#include <string.h>

#include "reader.h"

/* ------------------------------------------------------------ sources */

uint32_t vigil_index_source_count(const vigil_index *ix)
{
    return ix ? ix->source_count : 0;
}

vigil_status vigil_index_source(const vigil_index *ix, uint32_t i,
                                vigil_source_info *out)
{
    if (!ix || !out) return VIGIL_EINVAL;
    if (i >= ix->source_count) return VIGIL_ENOTFOUND;
    const struct idx_rec_source *s = &ix->sources[i];
    *out = (vigil_source_info){
        .name = idx_str(ix, s->name), .location = idx_str(ix, s->location),
        .published = idx_str(ix, s->published),
        .retrieved = idx_str(ix, s->retrieved),
        .sha256 = idx_str(ix, s->sha256), .format = idx_str(ix, s->format),
        .entity_count = s->entity_count};
    return VIGIL_OK;
}

/* ------------------------------------------------------------ entities */

uint32_t vigil_index_entity_count(const vigil_index *ix)
{
    return ix ? ix->entity_count : 0;
}

uint32_t vigil_index_name_count(const vigil_index *ix)
{
    return ix ? ix->name_count : 0;
}

uint32_t vigil_index_token_count(const vigil_index *ix)
{
    return ix ? ix->token_count : 0;
}

static const struct idx_rec_entity *entity_rec(const vigil_index *ix,
                                               uint32_t entity)
{
    return ix && entity < ix->entity_count ? &ix->entities[entity] : NULL;
}

vigil_status vigil_index_lookup(const vigil_index *ix, const char *id,
                                uint32_t *entity)
{
    if (!ix || !id || !entity) return VIGIL_EINVAL;
    size_t len = strlen(id);
    uint64_t h = vg_hash64(id, len, IDX_SEED_ID);
    uint32_t first, n = idx_table_bucket(&ix->id_table, h, &first);
    for (uint32_t i = first; i < first + n; i++) {
        struct idx_rec_slot slot = ix->id_table.slots[i];
        if (slot.check != (uint32_t)h || slot.value >= ix->entity_count)
            continue;
        if (idx_str_equals(ix, ix->entities[slot.value].id, id, len)) {
            *entity = slot.value;
            return VIGIL_OK;
        }
    }
    return VIGIL_ENOTFOUND;
}

const char *vigil_index_entity_id(const vigil_index *ix, uint32_t entity)
{
    const struct idx_rec_entity *e = entity_rec(ix, entity);
    return e ? idx_str(ix, e->id) : "";
}

vigil_schema vigil_index_entity_schema(const vigil_index *ix, uint32_t entity)
{
    const struct idx_rec_entity *e = entity_rec(ix, entity);
    return e && e->schema <= VIGIL_SCHEMA_AIRCRAFT ? (vigil_schema)e->schema
                                                   : VIGIL_SCHEMA_THING;
}

const char *vigil_index_entity_caption(const vigil_index *ix, uint32_t entity)
{
    const struct idx_rec_entity *e = entity_rec(ix, entity);
    return e ? idx_str(ix, e->caption) : "";
}

uint32_t vigil_index_entity_source(const vigil_index *ix, uint32_t entity)
{
    const struct idx_rec_entity *e = entity_rec(ix, entity);
    return e ? e->source : 0;
}

/* The entity's run of a per-entity table; `field` is the byte offset of a
 * *_start member of struct idx_rec_entity. */
static uint32_t entity_range(const vigil_index *ix, uint32_t entity,
                             size_t field, uint32_t limit, uint32_t *first)
{
    if (!entity_rec(ix, entity)) {
        *first = 0;
        return 0;
    }
    uint32_t start, end;
    memcpy(&start, (const char *)&ix->entities[entity] + field, 4);
    memcpy(&end, (const char *)&ix->entities[entity + 1] + field, 4);
    return idx_range(start, end, limit, first);
}

#define ENTITY_RANGE(ix, entity, member, limit, first)                         \
    entity_range(ix, entity, offsetof(struct idx_rec_entity, member), limit,   \
                 first)

size_t vigil_index_entity_prop_count(const vigil_index *ix, uint32_t entity)
{
    uint32_t first;
    return ix ? ENTITY_RANGE(ix, entity, prop_start, ix->prop_count, &first) : 0;
}

void vigil_index_entity_prop(const vigil_index *ix, uint32_t entity, size_t i,
                             const char **prop, const char **value)
{
    *prop = *value = "";
    if (!ix) return;
    uint32_t first, n = ENTITY_RANGE(ix, entity, prop_start, ix->prop_count,
                                     &first);
    if (i >= n) return;
    *prop = idx_str(ix, ix->props[first + i].prop);
    *value = idx_str(ix, ix->props[first + i].value);
}

size_t vigil_index_entity_dataset_count(const vigil_index *ix, uint32_t entity)
{
    uint32_t first;
    return ix ? ENTITY_RANGE(ix, entity, dataset_start, ix->dataset_count,
                             &first)
              : 0;
}

const char *vigil_index_entity_dataset(const vigil_index *ix, uint32_t entity,
                                       size_t i)
{
    if (!ix) return "";
    uint32_t first, n = ENTITY_RANGE(ix, entity, dataset_start,
                                     ix->dataset_count, &first);
    return i < n ? idx_str(ix, ix->datasets[first + i]) : "";
}

/* ------------------------------------------------------------ evidence */

size_t idx_entity_birth_dates(const vigil_index *ix, uint32_t entity,
                              struct vg_date *out, size_t max)
{
    uint32_t first, n = ENTITY_RANGE(ix, entity, date_start, ix->date_count,
                                     &first);
    size_t k = 0;
    for (uint32_t i = 0; i < n && k < max; i++) {
        struct idx_rec_date d = ix->dates[first + i];
        out[k++] = (struct vg_date){d.year, d.month <= 12 ? d.month : 0,
                                    d.day <= 31 ? d.day : 0};
    }
    return k;
}

size_t idx_entity_countries(const vigil_index *ix, uint32_t entity, char *out,
                            size_t max)
{
    uint32_t first, n = ENTITY_RANGE(ix, entity, country_start,
                                     ix->country_count, &first);
    size_t k = VG_MIN((size_t)n, max);
    if (k) memcpy(out, ix->countries + 2 * (size_t)first, 2 * k);
    return k;
}

size_t idx_entity_identifier_count(const vigil_index *ix, uint32_t entity)
{
    uint32_t first;
    return ENTITY_RANGE(ix, entity, ident_start, ix->ident_count, &first);
}

void idx_entity_identifier(const vigil_index *ix, uint32_t entity, size_t i,
                           struct idx_identifier *out)
{
    *out = (struct idx_identifier){"", "", ""};
    uint32_t first, n = ENTITY_RANGE(ix, entity, ident_start, ix->ident_count,
                                     &first);
    if (i >= n) return;
    const struct idx_rec_ident *r = &ix->idents[first + i];
    *out = (struct idx_identifier){idx_str(ix, r->prop), idx_str(ix, r->value),
                                   idx_str(ix, r->normal)};
}

/* ------------------------------------------------------------ names */

uint32_t idx_name_count(const vigil_index *ix) { return ix->name_count; }

static uint32_t name_tokens(const vigil_index *ix, uint32_t name,
                            uint32_t *first)
{
    if (name >= ix->name_count) {
        *first = 0;
        return 0;
    }
    return idx_range(ix->names[name].token_start,
                     ix->names[name + 1].token_start, ix->token_count, first);
}

void idx_name_get(const vigil_index *ix, uint32_t name, struct idx_name *out)
{
    *out = (struct idx_name){.entity = UINT32_MAX, .kind = VG_NAME_WEAK,
                             .text = ""};
    if (name >= ix->name_count) return;
    const struct idx_rec_name *r = &ix->names[name];
    uint32_t first;
    out->entity = r->entity < ix->entity_count ? r->entity : UINT32_MAX;
    out->kind = r->kind <= VG_NAME_WEAK ? (enum vg_name_kind)r->kind
                                        : VG_NAME_WEAK;
    out->text = idx_str(ix, r->text);
    out->token_count = name_tokens(ix, name, &first);
}

void idx_name_token(const vigil_index *ix, uint32_t name, uint32_t i,
                    struct idx_token *out)
{
    *out = (struct idx_token){.orig = "", .latin = "", .key = "", .path = "",
                              .script = NORM_SCRIPT_OTHER, .cls = NORM_WORD,
                              .term = UINT32_MAX};
    uint32_t first, n = name_tokens(ix, name, &first);
    if (i >= n) return;
    const struct idx_rec_token *t = &ix->tokens[first + i];
    out->orig = idx_str(ix, t->orig);
    out->latin = idx_str(ix, t->latin);
    out->path = idx_str(ix, t->path);
    out->script = t->script <= NORM_SCRIPT_OTHER ? (enum norm_script)t->script
                                                 : NORM_SCRIPT_OTHER;
    out->cls = t->cls <= NORM_NUMBER ? (enum norm_class)t->cls : NORM_WORD;
    out->flags = t->flags;
    if (t->term < ix->term_count) {
        out->term = t->term;
        out->key = idx_str(ix, ix->terms[t->term].key);
    }
}

void idx_entity_names(const vigil_index *ix, uint32_t entity, uint32_t *first,
                      uint32_t *count)
{
    *count = ENTITY_RANGE(ix, entity, name_start, ix->name_count, first);
}

/* ------------------------------------------------------------ terms */

uint32_t idx_term_count(const vigil_index *ix) { return ix->term_count; }

bool idx_term_find(const vigil_index *ix, const char *key, size_t len,
                   uint32_t *term)
{
    uint64_t h = vg_hash64(key, len, IDX_SEED_TERM);
    uint32_t first, n = idx_table_bucket(&ix->term_table, h, &first);
    for (uint32_t i = first; i < first + n; i++) {
        struct idx_rec_slot slot = ix->term_table.slots[i];
        if (slot.check != (uint32_t)h || slot.value >= ix->term_count) continue;
        if (idx_str_equals(ix, ix->terms[slot.value].key, key, len)) {
            *term = slot.value;
            return true;
        }
    }
    return false;
}

bool idx_skeleton_find(const vigil_index *ix, const char *latin,
                       uint32_t *term)
{
    char key[IDX_SKELETON_KEY_MAX];
    return idx_skeleton_key(latin, key, sizeof(key)) &&
           idx_term_find(ix, key, strlen(key), term);
}

const char *idx_term_key(const vigil_index *ix, uint32_t term)
{
    return term < ix->term_count ? idx_str(ix, ix->terms[term].key) : "";
}

static uint32_t posting_range(const vigil_index *ix, uint32_t term,
                              uint32_t *first)
{
    if (term >= ix->term_count) {
        *first = 0;
        return 0;
    }
    return idx_range(ix->terms[term].posting_start,
                     ix->terms[term + 1].posting_start, ix->posting_count,
                     first);
}

/* O(1): the run is checked to lie inside the postings section, and open
 * checked that every posting is below the name count, so callers may index
 * arrays by them.  Strict ascent is checked by vigil_index_verify only. */
const uint32_t *idx_term_postings(const vigil_index *ix, uint32_t term,
                                  uint32_t *count)
{
    uint32_t first;
    *count = posting_range(ix, term, &first);
    return *count ? ix->postings + first : NULL;
}

uint32_t idx_term_df(const vigil_index *ix, uint32_t term)
{
    uint32_t first;
    return posting_range(ix, term, &first);
}

float idx_term_idf(const vigil_index *ix, uint32_t term)
{
    if (term >= ix->term_count) return 0.0f;
    float idf = ix->terms[term].idf;
    if (isfinite(idf) && idf >= 0.0f && idf <= 64.0f) return idf;
    uint32_t df = idx_term_df(ix, term);
    return df ? (float)log(1.0 + (double)ix->name_count / df) : 0.0f;
}

/* ------------------------------------------------------------ typos */

/* A search first collects the hashes of all deletion variants of the key,
 * then probes the deletion table for all of them in three passes (bucket
 * directory, then slots, then candidates), prefetching each pass's lines in
 * the pass before: on a large index every probe is two or three cache
 * misses, and issuing them together overlaps their latency instead of
 * paying it one variant at a time.
 *
 * The terms already reported live in an open-addressing set that starts
 * small on the stack (a typo query confirms a handful of terms, so a call
 * clears 256 bytes, not a table sized for the worst case) and moves to the
 * heap, doubling, only for a key with many neighbours.  Nothing else is
 * cleared per call. */
enum {
    MAX_VARIANTS = 1024, /* > 1 + 40 + 40 * 39 / 2 (format.c: two seeds
                            only for keys of at most 14 bytes) */
    SMALL_SEEN = 64,
    MAX_NEIGHBOURS = 1536
};

struct variant_probe {
    uint64_t hash;
    uint32_t first, count; /* its bucket's slots */
};

struct neighbour_search {
    const vigil_index *ix;
    const char *key;
    size_t len;
    int max_edits;
    uint32_t want;     /* term kinds reported: keys or Latin forms */
    idx_term_fn fn;
    void *ctx;
    uint32_t *seen;    /* term + 1; 0 = empty; mask + 1 slots */
    size_t mask;
    size_t found;
    uint32_t small[SMALL_SEEN];
    size_t variant_count;
    struct variant_probe variants[MAX_VARIANTS];
};

static size_t seen_slot(const uint32_t *seen, size_t mask, uint32_t term)
{
    size_t i = (size_t)((term * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & mask;
    while (seen[i] && seen[i] != term + 1) i = (i + 1) & mask;
    return i;
}

static bool was_seen(const struct neighbour_search *s, uint32_t term)
{
    return s->seen[seen_slot(s->seen, s->mask, term)] != 0;
}

/* Adds an unseen term, doubling the set at 3/4 load; false without memory. */
static bool mark_seen(struct neighbour_search *s, uint32_t term)
{
    if ((s->found + 1) * 4 > (s->mask + 1) * 3) {
        size_t mask = 2 * s->mask + 1;
        uint32_t *bigger = vg_calloc(mask + 1, sizeof(*bigger));
        if (!bigger) return false;
        for (size_t i = 0; i <= s->mask; i++)
            if (s->seen[i]) bigger[seen_slot(bigger, mask, s->seen[i] - 1)] =
                                s->seen[i];
        if (s->seen != s->small) vg_free(s->seen);
        s->seen = bigger;
        s->mask = mask;
    }
    s->seen[seen_slot(s->seen, s->mask, term)] = term + 1;
    s->found++;
    return true;
}

static bool collect_variant(void *ctx, uint64_t hash)
{
    struct neighbour_search *s = ctx;
    s->variants[s->variant_count++].hash = hash;
    return s->variant_count < MAX_VARIANTS;
}

/* The candidates of one variant's bucket, each confirmed by its distance
 * to the key; one reached through several variants is looked at until it
 * is reported.  False when the search is over. */
static bool probe_bucket(struct neighbour_search *s,
                         const struct variant_probe *v)
{
    const vigil_index *ix = s->ix;
    for (uint32_t i = v->first; i < v->first + v->count; i++) {
        struct idx_rec_slot slot = ix->del_table.slots[i];
        if (slot.check != (uint32_t)v->hash || slot.value >= ix->term_count ||
            !(ix->terms[slot.value].flags & s->want) || was_seen(s, slot.value))
            continue;
        const char *key = idx_str(ix, ix->terms[slot.value].key);
        if (vg_edit_distance(s->key, s->len, key, strlen(key), s->max_edits) >
            s->max_edits)
            continue;
        if (!mark_seen(s, slot.value) || !s->fn(s->ctx, slot.value) ||
            s->found >= MAX_NEIGHBOURS)
            return false;
    }
    return true;
}

static void probe_variants(struct neighbour_search *s)
{
    const struct idx_table *t = &s->ix->del_table;
    for (size_t i = 0; i < s->variant_count; i++)
        __builtin_prefetch(&t->dir[idx_bucket(s->variants[i].hash, t->bits)]);
    for (size_t i = 0; i < s->variant_count; i++) {
        struct variant_probe *v = &s->variants[i];
        v->count = idx_table_bucket(t, v->hash, &v->first);
        if (v->count) __builtin_prefetch(&t->slots[v->first]);
    }
    for (size_t i = 0; i < s->variant_count; i++)
        if (!probe_bucket(s, &s->variants[i])) return;
}

static void search_neighbours(const vigil_index *ix, const char *key,
                              size_t len, int max_edits, uint32_t want,
                              idx_term_fn fn, void *ctx)
{
    struct neighbour_search s;
    s.ix = ix;
    s.key = key;
    s.len = len;
    s.max_edits = max_edits < 1 ? 1 : max_edits > 2 ? 2 : max_edits;
    s.want = want;
    s.fn = fn;
    s.ctx = ctx;
    memset(s.small, 0, sizeof(s.small));
    s.seen = s.small;
    s.mask = SMALL_SEEN - 1;
    s.found = 0;
    s.variant_count = 0;
    idx_deletion_variants(key, len, s.max_edits, IDX_VARIANTS_PROBED,
                          collect_variant, &s);
    probe_variants(&s);
    if (s.seen != s.small) vg_free(s.seen);
}

void idx_term_neighbours(const vigil_index *ix, const char *key, size_t len,
                         int max_edits, idx_term_fn fn, void *ctx)
{
    search_neighbours(ix, key, len, max_edits, IDX_TERM_TOKEN, fn, ctx);
}

void idx_latin_neighbours(const vigil_index *ix, const char *latin,
                          size_t len, int max_edits, idx_term_fn fn,
                          void *ctx)
{
    char key[IDX_TYPO_MAX_LEN + 1];
    if (idx_latin_key(latin, len, key, sizeof(key)))
        search_neighbours(ix, key, len + 1, max_edits, IDX_TERM_LATIN, fn,
                          ctx);
}
