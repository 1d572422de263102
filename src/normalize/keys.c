/*
 * keys.c — variant keys for Latin tokens: tokens with equal keys are one
 * name part in two spellings.  The key is a pure function of the token, so
 * the index (at build time) and the matcher (at query time) always agree.
 *
 * Order, first match wins:
 *   1. tokens with digits: as written;
 *   2. name families no spelling rule can reach (Mohammed ~ Muhammad ~
 *      Magomed, Husayn ~ Hussein, Oleksandr ~ Aleksandr) from a table;
 *   3. "Abdul"-type prefixes: "abdul" + the key of the rest, so the joined
 *      "Abdulaziz" keys like "Abdel" + "Aziz";
 *   4. the Korean strict key (korean_key.c) when the token reads as Korean,
 *      else the pinyin/Wade-Giles key (chinese_key.c) when it reads as
 *      Chinese;
 *   5. orthographic folds of Slavic and Arabic romanizations (x -> ks,
 *      -iy/-ij/-ii -> i, ou -> u, ee -> i, q -> k, -off -> -ov, ...), then
 *      the family table again on the result; doubled letters collapse.
 * Korean and Chinese tokens skip step 5: its folds would damage them (j is
 * a consonant in Korean, a glide in German and Polish spellings of
 * Russian).  Before step 5 the Korean layer is retried once with q, ck and
 * x rewritten (Tariq then keys like Tarik, which reads as Korean); it is
 * not retried after the vowel folds of step 5: measured on the lists,
 * that mostly merged unrelated Arabic and Western names.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "norm_internal.h"

struct family {
    const char *variant;
    const char *key;
};

/* Only spellings that the rules of step 5
 * cannot bring together; docs/normalization.md lists the families. */
