/*
 * hangul.c — Hangul to the Latin spelling of the UN and OFAC DPRK entries
 * (the DPRK national system without breves: 김정은 -> Kim Jong Un,
 * 최룡해 -> Choe Ryong Hae, 평양 -> Phyongyang).  ICU has no such
 * transform (its Hangul-Latin is letter-by-letter Revised Romanization).
 *
 * Each precomposed syllable decomposes arithmetically into initial, vowel
 * and final (names.md §1.1).  Inside one word a plain initial ㄱ ㄷ ㅂ is
 * voiced (g d b) after a vowel or a voiced final (n, m, ng, l), and the
 * consonant clusters that the list spelling assimilates (압록 -> amnok,
 * 천리마 -> chollima) are assimilated, so place and company words come out
 * as the lists write them.
 */
#include <string.h>

#include "translit.h"

enum { L_COUNT = 19, V_COUNT = 21, T_COUNT = 28 };

/* Initial consonants in L order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ */
static const char *const initial_plain[L_COUNT] = {
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s",
    "ss", "", "j", "jj", "ch", "k", "th", "ph", "h",
};
static const char *const initial_voiced[L_COUNT] = {
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
    "ss", "", "j", "jj", "ch", "k", "th", "ph", "h",
};

/* Vowels in V order: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ */
static const char *const vowel_latin[V_COUNT] = {
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i",
};

/* The seven final sounds (names.md §1.4), by T index. */
enum final_sound { F_NONE, F_K, F_N, F_T, F_L, F_M, F_P, F_NG };
static const unsigned char final_sound[T_COUNT] = {
    F_NONE, F_K, F_K, F_K, F_N, F_N, F_N, F_T, F_L, F_K,
    F_M, F_L, F_L, F_L, F_P, F_L, F_M, F_P, F_P, F_T,
    F_T, F_NG, F_T, F_T, F_K, F_T, F_P, F_T,
};
static const char *const final_latin[] = {
    [F_NONE] = "", [F_K] = "k", [F_N] = "n", [F_T] = "t",
    [F_L] = "l", [F_M] = "m", [F_P] = "p", [F_NG] = "ng",
};

enum { L_G = 0, L_N = 2, L_D = 3, L_R = 5, L_M = 6, L_B = 7 };

struct syllable {
    int l, v;
    enum final_sound f;
};

static struct syllable decompose(uint32_t cp)
{
    uint32_t s = cp - 0xAC00;
    struct syllable syl = {(int)(s / 588), (int)(s % 588 / 28),
                           (enum final_sound)final_sound[s % 28]};
    return syl;
}

/* Assimilation across a syllable boundary inside a word, as the lists
 * spell place and company names: stops before nasals become nasals,
 * ㄹ after a consonant other than ㄹ becomes n (after n: both l). */
static void assimilate(struct syllable *prev, struct syllable *cur,
                       const char **initial_override)
{
    *initial_override = NULL;
    if (cur->l == L_R) {
        if (prev->f == F_N) {
            prev->f = F_L;                     /* 천리마 chollima */
            *initial_override = "l";
        } else if (prev->f == F_K || prev->f == F_P || prev->f == F_T ||
                   prev->f == F_M || prev->f == F_NG) {
            *initial_override = "n";           /* 압록 amnok */
            if (prev->f == F_K) prev->f = F_NG;
            else if (prev->f == F_P) prev->f = F_M;
            else if (prev->f == F_T) prev->f = F_N;
        } else if (prev->f == F_L) {
            *initial_override = "l";           /* 철령 chollyong */
        }
    } else if (cur->l == L_N || cur->l == L_M) {
        if (prev->f == F_K) prev->f = F_NG;    /* 국민 kungmin */
        else if (prev->f == F_P) prev->f = F_M;
        else if (prev->f == F_T) prev->f = F_N;
    }
}

static bool voiced_end(enum final_sound f)
{
    return f == F_NONE || f == F_N || f == F_M || f == F_NG || f == F_L;
}

struct out {
    char *data;
    size_t len, size;
};

static void put(struct out *o, const char *s)
{
    for (; *s && o->len + 1 < o->size; s++) o->data[o->len++] = *s;
    o->data[o->len] = '\0';
}

size_t tl_hangul_latin(const uint32_t *cps, size_t n, bool assimilated,
                       char *out, size_t size)
{
    if (size == 0) return 0;
    struct out o = {out, 0, size};
    out[0] = '\0';
    struct syllable syl[64];
    size_t count = 0;
    for (size_t i = 0; i < n && count < VG_ARRAY_LEN(syl); i++)
        if (tl_is_hangul_syllable(cps[i])) syl[count++] = decompose(cps[i]);
    const char *initials[64];
    for (size_t i = 0; i < count; i++) {
        const char *override = NULL;
        if (i > 0 && assimilated) assimilate(&syl[i - 1], &syl[i], &override);
        bool voiced = i > 0 && voiced_end(syl[i - 1].f);
        initials[i] = override ? override
                               : (voiced ? initial_voiced : initial_plain)[syl[i].l];
    }
    for (size_t i = 0; i < count; i++) {
        put(&o, initials[i]);
        put(&o, vowel_latin[syl[i].v]);
        put(&o, final_latin[syl[i].f]);
    }
    return o.len;
}

bool tl_hangul_double_surname(const uint32_t *cps, size_t n)
{
    /* 남궁 황보 선우 제갈 사공 서문 독고 동방 */
    static const uint32_t pairs[][2] = {
        {0xB0A8, 0xAD81}, {0xD669, 0xBCF4}, {0xC120, 0xC6B0},
        {0xC81C, 0xAC08}, {0xC0AC, 0xACF5}, {0xC11C, 0xBB38},
        {0xB3C5, 0xACE0}, {0xB3D9, 0xBC29},
    };
    if (n < 2) return false;
    for (size_t i = 0; i < VG_ARRAY_LEN(pairs); i++)
        if (cps[0] == pairs[i][0] && cps[1] == pairs[i][1]) return true;
    return false;
}
