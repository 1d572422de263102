/*
 * similarity.c — string similarity of single tokens: Jaro-Winkler, capped
 * optimal-string-alignment edit distance, and the blend of both that the
 * scorer calls "fuzzy".
 *
 * Jaro-Winkler alone is too generous on short tokens ("Kim" ~ "Kin" 0.82)
 * and edit distance alone too harsh ("Jon" ~ "John" 0.75); their mean is
 * about right for both, so the blend decides whether two tokens are a typo
 * of each other.  Tokens are short; work arrays live on the stack and only
 * strings longer than MAX_STACK fall back to the heap.
 */
#include <string.h>

#include "match.h"

#define MAX_STACK 128

double match_jaro_winkler(const char *a, size_t alen, const char *b,
                          size_t blen)
{
    if (alen == 0 && blen == 0) return 1.0;
    if (alen == 0 || blen == 0) return 0.0;
    bool stack_a[MAX_STACK], stack_b[MAX_STACK];
    bool *ma = stack_a, *mb = stack_b;
    if (alen > MAX_STACK || blen > MAX_STACK) {
        ma = vg_calloc(alen, sizeof(bool));
        mb = vg_calloc(blen, sizeof(bool));
        if (!ma || !mb) {
            vg_free(ma);
            vg_free(mb);
            return 0.0;
        }
    } else {
        memset(ma, 0, alen);
        memset(mb, 0, blen);
    }
    size_t longer = alen > blen ? alen : blen;
    /* The textbook window, floor(longer / 2) - 1, is 0 for three letters,
     * so a swap of two ("CFI" / "FCI") would share one letter of three:
     * three-letter words get the window of four. */
    size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
    if (longer == 3) window = 1;
    size_t matches = 0;
    for (size_t i = 0; i < alen; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
        for (size_t j = lo; j < hi; j++) {
            if (mb[j] || a[i] != b[j]) continue;
            ma[i] = mb[j] = true;
            matches++;
            break;
        }
    }
    double jw = 0.0;
    if (matches) {
        size_t half_transpositions = 0;
        for (size_t i = 0, j = 0; i < alen; i++) {
            if (!ma[i]) continue;
            while (!mb[j]) j++;
            if (a[i] != b[j]) half_transpositions++;
            j++;
        }
        double m = (double)matches;
        double jaro = (m / (double)alen + m / (double)blen +
                       (m - (double)half_transpositions / 2.0) / m) / 3.0;
        size_t prefix = 0;
        while (prefix < 4 && prefix < alen && prefix < blen &&
               a[prefix] == b[prefix])
            prefix++;
        jw = jaro > 0.7 ? jaro + (double)prefix * 0.1 * (1.0 - jaro) : jaro;
    }
    if (ma != stack_a) {
        vg_free(ma);
        vg_free(mb);
    }
    return jw;
}

/* The algorithm lives in src/util/edit.c, shared with the index. */
int match_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                        int max)
{
    return vg_edit_distance(a, alen, b, blen, max);
}

double match_fuzzy_similarity(const char *a, size_t alen, const char *b,
                              size_t blen)
{
    size_t longer = alen > blen ? alen : blen;
    if (longer == 0) return 0.0;
    /* The blend reaches the floor only when edit similarity >= 2*floor-1. */
    int max_edits =
        (int)((double)longer * (2.0 * (1.0 - MATCH_FUZZY_FLOOR)) + 1e-9);
    if (max_edits < 1) return 0.0;
    int d = match_edit_distance(a, alen, b, blen, max_edits);
    if (d > max_edits) return 0.0;
    double edit_sim = 1.0 - (double)d / (double)longer;
    double sim = 0.5 * match_jaro_winkler(a, alen, b, blen) + 0.5 * edit_sim;
    if (sim < (d >= 2 ? MATCH_FUZZY_FLOOR_TWO : MATCH_FUZZY_FLOOR)) return 0.0;
    return sim > MATCH_FUZZY_CEIL ? MATCH_FUZZY_CEIL : sim;
}

double match_resemblance(const char *a, size_t alen, const char *b,
                         size_t blen)
{
    size_t longer = alen > blen ? alen : blen;
    if (longer == 0) return 0.0;
    int max_edits = (int)(longer / 2);
    int d = match_edit_distance(a, alen, b, blen, max_edits);
    if (d > max_edits) return 0.0;
    double edit_sim = 1.0 - (double)d / (double)longer;
    return 0.5 * match_jaro_winkler(a, alen, b, blen) + 0.5 * edit_sim;
}