static const struct family families[] = {
    {"abdalla", "abdulla"}, {"abdallah", "abdulla"}, {"abdollah", "abdulla"},
    {"abdulla", "abdulla"}, {"abdullah", "abdulla"}, {"achmad", "ahmad"},
    {"achmed", "ahmad"}, {"ahmad", "ahmad"}, {"ahmat", "ahmad"},
    {"ahmed", "ahmad"}, {"ahmet", "ahmad"}, {"akhmad", "ahmad"},
    {"akhmed", "ahmad"}, {"aleksandar", "aleksandr"},
    {"aleksander", "aleksandr"}, {"aleksandr", "aleksandr"},
    {"aleksei", "aleksei"}, {"aleksey", "aleksei"},
    {"alexander", "aleksandr"}, {"alexandr", "aleksandr"},
    {"alexandre", "aleksandr"}, {"alexei", "aleksei"}, {"alexey", "aleksei"},
    {"ali", "ali"}, {"aly", "ali"}, {"andrei", "andrei"},
    {"andrey", "andrei"}, {"andrii", "andrei"}, {"andriy", "andrei"},
    {"brahim", "ibrahim"}, {"constantin", "konstantin"}, {"dmitri", "dmitri"},
    {"dmitrii", "dmitri"}, {"dmitrij", "dmitri"}, {"dmitriy", "dmitri"},
    {"dmitry", "dmitri"}, {"dmytro", "dmitri"}, {"ebrahim", "ibrahim"},
    {"evgenii", "evgeni"}, {"evgeniy", "evgeni"}, {"evgeny", "evgeni"},
    {"gusein", "husayn"}, {"guseyn", "husayn"}, {"hosein", "husayn"},
    {"hossain", "husayn"}, {"hossein", "husayn"}, {"hryhorii", "grigori"},
    {"hryhoriy", "grigori"}, {"husain", "husayn"}, {"husayn", "husayn"},
    {"husein", "husayn"}, {"huseyin", "husayn"}, {"hussain", "husayn"},
    {"hussayn", "husayn"}, {"hussein", "husayn"}, {"husseyn", "husayn"},
    {"hussien", "husayn"}, {"ibragim", "ibrahim"}, {"ibraheem", "ibrahim"},
    {"ibrahem", "ibrahim"}, {"ibrahim", "ibrahim"}, {"ihor", "igor"},
    {"iouri", "yuri"}, {"iurii", "yuri"}, {"jevgenij", "evgeni"},
    {"jurij", "yuri"}, {"jusuf", "yusuf"}, {"khaled", "khalid"},
    {"khaleed", "khalid"}, {"khalid", "khalid"}, {"kostiantyn", "konstantin"},
    {"kostyantyn", "konstantin"}, {"magomed", "muhammad"},
    {"mehmed", "muhammad"}, {"mehmet", "muhammad"}, {"mhd", "muhammad"},
    {"michail", "mikhail"}, {"mohamad", "muhammad"}, {"mohamed", "muhammad"},
    {"mohammad", "muhammad"}, {"mohammed", "muhammad"},
    {"mohammod", "muhammad"}, {"mohd", "muhammad"}, {"mostafa", "mustafa"},
    {"mouhamed", "muhammad"}, {"moustafa", "mustafa"},
    {"muhamad", "muhammad"}, {"muhamed", "muhammad"},
    {"muhammad", "muhammad"}, {"muhammed", "muhammad"},
    {"mukhammad", "muhammad"}, {"mukhammed", "muhammad"},
    {"mustafa", "mustafa"}, {"mustapha", "mustafa"}, {"mykhailo", "mikhail"},
    {"mykhaylo", "mikhail"}, {"mykola", "nikolai"}, {"nicolai", "nikolai"},
    {"nikolai", "nikolai"}, {"nikolaj", "nikolai"}, {"nikolay", "nikolai"},
    {"oleksandr", "aleksandr"}, {"oleksii", "aleksei"},
    {"oleksiy", "aleksei"}, {"olexandr", "aleksandr"}, {"olha", "olga"},
    {"omar", "umar"}, {"omer", "umar"}, {"oumar", "umar"}, {"petr", "petr"},
    {"petro", "petr"}, {"pjotr", "petr"}, {"pyotr", "petr"},
    {"sayed", "sayyid"}, {"sayid", "sayyid"}, {"sayyed", "sayyid"},
    {"sayyid", "sayyid"}, {"sergii", "sergei"}, {"sergiy", "sergei"},
    {"serguei", "sergei"}, {"serhii", "sergei"}, {"serhij", "sergei"},
    {"serhiy", "sergei"}, {"seyed", "sayyid"}, {"seyyed", "sayyid"},
    {"tetiana", "tatyana"}, {"tetyana", "tatyana"}, {"umar", "umar"},
    {"umer", "umar"}, {"vasyl", "vasili"}, {"victor", "viktor"},
    {"viktor", "viktor"}, {"vladimir", "vladimir"}, {"volodymyr", "vladimir"},
    {"wladimir", "vladimir"}, {"yevgeniy", "evgeni"}, {"yevgeny", "evgeni"},
    {"yevhen", "evgeni"}, {"yevhenii", "evgeni"}, {"yousaf", "yusuf"},
    {"yousef", "yusuf"}, {"yousif", "yusuf"}, {"youssef", "yusuf"},
    {"yousuf", "yusuf"}, {"yuri", "yuri"}, {"yurii", "yuri"},
    {"yurij", "yuri"}, {"yuriy", "yuri"}, {"yury", "yuri"},
    {"yusef", "yusuf"}, {"yusif", "yusuf"}, {"yussef", "yusuf"},
    {"yussuf", "yusuf"}, {"yusuf", "yusuf"}, {"yusup", "yusuf"},
};

/* "Abd al-" joined to the next word, longest first; "abdur" only before r
 * (Abdurrahman), else "abdu" takes it (Abdurahman = Abdu + Rahman). */
static const char *const abd_prefixes[] = {
    "abdoul", "abdul", "abdel", "abdal", "abdol", "abdur", "abdu", "abdi",
    "abd",
};

static struct norm_lexicon family_index;
static pthread_once_t family_once = PTHREAD_ONCE_INIT;

static void build_family_index(void)
{
    norm_lexicon_build(&family_index, families, VG_ARRAY_LEN(families),
                       sizeof(families[0]));
}

static const char *family_key(const char *s)
{
    pthread_once(&family_once, build_family_index);
    const struct family *f = norm_lexicon_find(&family_index, s);
    return f ? f->key : NULL;
}

