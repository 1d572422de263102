/*
 * build.c — collecting sources and entities into a vigil_builder.
 *
 * vigil_builder_add copies an entity into the builder's string pool and
 * flat property and dataset arrays; an entity whose id was already added
 * within the same source is merged into the first (new properties and
 * datasets appended, duplicates dropped).  Invariant: after any failed call
 * the builder holds exactly what it held before, apart from unreferenced
 * pool strings, so a caller may go on after a rejected entity or a failed
 * load.  Normalization and everything derived happen at write time
 * (write.c), once, over the final entity set.
 */
#include <string.h>

#include "builder.h"

/* ------------------------------------------------------------ u64 map */

static size_t map_index(uint64_t key, size_t cap)
{
    return (size_t)(vg_hash64(&key, sizeof(key), 0) & (cap - 1));
}

bool idx_map_get(const struct idx_map *map, uint64_t key, uint32_t *value)
{
    if (!map->cap) return false;
    for (size_t i = map_index(key, map->cap);; i = (i + 1) & (map->cap - 1)) {
        const struct idx_map_slot *slot = &map->slots[i];
        if (!slot->used) return false;
        if (slot->key == key) {
            *value = slot->value;
            return true;
        }
    }
}

static bool map_grow(struct idx_map *map)
{
    size_t cap = map->cap ? map->cap * 2 : 1024;
    struct idx_map_slot *slots = vg_calloc(cap, sizeof(*slots));
    if (!slots) return false;
    for (size_t i = 0; i < map->cap; i++) {
        if (!map->slots[i].used) continue;
        size_t j = map_index(map->slots[i].key, cap);
        while (slots[j].used) j = (j + 1) & (cap - 1);
        slots[j] = map->slots[i];
    }
    vg_free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return true;
}

bool idx_map_put(struct idx_map *map, uint64_t key, uint32_t value)
{
    if ((map->count + 1) * 2 > map->cap && !map_grow(map)) return false;
    size_t i = map_index(key, map->cap);
    while (map->slots[i].used && map->slots[i].key != key)
        i = (i + 1) & (map->cap - 1);
    if (!map->slots[i].used) map->count++;
    map->slots[i] = (struct idx_map_slot){.key = key, .value = value, .used = 1};
    return true;
}

void idx_map_clear(struct idx_map *map)
{
    if (map->cap) memset(map->slots, 0, map->cap * sizeof(*map->slots));
    map->count = 0;
}

void idx_map_free(struct idx_map *map)
{
    vg_free(map->slots);
    *map = (struct idx_map){0};
}

/* ------------------------------------------------------------ string pool */

