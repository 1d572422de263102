/*
 * builder.h — the index builder's state, shared by build.c (collecting
 * entities) and write.c (normalizing and writing the file).  Private to
 * src/index/.
 *
 * Every string the builder keeps lives once in a growing string pool that
 * becomes the file's string section as it is: entities, properties and
 * tokens refer to strings by pool offset, so equal strings compare by offset
 * and nothing is copied again at write time.
 */
#ifndef VG_INDEX_BUILDER_H
#define VG_INDEX_BUILDER_H

#include "format.h"

/* Open-addressing map from a 64-bit key to a 32-bit value. */
struct idx_map_slot {
    uint64_t key;
    uint32_t value;
    uint32_t used;
};

struct idx_map {
    struct idx_map_slot *slots;
    size_t cap; /* power of two, or 0 */
    size_t count;
};

bool idx_map_get(const struct idx_map *map, uint64_t key, uint32_t *value);
/* Inserts or overwrites; false on ENOMEM. */
bool idx_map_put(struct idx_map *map, uint64_t key, uint32_t value);
/* Empties the map, keeping its room. */
void idx_map_clear(struct idx_map *map);
void idx_map_free(struct idx_map *map);

struct idx_intern_slot {
    uint32_t check;
    uint32_t off; /* 0 = empty (offset 0 is "" and never looked up) */
};

struct idx_bentity {
    uint32_t id, source, schema;
    uint32_t prop_first, prop_count;
    uint32_t dataset_first, dataset_count;
};

struct vigil_builder {
    char *pool;
    size_t pool_len, pool_cap;
    struct idx_intern_slot *intern;
    size_t intern_cap, intern_count;

    struct idx_rec_source *sources;
    size_t source_count, source_cap;
    struct idx_bentity *entities;
    size_t entity_count, entity_cap;
    struct idx_rec_prop *props;
    size_t prop_count, prop_cap;
    uint32_t *datasets;
    size_t dataset_count, dataset_cap;
    struct idx_map by_id; /* (source << 32 | id offset) -> entity */

    uint32_t default_source; /* UINT32_MAX until needed */
    uint32_t current_source; /* UINT32_MAX before the first source */
};

/* Pool offset of s (len bytes), adding it when new. */
vigil_status idx_intern(vigil_builder *b, const char *s, size_t len,
                        uint32_t *off);

static inline const char *idx_pool_str(const vigil_builder *b, uint32_t off)
{
    return b->pool + off;
}

#endif /* VG_INDEX_BUILDER_H */
