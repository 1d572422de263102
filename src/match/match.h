/*
 * match.h — library-internal pieces of the matcher shared between
 * candidate generation, scoring and vigil_compare.
 */
#ifndef VG_MATCH_H
#define VG_MATCH_H

#include "../index/index.h"

/* Jaro-Winkler similarity of two ASCII strings, 0..1. */
double match_jaro_winkler(const char *a, size_t alen, const char *b,
                          size_t blen);
/* Damerau-Levenshtein (optimal string alignment) distance, capped at max+1. */
int match_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                        int max);

#endif /* VG_MATCH_H */
