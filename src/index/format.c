/*
 * format.c — the parts of the index format that writer and reader must
 * compute identically: record sizes, the header check, hash-directory
 * sizing, deletion variants of a term key and the bounded edit distance that
 * confirms a typo candidate.  Changing any of them changes the file format.
 */
#include <stdlib.h>
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
    while (bits < 30 && (2ull << bits) < entries) bits++;
    return bits;
}

uint32_t idx_head_check(const struct idx_header *header,
                        const struct idx_section *table, size_t count)
{
    uint64_t h = vg_hash64(header, offsetof(struct idx_header, head_check), 0);
    h = vg_hash64(table, count * sizeof(*table), h);
    return (uint32_t)h;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

enum { MAX_VARIANTS = 1 + IDX_TYPO_MAX_LEN +
                      IDX_TYPO_MAX_LEN * (IDX_TYPO_MAX_LEN - 1) / 2 };

bool idx_deletion_variants(const char *key, size_t len, int deletions,
                           idx_variant_fn fn, void *ctx)
{
    if (len < 2 || len > IDX_TYPO_MAX_LEN || deletions <= 0)
        return fn(ctx, vg_hash64(key, len, IDX_SEED_DEL));
    uint64_t hashes[MAX_VARIANTS];
    size_t n = 0;
    char buf[IDX_TYPO_MAX_LEN];
    hashes[n++] = vg_hash64(key, len, IDX_SEED_DEL);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && key[i] == key[i - 1]) continue; /* same variant */
        memcpy(buf, key, i);
        memcpy(buf + i, key + i + 1, len - i - 1);
        hashes[n++] = vg_hash64(buf, len - 1, IDX_SEED_DEL);
    }
    if (deletions >= 2 && len > 2) {
        for (size_t i = 0; i < len; i++) {
            for (size_t j = i + 1; j < len; j++) {
                size_t k = 0;
                for (size_t p = 0; p < len; p++)
                    if (p != i && p != j) buf[k++] = key[p];
                hashes[n++] = vg_hash64(buf, len - 2, IDX_SEED_DEL);
            }
        }
    }
    qsort(hashes, n, sizeof(hashes[0]), compare_u64);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && hashes[i] == hashes[i - 1]) continue;
        if (!fn(ctx, hashes[i])) return false;
    }
    return true;
}

int idx_osa_distance(const char *a, size_t alen, const char *b, size_t blen,
                     int max)
{
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > (size_t)max) return max + 1;
    if (alen > IDX_TYPO_MAX_LEN + 2 || blen > IDX_TYPO_MAX_LEN + 2)
        return (alen == blen && memcmp(a, b, alen) == 0) ? 0 : max + 1;
    /* Three rows of the optimal-string-alignment table. */
    int rows[3][IDX_TYPO_MAX_LEN + 3];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= blen; j++) prev[j] = (int)j;
    int prev_min = 0;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
            if (best < row_min) row_min = best;
        }
        /* A transposition skips a row, so two rows must both exceed max. */
        if (row_min > max && prev_min > max) return max + 1;
        prev_min = row_min;
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[blen] > max ? max + 1 : prev[blen];
}
