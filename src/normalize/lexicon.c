/*
 * lexicon.c — exact-word lookup in the normalizer's static tables (name
 * families, surnames, particles, legal forms, generic words).  Every token
 * of every name is looked up in several tables, so a hashed index (one
 * hash, usually one string compare) replaces binary search (eight string
 * compares).  An index is built once, on first use, by the module that
 * owns the table; it never changes afterwards, so readers need no lock.
 */
#include <string.h>

#include "norm_internal.h"

void norm_lexicon_build(struct norm_lexicon *lx, const void *entries,
                        size_t count, size_t stride)
{
    lx->entries = entries;
    lx->count = count;
    lx->stride = stride;
    memset(lx->slots, 0, sizeof(lx->slots));
    for (size_t i = 0; i < count && i < NORM_LEXICON_SLOTS / 2; i++) {
        const char *word = *(const char *const *)((const char *)entries +
                                                  i * stride);
        size_t slot = vg_hash_str(word) & (NORM_LEXICON_SLOTS - 1);
        while (lx->slots[slot]) slot = (slot + 1) & (NORM_LEXICON_SLOTS - 1);
        lx->slots[slot] = (uint16_t)(i + 1);
    }
}

const void *norm_lexicon_find(const struct norm_lexicon *lx, const char *word)
{
    size_t slot = vg_hash_str(word) & (NORM_LEXICON_SLOTS - 1);
    for (uint16_t entry; (entry = lx->slots[slot]);
         slot = (slot + 1) & (NORM_LEXICON_SLOTS - 1)) {
        const char *e = (const char *)lx->entries + (entry - 1) * lx->stride;
        if (!strcmp(*(const char *const *)e, word)) return e;
    }
    return NULL;
}
