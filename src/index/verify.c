/*
 * verify.c — vigil_index_verify: the deep check that open leaves out.
 * Hashes the whole body against the header checksum, then walks every
 * record of every section: string offsets inside the pool, ranges
 * contiguous and ending exactly at their table's end, enum values valid,
 * names consistent with their entities, postings strictly ascending, hash
 * directories monotonic, and every term key and entity id findable through
 * its hash table.  The first problem is reported with its section and
 * record number.
 */
#include <math.h>
#include <string.h>

#include "reader.h"

struct check {
    const vigil_index *ix;
    vigil_error *err;
};

static vigil_status bad(const struct check *c, uint32_t section, size_t record,
                        const char *what)
{
    return vg_fail(c->err, VIGIL_ECORRUPT, c->ix->path, (long)record + 1,
                   idx_section_name[section], "record %zu: %s", record, what);
}

static bool str_ok(const vigil_index *ix, uint32_t off)
{
    return off < ix->strings_len;
}

static vigil_status check_checksum(const struct check *c)
{
    const vigil_index *ix = c->ix;
    uint64_t h = 0;
    for (size_t pos = IDX_HEADER_SIZE; pos < ix->size; pos += IDX_CHECKSUM_BLOCK)
        h = vg_hash64(ix->map + pos, VG_MIN(IDX_CHECKSUM_BLOCK, ix->size - pos),
                      h);
    if (h != ix->checksum)
        return vg_fail(c->err, VIGIL_ECORRUPT, ix->path, 0, "header",
                       "checksum mismatch: the file was damaged after it "
                       "was written");
    return VIGIL_OK;
}

static vigil_status check_sources(const struct check *c)
{
    const vigil_index *ix = c->ix;
    for (uint32_t i = 0; i < ix->source_count; i++) {
        const struct idx_rec_source *s = &ix->sources[i];
        if (!str_ok(ix, s->name) || !str_ok(ix, s->location) ||
            !str_ok(ix, s->published) || !str_ok(ix, s->retrieved) ||
            !str_ok(ix, s->sha256) || !str_ok(ix, s->format))
            return bad(c, IDX_SEC_SOURCES, i, "string outside the pool");
    }
    return VIGIL_OK;
}

/* One *_start column of a CSR table: non-decreasing, starting at 0 and
 * ending exactly at `limit`. */
static vigil_status check_column(const struct check *c, uint32_t section,
                                 const void *records, size_t record_size,
                                 size_t field, uint32_t count, uint32_t limit)
{
    uint32_t prev = 0;
    for (uint32_t i = 0; i <= count; i++) {
        uint32_t v;
        memcpy(&v, (const char *)records + i * record_size + field, 4);
        if ((i == 0 && v != 0) || v < prev || v > limit ||
            (i == count && v != limit))
            return bad(c, section, i, "range out of order or past its table");
        prev = v;
    }
    return VIGIL_OK;
}

static vigil_status check_entities(const struct check *c)
{
    const vigil_index *ix = c->ix;
    static const struct {
        size_t field;
        size_t count;
    } columns[] = {
        {offsetof(struct idx_rec_entity, prop_start), offsetof(vigil_index, prop_count)},
        {offsetof(struct idx_rec_entity, dataset_start), offsetof(vigil_index, dataset_count)},
        {offsetof(struct idx_rec_entity, name_start), offsetof(vigil_index, name_count)},
        {offsetof(struct idx_rec_entity, date_start), offsetof(vigil_index, date_count)},
        {offsetof(struct idx_rec_entity, country_start), offsetof(vigil_index, country_count)},
        {offsetof(struct idx_rec_entity, ident_start), offsetof(vigil_index, ident_count)},
    };
    for (size_t k = 0; k < VG_ARRAY_LEN(columns); k++) {
        uint32_t limit;
        memcpy(&limit, (const char *)ix + columns[k].count, 4);
        VG_TRY(check_column(c, IDX_SEC_ENTITIES, ix->entities,
                            sizeof(*ix->entities), columns[k].field,
                            ix->entity_count, limit));
    }
    for (uint32_t i = 0; i < ix->entity_count; i++) {
        const struct idx_rec_entity *e = &ix->entities[i];
        if (!str_ok(ix, e->id) || !str_ok(ix, e->caption) || !e->id)
            return bad(c, IDX_SEC_ENTITIES, i, "bad id or caption");
        if (e->source >= ix->source_count || e->schema > VIGIL_SCHEMA_AIRCRAFT)
            return bad(c, IDX_SEC_ENTITIES, i, "bad source or schema");
        uint32_t found;
        if (vigil_index_lookup(ix, idx_str(ix, e->id), &found) != VIGIL_OK ||
            strcmp(idx_str(ix, ix->entities[found].id), idx_str(ix, e->id)))
            return bad(c, IDX_SEC_ID_HASH, i, "entity id not in the id table");
    }
    return VIGIL_OK;
}

