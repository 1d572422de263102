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
 * kk -> g; ch, j, tch -> j; t, d, th -> d; p, b, ph -> b; sh -> s): the
 * voiced choice keeps "n" + "g..." and "ng" + vowel equal, so where a
 * syllable boundary falls does not change the key.  r and l stay apart
 * (every system writes ㄹ as r opening a syllable and l closing one), and
 * sh is Korean only in "shi": folding them would merge Salim with Sarim,
 * Shah with Sa, for nothing.  Vowels fold the
 * systems' spellings of one jamo (eo, o -> o; eu, u, oo -> u; yeo, yo ->
 * yo; oe, oi, we, wae -> we; ui, ee -> i), and u before final ng or l
 * folds to o, the informal "Sung", "Chung", "Chul" of 성, 정, 철.  Whole
 * tokens in the surname table override the rules (Lee, Rhee, Yi -> ri).
 * docs/normalization.md lists what this merges and what it costs.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "norm_internal.h"

#define NORM_KOREAN_MAX 4 /* syllables in one token */
#define NORM_KOREAN_PLAIN 2 /* longer tokens need a Korean mark */

struct piece {
    const char *spell;
    const char *key;
    unsigned char spell_len, key_len;
};

#define PIECE(spell, key) {spell, key, sizeof(spell) - 1, sizeof(key) - 1}

/* Longest spellings first: the parser takes the first that fits. */
static const struct piece initials[] = {
    PIECE("tch", "j"), PIECE("chh", "j"), PIECE("kk", "g"), PIECE("tt", "d"),
    PIECE("pp", "b"), PIECE("ss", "s"), PIECE("jj", "j"), PIECE("ch", "j"),
    PIECE("th", "d"), PIECE("ph", "b"), PIECE("sh", "s"), PIECE("rh", "r"),
    PIECE("k", "g"), PIECE("g", "g"), PIECE("n", "n"), PIECE("d", "d"),
    PIECE("t", "d"), PIECE("r", "r"), PIECE("l", "l"), PIECE("m", "m"),
    PIECE("b", "b"), PIECE("p", "b"), PIECE("s", "s"), PIECE("j", "j"),
    PIECE("h", "h"), PIECE("", ""),
};

static const struct piece vowels[] = {
    PIECE("yeo", "yo"), PIECE("yae", "yae"), PIECE("wae", "we"),
    PIECE("weo", "wo"), PIECE("eui", "i"), PIECE("yoo", "yu"),
    PIECE("ae", "ae"), PIECE("ya", "ya"), PIECE("eo", "o"), PIECE("ye", "ye"),
    PIECE("yo", "yo"), PIECE("wa", "wa"), PIECE("oe", "we"), PIECE("wo", "wo"),
    PIECE("we", "we"), PIECE("wi", "wi"), PIECE("yu", "yu"), PIECE("eu", "u"),
    PIECE("ui", "i"), PIECE("oo", "u"), PIECE("ee", "i"), PIECE("a", "a"),
    PIECE("e", "e"), PIECE("o", "o"), PIECE("u", "u"), PIECE("i", "i"),
};

/* Spellings of a vowel that only occur before a closing ng: Young, Joung. */
static const struct piece vowels_before_ng[] = {
    PIECE("you", "yo"), PIECE("ou", "o"),
};

static const struct piece finals[] = {
    PIECE("ng", "ng"), PIECE("k", "g"), PIECE("n", "n"), PIECE("l", "l"),
    PIECE("m", "m"), PIECE("p", "b"), PIECE("t", "d"),
};

/* Whole-token spellings the rules cannot reach: the South's dropped
 * initial r (Lee, Yu, Im, No, Yang for Ri, Ryu, Rim, Ro, Ryang), English
 * spellings (Rhee, Whang) and "Joe", which the rules would read as 최. */
static const struct piece surnames[] = {
    PIECE("i", "ri"), PIECE("im", "rim"), PIECE("joe", "jo"),
    PIECE("lee", "ri"), PIECE("li", "ri"), PIECE("lim", "rim"),
    PIECE("lyu", "ryu"), PIECE("no", "ro"), PIECE("noh", "ro"),
    PIECE("rhee", "ri"), PIECE("rhie", "ri"), PIECE("ri", "ri"),
    PIECE("rim", "rim"), PIECE("ro", "ro"), PIECE("roh", "ro"),
    PIECE("ryang", "ryang"), PIECE("ryoo", "ryu"), PIECE("ryu", "ryu"),
    PIECE("whang", "hwang"), PIECE("yang", "ryang"), PIECE("yee", "ri"),
    PIECE("yi", "ri"), PIECE("yim", "rim"), PIECE("yoo", "ryu"),
    PIECE("you", "ryu"), PIECE("yu", "ryu"),
};

/* Table entries by first letter, in table order (longest first), so the
 * parser only tries the spellings that can fit. */
