/*
 * chinese_key.c — one key for the pinyin and Wade-Giles spellings of a
 * Chinese name (Zhang ~ Chang, Xu ~ Hsu, Zhou ~ Chou, Zeng ~ Tseng,
 * Xiaoping ~ Hsiao-p'ing).
 *
 * A token that shows a mark of either system (zh, x, q, z, c; hs, ts, tz,
 * -ih, -ieh, -ien; uo, ong, iang, ao) and reads as one or two syllables of
 * it (a surname, or a given name written joined) is
 * rewritten syllable by syllable into Wade-Giles without apostrophes
 * (names.md §4), and each syllable then gets the Korean strict key when it
 * has one, else stays as it is.  Going through Wade-Giles and the Korean
 * consonant fold makes "Chang" (WG, or Korean 장) and "Zhang" meet, and
 * keying per syllable keeps a joined given name equal to its parts.
 * Tokens without such a mark are left to the Slavic and Arabic folds
 * ("Yulia", "Natalia", "Zubaidi" read as pinyin too, but are not
 * Chinese: three syllables and more are left alone for that reason).
 */
#include <string.h>

#include "norm_internal.h"

#define MAX_SYLLABLES 2 /* surname, or a joined given name */

static const char *const pinyin_initials[] = {
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k",
    "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "",
};

static const char *const pinyin_finals[] = {
    "iang", "iong", "uang", "ueng", "ang", "eng", "ong", "ian", "iao", "ing",
    "uai", "uan", "ai", "ei", "ao", "ou", "an", "en", "er", "ia", "ie", "iu",
    "in", "ua", "uo", "ui", "un", "ue", "a", "o", "e", "i", "u",
};

static const char *const wg_initials[] = {
    "ch", "hs", "ts", "tz", "ss", "sh", "p", "m", "f", "t", "n", "l", "k",
    "h", "j", "s", "y", "w", "",
};

static const char *const wg_finals[] = {
    "iang", "iung", "uang", "erh", "ang", "eng", "ung", "ien", "ieh", "iao",
    "ing", "uai", "uan", "uei", "ai", "ei", "ao", "ou", "an", "en", "ih",
    "ia", "iu", "in", "ua", "uo", "ui", "un", "a", "o", "e", "i", "u",
};

struct syllable {
    const char *initial;
    const char *final;
};

static bool starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++) return false;
    return true;
}

/* pinyin: j q x only before i or u (ü); "i" alone only after a consonant
 * other than j q x; finals that must start a syllable take y/w in pinyin. */
static bool pinyin_pair(const char *ini, const char *fin)
{
    bool palatal = !strcmp(ini, "j") || !strcmp(ini, "q") || !strcmp(ini, "x");
    if (palatal) return fin[0] == 'i' || fin[0] == 'u';
    if (ini[0] == '\0') return fin[0] == 'a' || fin[0] == 'o' || fin[0] == 'e';
    if (!strcmp(fin, "o")) /* bo po mo fo wo only */
        return strchr("bpmfw", ini[0]) != NULL && ini[1] == '\0';
    return true;
}

struct parse_state {
    const char *base;
    const char *const *initials, *const *finals;
    size_t ni, nf;
    bool pinyin;
    unsigned char failed[NORM_MAX_WORD]; /* by position: counts that fail */
};

static int parse(struct parse_state *ps, const char *s, struct syllable *out,
                 int count)
{
    if (*s == '\0') return count;
    if (count >= MAX_SYLLABLES) return -1;
    size_t pos = (size_t)(s - ps->base);
    if (ps->failed[pos] & (1u << count)) return -1;
    const char *const *initials = ps->initials, *const *finals = ps->finals;
    size_t ni = ps->ni, nf = ps->nf;
    bool pinyin = ps->pinyin;
    for (size_t i = 0; i < ni; i++) {
        if (!starts_with(s, initials[i])) continue;
        const char *after = s + strlen(initials[i]);
        for (size_t f = 0; f < nf; f++) {
            if (!starts_with(after, finals[f])) continue;
            if (pinyin && !pinyin_pair(initials[i], finals[f])) continue;
            out[count].initial = initials[i];
            out[count].final = finals[f];
            int got = parse(ps, after + strlen(finals[f]), out, count + 1);
            if (got > 0) return got;
        }
    }
    ps->failed[pos] |= (unsigned char)(1u << count);
    return -1;
}

