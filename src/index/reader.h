/*
 * reader.h — struct vigil_index, the open memory-mapped index, shared by
 * open.c, read.c and verify.c.  Private to src/index/.
 *
 * Invariant: open checked that every section lies inside the map and that
 * each count below is the number of whole records in its section.  Nothing
 * inside the records is trusted: the helpers here turn any offset, range or
 * id that points outside its table into an empty result.
 */
#ifndef VG_INDEX_READER_H
#define VG_INDEX_READER_H

#include "format.h"

struct idx_table {
    const uint32_t *dir; /* 2^bits + 1 entries */
    unsigned bits;
    const struct idx_rec_slot *slots;
    uint32_t count;
};

struct vigil_index {
    const unsigned char *map;
    size_t size;
    char path[256];
    char built[24];
    char version[48];
    uint64_t checksum;
    unsigned del2_min_len, del2_max_len; /* as written; informational */

    const char *strings;
    uint32_t strings_len;
    const struct idx_rec_source *sources;
    uint32_t source_count;
    const struct idx_rec_entity *entities; /* entity_count + sentinel */
    uint32_t entity_count;
    const struct idx_rec_prop *props;
    uint32_t prop_count;
    const uint32_t *datasets;
    uint32_t dataset_count;
    const struct idx_rec_date *dates;
    uint32_t date_count;
    const char *countries;
    uint32_t country_count;
    const struct idx_rec_ident *idents;
    uint32_t ident_count;
    const struct idx_rec_name *names; /* name_count + sentinel */
    uint32_t name_count;
    const struct idx_rec_token *tokens;
    uint32_t token_count;
    const struct idx_rec_term *terms; /* term_count + sentinel */
    uint32_t term_count;
    const uint32_t *postings;
    uint32_t posting_count;
    struct idx_table term_table, id_table, del_table;
};

/* A pool string; "" for an offset outside the pool (which ends in NUL). */
static inline const char *idx_str(const vigil_index *ix, uint32_t off)
{
    return off < ix->strings_len ? ix->strings + off : "";
}

/* Whether the pool string at off is exactly s (len bytes). */
static inline bool idx_str_equals(const vigil_index *ix, uint32_t off,
                                  const char *s, size_t len)
{
    return off < ix->strings_len && len < ix->strings_len - off &&
           __builtin_memcmp(ix->strings + off, s, len) == 0 &&
           ix->strings[off + len] == '\0';
}

/* [start, end) when it is a valid range of a table of `limit` records,
 * else empty. */
static inline uint32_t idx_range(uint32_t start, uint32_t end, uint32_t limit,
                                 uint32_t *first)
{
    if (start > end || end > limit) {
        *first = 0;
        return 0;
    }
    *first = start;
    return end - start;
}

/* Slots of the bucket of `hash`, as [*first, return value). */
static inline uint32_t idx_table_bucket(const struct idx_table *t,
                                        uint64_t hash, uint32_t *first)
{
    uint32_t b = idx_bucket(hash, t->bits);
    return idx_range(t->dir[b], t->dir[b + 1], t->count, first);
}

#endif /* VG_INDEX_READER_H */