static vigil_status check_values(const struct check *c)
{
    const vigil_index *ix = c->ix;
    for (uint32_t i = 0; i < ix->prop_count; i++)
        if (!str_ok(ix, ix->props[i].prop) || !str_ok(ix, ix->props[i].value))
            return bad(c, IDX_SEC_PROPS, i, "string outside the pool");
    for (uint32_t i = 0; i < ix->dataset_count; i++)
        if (!str_ok(ix, ix->datasets[i]))
            return bad(c, IDX_SEC_DATASETS, i, "string outside the pool");
    for (uint32_t i = 0; i < ix->date_count; i++)
        if (ix->dates[i].month > 12 || ix->dates[i].day > 31)
            return bad(c, IDX_SEC_DATES, i, "impossible date");
    for (uint32_t i = 0; i < 2 * ix->country_count; i++)
        if (ix->countries[i] < 'a' || ix->countries[i] > 'z')
            return bad(c, IDX_SEC_COUNTRIES, i / 2, "not an alpha-2 code");
    for (uint32_t i = 0; i < ix->ident_count; i++) {
        const struct idx_rec_ident *r = &ix->idents[i];
        if (!str_ok(ix, r->prop) || !str_ok(ix, r->value) || !str_ok(ix, r->normal))
            return bad(c, IDX_SEC_IDENTS, i, "string outside the pool");
    }
    return VIGIL_OK;
}

/* Runs of postings were checked by check_terms, so they are read raw. */
static bool posted(const vigil_index *ix, uint32_t term, uint32_t name)
{
    const uint32_t *p = ix->postings + ix->terms[term].posting_start;
    uint32_t n = ix->terms[term + 1].posting_start - ix->terms[term].posting_start;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (p[mid] < name) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && p[lo] == name;
}

/* Each token's term is a token term whose postings hold the token's name. */
static vigil_status check_token_terms(const struct check *c)
{
    const vigil_index *ix = c->ix;
    for (uint32_t name = 0; name < ix->name_count; name++) {
        uint32_t first = ix->names[name].token_start,
                 end = ix->names[name + 1].token_start;
        for (uint32_t i = first; i < end; i++) {
            uint32_t term = ix->tokens[i].term;
            if (!(ix->terms[term].flags & IDX_TERM_TOKEN) ||
                !posted(ix, term, name))
                return bad(c, IDX_SEC_TOKENS, i,
                           "token's name missing from its term's postings");
        }
    }
    return VIGIL_OK;
}

static vigil_status check_names(const struct check *c)
{
    const vigil_index *ix = c->ix;
    VG_TRY(check_column(c, IDX_SEC_NAMES, ix->names, sizeof(*ix->names),
                        offsetof(struct idx_rec_name, token_start),
                        ix->name_count, ix->token_count));
    for (uint32_t e = 0; e < ix->entity_count; e++) {
        uint32_t first, count;
        idx_entity_names(ix, e, &first, &count);
        for (uint32_t i = first; i < first + count; i++)
            if (ix->names[i].entity != e)
                return bad(c, IDX_SEC_NAMES, i, "name of another entity");
    }
    for (uint32_t i = 0; i < ix->name_count; i++) {
        const struct idx_rec_name *n = &ix->names[i];
        if (!str_ok(ix, n->text) || n->kind > VG_NAME_WEAK)
            return bad(c, IDX_SEC_NAMES, i, "bad text or kind");
    }
    for (uint32_t i = 0; i < ix->token_count; i++) {
        const struct idx_rec_token *t = &ix->tokens[i];
        if (!str_ok(ix, t->orig) || !str_ok(ix, t->latin) || !str_ok(ix, t->path))
            return bad(c, IDX_SEC_TOKENS, i, "string outside the pool");
        if (t->term >= ix->term_count || t->script > NORM_SCRIPT_OTHER ||
            t->cls > NORM_NUMBER)
            return bad(c, IDX_SEC_TOKENS, i, "bad term, script or class");
    }
    return VIGIL_OK;
}

