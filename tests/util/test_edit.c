/* vg_edit_distance against the textbook optimal-string-alignment table on
 * random strings over small alphabets (so that repeats, transpositions and
 * near misses are common), at lengths on both sides of the 64-byte word of
 * the bit-parallel path, and with every bound from 0 to past the answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/vg.h"

enum { MAX_LEN = 150 };

/* The full table, no bound: the definition the fast paths must agree with. */
static int osa_reference(const char *a, size_t n, const char *b, size_t m)
{
    static int d[MAX_LEN + 1][MAX_LEN + 1];
    for (size_t i = 0; i <= n; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

static uint64_t rng = 88172645463325252u;

static unsigned next_random(unsigned below)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % below);
}

/* b is a, edited a few times, or unrelated. */
static size_t random_pair(char *a, size_t *alen, char *b, unsigned alphabet,
                          size_t max_len)
{
    *alen = next_random((unsigned)max_len + 1);
    for (size_t i = 0; i < *alen; i++) a[i] = (char)('a' + next_random(alphabet));
    size_t blen = *alen;
    memcpy(b, a, blen);
    unsigned edits = next_random(6);
    for (unsigned e = 0; e < edits; e++) {
        size_t at = blen ? next_random((unsigned)blen) : 0;
        switch (next_random(4)) {
        case 0: /* substitute */
            if (blen) b[at] = (char)('a' + next_random(alphabet));
            break;
        case 1: /* delete */
            if (blen) memmove(b + at, b + at + 1, --blen - at);
            break;
        case 2: /* insert */
            if (blen < max_len) {
                memmove(b + at + 1, b + at, blen++ - at);
                b[at] = (char)('a' + next_random(alphabet));
            }
            break;
        default: /* transpose */
            if (at + 1 < blen) {
                char c = b[at];
                b[at] = b[at + 1];
                b[at + 1] = c;
            }
        }
    }
    if (next_random(8) == 0) { /* unrelated */
        blen = next_random((unsigned)max_len + 1);
        for (size_t i = 0; i < blen; i++) b[i] = (char)('a' + next_random(alphabet));
    }
    return blen;
}

static void agrees_with_the_table(size_t max_len)
{
    char a[MAX_LEN], b[MAX_LEN];
    for (int round = 0; round < 4000; round++) {
        size_t alen, blen = random_pair(a, &alen, b, 2 + next_random(5), max_len);
        int want = osa_reference(a, alen, b, blen);
        for (int max = 0; max <= want + 1; max++) {
            int expect = want > max ? max + 1 : want;
            if (vg_edit_distance(a, alen, b, blen, max) != expect ||
                vg_edit_distance(b, blen, a, alen, max) != expect)
                fail_msg("\"%.*s\" vs \"%.*s\" within %d: expected %d, got %d",
                         (int)alen, a, (int)blen, b, max, expect,
                         vg_edit_distance(a, alen, b, blen, max));
        }
    }
}

static void short_strings_match_the_table(void **state)
{
    (void)state;
    agrees_with_the_table(20);
}

static void strings_around_one_machine_word_match_the_table(void **state)
{
    (void)state;
    agrees_with_the_table(MAX_LEN);
}

static void known_distances(void **state)
{
    (void)state;
    assert_int_equal(vg_edit_distance("kim", 3, "kim", 3, 2), 0);
    assert_int_equal(vg_edit_distance("jon", 3, "john", 4, 2), 1);
    assert_int_equal(vg_edit_distance("ahmad", 5, "ahmda", 5, 2), 1);
    assert_int_equal(vg_edit_distance("ca", 2, "abc", 3, 5), 3); /* OSA, not Damerau */
    assert_int_equal(vg_edit_distance("", 0, "abc", 3, 5), 3);
    assert_int_equal(vg_edit_distance("", 0, "abc", 3, 1), 2);
    assert_int_equal(vg_edit_distance("mohammed", 8, "muhamad", 7, 1), 2);
    assert_int_equal(vg_edit_distance("abc", 3, "xyz", 3, -1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_distances),
        cmocka_unit_test(short_strings_match_the_table),
        cmocka_unit_test(strings_around_one_machine_word_match_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