struct letter_index {
    unsigned char entry[26][8];
    unsigned char count[26];
};
static struct letter_index initial_index, vowel_index;
static struct norm_lexicon surname_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void index_table(const struct piece *table, size_t n,
                        struct letter_index *index)
{
    for (size_t i = 0; i < n; i++) {
        if (table[i].spell_len == 0) continue;
        int letter = table[i].spell[0] - 'a';
        index->entry[letter][index->count[letter]++] = (unsigned char)i;
    }
}

static void build_indexes(void)
{
    index_table(initials, VG_ARRAY_LEN(initials), &initial_index);
    index_table(vowels, VG_ARRAY_LEN(vowels), &vowel_index);
    norm_lexicon_build(&surname_index, surnames, VG_ARRAY_LEN(surnames),
                       sizeof(surnames[0]));
}

/* The key being written, and which (position, syllable count) states are
 * known to fail, so that backtracking stays linear in practice. */
struct key_out {
    char *data;
    size_t len;
    size_t size;
    const char *base;
    int syllables;      /* of the parse that succeeded */
    unsigned char failed[NORM_MAX_WORD];
};

static bool put(struct key_out *out, const char *s, size_t n)
{
    if (out->len + n >= out->size) return false;
    memcpy(out->data + out->len, s, n);
    out->len += n;
    out->data[out->len] = '\0';
    return true;
}

static void rewind_to(struct key_out *out, size_t mark)
{
    out->len = mark;
    out->data[mark] = '\0';
}

static bool fits(const char *s, const struct piece *p)
{
    for (size_t i = 0; i < p->spell_len; i++) /* stops at s's NUL */
        if (s[i] != p->spell[i]) return false;
    return true;
}

static bool is_vowel_letter(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y' || c == 'w';
}

static bool parse_from(const char *s, int syllables, struct key_out *out);

/* After the vowel: optional silent h or r (Ahn, Oh, Park), optional final,
 * then the rest of the token. */
static bool parse_coda(const char *s, const struct piece *vowel,
                       int syllables, struct key_out *out)
{
    size_t mark = out->len;
    /* "Oh", "Roh", "Ahn", "Kahng", "Bahk": h closing a syllable is silent;
     * "Park": r before a closing k only lengthens the a. */
    if (s[0] == 'h' &&
        (s[1] == '\0' || ((s[1] == 'n' || s[1] == 'k') && s[2] == '\0') ||
         (s[1] == 'n' && s[2] == 'g' && s[3] == '\0')))
        s++;
    else if (s[0] == 'r' && s[1] == 'k' && s[2] == '\0' &&
             vowel->key[0] == 'a' && vowel->key_len == 1)
        s++;
    for (size_t i = 0; i < VG_ARRAY_LEN(finals); i++) {
        const struct piece *f = &finals[i];
        if (!fits(s, f)) continue;
        /* u before ng or l: the informal Sung, Chung, Chul of 성 정 철 */
        const char *vk = vowel->key;
        size_t vl = vowel->key_len;
        bool is_u = vl == 1 && vk[0] == 'u';
        bool is_yu = vl == 2 && vk[0] == 'y' && vk[1] == 'u';
        /* ...but not before "ng" + vowel, where the syllable boundary may
         * fall between n and g: 문길 spelled "Mungil" is Mun + Gil */
        bool ng_then_vowel = f->key_len == 2 && is_vowel_letter(s[2]);
        if (f->key[0] == 'l' || f->key_len == 2) {
            if (is_u && !ng_then_vowel) vk = "o";
            else if (is_yu) vk = "yo";
        } else if (f->key[0] == 'g' && is_yu) {
            vk = "yo"; /* Hyuk: 혁 */
        }
        if (put(out, vk, vl) && put(out, f->key, f->key_len) &&
            parse_from(s + f->spell_len, syllables + 1, out))
            return true;
        rewind_to(out, mark);
    }
    return put(out, vowel->key, vowel->key_len) &&
           parse_from(s, syllables + 1, out);
}

static bool parse_vowel(const char *s, int syllables, struct key_out *out)
{
    if (!is_vowel_letter(s[0])) return false;
    size_t mark = out->len;
    for (size_t i = 0; i < VG_ARRAY_LEN(vowels_before_ng); i++) {
        const struct piece *v = &vowels_before_ng[i];
        if (fits(s, v) && s[v->spell_len] == 'n' && s[v->spell_len + 1] == 'g')
            return parse_coda(s + v->spell_len, v, syllables, out);
    }
    /* Choi, Choy: oi and oy close a syllable (else "o" + next syllable) */
    if (s[0] == 'o' && (s[1] == 'i' || s[1] == 'y') &&
        (s[2] == '\0' || !is_vowel_letter(s[2]))) {
        if (put(out, "we", 2) && parse_from(s + 2, syllables + 1, out))
            return true;
        rewind_to(out, mark);
    }
    int letter = s[0] - 'a';
    for (size_t k = 0; k < vowel_index.count[letter]; k++) {
        const struct piece *v = &vowels[vowel_index.entry[letter][k]];
        if (!fits(s, v)) continue;
        if (parse_coda(s + v->spell_len, v, syllables, out)) return true;
        rewind_to(out, mark);
    }
    return false;
}