/* A term's postings: not empty, strictly ascending (open checked that
 * each is a name number; check_column that the run is in the section). */
static vigil_status check_run(const struct check *c, uint32_t start,
                              uint32_t end)
{
    const uint32_t *p = c->ix->postings;
    if (start == end)
        return bad(c, IDX_SEC_POSTINGS, start, "term without postings");
    for (uint32_t i = start + 1; i < end; i++)
        if (p[i] <= p[i - 1])
            return bad(c, IDX_SEC_POSTINGS, i, "postings not ascending");
    return VIGIL_OK;
}

static vigil_status check_terms(const struct check *c)
{
    const vigil_index *ix = c->ix;
    VG_TRY(check_column(c, IDX_SEC_TERMS, ix->terms, sizeof(*ix->terms),
                        offsetof(struct idx_rec_term, posting_start),
                        ix->term_count, ix->posting_count));
    for (uint32_t i = 0; i < ix->term_count; i++) {
        const struct idx_rec_term *t = &ix->terms[i];
        if (!str_ok(ix, t->key) || !isfinite(t->idf) || !t->flags ||
            (t->flags & ~IDX_TERM_FLAGS))
            return bad(c, IDX_SEC_TERMS, i, "bad key, idf or flags");
        uint32_t found;
        VG_TRY(check_run(c, t->posting_start, t[1].posting_start));
        const char *key = idx_str(ix, t->key);
        if (!idx_term_find(ix, key, strlen(key), &found) || found != i)
            return bad(c, IDX_SEC_TERM_HASH, i, "term not in the term table");
    }
    return VIGIL_OK;
}

static vigil_status check_table(const struct check *c, uint32_t dir_id,
                                const struct idx_table *t, uint32_t limit)
{
    uint32_t buckets = (uint32_t)1 << t->bits;
    for (uint32_t i = 0; i < buckets; i++)
        if (t->dir[i] > t->dir[i + 1] || (i == 0 && t->dir[0] != 0))
            return bad(c, dir_id, i, "directory out of order");
    if (t->dir[buckets] != t->count)
        return bad(c, dir_id, buckets, "directory does not end at the slots");
    for (uint32_t i = 0; i < t->count; i++)
        if (t->slots[i].value >= limit)
            return bad(c, dir_id + 1, i, "slot value out of range");
    return VIGIL_OK;
}

struct self_search {
    uint32_t term;
    bool found;
};

static bool is_self(void *ctx, uint32_t term)
{
    struct self_search *s = ctx;
    if (term == s->term) s->found = true;
    return !s->found;
}

static vigil_status check_deletions(const struct check *c)
{
    const vigil_index *ix = c->ix;
    for (uint32_t i = 0; i < ix->term_count; i++) {
        uint32_t flags = ix->terms[i].flags;
        if (!(flags & (IDX_TERM_TOKEN | IDX_TERM_LATIN))) continue;
        const char *key = idx_str(ix, ix->terms[i].key);
        size_t len = strlen(key);
        struct self_search s = {i, false};
        if (!(flags & IDX_TERM_LATIN))
            idx_term_neighbours(ix, key, len, 1, is_self, &s);
        else if (len > 1 && key[0] == IDX_LATIN_PREFIX)
            idx_latin_neighbours(ix, &key[1], len - 1, 1, is_self, &s);
        if (!s.found)
            return bad(c, IDX_SEC_DEL_HASH, i, "term missing from the typo table");
    }
    return VIGIL_OK;
}

vigil_status vigil_index_verify(const vigil_index *ix, vigil_error *err)
{
    if (!ix) return vg_fail(err, VIGIL_EINVAL, NULL, 0, NULL, "no index");
    struct check c = {ix, err};
    VG_TRY(check_checksum(&c));
    VG_TRY(check_table(&c, IDX_SEC_TERM_DIR, &ix->term_table, ix->term_count));
    VG_TRY(check_table(&c, IDX_SEC_ID_DIR, &ix->id_table, ix->entity_count));
    VG_TRY(check_table(&c, IDX_SEC_DEL_DIR, &ix->del_table, ix->term_count));
    VG_TRY(check_sources(&c));
    VG_TRY(check_entities(&c));
    VG_TRY(check_values(&c));
    VG_TRY(check_names(&c));
    VG_TRY(check_terms(&c));
    VG_TRY(check_token_terms(&c));
    return check_deletions(&c);
}
