/*
 * index.h — the library-internal view of an open index (struct vigil_index),
 * used by the matcher.  The file format is specified in docs/index-format.md.
 *
 * Everything here reads the memory-mapped file without copying or parsing.
 * Numbers: entities 0..entity_count-1, names 0..name_count-1 (each name
 * belongs to one entity), terms 0..term_count-1 (the distinct token keys).
 */
#ifndef VG_INDEX_H
#define VG_INDEX_H

#include "../model/model.h"
#include "../normalize/normalize.h"

/* One stored name of an entity. */
struct idx_name {
    uint32_t entity;
    enum vg_name_kind kind;
    const char *text;      /* the name as listed */
    uint32_t token_count;
};

/* One stored token of a name: the normalize.h fields, as built. */
struct idx_token {
    const char *orig;
    const char *latin;
    const char *key;
    const char *path;
    enum norm_script script;
    enum norm_class cls;
    unsigned flags;
    uint32_t term;         /* term number of key */
};

uint32_t idx_name_count(const vigil_index *ix);
void idx_name_get(const vigil_index *ix, uint32_t name, struct idx_name *out);
void idx_name_token(const vigil_index *ix, uint32_t name, uint32_t i,
                    struct idx_token *out);
/* Names of an entity: first name number and count (names of one entity are
 * numbered consecutively). */
void idx_entity_names(const vigil_index *ix, uint32_t entity, uint32_t *first,
                      uint32_t *count);

/* Term dictionary.  Terms are the keys of listed tokens, plus the
 * concatenation of the keys of every two adjacent word tokens of a name
 * (so "jongun" finds "Jong Un"). */
uint32_t idx_term_count(const vigil_index *ix);
bool idx_term_find(const vigil_index *ix, const char *key, size_t len,
                   uint32_t *term);
const char *idx_term_key(const vigil_index *ix, uint32_t term);
/* The term of the consonant skeleton (norm_skeleton) of a Latin form, which
 * every listed word also posts under: how Arabic-script query words, whose
 * vowels are guesses, reach Latin listings. */
bool idx_skeleton_find(const vigil_index *ix, const char *latin,
                       uint32_t *term);
/* Number of distinct names containing the term (O(1)), and its inverse
 * document frequency log(1 + N / df) over names. */
uint32_t idx_term_df(const vigil_index *ix, uint32_t term);
float idx_term_idf(const vigil_index *ix, uint32_t term);
/* Ascending name numbers that contain the term (as a token, or as a joined
 * pair when the term is a join).  O(1).  Every number is below
 * idx_name_count (open checked the whole postings section), so callers may
 * index arrays by them even in a damaged file; ascent is guaranteed only
 * for a file that passed vigil_index_verify, so do not rely on it for
 * memory safety (see docs/index-format.md, "The postings invariant"). */
const uint32_t *idx_term_postings(const vigil_index *ix, uint32_t term,
                                  uint32_t *count);

/* Typo neighbourhood: calls fn for every term within edit distance
 * `max_edits` (1 or 2) of key, found through the deletion-neighbourhood
 * table without scanning the dictionary.  fn may return false to stop. */
typedef bool (*idx_term_fn)(void *ctx, uint32_t term);
void idx_term_neighbours(const vigil_index *ix, const char *key, size_t len,
                         int max_edits, idx_term_fn fn, void *ctx);
/* Calls fn with the term of every listed word's Latin form within one edit
 * of latin; with max_edits 2 also the two-edit ones that one deletion on
 * the listed side reaches (the table holds one-deletion variants only).
 * The term's postings are the names holding the word; idx_term_key gives
 * its Latin form behind a one-byte prefix.  A one-letter typo can be
 * several edits away in key space, never in Latin space. */
void idx_latin_neighbours(const vigil_index *ix, const char *latin,
                          size_t len, int max_edits, idx_term_fn fn,
                          void *ctx);

/* Secondary evidence, normalized at build time. */
size_t idx_entity_birth_dates(const vigil_index *ix, uint32_t entity,
                              struct vg_date *out, size_t max);
/* ISO alpha-2 codes, each 2 chars (not NUL-terminated) at out[2*i]. */
size_t idx_entity_countries(const vigil_index *ix, uint32_t entity,
                            char *out, size_t max);
struct idx_identifier {
    const char *prop;      /* "passportNumber", "imoNumber", ... */
    const char *value;     /* as listed */
    const char *normal;    /* vg_identifier_normalize form */
};
size_t idx_entity_identifier_count(const vigil_index *ix, uint32_t entity);
void idx_entity_identifier(const vigil_index *ix, uint32_t entity, size_t i,
                           struct idx_identifier *out);

#endif /* VG_INDEX_H */
