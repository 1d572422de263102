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
    size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
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

/* Three rolling rows: previous-but-one (for transpositions), previous,
 * current.  Stops early once a whole row exceeds max. */
static int osa_rows(const char *a, size_t alen, const char *b, size_t blen,
                    int max, int *rows)
{
    int *prev2 = rows, *prev = rows + (blen + 1), *cur = rows + 2 * (blen + 1);
    for (size_t j = 0; j <= blen; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int d = prev[j - 1] + cost;
            if (prev[j] + 1 < d) d = prev[j] + 1;
            if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
            if (d < row_min) row_min = d;
        }
        if (row_min > max) return max + 1;
        int *spare = prev2;
        prev2 = prev;
        prev = cur;
        cur = spare;
    }
    return prev[blen] > max ? max + 1 : prev[blen];
}

/* Hyyrö's bit-parallel optimal-string-alignment distance (2003): one
 * machine word holds a column of the DP matrix, so a pattern of up to 64
 * bytes costs a dozen word operations per text byte instead of a row of
 * the matrix.  Only the table entries of bytes that occur are cleared, so
 * a short pair costs no 2 KiB memset. */
static int osa_bitparallel(const char *a, size_t alen, const char *b,
                           size_t blen)
{
    uint64_t peq[256]; /* only the entries of bytes in a or b are read */
    for (size_t j = 0; j < blen; j++) peq[(unsigned char)b[j]] = 0;
    for (size_t i = 0; i < alen; i++) peq[(unsigned char)a[i]] = 0;
    for (size_t i = 0; i < alen; i++)
        peq[(unsigned char)a[i]] |= UINT64_C(1) << i;
    uint64_t vp = ~UINT64_C(0), vn = 0, d0 = 0, pm_old = 0;
    uint64_t last = UINT64_C(1) << (alen - 1);
    int dist = (int)alen;
    for (size_t j = 0; j < blen; j++) {
        uint64_t pm = peq[(unsigned char)b[j]];
        uint64_t tr = (((~d0) & pm) << 1) & pm_old;
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
        uint64_t hp = vn | ~(d0 | vp);
        uint64_t hn = d0 & vp;
        dist += (hp & last) != 0;
        dist -= (hn & last) != 0;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_old = pm;
    }
    return dist;
}

int match_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                        int max)
{
    if (max < 0) max = 0;
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > (size_t)max) return max + 1;
    if (alen == 0 || blen == 0) return (int)(alen + blen);
    if (alen <= 64) {
        int d = osa_bitparallel(a, alen, b, blen);
        return d > max ? max + 1 : d;
    }
    int stack_rows[3 * (MAX_STACK + 1)];
    int *rows = stack_rows;
    if (blen > MAX_STACK) {
        rows = vg_malloc(3 * (blen + 1) * sizeof(int));
        /* Without memory the distance is unknown: report "too far". */
        if (!rows) return max + 1;
    }
    int d = osa_rows(a, alen, b, blen, max, rows);
    if (rows != stack_rows) vg_free(rows);
    return d;
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
    if (sim < MATCH_FUZZY_FLOOR) return 0.0;
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
