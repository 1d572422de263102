/*
 * format.c — the parts of the index format that writer and reader must
 * compute identically: record sizes, the header check, hash-directory
 * sizing and the deletion variants of a term key.  Changing any of them
 * changes the file format.
 */
#include <string.h>

#include "format.h"

const uint32_t idx_record_size[IDX_SEC_LAST + 1] = {
    [IDX_SEC_STRINGS] = 1,
    [IDX_SEC_SOURCES] = sizeof(struct idx_rec_source),
    [IDX_SEC_ENTITIES] = sizeof(struct idx_rec_entity),
    [IDX_SEC_PROPS] = sizeof(struct idx_rec_prop),
    [IDX_SEC_DATASETS] = sizeof(uint32_t),
    [IDX_SEC_DATES] = sizeof(struct idx_rec_date),
    [IDX_SEC_COUNTRIES] = 2,
    [IDX_SEC_IDENTS] = sizeof(struct idx_rec_ident),
    [IDX_SEC_NAMES] = sizeof(struct idx_rec_name),
    [IDX_SEC_TOKENS] = sizeof(struct idx_rec_token),
    [IDX_SEC_TERMS] = sizeof(struct idx_rec_term),
    [IDX_SEC_POSTINGS] = sizeof(uint32_t),
    [IDX_SEC_TERM_DIR] = sizeof(uint32_t),
    [IDX_SEC_TERM_HASH] = sizeof(struct idx_rec_slot),
    [IDX_SEC_ID_DIR] = sizeof(uint32_t),
    [IDX_SEC_ID_HASH] = sizeof(struct idx_rec_slot),
    [IDX_SEC_DEL_DIR] = sizeof(uint32_t),
    [IDX_SEC_DEL_HASH] = sizeof(struct idx_rec_slot),
};

const char *const idx_section_name[IDX_SEC_LAST + 1] = {
    [0] = "header",
    [IDX_SEC_STRINGS] = "strings",
    [IDX_SEC_SOURCES] = "sources",
    [IDX_SEC_ENTITIES] = "entities",
    [IDX_SEC_PROPS] = "props",
    [IDX_SEC_DATASETS] = "datasets",
    [IDX_SEC_DATES] = "dates",
    [IDX_SEC_COUNTRIES] = "countries",
    [IDX_SEC_IDENTS] = "identifiers",
    [IDX_SEC_NAMES] = "names",
    [IDX_SEC_TOKENS] = "tokens",
    [IDX_SEC_TERMS] = "terms",
    [IDX_SEC_POSTINGS] = "postings",
    [IDX_SEC_TERM_DIR] = "term directory",
    [IDX_SEC_TERM_HASH] = "term hash",
    [IDX_SEC_ID_DIR] = "id directory",
    [IDX_SEC_ID_HASH] = "id hash",
    [IDX_SEC_DEL_DIR] = "deletion directory",
    [IDX_SEC_DEL_HASH] = "deletion hash",
};

unsigned idx_dir_bits(uint64_t entries)
{
    unsigned bits = 0;
    while (bits < 30 && (4ull << bits) < entries) bits++;
    return bits;
}

uint32_t idx_head_check(const struct idx_header *header,
                        const struct idx_section *table, size_t count)
{
    uint64_t h = vg_hash64(header, offsetof(struct idx_header, head_check), 0);
    h = vg_hash64(table, count * sizeof(*table), h);
    return (uint32_t)h;
}

enum { VARIANT_SLOTS = 2048 }; /* > 2 * (1 + 40 + 40 * 39 / 2) */

/* A set of the variant hashes of one key, so each is reported once.  Only
 * the first `mask + 1` slots are used: at least twice the key's variant
 * count, so a query pays for clearing what its key needs, not all slots. */
struct variant_set {
    uint64_t slots[VARIANT_SLOTS];
    bool used[VARIANT_SLOTS];
    size_t mask;
    enum idx_variant_use use;
    int deletions;
    size_t del2_min, del2_max; /* lengths of the stored two-deletion
                                  variants a probe can meet */
    idx_variant_fn fn;
    void *ctx;
    bool stopped;
};