static bool parse_from(const char *s, int syllables, struct key_out *out)
{
    if (*s == '\0') {
        out->syllables = syllables;
        return syllables > 0;
    }
    if (syllables >= NORM_KOREAN_MAX) return false;
    size_t pos = (size_t)(s - out->base);
    if (out->failed[pos] & (1u << syllables)) return false;
    size_t mark = out->len;
    int letter = s[0] - 'a';
    size_t candidates = initial_index.count[letter];
    for (size_t k = 0; k <= candidates; k++) { /* the last: no initial */
        const struct piece *in = k < candidates
                                     ? &initials[initial_index.entry[letter][k]]
                                     : &initials[VG_ARRAY_LEN(initials) - 1];
        if (!fits(s, in)) continue;
        const char *after = s + in->spell_len;
        const char *key = in->key;
        /* sh only in shi, shwi (MR 시, 쉬); elsewhere it is not Korean */
        if (in->spell_len == 2 && s[0] == 's' && s[1] == 'h' &&
            after[0] != 'i' && !(after[0] == 'w' && after[1] == 'i'))
            continue;
        /* ㄹ opens a syllable as r; l only after a final l (Chollima)
         * and in the informal Lyong (룡), which is r */
        if (key[0] == 'l') {
            if (after[0] == 'y') key = "r";
            else if (syllables == 0 || s[-1] != 'l') continue;
        }
        if (put(out, key, in->key_len) && parse_vowel(after, syllables, out))
            return true;
        rewind_to(out, mark);
    }
    out->failed[pos] |= (unsigned char)(1u << syllables);
    return false;
}

/* Spellings found in Korean romanization and rare in Western or Arabic
 * names: three- and four-syllable tokens need one to count as Korean
 * ("Chongchongang", "Mansudae" do; "Natalya", "General" do not). */
static bool korean_mark(const char *s)
{
    static const char *const marks[] = {"ng", "eo", "eu", "ae", "oe",
                                        "yo", "yu", "wo"};
    for (size_t i = 0; i < VG_ARRAY_LEN(marks); i++)
        if (strstr(s, marks[i])) return true;
    return false;
}


/* The commonest Korean surnames in the lists' spelling: names.md §1.5 and
 * the next most frequent (the sixty here cover well over nine Koreans in
 * ten).  Their keys are computed once, so every spelling that folds to one
 * counts. */
static const char *const common_surnames[] = {
    "kim", "ri", "pak", "choe", "jong", "kang", "jo", "yun", "jang", "han",
    "o", "hwang", "ryu", "rim", "ro", "ryang", "sin", "jon", "mun", "thae",
    "song", "hong", "ko", "an", "chae", "cha", "chu", "ku", "kwon", "nam",
    "min", "paek", "pang", "pyon", "so", "son", "sol", "um", "wi", "ryo",
    "hyon", "ho", "ha", "kye", "kil", "ma", "myong", "na", "chon", "chi",
    "tak", "to", "u", "sim", "won", "kwak", "kong", "ok", "yom", "yang",
    "sok",
};
struct surname_key {
    const char *key; /* first member: norm_lexicon's word */
};
static struct surname_key surname_keys[VG_ARRAY_LEN(common_surnames)];
static char surname_key_text[VG_ARRAY_LEN(common_surnames)][16];
static struct norm_lexicon surname_key_index;
static pthread_once_t surname_once = PTHREAD_ONCE_INIT;

static void build_surname_keys(void)
{
    size_t n = 0;
    for (size_t i = 0; i < VG_ARRAY_LEN(common_surnames); i++) {
        if (!norm_korean_key(common_surnames[i], surname_key_text[n],
                             sizeof(surname_key_text[n])))
            continue;
        surname_keys[n].key = surname_key_text[n];
        n++;
    }
    norm_lexicon_build(&surname_key_index, surname_keys, n,
                       sizeof(surname_keys[0]));
}

bool norm_korean_surname_key(const char *key)
{
    pthread_once(&surname_once, build_surname_keys);
    return norm_lexicon_find(&surname_key_index, key) != NULL;
}

bool norm_korean_key(const char *s, char *out, size_t size)
{
    if (size == 0) return false;
    out[0] = '\0';
    size_t len = 0;
    for (const char *p = s; *p; p++, len++) /* no Korean spelling uses these */
        if (*p < 'a' || *p > 'z' || *p == 'f' || *p == 'q' || *p == 'v' ||
            *p == 'x' || *p == 'z' || (*p == 'c' && p[1] != 'h'))
            return false;
    if (len >= NORM_MAX_WORD) return false;
    pthread_once(&index_once, build_indexes);
    const struct piece *sur = norm_lexicon_find(&surname_index, s);
    if (sur) {
        vg_strlcpy(out, sur->key, size);
        return true;
    }
    struct key_out key = {.data = out, .len = 0, .size = size, .base = s};
    if (parse_from(s, 0, &key) &&
        (key.syllables <= NORM_KOREAN_PLAIN || korean_mark(s)))
        return true;
    out[0] = '\0';
    return false;
}
