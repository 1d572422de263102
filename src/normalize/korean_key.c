/*
 * korean_key.c — the Korean strict key: one key for every Latin spelling of
 * a Korean name syllable (List "Jong", McCune-Reischauer "Chong" with its
 * breve and apostrophe gone, Revised "Jeong", informal "Chung", "Jung").
 *
 * A token is read as 1-NORM_KOREAN_MAX syllables of (initial)(vowel)(final)
 * drawn from the spellings those systems use; the first full parse, longest
 * pieces first, wins.  Each piece maps to a key piece on its own, so the key
 * of a joined given name is the concatenation of its syllables' keys
 * ("jongun" = "jong" + "un").  Consonants fold to the voiced letter (k, g,
 * kk, kh -> g; ch, j -> j; t, d, th -> d; p, b, ph -> b; l, r -> r): the
 * voiced choice keeps "n" + "g..." and "ng" + vowel equal, so where a
 * syllable boundary falls does not change the key.  Vowels fold the
 * systems' spellings of one jamo (eo, o -> o; eu, u, oo -> u; yeo, yo ->
 * yo; oe, oi, we, wae -> we; ui, ee -> i), and u before final ng or l
 * folds to o, the informal "Sung", "Chung", "Chul" of 성, 정, 철.  Whole
 * tokens in the surname table override the rules (Lee, Rhee, Yi -> ri).
 * docs/normalization.md lists what this merges and what it costs.
 */
#include <stdlib.h>
#include <string.h>

#include "norm_internal.h"

#define NORM_KOREAN_MAX 4 /* syllables in one token */

struct piece {
    const char *spell;
    const char *key;
};

/* Longest spellings first: the parser takes the first that fits. */
static const struct piece initials[] = {
    {"tch", "j"}, {"chh", "j"}, {"kk", "g"}, {"tt", "d"}, {"pp", "b"},
    {"ss", "s"}, {"jj", "j"}, {"ch", "j"}, {"th", "d"}, {"ph", "b"},
    {"sh", "s"}, {"rh", "r"}, {"k", "g"}, {"g", "g"}, {"n", "n"},
    {"d", "d"}, {"t", "d"}, {"r", "r"}, {"l", "r"}, {"m", "m"},
    {"b", "b"}, {"p", "b"}, {"s", "s"}, {"j", "j"}, {"h", "h"},
    {"", ""},
};

static const struct piece vowels[] = {
    {"yeo", "yo"}, {"yae", "yae"}, {"wae", "we"}, {"weo", "wo"},
    {"eui", "i"}, {"yoo", "yu"}, {"ae", "ae"}, {"ya", "ya"}, {"eo", "o"},
    {"ye", "ye"}, {"yo", "yo"}, {"wa", "wa"}, {"oe", "we"}, {"wo", "wo"},
    {"we", "we"}, {"wi", "wi"}, {"yu", "yu"}, {"eu", "u"}, {"ui", "i"},
    {"oo", "u"}, {"ee", "i"}, {"a", "a"}, {"e", "e"}, {"o", "o"},
    {"u", "u"}, {"i", "i"},
};

static const struct piece finals[] = {
    {"ng", "ng"}, {"k", "g"}, {"n", "n"}, {"l", "r"}, {"m", "m"},
    {"p", "b"}, {"t", "d"},
};

/* Whole-token spellings the rules cannot reach: the South's dropped
 * initial r (Lee, Yu, Im, No, Yang for Ri, Ryu, Rim, Ro, Ryang), English
 * spellings (Rhee, Whang) and "Joe", which the rules would read as 최. */
static const struct piece surnames[] = {
    {"i", "ri"}, {"im", "rim"}, {"joe", "jo"}, {"lee", "ri"}, {"li", "ri"},
    {"lim", "rim"}, {"lyu", "ryu"}, {"no", "ro"}, {"noh", "ro"},
    {"rhee", "ri"}, {"rhie", "ri"}, {"ri", "ri"}, {"rim", "rim"},
    {"ro", "ro"}, {"roh", "ro"}, {"ryang", "ryang"}, {"ryoo", "ryu"},
    {"ryu", "ryu"}, {"whang", "hwang"}, {"yang", "ryang"}, {"yee", "ri"},
    {"yi", "ri"}, {"yim", "rim"}, {"yoo", "ryu"}, {"you", "ryu"},
    {"yu", "ryu"},
};

struct key_out {
    char *data;
    size_t len;
    size_t size;
};

static bool put(struct key_out *out, const char *s)
{
    size_t n = strlen(s);
    if (out->len + n >= out->size) return false;
    memcpy(out->data + out->len, s, n);
    out->len += n;
    out->data[out->len] = '\0';
    return true;
}