static void report_hash(struct variant_set *set, uint64_t h)
{
    if (set->stopped) return;
    size_t i = h & set->mask;
    for (; set->used[i]; i = (i + 1) & set->mask)
        if (set->slots[i] == h) return;
    set->used[i] = true;
    set->slots[i] = h;
    if (!set->fn(set->ctx, h)) set->stopped = true;
}

/* A variant `deleted` bytes short of its key.  Stored variants go under
 * the seed of their deletion count; a probe asks both seeds when it reaches
 * two edits (its variants meet the listed ones with up to two deletions). */
static void report(struct variant_set *set, const char *s, size_t len,
                   int deleted)
{
    if (set->use == IDX_VARIANTS_STORED) {
        report_hash(set, vg_hash64(s, len, deleted == 2 ? IDX_SEED_DEL2
                                                        : IDX_SEED_DEL));
        return;
    }
    report_hash(set, vg_hash64(s, len, IDX_SEED_DEL));
    if (set->deletions >= 2 && len >= set->del2_min && len <= set->del2_max)
        report_hash(set, vg_hash64(s, len, IDX_SEED_DEL2));
}

bool idx_deletion_variants(const char *key, size_t len, int deletions,
                           enum idx_variant_use use, idx_variant_fn fn,
                           void *ctx)
{
    if (len < 2 || len > IDX_TYPO_MAX_LEN || deletions <= 0)
        return fn(ctx, vg_hash64(key, len, IDX_SEED_DEL));
    struct variant_set set;
    /* Only terms of IDX_DEL2_MIN_LEN..MAX_LEN bytes (Latin forms: their
     * letters, behind the prefix) store two-deletion variants. */
    bool latin = key[0] == IDX_LATIN_PREFIX;
    set.del2_min = latin ? IDX_LATIN_DEL2_MIN_LEN - 1 : IDX_DEL2_MIN_LEN - 2;
    set.del2_max = latin ? IDX_LATIN_DEL2_MAX_LEN - 1 : IDX_DEL2_MAX_LEN - 2;
    size_t variants = 1 + len + (deletions >= 2 ? len * (len - 1) / 2 : 0);
    /* A probe asks the second seed too only for keys short enough to have
     * variants of those lengths (at most 14 bytes: 2 x 106 variants), so
     * no key needs more than 1 + 40 + 780 slots' worth. */
    if (use == IDX_VARIANTS_PROBED && deletions >= 2 && len <= set.del2_max + 2)
        variants *= 2;
    set.mask = 63;
    while (set.mask + 1 < 2 * variants) set.mask = 2 * set.mask + 1;
    memset(set.used, 0, set.mask + 1);
    set.use = use;
    set.deletions = deletions;
    set.fn = fn;
    set.ctx = ctx;
    set.stopped = false;
    char buf[IDX_TYPO_MAX_LEN];
    report(&set, key, len, 0);
    /* A Latin form's prefix byte stays: without it a variant would be a
     * key's, and land in the buckets of the other kind of term. */
    size_t first = latin ? 1 : 0;
    for (size_t i = first; i < len; i++) {
        if (i > first && key[i] == key[i - 1]) continue; /* same variant */
        memcpy(buf, key, i);
        memcpy(buf + i, key + i + 1, len - i - 1);
        report(&set, buf, len - 1, 1);
        if (deletions < 2 || len < 3) continue;
        /* buf is key without i; delete one more at j > i. */
        for (size_t j = i; j < len - 1; j++) {
            if (j > i && buf[j] == buf[j - 1]) continue;
            char two[IDX_TYPO_MAX_LEN];
            memcpy(two, buf, j);
            memcpy(two + j, buf + j + 1, len - 2 - j);
            report(&set, two, len - 2, 2);
        }
    }
    return !set.stopped;
}

bool idx_skeleton_key(const char *latin, char *out, size_t size)
{
    if (size < 2 || !norm_skeleton(latin, out + 1, size - 1)) return false;
    out[0] = IDX_SKELETON_PREFIX;
    return true;
}

bool idx_latin_key(const char *latin, size_t len, char *out, size_t size)
{
    if (len == 0 || len + 1 > IDX_TYPO_MAX_LEN || len + 2 > size) return false;
    out[0] = IDX_LATIN_PREFIX;
    memcpy(out + 1, latin, len);
    out[len + 1] = '\0';
    return true;
}
