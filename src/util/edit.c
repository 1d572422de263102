/*
 * edit.c — bounded optimal-string-alignment distance (Levenshtein plus the
 * transposition of two adjacent bytes as one edit), shared by the index,
 * which confirms typo candidates with it, and the matcher, which scores
 * tokens with it.
 *
 * When the shorter string fits a machine word (64 bytes, every real name
 * token) Hyyrö's bit-parallel algorithm computes a whole column of the
 * table in a dozen word operations per byte of the other string, and only
 * the table entries of bytes that occur are initialized, so a call costs no
 * memset.  Longer pairs fall back to three rolling rows of the table that
 * stop as soon as a whole row exceeds the bound.
 */
#include <string.h>

#include "vg.h"

#define STACK_ROW 128

/* Hyyrö (2003), "A bit-vector algorithm for computing Levenshtein and
 * Damerau edit distances"; needs 1 <= alen <= 64. */
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

/* Rows previous-but-one (for transpositions), previous and current.  A
 * whole row above max ends the search: every later cell, a transposition
 * included, costs at least one more than some cell of that row. */
static int osa_rows(const char *a, size_t alen, const char *b, size_t blen,
                    int max, int *rows)
{
    int *prev2 = rows, *prev = rows + (blen + 1), *cur = rows + 2 * (blen + 1);
    for (size_t j = 0; j <= blen; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            int d = prev[j - 1] + (a[i - 1] != b[j - 1]);
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
    return prev[blen];
}

int vg_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                     int max)
{
    if (max < 0) max = 0;
    if (alen > blen) { /* the distance is symmetric; a is the shorter */
        const char *s = a;
        a = b;
        b = s;
        size_t n = alen;
        alen = blen;
        blen = n;
    }
    if (blen - alen > (size_t)max) return max + 1;
    if (alen == 0) return (int)blen;
    int d;
    if (alen <= 64) {
        d = osa_bitparallel(a, alen, b, blen);
    } else {
        int stack_rows[3 * (STACK_ROW + 1)];
        int *rows = blen > STACK_ROW ? vg_malloc(3 * (blen + 1) * sizeof(int))
                                     : stack_rows;
        /* Without memory the distance is unknown: report "too far". */
        if (!rows) return max + 1;
        d = osa_rows(a, alen, b, blen, max, rows);
        if (rows != stack_rows) vg_free(rows);
    }
    return d > max ? max + 1 : d;
}