static bool intern_grow(vigil_builder *b)
{
    size_t cap = b->intern_cap ? b->intern_cap * 2 : 4096;
    struct idx_intern_slot *slots = vg_calloc(cap, sizeof(*slots));
    if (!slots) return false;
    for (size_t i = 0; i < b->intern_cap; i++) {
        struct idx_intern_slot s = b->intern[i];
        if (!s.off) continue;
        const char *str = b->pool + s.off;
        size_t j = vg_hash64(str, strlen(str), 0) & (cap - 1);
        while (slots[j].off) j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    vg_free(b->intern);
    b->intern = slots;
    b->intern_cap = cap;
    return true;
}

vigil_status idx_intern(vigil_builder *b, const char *s, size_t len,
                        uint32_t *off)
{
    if (len == 0) {
        *off = 0;
        return VIGIL_OK;
    }
    if ((b->intern_count + 1) * 2 > b->intern_cap && !intern_grow(b))
        return VIGIL_ENOMEM;
    uint64_t h = vg_hash64(s, len, 0);
    size_t i = h & (b->intern_cap - 1);
    for (;; i = (i + 1) & (b->intern_cap - 1)) {
        struct idx_intern_slot slot = b->intern[i];
        if (!slot.off) break;
        const char *p = b->pool + slot.off;
        if (slot.check == (uint32_t)h && memcmp(p, s, len) == 0 && !p[len]) {
            *off = slot.off;
            return VIGIL_OK;
        }
    }
    if (b->pool_len + len + 1 > UINT32_MAX) return VIGIL_ELIMIT;
    void *pool = b->pool;
    if (!vg_grow(&pool, &b->pool_cap, b->pool_len + len + 1, 1))
        return VIGIL_ENOMEM;
    b->pool = pool;
    memcpy(b->pool + b->pool_len, s, len);
    b->pool[b->pool_len + len] = '\0';
    *off = (uint32_t)b->pool_len;
    b->pool_len += len + 1;
    b->intern[i] = (struct idx_intern_slot){.check = (uint32_t)h, .off = *off};
    b->intern_count++;
    return VIGIL_OK;
}

static vigil_status intern_str(vigil_builder *b, const char *s, uint32_t *off)
{
    return idx_intern(b, s ? s : "", s ? strlen(s) : 0, off);
}

/* ------------------------------------------------------------ builder */

vigil_status vigil_builder_new(vigil_builder **out)
{
    vigil_builder *b = vg_calloc(1, sizeof(*b));
    if (!b) return VIGIL_ENOMEM;
    b->pool = vg_malloc(4096);
    if (!b->pool) {
        vg_free(b);
        return VIGIL_ENOMEM;
    }
    b->pool_cap = 4096;
    b->pool[0] = '\0';
    b->pool_len = 1;
    b->default_source = UINT32_MAX;
    b->current_source = UINT32_MAX;
    *out = b;
    return VIGIL_OK;
}

void vigil_builder_free(vigil_builder *b)
{
    if (!b) return;
    vg_free(b->pool);
    vg_free(b->intern);
    vg_free(b->sources);
    vg_free(b->entities);
    vg_free(b->props);
    vg_free(b->datasets);
    idx_map_free(&b->by_id);
    vg_free(b);
}

static vigil_status source_fill(vigil_builder *b, struct idx_rec_source *rec,
                                const vigil_source_info *info)
{
    VG_TRY(intern_str(b, info->name, &rec->name));
    VG_TRY(intern_str(b, info->location, &rec->location));
    VG_TRY(intern_str(b, info->published, &rec->published));
    VG_TRY(intern_str(b, info->retrieved, &rec->retrieved));
    VG_TRY(intern_str(b, info->sha256, &rec->sha256));
    return intern_str(b, info->format, &rec->format);
}

static vigil_status source_new(vigil_builder *b, const vigil_source_info *info,
                               uint32_t *out)
{
    if (b->source_count >= UINT16_MAX) return VIGIL_ELIMIT;
    struct idx_rec_source rec = {0};
    VG_TRY(source_fill(b, &rec, info));
    void *sources = b->sources;
    if (!vg_grow(&sources, &b->source_cap, b->source_count + 1, sizeof(rec)))
        return VIGIL_ENOMEM;
    b->sources = sources;
    b->sources[b->source_count] = rec;
    *out = (uint32_t)b->source_count++;
    return VIGIL_OK;
}

vigil_status vigil_builder_add_source(vigil_builder *b,
                                      const vigil_source_info *info)
{
    if (!b || !info) return VIGIL_EINVAL;
    uint32_t source;
    VG_TRY(source_new(b, info, &source));
    b->current_source = source;
    return VIGIL_OK;
}

static bool has_name(const vigil_entity *entity)
{
    for (size_t i = 0; i < entity->prop_count; i++)
        if (vg_name_kind(entity->props[i].prop) >= 0 &&
            !vg_is_blank(entity->props[i].value))
            return true;
    return false;
}

static bool prop_present(const vigil_builder *b, const struct idx_bentity *e,
                         struct idx_rec_prop pv)
{
    for (uint32_t i = 0; i < e->prop_count; i++) {
        struct idx_rec_prop q = b->props[e->prop_first + i];
        if (q.prop == pv.prop && q.value == pv.value) return true;
    }
    return false;
}

static bool dataset_present(const vigil_builder *b, const struct idx_bentity *e,
                            uint32_t ds)
{
    for (uint32_t i = 0; i < e->dataset_count; i++)
        if (b->datasets[e->dataset_first + i] == ds) return true;
    return false;
}

/* Makes e's properties the last run of the props array, so that new ones
 * can be appended to it; the old run becomes garbage that write skips. */
static vigil_status props_to_end(vigil_builder *b, struct idx_bentity *e,
                                 size_t extra)
{
    bool at_end = e->prop_first + e->prop_count == b->prop_count;
    size_t need = b->prop_count + extra + (at_end ? 0 : e->prop_count);
    if (need > UINT32_MAX) return VIGIL_ELIMIT;
    void *props = b->props;
    if (!vg_grow(&props, &b->prop_cap, need, sizeof(*b->props)))
        return VIGIL_ENOMEM;
    b->props = props;
    if (!at_end) {
        memmove(b->props + b->prop_count, b->props + e->prop_first,
                e->prop_count * sizeof(*b->props));
        e->prop_first = (uint32_t)b->prop_count;
        b->prop_count += e->prop_count;
    }
    return VIGIL_OK;
}

static vigil_status datasets_to_end(vigil_builder *b, struct idx_bentity *e,
                                    size_t extra)
{
    bool at_end = e->dataset_first + e->dataset_count == b->dataset_count;
    size_t need = b->dataset_count + extra + (at_end ? 0 : e->dataset_count);
    if (need > UINT32_MAX) return VIGIL_ELIMIT;
    void *datasets = b->datasets;
    if (!vg_grow(&datasets, &b->dataset_cap, need, sizeof(*b->datasets)))
        return VIGIL_ENOMEM;
    b->datasets = datasets;
    if (!at_end) {
        memmove(b->datasets + b->dataset_count, b->datasets + e->dataset_first,
                e->dataset_count * sizeof(*b->datasets));
        e->dataset_first = (uint32_t)b->dataset_count;
        b->dataset_count += e->dataset_count;
    }
    return VIGIL_OK;
}

static vigil_status copy_values(vigil_builder *b, struct idx_bentity *e,
                                const vigil_entity *entity)
{
    VG_TRY(props_to_end(b, e, entity->prop_count));
    for (size_t i = 0; i < entity->prop_count; i++) {
        struct idx_rec_prop pv;
        VG_TRY(intern_str(b, entity->props[i].prop, &pv.prop));
        VG_TRY(intern_str(b, entity->props[i].value, &pv.value));
        if (prop_present(b, e, pv)) continue;
        b->props[b->prop_count++] = pv;
        e->prop_count++;
    }
    VG_TRY(datasets_to_end(b, e, entity->dataset_count));
    for (size_t i = 0; i < entity->dataset_count; i++) {
        uint32_t ds;
        VG_TRY(intern_str(b, entity->datasets[i], &ds));
        if (dataset_present(b, e, ds)) continue;
        b->datasets[b->dataset_count++] = ds;
        e->dataset_count++;
    }
    return VIGIL_OK;
}

static vigil_status current_source(vigil_builder *b, uint32_t *source)
{
    if (b->current_source == UINT32_MAX) {
        if (b->default_source == UINT32_MAX) {
            vigil_source_info info = {.name = "unnamed", .format = ""};
            VG_TRY(source_new(b, &info, &b->default_source));
        }
        b->current_source = b->default_source;
    }
    *source = b->current_source;
    return VIGIL_OK;
}

vigil_status vigil_builder_add(vigil_builder *b, const vigil_entity *entity)
{
    if (!b || !entity) return VIGIL_EINVAL;
    if (!entity->id || vg_is_blank(entity->id) || !has_name(entity))
        return VIGIL_EINVAL;
    uint32_t source, id;
    VG_TRY(current_source(b, &source));
    VG_TRY(intern_str(b, entity->id, &id));
    uint64_t key = (uint64_t)source << 32 | id;
    uint32_t found;
    size_t saved_props = b->prop_count, saved_datasets = b->dataset_count;
    vigil_status st;
    if (idx_map_get(&b->by_id, key, &found)) {
        struct idx_bentity *e = &b->entities[found], saved = *e;
        if (e->schema == VIGIL_SCHEMA_THING) e->schema = entity->schema;
        st = copy_values(b, e, entity);
        if (st != VIGIL_OK) *e = saved;
    } else {
        if (b->entity_count >= UINT32_MAX - 1) return VIGIL_ELIMIT;
        void *entities = b->entities;
        if (!vg_grow(&entities, &b->entity_cap, b->entity_count + 1,
                     sizeof(*b->entities)))
            return VIGIL_ENOMEM;
        b->entities = entities;
        struct idx_bentity *e = &b->entities[b->entity_count];
        *e = (struct idx_bentity){.id = id, .source = source,
                                  .schema = entity->schema,
                                  .prop_first = (uint32_t)b->prop_count,
                                  .dataset_first = (uint32_t)b->dataset_count};
        st = copy_values(b, e, entity);
        if (st == VIGIL_OK &&
            !idx_map_put(&b->by_id, key, (uint32_t)b->entity_count))
            st = VIGIL_ENOMEM;
        if (st == VIGIL_OK) {
            b->entity_count++;
            b->sources[source].entity_count++;
        }
    }
    if (st != VIGIL_OK) {
        b->prop_count = saved_props;
        b->dataset_count = saved_datasets;
    }
    return st;
}

/* ------------------------------------------------------------ loading */

/* vigil_load hands options->ctx to both callbacks, so the builder passes
 * its own options whose ctx is this, and forwards rejects to the caller's. */
struct load_ctx {
    vigil_builder *b;
    const char *path;
    const vigil_load_options *options;
    uint64_t refused;
};

static void forward_reject(void *ctx, const vigil_error *e)
{
    struct load_ctx *lc = ctx;
    if (lc->options && lc->options->on_reject)
        lc->options->on_reject(lc->options->ctx, e);
}

static vigil_status load_one(void *ctx, const vigil_entity *entity)
{
    struct load_ctx *lc = ctx;
    vigil_status st = vigil_builder_add(lc->b, entity);
    if (st != VIGIL_EINVAL) return st;
    lc->refused++;
    vigil_error e = {0};
    vg_fail(&e, VIGIL_EINVAL, lc->path, 0, "id",
            "entity \"%.64s\" has no id or no name; skipped",
            vigil_entity_id(entity));
    forward_reject(lc, &e);
    return VIGIL_OK;
}

/* Forgets every entity from `first` on (a failed load) and refills the id
 * map, which has no deletion, in its own room: fewer entries than it held,
 * so this cannot run out of memory. */
static void rollback(vigil_builder *b, size_t first, size_t props,
                     size_t datasets)
{
    b->entity_count = first;
    b->prop_count = props;
    b->dataset_count = datasets;
    idx_map_clear(&b->by_id);
    for (size_t i = 0; i < b->entity_count; i++) {
        const struct idx_bentity *e = &b->entities[i];
        idx_map_put(&b->by_id, (uint64_t)e->source << 32 | e->id, (uint32_t)i);
    }
}

vigil_status vigil_builder_load(vigil_builder *b, const char *path,
                                const vigil_load_options *options,
                                vigil_load_stats *stats, vigil_error *err)
{
    if (!b || !path) return vg_fail(err, VIGIL_EINVAL, path, 0, NULL, "no path");
    size_t first = b->entity_count, props = b->prop_count,
           datasets = b->dataset_count, sources = b->source_count;
    uint32_t prev_source = b->current_source, source;
    vigil_source_info empty = {0};
    vigil_status st = source_new(b, &empty, &source);
    if (st != VIGIL_OK) return vg_fail(err, st, path, 0, NULL, "adding source");
    b->current_source = source;

    struct load_ctx lc = {.b = b, .path = path, .options = options};
    vigil_load_options mine = options ? *options : (vigil_load_options){0};
    mine.on_reject = forward_reject;
    mine.ctx = &lc;
    vigil_load_stats local = {0};
    vigil_source_info info = {0};
    st = vigil_load(path, &mine, load_one, &local, &info, err);
    if (st == VIGIL_OK) {
        const char *name = info.name && *info.name ? info.name
                           : options && options->source_name
                               ? options->source_name : info.format;
        vigil_source_info named = info;
        named.name = name;
        st = source_fill(b, &b->sources[source], &named);
        if (st != VIGIL_OK) vg_fail(err, st, path, 0, NULL, "adding source");
    }
    if (st != VIGIL_OK) {
        b->source_count = sources;
        b->current_source = prev_source;
        rollback(b, first, props, datasets);
        return st;
    }
    local.accepted -= VG_MIN(local.accepted, lc.refused);
    local.rejected += lc.refused;
    if (stats) *stats = local;
    return VIGIL_OK;
}