/* One pinyin syllable in Wade-Giles (apostrophes dropped). */
static void pinyin_to_wg(const struct syllable *syl, char *out, size_t size)
{
    static const struct {
        const char *pinyin, *wg;
    } whole[] = {
        {"zhi", "chih"}, {"chi", "chih"}, {"shi", "shih"}, {"ri", "jih"},
        {"zi", "tzu"},   {"ci", "tzu"},   {"si", "ssu"},   {"er", "erh"},
        {"ge", "ko"},    {"ke", "ko"},    {"he", "ho"},    {"yi", "i"},
        {"you", "yu"},   {"yan", "yen"},  {"ye", "yeh"},   {"yong", "yung"},
    };
    char joined[16];
    vg_strlcpy(joined, syl->initial, sizeof(joined));
    vg_strlcpy(joined + strlen(joined), syl->final,
               sizeof(joined) - strlen(joined));
    for (size_t i = 0; i < VG_ARRAY_LEN(whole); i++)
        if (!strcmp(joined, whole[i].pinyin)) {
            vg_strlcpy(out, whole[i].wg, size);
            return;
        }
    static const struct {
        const char *pinyin, *wg;
    } initials[] = {
        {"b", "p"}, {"d", "t"}, {"g", "k"}, {"zh", "ch"}, {"j", "ch"},
        {"q", "ch"}, {"x", "hs"}, {"z", "ts"}, {"c", "ts"}, {"r", "j"},
    }, finals[] = {
        {"ong", "ung"}, {"iong", "iung"}, {"ian", "ien"}, {"ie", "ieh"},
    };
    const char *ini = syl->initial, *fin = syl->final;
    if ((!strcmp(ini, "g") || !strcmp(ini, "k")) && !strcmp(fin, "ui"))
        fin = "uei"; /* gui -> kuei; elsewhere ui stays (Tsui, Chui) */
    for (size_t i = 0; i < VG_ARRAY_LEN(initials); i++)
        if (!strcmp(ini, initials[i].pinyin)) ini = initials[i].wg;
    for (size_t i = 0; i < VG_ARRAY_LEN(finals); i++)
        if (!strcmp(fin, finals[i].pinyin)) fin = finals[i].wg;
    vg_strlcpy(out, ini, size);
    vg_strlcpy(out + strlen(out), fin, size - strlen(out));
}

/* Spellings that only pinyin or Wade-Giles use among the names of the
 * lists: zh x q z, c not in ch; hs ts tz; ieh ien uo ong iang ao; final ih. */
static bool has_mark(const char *s)
{
    for (const char *p = s; *p; p++) {
        char next = p[1];
        switch (*p) {
        case 'x': case 'q': case 'z':
            return true;
        case 'c': /* Cao, Cui, Cen; in longer words c is English */
            if (next != 'h' && strlen(s) <= 5) return true;
            break;
        case 'h':
            if (next == 's' || (next == '\0' && p > s && p[-1] == 'i'))
                return true;
            break;
        case 't':
            if (next == 's' || next == 'z') return true;
            break;
        case 'i':
            if (next == 'e' && (p[2] == 'h' || p[2] == 'n')) return true;
            if (next == 'a' && p[2] == 'n' && p[3] == 'g') return true;
            break;
        case 'u':
            if (next == 'o') return true;
            break;
        case 'o':
            if (next == 'n' && p[2] == 'g') return true;
            break;
        case 'a':
            if (next == 'o') return true;
            break;
        default:
            break;
        }
    }
    return false;
}

bool norm_chinese_key(const char *s, char *out, size_t size)
{
    if (size == 0 || strlen(s) >= NORM_MAX_WORD || !has_mark(s)) return false;
    struct syllable syl[MAX_SYLLABLES];
    struct parse_state ps = {s, pinyin_initials, pinyin_finals,
                             VG_ARRAY_LEN(pinyin_initials),
                             VG_ARRAY_LEN(pinyin_finals), true, {0}};
    bool pinyin = true;
    int n = parse(&ps, s, syl, 0);
    if (n <= 0) {
        pinyin = false;
        ps = (struct parse_state){s, wg_initials, wg_finals,
                                  VG_ARRAY_LEN(wg_initials),
                                  VG_ARRAY_LEN(wg_finals), false, {0}};
        n = parse(&ps, s, syl, 0);
    }
    if (n <= 0) return false;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        char wg[16], key[NORM_MAX_WORD];
        if (pinyin) {
            pinyin_to_wg(&syl[i], wg, sizeof(wg));
        } else {
            vg_strlcpy(wg, syl[i].initial, sizeof(wg));
            vg_strlcpy(wg + strlen(wg), syl[i].final, sizeof(wg) - strlen(wg));
        }
        if (!norm_korean_key(wg, key, sizeof(key)))
            vg_strlcpy(key, wg, sizeof(key));
        size_t len = strlen(out);
        if (len + strlen(key) + 1 > size) return false;
        memcpy(out + len, key, strlen(key) + 1);
    }
    return true;
}