static bool is_vowel_letter(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y' || c == 'w';
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool parse_from(const char *s, int syllables, struct key_out *out);

/* After the vowel: optional silent h or r (Ahn, Oh, Park), optional final,
 * then the rest of the token. */
static bool parse_coda(const char *s, const char *vowel_key, int syllables,
                       struct key_out *out)
{
    size_t mark = out->len;
    /* "Oh", "Roh", "Ahn", "Kahng", "Bahk": h closing a syllable is silent;
     * "Park": r before a closing k only lengthens the a. */
    if (s[0] == 'h' && (s[1] == '\0' || !strcmp(s + 1, "n") ||
                        !strcmp(s + 1, "ng") || !strcmp(s + 1, "k")))
        s++;
    else if (s[0] == 'r' && !strcmp(s + 1, "k") && !strcmp(vowel_key, "a"))
        s++;
    for (size_t i = 0; i < VG_ARRAY_LEN(finals); i++) {
        if (!starts_with(s, finals[i].spell)) continue;
        const char *rest = s + strlen(finals[i].spell);
        /* u before ng or l: the informal Sung, Chung, Chul of 성 정 철 */
        bool to_o = (finals[i].key[0] == 'n' && finals[i].key[1] == 'g') ||
                    finals[i].key[0] == 'r';
        out->len = mark;
        out->data[mark] = '\0';
        const char *vk = vowel_key;
        if (to_o && !strcmp(vk, "u")) vk = "o";
        else if (to_o && !strcmp(vk, "yu")) vk = "yo";
        if (put(out, vk) && put(out, finals[i].key) &&
            parse_from(rest, syllables + 1, out))
            return true;
    }
    out->len = mark;
    out->data[mark] = '\0';
    return put(out, vowel_key) && parse_from(s, syllables + 1, out);
}

/* Spellings of a vowel that only occur before a closing ng: Young, Joung. */
static const struct piece vowels_before_ng[] = {{"you", "yo"}, {"ou", "o"}};

static bool parse_vowel(const char *s, int syllables, struct key_out *out)
{
    size_t mark = out->len;
    for (size_t i = 0; i < VG_ARRAY_LEN(vowels_before_ng); i++) {
        const char *rest = s + strlen(vowels_before_ng[i].spell);
        if (starts_with(s, vowels_before_ng[i].spell) &&
            starts_with(rest, "ng"))
            return parse_coda(rest, vowels_before_ng[i].key, syllables, out);
    }
    /* Choi, Choy: oi and oy close a syllable (else "o" + next syllable) */
    if ((starts_with(s, "oi") || starts_with(s, "oy")) &&
        (s[2] == '\0' || !is_vowel_letter(s[2]))) {
        if (put(out, "we") && parse_from(s + 2, syllables + 1, out))
            return true;
        out->len = mark;
        out->data[mark] = '\0';
    }
    for (size_t i = 0; i < VG_ARRAY_LEN(vowels); i++) {
        if (!starts_with(s, vowels[i].spell)) continue;
        if (parse_coda(s + strlen(vowels[i].spell), vowels[i].key, syllables,
                       out))
            return true;
        out->len = mark;
        out->data[mark] = '\0';
    }
    return false;
}

static bool parse_from(const char *s, int syllables, struct key_out *out)
{
    if (*s == '\0') return syllables > 0;
    if (syllables >= NORM_KOREAN_MAX) return false;
    size_t mark = out->len;
    for (size_t i = 0; i < VG_ARRAY_LEN(initials); i++) {
        if (!starts_with(s, initials[i].spell)) continue;
        if (put(out, initials[i].key) &&
            parse_vowel(s + strlen(initials[i].spell), syllables, out))
            return true;
        out->len = mark;
        out->data[mark] = '\0';
    }
    return false;
}

static int compare_piece(const void *key, const void *elem)
{
    return strcmp(key, ((const struct piece *)elem)->spell);
}

bool norm_korean_key(const char *s, char *out, size_t size)
{
    if (size == 0) return false;
    out[0] = '\0';
    for (const char *p = s; *p; p++)
        if (*p < 'a' || *p > 'z') return false;
    const struct piece *sur = bsearch(s, surnames, VG_ARRAY_LEN(surnames),
                                      sizeof(surnames[0]), compare_piece);
    if (sur) {
        vg_strlcpy(out, sur->key, size);
        return true;
    }
    struct key_out key = {out, 0, size};
    if (parse_from(s, 0, &key)) return true;
    out[0] = '\0';
    return false;
}
