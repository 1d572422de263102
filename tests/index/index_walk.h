/* Reads everything an open index offers through every accessor, the way
 * the matcher and the result printer do, and reseals damaged bytes (so that
 * open accepts them and the accessors meet the damage).  Used by the corruption tests and
 * the index_load fuzz target: on a damaged file it must neither crash nor
 * hang nor read outside the map (ASan).  Returns a checksum of what it read
 * so that the compiler cannot drop the reads. */
#ifndef TEST_INDEX_WALK_H
#define TEST_INDEX_WALK_H

#include <stdlib.h>
#include <string.h>

#include "index/format.h"

static uint64_t walk_mix(uint64_t h, const char *s)
{
    return h * 31 + strlen(s) + (unsigned char)s[0];
}

static bool walk_count(void *ctx, uint32_t term)
{
    uint64_t *h = ctx;
    *h = *h * 7 + term;
    return true;
}

static uint64_t walk_name(const vigil_index *ix, uint32_t name, uint64_t h,
                          bool typos)
{
    struct idx_name n;
    idx_name_get(ix, name, &n);
    h = walk_mix(h, n.text) + n.entity + n.kind;
    for (uint32_t i = 0; i < n.token_count + 1; i++) {
        struct idx_token t;
        idx_name_token(ix, name, i, &t);
        h = walk_mix(walk_mix(walk_mix(walk_mix(h, t.orig), t.latin), t.key),
                     t.path) + t.script + t.cls + t.flags + t.term;
        uint32_t found;
        if (idx_term_find(ix, t.key, strlen(t.key), &found)) h += found;
        if (typos && i == 0)
            idx_term_neighbours(ix, t.key, strlen(t.key), 2, walk_count, &h);
    }
    return h;
}

static uint64_t walk_entity(const vigil_index *ix, uint32_t e, uint64_t h)
{
    h = walk_mix(h, vigil_index_entity_id(ix, e));
    h = walk_mix(h, vigil_index_entity_caption(ix, e));
    h += vigil_index_entity_schema(ix, e) + vigil_index_entity_source(ix, e);
    uint32_t found;
    if (vigil_index_lookup(ix, vigil_index_entity_id(ix, e), &found) == VIGIL_OK)
        h += found;
    size_t n = vigil_index_entity_prop_count(ix, e);
    for (size_t i = 0; i <= n; i++) {
        const char *prop, *value;
        vigil_index_entity_prop(ix, e, i, &prop, &value);
        h = walk_mix(walk_mix(h, prop), value);
    }
    n = vigil_index_entity_dataset_count(ix, e);
    for (size_t i = 0; i <= n; i++)
        h = walk_mix(h, vigil_index_entity_dataset(ix, e, i));
    struct vg_date dates[8];
    n = idx_entity_birth_dates(ix, e, dates, 8);
    for (size_t i = 0; i < n; i++) h += dates[i].year + dates[i].month;
    char countries[16];
    n = idx_entity_countries(ix, e, countries, 8);
    for (size_t i = 0; i < 2 * n; i++) h += (unsigned char)countries[i];
    n = idx_entity_identifier_count(ix, e);
    for (size_t i = 0; i <= n; i++) {
        struct idx_identifier id;
        idx_entity_identifier(ix, e, i, &id);
        h = walk_mix(walk_mix(walk_mix(h, id.prop), id.value), id.normal);
    }
    uint32_t first, count;
    idx_entity_names(ix, e, &first, &count);
    for (uint32_t i = 0; i < count; i++) h = walk_name(ix, first + i, h, true);
    return h;
}

__attribute__((unused)) static uint64_t walk_index(const vigil_index *ix)
{
    uint64_t h = vigil_index_file_size(ix);
    h = walk_mix(walk_mix(h, vigil_index_version(ix)), vigil_index_built(ix));
    for (uint32_t s = 0; s <= vigil_index_source_count(ix); s++) {
        vigil_source_info info;
        if (vigil_index_source(ix, s, &info) != VIGIL_OK) continue;
        h = walk_mix(walk_mix(h, info.name), info.location) + info.entity_count;
        h = walk_mix(walk_mix(walk_mix(h, info.published), info.retrieved),
                     info.sha256);
        h = walk_mix(h, info.format);
    }
    for (uint32_t e = 0; e <= vigil_index_entity_count(ix); e++)
        h = walk_entity(ix, e, h);
    struct idx_name past;
    idx_name_get(ix, idx_name_count(ix), &past);
    h = walk_mix(h, past.text) + past.entity;
    /* Indexed by posting, as the matcher does: under ASan this proves the
     * invariant that every posting handed out is below the name count. */
    unsigned char *by_name = calloc(idx_name_count(ix) + 1, 1);
    for (uint32_t t = 0; t <= idx_term_count(ix); t++) {
        const char *key = idx_term_key(ix, t);
        uint32_t count;
        const uint32_t *p = idx_term_postings(ix, t, &count);
        for (uint32_t i = 0; i < count; i++) {
            h = walk_name(ix, p[i], h, false);
            if (by_name) h += by_name[p[i]]++;
        }
        h += idx_term_df(ix, t) + (uint64_t)(idx_term_idf(ix, t) * 1000);
        idx_term_neighbours(ix, key, strlen(key), 1, walk_count, &h);
    }
    free(by_name);
    uint32_t e;
    if (vigil_index_lookup(ix, "", &e) == VIGIL_OK) h += e;
    idx_term_neighbours(ix, "", 0, 2, walk_count, &h);
    return h;
}

/* Recomputes checksum and header check, as a writer with a bug (or an
 * attacker) would, so that open accepts the damage. */
__attribute__((unused)) static void walk_reseal(unsigned char *data,
                                                size_t size)
{
    if (size < IDX_HEADER_SIZE) return;
    struct idx_header h;
    memcpy(&h, data, sizeof(h));
    uint64_t sum = 0;
    for (size_t pos = IDX_HEADER_SIZE; pos < size; pos += IDX_CHECKSUM_BLOCK)
        sum = vg_hash64(data + pos,
                        size - pos < IDX_CHECKSUM_BLOCK ? size - pos
                                                        : IDX_CHECKSUM_BLOCK,
                        sum);
    h.checksum = sum;
    size_t count = h.section_count;
    if (IDX_HEADER_SIZE + count * sizeof(struct idx_section) > size)
        count = (size - IDX_HEADER_SIZE) / sizeof(struct idx_section);
    h.head_check = idx_head_check(
        &h, (const struct idx_section *)(data + IDX_HEADER_SIZE), count);
    memcpy(data, &h, sizeof(h));
}

#endif