static bool has_digit(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9') return true;
    return false;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* A small rewriting buffer: the orthographic rules replace substrings in
 * place, never growing a word by more than one letter per rule. */
struct word {
    char s[NORM_MAX_WORD];
    size_t len;
};

static void word_set(struct word *w, const char *s)
{
    vg_strlcpy(w->s, s, sizeof(w->s));
    w->len = strlen(w->s);
}

/* Replaces n bytes at position i by `with`; false when it would not fit. */
static bool word_splice(struct word *w, size_t i, size_t n, const char *with)
{
    size_t m = strlen(with);
    if (w->len - n + m >= sizeof(w->s)) return false;
    memmove(w->s + i + m, w->s + i + n, w->len - i - n + 1);
    memcpy(w->s + i, with, m);
    w->len = w->len - n + m;
    return true;
}

struct rewrite {
    const char *from;
    const char *to;
    unsigned char from_len;
};

#define RW(from, to) {from, to, sizeof(from) - 1}

/* Spellings of one sound, rewritten wherever they occur (names.md §2-3). */
static const struct rewrite letter_rules[] = {
    RW("dzh", "j"),   /* Dzhamal = Jamal */
    RW("tsch", "ch"), /* German Tsch, French Tch */
    RW("tch", "ch"),  RW("sch", "sh"),
    RW("x", "ks"),    /* Alexander = Aleksandr */
    RW("q", "k"),     /* Tariq = Tarik */
    RW("ck", "k"),    RW("ph", "f"),  /* Mustapha = Mustafa */
    RW("w", "v"),     /* German Iwanow, Persian Vahid = Wahid */
    RW("gue", "ge"),  /* French Serguei */
    RW("gui", "gi"),  RW("ou", "u"),  /* French ou, Arabic Mahmoud */
    RW("oo", "u"),    /* Mahmood */
    RW("ee", "i"),    /* Rasheed */
};

/* Glides, after the letters: Iouri -> iuri -> yuri. */
static const struct rewrite glide_rules[] = {
    RW("iya", "ya"),  /* Nataliya = Natalya */
    RW("iia", "ya"),  /* ICAO Nataliia */
    RW("iu", "yu"),   /* ICAO Iurii */
};

/* One left-to-right pass applying the first matching rule at each
 * position; the result replaces w. */
static void rewrite_pass(struct word *w, const struct rewrite *rules,
                         size_t count)
{
    uint32_t firsts = 0; /* letters some rule starts with */
    for (size_t r = 0; r < count; r++)
        firsts |= 1u << (rules[r].from[0] - 'a');
    char out[NORM_MAX_WORD];
    size_t at = 0;
    for (size_t i = 0; i < w->len && at + 3 < sizeof(out);) {
        const struct rewrite *hit = NULL;
        size_t n = 0;
        char c = w->s[i];
        bool maybe = c >= 'a' && c <= 'z' && (firsts & (1u << (c - 'a')));
        for (size_t r = 0; r < count && !hit && maybe; r++) {
            if (rules[r].from[0] != c) continue;
            n = rules[r].from_len;
            if (!strncmp(w->s + i, rules[r].from, n)) hit = &rules[r];
        }
        if (!hit) {
            out[at++] = w->s[i++];
            continue;
        }
        for (const char *t = hit->to; *t; t++) out[at++] = *t;
        i += n;
    }
    out[at] = '\0';
    word_set(w, out);
}

static bool ends_with(const struct word *w, const char *suffix)
{
    size_t n = strlen(suffix);
    return w->len >= n && memcmp(w->s + w->len - n, suffix, n) == 0;
}

static void replace_end(struct word *w, const struct rewrite *rule)
{
    size_t n = rule->from_len;
    if (w->len > n + 1 && w->s[w->len - 1] == rule->from[n - 1] &&
        ends_with(w, rule->from))
        word_splice(w, w->len - n, n, rule->to);
}

static void replace_start(struct word *w, const char *from, const char *to)
{
    size_t n = strlen(from);
    if (w->len > n + 1 && memcmp(w->s, from, n) == 0)
        word_splice(w, 0, n, to);
}

/* Slavic and Arabic romanization folds (names.md §2, §3). */
static void fold_orthography(struct word *w)
{
    rewrite_pass(w, letter_rules, VG_ARRAY_LEN(letter_rules));
    if (strchr(w->s, 'i'))
        rewrite_pass(w, glide_rules, VG_ARRAY_LEN(glide_rules));
    for (size_t i = 1; i + 1 < w->len; i++) /* Natalia = Natalya */
        if (w->s[i] == 'i' && w->s[i + 1] == 'a' && !is_vowel(w->s[i - 1]))
            w->s[i] = 'y';
    replace_start(w, "ye", "e");    /* Yevgeniy = Evgeniy */
    replace_start(w, "ie", "e");
    replace_start(w, "je", "e");
    for (size_t i = 1; i + 1 < w->len; i++) /* Sergeyev = Sergeev */
        if ((w->s[i] == 'y' || w->s[i] == 'i') && w->s[i + 1] == 'e' &&
            is_vowel(w->s[i - 1]))
            word_splice(w, i, 1, "");
    static const struct rewrite endings[] = {
        RW("iy", "i"), RW("ij", "i"), RW("ii", "i"), RW("yy", "i"),
        RW("yj", "i"),
        RW("ej", "ei"), RW("aj", "ai"), /* Sergej, Nikolaj */
        RW("off", "ov"), RW("eff", "ev"), RW("ow", "ov"), RW("ew", "ev"),
        RW("ah", "a"),  /* Abdullah = Abdulla, Fatimah */
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(endings); i++)
        replace_end(w, &endings[i]);
    if (w->len > 2 && w->s[w->len - 1] == 'y' && !is_vowel(w->s[w->len - 2]))
        w->s[w->len - 1] = 'i';     /* Yury, Dmitry */
    for (size_t i = 1; i < w->len; i++) /* Sergey, Nikolay: y closing */
        if (w->s[i] == 'y' && is_vowel(w->s[i - 1]) &&
            (i + 1 == w->len || !is_vowel(w->s[i + 1])))
            w->s[i] = 'i';
    size_t at = 0; /* doubled letters */
    for (size_t i = 0; i < w->len; i++)
        if (at == 0 || w->s[i] != w->s[at - 1]) w->s[at++] = w->s[i];
    w->s[at] = '\0';
    w->len = at;
}

/* Spellings of one consonant in the skeleton: the Arabic letters behind
 * the Latin digraphs (kh خ -> x, sh ش -> c, gh غ, th ث, dh ذ), and the
 * letters Arabic does not tell apart (p/b, c/q/k). */
static const struct rewrite skeleton_rules[] = {
    RW("sch", "c"), RW("kh", "x"), RW("gh", "g"), RW("sh", "c"),
    RW("ch", "c"), RW("ck", "k"), RW("c", "k"), RW("th", "t"),
    RW("dh", "d"), RW("dj", "j"), RW("zh", "z"), RW("ph", "f"),
    RW("p", "b"), RW("q", "k"), RW("x", "ks"),
};

#define SKELETON_MIN_CONSONANTS 2

static char vowel_class(char c)
{
    return c == 'a' || c == 'e' ? 'a' : c == 'i' || c == 'y' ? 'i'
         : c == 'o' || c == 'u' ? 'u' : '\0';
}

/* The consonant skeleton of a name word: what Arabic script writes
 * of it.  Short vowels are not written, long ones are ambiguous (و ي are
 * also consonants), so every vowel and every medial w, y goes; what stays
 * is the consonants, whether the word starts with a vowel (an alef or
 * ayn: "a") and the class of its final vowel (ا ة -> a, ي -> i, و -> u),
 * which tells Rahman from Rahmani and Nikitin from Nikitina.  Spellings
 * that differ only in vowels and doubling (Muntazir / Muntazer, Droukdal /
 * Drukdel, Souleymane / Slimane) meet, and so does the reading of the same
 * name in Arabic script (رستم -> rastm -> rstm, as Rustam, Rrustem).
 * It merges too much to be the key (measured in docs/normalization.md,
 * "Consonant skeleton"): it is meant as a second retrieval term that only
 * an Arabic-script token looks up, where two consonants (Kim -> km, Idris
 * -> adrs) already narrow the candidates usefully. */
bool norm_skeleton(const char *latin, char *out, size_t size)
{
    if (size == 0 || has_digit(latin)) return false;
    struct word w;
    word_set(&w, latin);
    if (w.len > 2 && w.s[w.len - 1] == 'h' && is_vowel(w.s[w.len - 2]))
        w.s[--w.len] = '\0'; /* Fatimah, Zadeh: ة */
    if (w.len < SKELETON_MIN_CONSONANTS) return false;
    char initial = is_vowel(w.s[0]) ? 'a' : '\0';
    char final = vowel_class(w.s[w.len - 1]);
    rewrite_pass(&w, skeleton_rules, VG_ARRAY_LEN(skeleton_rules));
    char sk[NORM_MAX_WORD];
    size_t at = 0, consonants = 0;
    if (initial) sk[at++] = initial;
    for (size_t i = 0; i < w.len && at + 2 < sizeof(sk); i++) {
        char c = w.s[i];
        if (is_vowel(c) || (i > 0 && (c == 'w' || c == 'y'))) continue;
        if (at > 0 && sk[at - 1] == c) continue;
        sk[at++] = c;
        consonants++;
    }
    if (consonants < SKELETON_MIN_CONSONANTS) return false;
    if (final) sk[at++] = final;
    sk[at] = '\0';
    vg_strlcpy(out, sk, size);
    return true;
}

static void key_from(const char *s, char *out, size_t size, unsigned *flags,
                     bool prefix_done);

static bool abd_prefix(const char *s, char *out, size_t size, unsigned *flags)
{
    if (s[0] != 'a' || s[1] != 'b' || s[2] != 'd') return false;
    for (size_t i = 0; i < VG_ARRAY_LEN(abd_prefixes); i++) {
        const char *p = abd_prefixes[i];
        size_t n = strlen(p);
        if (strncmp(s, p, n) != 0) continue;
        const char *rest = s + n;
        if (*rest == '\0') {
            vg_strlcpy(out, "abdul", size);
            return true;
        }
        if (!strcmp(p, "abdur") && *rest != 'r') continue;
        if (strlen(rest) < 4) return false;
        if (!strncmp(rest, "al", 2) && strlen(rest) >= 6) rest += 2;
        char tail[NORM_MAX_WORD];
        key_from(rest, tail, sizeof(tail), flags, true);
        vg_strlcpy(out, "abdul", size);
        size_t len = strlen(out);
        if (len < size) vg_strlcpy(out + len, tail, size - len);
        return true;
    }
    return false;
}

/* The flags of a token keyed by the Korean fold. */
static unsigned korean_flags(const char *key)
{
    return NORM_F_KOREAN |
           (norm_korean_surname_key(key) ? NORM_F_KOREAN_SURNAME : 0u);
}

static void key_from(const char *s, char *out, size_t size, unsigned *flags,
                     bool prefix_done)
{
    const char *fixed = family_key(s);
    if (fixed) {
        vg_strlcpy(out, fixed, size);
        return;
    }
    if (!prefix_done && abd_prefix(s, out, size, flags)) return;
    if (norm_korean_key(s, out, size)) {
        *flags |= korean_flags(out);
        return;
    }
    if (norm_chinese_key(s, out, size)) return;
    struct word w;
    /* letters Korean spellings never use, written as those they do:
     * Tariq reads like Tarik, Qasim like Kasim */
    static const struct rewrite foreign_letters[] = {
        RW("q", "k"), RW("ck", "k"), RW("x", "ks"),
    };
    if (strpbrk(s, "qx") || strstr(s, "ck")) {
        word_set(&w, s);
        rewrite_pass(&w, foreign_letters, VG_ARRAY_LEN(foreign_letters));
        if (norm_korean_key(w.s, out, size)) {
            *flags |= korean_flags(out);
            return;
        }
    }
    word_set(&w, s);
    fold_orthography(&w);
    fixed = strcmp(w.s, s) ? family_key(w.s) : NULL;
    vg_strlcpy(out, fixed ? fixed : w.s, size);
}

void norm_key(const char *latin, char *out, size_t size, unsigned *flags)
{
    if (size == 0) return;
    if (has_digit(latin) || latin[0] == '\0' || latin[1] == '\0') {
        vg_strlcpy(out, latin, size);
        return;
    }
    key_from(latin, out, size, flags, false);
}
