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
 *   4. the Korean strict key (korean_key.c) when the token reads as Korean;
 *   5. orthographic folds of Slavic and Arabic romanizations (x -> ks,
 *      -iy/-ij/-ii -> i, ou -> u, ee -> i, q -> k, -off -> -ov, ...), after
 *      which steps 2 and 4 are tried again on the result, and doubled
 *      letters are collapsed.
 * Korean-looking tokens skip step 5: its folds would damage them (j is a
 * consonant in Korean, a glide in German and Polish spellings of Russian).
 */
#include <stdlib.h>
#include <string.h>

#include "norm_internal.h"

struct family {
    const char *variant;
    const char *key;
};

/* Sorted by variant (bsearch).  Only spellings that the rules of step 5
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
    {"sergii", "sergei"}, {"sergiy", "sergei"}, {"serguei", "sergei"},
    {"serhii", "sergei"}, {"serhij", "sergei"}, {"serhiy", "sergei"},
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

static int compare_family(const void *key, const void *elem)
{
    return strcmp(key, ((const struct family *)elem)->variant);
}

static const char *family_key(const char *s)
{
    const struct family *f = bsearch(s, families, VG_ARRAY_LEN(families),
                                     sizeof(families[0]), compare_family);
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

static void replace_all(struct word *w, const char *from, const char *to)
{
    size_t n = strlen(from), m = strlen(to);
    for (size_t i = 0; i + n <= w->len;) {
        if (memcmp(w->s + i, from, n) == 0 && word_splice(w, i, n, to))
            i += m;
        else
            i++;
    }
}

static bool ends_with(const struct word *w, const char *suffix)
{
    size_t n = strlen(suffix);
    return w->len >= n && memcmp(w->s + w->len - n, suffix, n) == 0;
}

static void replace_end(struct word *w, const char *from, const char *to)
{
    size_t n = strlen(from);
    if (w->len > n + 1 && ends_with(w, from))
        word_splice(w, w->len - n, n, to);
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
    replace_all(w, "dzh", "j");     /* Dzhamal = Jamal */
    replace_all(w, "tsch", "ch");   /* German Tsch, French Tch */
    replace_all(w, "tch", "ch");
    replace_all(w, "sch", "sh");
    replace_all(w, "x", "ks");      /* Alexander = Aleksandr */
    replace_all(w, "q", "k");       /* Tariq = Tarik */
    replace_all(w, "ck", "k");
    replace_all(w, "ph", "f");      /* Mustapha = Mustafa */
    replace_all(w, "gue", "ge");    /* French Serguei */
    replace_all(w, "gui", "gi");
    replace_all(w, "ou", "u");      /* French ou, Arabic Mahmoud */
    replace_all(w, "oo", "u");      /* Mahmood */
    replace_all(w, "ee", "i");      /* Rasheed */
    replace_all(w, "iya", "ya");    /* Nataliya = Natalya */
    replace_all(w, "iia", "ya");    /* ICAO Nataliia */
    replace_all(w, "iu", "yu");     /* ICAO Iurii */
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
    replace_end(w, "iy", "i");
    replace_end(w, "ij", "i");
    replace_end(w, "ii", "i");
    replace_end(w, "yy", "i");
    replace_end(w, "yj", "i");
    replace_end(w, "off", "ov");
    replace_end(w, "eff", "ev");
    replace_end(w, "ow", "ov");
    replace_end(w, "ew", "ev");
    replace_end(w, "ah", "a");      /* Abdullah = Abdulla, Fatimah */
    if (w->len > 2 && w->s[w->len - 1] == 'y' && !is_vowel(w->s[w->len - 2]))
        w->s[w->len - 1] = 'i';     /* Yury, Dmitry */
    for (size_t i = 1; i < w->len; i++) /* Sergey, Nikolay: y closing */
        if (w->s[i] == 'y' && is_vowel(w->s[i - 1]) &&
            (i + 1 == w->len || !is_vowel(w->s[i + 1])))
            w->s[i] = 'i';
    for (size_t i = 0; i + 1 < w->len; i++) /* doubled letters */
        if (w->s[i] == w->s[i + 1]) {
            word_splice(w, i, 1, "");
            i--;
        }
}

static void key_from(const char *s, char *out, size_t size, unsigned *flags,
                     bool prefix_done);

static bool abd_prefix(const char *s, char *out, size_t size, unsigned *flags)
{
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
        *flags |= NORM_F_KOREAN;
        return;
    }
    struct word w;
    word_set(&w, s);
    fold_orthography(&w);
    fixed = family_key(w.s);
    if (fixed) {
        vg_strlcpy(out, fixed, size);
        return;
    }
    if (norm_korean_key(w.s, out, size)) {
        *flags |= NORM_F_KOREAN;
        return;
    }
    vg_strlcpy(out, w.s, size);
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
