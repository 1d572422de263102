/*
 * scripts.h — the evaluation's own renderings of listed Latin names in other
 * scripts and romanizations: DPRK list spelling -> Hangul, Cyrillic
 * (Kontsevich and the traditional Russian press style) and South Korean
 * Revised Romanization; Russian/Ukrainian BGN Latin -> Cyrillic; Arabic
 * Latin -> Arabic script.
 *
 * Written from the tables of names.md (sections 1-3), independently of the
 * library's normalize/ and translit/ code, so that an evaluation with these
 * renderings measures the matcher instead of repeating it.  Where a Latin
 * spelling is ambiguous (the list system writes both 어 and 오 as "o"), a
 * table of common name syllables picks the likely reading, then a default.
 *
 * Header-only, used by variants.c and its tests.
 */
#ifndef BENCH_SCRIPTS_H
#define BENCH_SCRIPTS_H

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bench_common.h"

static inline void utf8_put(struct str *s, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    str_putn(s, b, n);
}

/* Lower-case copy of an ASCII token without hyphens/apostrophes, into buf. */
static inline bool ascii_lower_letters(const char *in, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '-' || c == '\'') continue;
        if (!isalpha(c) || c >= 128 || n + 1 >= size) return false;
        buf[n++] = (char)tolower(c);
    }
    buf[n] = '\0';
    return n > 0;
}

/* ============================================================== Korean */

/* One syllable as jamo indices: L 0..18 (11 = silent ㅇ), V 0..20, T 0..27. */
struct ko_syl {
    int L, V, T;
};

#define KO_MAX_SYL 8

struct ko_initial {
    const char *latin;
    int L;
};
/* Longest spellings first. */
static const struct ko_initial ko_initials[] = {
    {"kk", 1}, {"tt", 4}, {"pp", 8}, {"ss", 10}, {"jj", 13}, {"ch", 14},
    {"kh", 15}, {"th", 16}, {"ph", 17}, {"sh", 9}, {"k", 0}, {"g", 0},
    {"n", 2}, {"t", 3}, {"d", 3}, {"r", 5}, {"l", 5}, {"m", 6}, {"p", 7},
    {"b", 7}, {"s", 9}, {"j", 12}, {"h", 18},
};

struct ko_vowel {
    const char *latin;
    int V; /* the default reading of an ambiguous spelling */
};
static const struct ko_vowel ko_vowels[] = {
    {"yae", 3}, {"wae", 10}, {"ae", 1}, {"ya", 2}, {"yo", 6}, {"ye", 7},
    {"wa", 9}, {"oe", 11}, {"oi", 11}, {"wo", 14}, {"we", 15}, {"wi", 16},
    {"yu", 17}, {"ui", 19}, {"a", 0}, {"o", 8}, {"e", 5}, {"u", 13}, {"i", 20},
};

struct ko_final {
    const char *latin;
    int T;
};
static const struct ko_final ko_finals[] = {
    {"ng", 21}, {"k", 1}, {"n", 4}, {"l", 8}, {"m", 16}, {"p", 17},
};

/* Readings of common name syllables where the default is wrong: the list
 * system writes 어/오 as "o", 여/요 as "yo", 우/으 as "u". */
struct ko_reading {
    const char *syllable;
    int L, V; /* L -1: keep the parsed initial */
};
static const struct ko_reading ko_given_readings[] = {
    {"jong", -1, 4}, {"song", -1, 4}, {"chol", -1, 4}, {"chon", -1, 4},
    {"jon", -1, 4}, {"hon", -1, 4}, {"sop", -1, 4}, {"sok", -1, 4},
    {"dok", -1, 4}, {"tok", -1, 4}, {"chong", 12, 4}, {"ryong", -1, 12},
    {"hyo", -1, 12}, {"phyo", -1, 12}, {"un", -1, 18}, {"gum", -1, 18},
    {"kum", -1, 18}, {"sung", -1, 4}, {"ul", -1, 18}, {"duk", -1, 18},
    {"tuk", -1, 18}, {"rung", -1, 18}, {"nung", -1, 18}, {"hung", -1, 18},
    {"gun", -1, 18}, {"kun", -1, 18}, {"yong", -1, 6}, {"bom", -1, 4},
};
static const struct ko_reading ko_surname_readings[] = {
    {"jong", -1, 4}, {"jon", -1, 4}, {"ho", -1, 4}, {"om", -1, 4},
    {"chong", 12, 4}, {"so", -1, 4}, {"song", -1, 8}, {"cho", 12, 8},
};

/* Surnames in list spelling; a name is read surname-first when its first
 * token is one of them (both UN and OFAC write DPRK names that way). */
static const char *const ko_surnames[] = {
    "kim", "ri", "pak", "choe", "jong", "kang", "jo", "yun", "jang", "han",
    "o", "hwang", "ryu", "rim", "ro", "ryang", "sin", "jon", "mun", "thae",
    "hyon", "son", "song", "chu", "paek", "kwon", "ho", "cha", "ko", "kye",
    "nam", "yu", "ju", "bang", "kil", "chong", "om", "pyon", "sim", "tong",
    "yang", "yom", "wang", "hong", "kwak", "min", "mo", "maeng", "no", "na",
    "ra", "ham", "won", "ku", "chi", "sok", "an", "cho", "yi", "li", "choi",
    "chae", "tak", "u", "im", "ok", "jin", "ji", "pae", "pong", "sung",
};

static inline bool ko_is_surname(const char *lower)
{
    for (size_t i = 0; i < sizeof ko_surnames / sizeof ko_surnames[0]; i++)
        if (strcmp(lower, ko_surnames[i]) == 0) return true;
    return false;
}

static inline bool ko_vowel_start(char c) { return c && strchr("aeiouwy", c) != NULL; }

/* Parses one lower-case list-spelling word into syllables, preferring a
 * consonant between vowels as the next syllable's initial (onset first)
 * except "ng", which only ends a syllable.  Backtracks until the whole word
 * parses; returns the syllable count or 0. */
static int ko_parse_from(const char *s, struct ko_syl *out, int n, int max)
{
    if (*s == '\0') return n;
    if (n >= max) return 0;
    for (int with_initial = 1; with_initial >= 0; with_initial--) {
        size_t ni = sizeof ko_initials / sizeof ko_initials[0];
        for (size_t i = 0; i < (with_initial ? ni : 1); i++) {
            const char *il = with_initial ? ko_initials[i].latin : "";
            size_t ilen = strlen(il);
            if (strncmp(s, il, ilen) != 0) continue;
            const char *v = s + ilen;
            for (size_t j = 0; j < sizeof ko_vowels / sizeof ko_vowels[0]; j++) {
                size_t vlen = strlen(ko_vowels[j].latin);
                if (strncmp(v, ko_vowels[j].latin, vlen) != 0) continue;
                const char *rest = v + vlen;
                out[n].L = with_initial ? ko_initials[i].L : 11;
                out[n].V = ko_vowels[j].V;
                /* Finals that are followed by a consonant or the end first,
                 * then none, then finals that steal the next onset. */
                for (int pass = 0; pass < 3; pass++) {
                    if (pass == 1) {
                        out[n].T = 0;
                        int got = ko_parse_from(rest, out, n + 1, max);
                        if (got) return got;
                        continue;
                    }
                    for (size_t k = 0; k < sizeof ko_finals / sizeof ko_finals[0]; k++) {
                        size_t flen = strlen(ko_finals[k].latin);
                        if (strncmp(rest, ko_finals[k].latin, flen) != 0) continue;
                        bool before_vowel = ko_vowel_start(rest[flen]);
                        if ((pass == 0) == before_vowel && ko_finals[k].T != 21) continue;
                        if (pass == 2 && ko_finals[k].T == 21) continue;
                        out[n].T = ko_finals[k].T;
                        int got = ko_parse_from(rest + flen, out, n + 1, max);
                        if (got) return got;
                    }
                }
            }
        }
        if (!with_initial) break;
    }
    return 0;
}

/* Applies the reading table of the slot to a parsed one-syllable word. */
static inline void ko_apply_reading(const char *word, bool surname, struct ko_syl *syl)
{
    const struct ko_reading *t = surname ? ko_surname_readings : ko_given_readings;
    size_t n = surname ? sizeof ko_surname_readings / sizeof ko_surname_readings[0]
                       : sizeof ko_given_readings / sizeof ko_given_readings[0];
    for (size_t i = 0; i < n; i++) {
        if (strcmp(word, t[i].syllable) != 0) continue;
        if (t[i].L >= 0) syl->L = t[i].L;
        syl->V = t[i].V;
        return;
    }
}

/* A Korean person name in list spelling, parsed: tokens of syllables; the
 * first token is the surname. */
struct ko_name {
    struct ko_syl syl[KO_MAX_SYL];
    char latin[KO_MAX_SYL][8];   /* list spelling of each syllable */
    int token_of[KO_MAX_SYL];    /* which name token the syllable came from */
    int count;
    int tokens;
};

/* Parses "KIM Jong Un", "Kim Kyong-hui", "RI Su Yong"; false when a token
 * is not Korean list spelling or the name does not start with a surname. */
static inline bool ko_parse_name(const char *const *tokens, size_t ntok, struct ko_name *out)
{
    memset(out, 0, sizeof *out);
    if (ntok < 2 || ntok > 4) return false;
    for (size_t t = 0; t < ntok; t++) {
        /* hyphens separate syllables: parse each part on its own */
        char part[32];
        const char *p = tokens[t];
        while (*p) {
            size_t len = strcspn(p, "-");
            if (len == 0 || len >= sizeof part) return false;
            memcpy(part, p, len);
            part[len] = '\0';
            char lower[32];
            if (!ascii_lower_letters(part, lower, sizeof lower)) return false;
            if (t == 0 && !ko_is_surname(lower)) return false;
            struct ko_syl syl[4];
            int got = ko_parse_from(lower, syl, 0, t == 0 ? 1 : 3);
            if (got == 0 || out->count + got > KO_MAX_SYL) return false;
            /* a vowel right after an open syllable inside one word (Jin-hu-a,
             * Ji-a-dong) is pinyin, not Korean */
            for (int i = 1; i < got; i++)
                if (syl[i].L == 11 && syl[i - 1].T == 0) return false;
            if (got == 1) ko_apply_reading(lower, t == 0, &syl[0]);
            for (int i = 0; i < got; i++) {
                out->syl[out->count] = syl[i];
                out->token_of[out->count] = (int)t;
                out->count++;
            }
            p += len;
            if (*p == '-') p++;
        }
    }
    out->tokens = (int)ntok;
    return out->count >= 2 && out->count <= 5;
}

static inline uint32_t ko_hangul(const struct ko_syl *s)
{
    return 0xAC00u + (uint32_t)((s->L * 21 + s->V) * 28 + s->T);
}

/* Hangul: surname syllable, then the given name without spaces; sometimes
 * a space after the surname, as some documents write it. */
static inline void ko_to_hangul(const struct ko_name *k, bool space_after_surname, struct str *out)
{
    str_reset(out);
    for (int i = 0; i < k->count; i++) {
        if (i == 1 && space_after_surname) str_putc(out, ' ');
        utf8_put(out, ko_hangul(&k->syl[i]));
    }
}

/* -------------------------------------------------- Korean -> Cyrillic */

/* Cyrillic lower-case code points; capitalised per word afterwards. */
static const uint16_t *const ko_cyr_initial[19] = {
    (const uint16_t[]){0x043A, 0},         /* ㄱ к */
    (const uint16_t[]){0x043A, 0x043A, 0}, /* ㄲ кк */
    (const uint16_t[]){0x043D, 0},         /* ㄴ н */
    (const uint16_t[]){0x0442, 0},         /* ㄷ т */
    (const uint16_t[]){0x0442, 0x0442, 0}, /* ㄸ тт */
    (const uint16_t[]){0x0440, 0},         /* ㄹ р */
    (const uint16_t[]){0x043C, 0},         /* ㅁ м */
    (const uint16_t[]){0x043F, 0},         /* ㅂ п */
    (const uint16_t[]){0x043F, 0x043F, 0}, /* ㅃ пп */
    (const uint16_t[]){0x0441, 0},         /* ㅅ с */
    (const uint16_t[]){0x0441, 0x0441, 0}, /* ㅆ сс */
    (const uint16_t[]){0},                 /* ㅇ */
    (const uint16_t[]){0x0447, 0},         /* ㅈ ч */
    (const uint16_t[]){0x0447, 0x0447, 0}, /* ㅉ чч */
    (const uint16_t[]){0x0447, 0x0445, 0}, /* ㅊ чх */
    (const uint16_t[]){0x043A, 0x0445, 0}, /* ㅋ кх */
    (const uint16_t[]){0x0442, 0x0445, 0}, /* ㅌ тх */
    (const uint16_t[]){0x043F, 0x0445, 0}, /* ㅍ пх */
    (const uint16_t[]){0x0445, 0},         /* ㅎ х */
};
/* Vowels after a consonant (Kontsevich). */
static const uint16_t *const ko_cyr_vowel[21] = {
    (const uint16_t[]){0x0430, 0},         /* ㅏ а */
    (const uint16_t[]){0x044D, 0},         /* ㅐ э */
    (const uint16_t[]){0x044F, 0},         /* ㅑ я */
    (const uint16_t[]){0x0439, 0x044F, 0}, /* ㅒ йя */
    (const uint16_t[]){0x043E, 0},         /* ㅓ о */
    (const uint16_t[]){0x0435, 0},         /* ㅔ е */
    (const uint16_t[]){0x0451, 0},         /* ㅕ ё */
    (const uint16_t[]){0x0435, 0},         /* ㅖ е */
    (const uint16_t[]){0x043E, 0},         /* ㅗ о */
    (const uint16_t[]){0x0432, 0x0430, 0}, /* ㅘ ва */
    (const uint16_t[]){0x0432, 0x044D, 0}, /* ㅙ вэ */
    (const uint16_t[]){0x0432, 0x0435, 0}, /* ㅚ ве */
    (const uint16_t[]){0x0451, 0},         /* ㅛ ё */
    (const uint16_t[]){0x0443, 0},         /* ㅜ у */
    (const uint16_t[]){0x0432, 0x043E, 0}, /* ㅝ во */
    (const uint16_t[]){0x0432, 0x0435, 0}, /* ㅞ ве */
    (const uint16_t[]){0x0432, 0x0438, 0}, /* ㅟ ви */
    (const uint16_t[]){0x044E, 0},         /* ㅠ ю */
    (const uint16_t[]){0x044B, 0},         /* ㅡ ы */
    (const uint16_t[]){0x0438, 0},         /* ㅢ и (ый word-initially) */
    (const uint16_t[]){0x0438, 0},         /* ㅣ и */
};

static inline void put_u16s(struct str *s, const uint16_t *cps)
{
    for (; *cps; cps++) utf8_put(s, *cps);
}

static inline void ko_cyr_final(struct str *s, int T, bool press_r)
{
    static const char group[28] = {
        0, 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l',
        'p', 'l', 'm', 'p', 'p', 't', 't', 'g', 't', 't', 'k', 't', 'p', 't',
    };
    switch (group[T]) {
    case 'k': utf8_put(s, 0x043A); break;
    case 'n': case 'g': utf8_put(s, 0x043D); break;
    case 't': utf8_put(s, 0x0442); break;
    case 'm': utf8_put(s, 0x043C); break;
    case 'p': utf8_put(s, 0x043F); break;
    case 'l':
        if (press_r) {
            utf8_put(s, 0x0440); /* Ир */
        } else {
            utf8_put(s, 0x043B); /* ль */
            utf8_put(s, 0x044C);
        }
        break;
    default: break;
    }
}

/* Upper-cases the first Cyrillic letter of each word (а..я -> А..Я, ё -> Ё). */
static inline void cyr_capitalize_words(struct str *s)
{
    bool start = true;
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->p[i];
        if (c == ' ' || c == '-') {
            start = true;
            continue;
        }
        if (start && (c == 0xD0 || c == 0xD1) && i + 1 < s->len) {
            uint32_t cp = ((uint32_t)(c & 0x1F) << 6) | ((unsigned char)s->p[i + 1] & 0x3F);
            uint32_t up = cp;
            if (cp >= 0x0430 && cp <= 0x044F) up = cp - 0x20;
            else if (cp >= 0x0450 && cp <= 0x045F) up = cp - 0x50;
            else if (cp == 0x0491) up = 0x0490;
            s->p[i] = (char)(0xC0 | (up >> 6));
            s->p[i + 1] = (char)(0x80 | (up & 0x3F));
        } else if (start && c < 128) {
            s->p[i] = (char)toupper(c);
        }
        start = false;
        if (c >= 0xC0) i++; /* two-byte letters only in this output */
    }
}

enum ko_cyr_style {
    KO_CYR_STRICT = 0, /* Kontsevich: Ри Чон Ын, Чхве Рён Хэ */
    KO_CYR_PRESS       /* traditional press: Ли, Чен, Сен, Ир */
};

/* Cyrillic, one word per syllable as Russian texts write DPRK names. */
static inline void ko_to_cyrillic(const struct ko_name *k, enum ko_cyr_style style, struct str *out)
{
    str_reset(out);
    for (int i = 0; i < k->count; i++) {
        const struct ko_syl *s = &k->syl[i];
        if (i) str_putc(out, ' ');
        bool press = style == KO_CYR_PRESS;
        if (i == 0 && s->L == 5 && s->V == 20 && s->T == 0) { /* 리 */
            utf8_put(out, press ? 0x043B : 0x0440);
            utf8_put(out, 0x0438);
            continue;
        }
        if (i == 0 && s->L == 14 && s->V == 11 && s->T == 0) { /* 최 Чхве */
            put_u16s(out, (const uint16_t[]){0x0447, 0x0445, 0x0432, 0x0435, 0});
            continue;
        }
        put_u16s(out, ko_cyr_initial[s->L]);
        if (s->L == 11) {
            /* vowel without a consonant: э for ㅐ/ㅔ, ый for ㅢ, йе for ㅖ */
            if (s->V == 1 || s->V == 5) utf8_put(out, 0x044D);
            else if (s->V == 19) put_u16s(out, (const uint16_t[]){0x044B, 0x0439, 0});
            else if (s->V == 7) put_u16s(out, (const uint16_t[]){0x0439, 0x0435, 0});
            else put_u16s(out, ko_cyr_vowel[s->V]);
        } else if (press && s->V == 4 && s->T == 21 && (s->L == 12 || s->L == 9)) {
            utf8_put(out, 0x0435); /* 정 Чен, 성 Сен */
        } else {
            put_u16s(out, ko_cyr_vowel[s->V]);
        }
        ko_cyr_final(out, s->T, press && s->V == 20);
    }
    cyr_capitalize_words(out);
}

/* --------------------------------------------- Korean -> Revised (South) */

static const char *const ko_rr_initial[19] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                              "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
static const char *const ko_rr_vowel[21] = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
                                            "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
static const char *const ko_rr_final[28] = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
                                            "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

struct ko_rr_surname {
    const char *list;
    const char *rr[3];
};
/* South Korean spellings of surnames: the RR form and the popular ones. */
static const struct ko_rr_surname ko_rr_surnames[] = {
    {"kim", {"Gim", "Kim", NULL}},       {"ri", {"Lee", "Yi", "I"}},
    {"pak", {"Park", "Bak", NULL}},      {"choe", {"Choi", "Choe", NULL}},
    {"jong", {"Jeong", "Jung", "Chung"}}, {"jo", {"Jo", "Cho", NULL}},
    {"jang", {"Jang", "Chang", NULL}},   {"kang", {"Gang", "Kang", NULL}},
    {"yun", {"Yoon", "Yun", NULL}},      {"o", {"Oh", "O", NULL}},
    {"ryu", {"Yu", "Yoo", NULL}},        {"rim", {"Lim", "Im", NULL}},
    {"ro", {"Roh", "No", NULL}},         {"ryang", {"Yang", NULL, NULL}},
    {"sin", {"Shin", "Sin", NULL}},      {"jon", {"Jeon", "Chun", NULL}},
    {"mun", {"Moon", "Mun", NULL}},      {"hyon", {"Hyun", "Hyeon", NULL}},
    {"paek", {"Baek", "Paik", NULL}},    {"kwon", {"Gwon", "Kwon", NULL}},
    {"ho", {"Heo", "Hur", NULL}},        {"ko", {"Go", "Ko", NULL}},
    {"ju", {"Joo", "Ju", NULL}},         {"thae", {"Tae", NULL, NULL}},
    {"han", {"Han", NULL, NULL}},        {"hwang", {"Hwang", NULL, NULL}},
    {"son", {"Son", NULL, NULL}},        {"song", {"Song", NULL, NULL}},
};

/* RR of one syllable; word-initial ㄹ follows the South's rule (리 -> I,
 * 로 -> No). */
static inline void ko_rr_syllable(const struct ko_syl *s, bool word_initial, struct str *out)
{
    const char *init = ko_rr_initial[s->L];
    if (word_initial && s->L == 5) {
        bool i_or_y = s->V == 20 || s->V == 2 || s->V == 6 || s->V == 7 || s->V == 12 || s->V == 17;
        init = i_or_y ? "" : "n";
    }
    str_puts(out, init);
    str_puts(out, ko_rr_vowel[s->V]);
    str_puts(out, ko_rr_final[s->T]);
}

/* Revised Romanization of the name: the surname in one of its South
 * Korean spellings; the given name joined by a hyphen, run together or
 * spaced (join_style 0, 1, 2). */
static inline void ko_to_rr(const struct ko_name *k, const char *surname_list, int surname_pick, int join_style,
                            struct str *out)
{
    str_reset(out);
    const char *sur = NULL;
    for (size_t i = 0; i < sizeof ko_rr_surnames / sizeof ko_rr_surnames[0]; i++) {
        if (strcmp(surname_list, ko_rr_surnames[i].list) != 0) continue;
        int n = 0;
        while (n < 3 && ko_rr_surnames[i].rr[n]) n++;
        sur = ko_rr_surnames[i].rr[surname_pick % n];
    }
    if (sur) {
        str_puts(out, sur);
    } else {
        size_t start = out->len;
        ko_rr_syllable(&k->syl[0], true, out);
        out->p[start] = (char)toupper((unsigned char)out->p[start]);
    }
    for (int i = 1; i < k->count; i++) {
        bool first_given = i == 1;
        if (first_given || join_style == 2) str_putc(out, ' ');
        else if (join_style == 0) str_putc(out, '-');
        size_t start = out->len;
        ko_rr_syllable(&k->syl[i], false, out);
        if (first_given || join_style == 2) out->p[start] = (char)toupper((unsigned char)out->p[start]);
    }
}

/* =============================================== Russian BGN -> Cyrillic */

static inline bool latin_vowel(char c) { return c && strchr("aeiouy", c) != NULL; }

/* Reverses BGN/PCGN (or the Ukrainian national system when `ukrainian`)
 * for one lower-case word.  The choices where BGN loses information (ья or
 * я after a consonant, ц or тс) take the common one. */
static inline void slavic_word_to_cyrillic(const char *w, bool ukrainian, struct str *out)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n;) {
        const char *p = w + i;
        bool after_vowel = i > 0 && latin_vowel(w[i - 1]);
        bool initial = i == 0;
        if (strncmp(p, "shch", 4) == 0) { utf8_put(out, 0x0449); i += 4; continue; }
        if (strncmp(p, "sh", 2) == 0) { utf8_put(out, 0x0448); i += 2; continue; }
        if (strncmp(p, "ch", 2) == 0) { utf8_put(out, 0x0447); i += 2; continue; }
        if (strncmp(p, "zh", 2) == 0) { utf8_put(out, 0x0436); i += 2; continue; }
        if (strncmp(p, "kh", 2) == 0) { utf8_put(out, 0x0445); i += 2; continue; }
        if (strncmp(p, "ts", 2) == 0) { utf8_put(out, 0x0446); i += 2; continue; }
        /* ya/yu after a consonant that follows a vowel: the soft sign
         * BGN writes as an apostrophe lists drop (Tatyana, Ilya) */
        bool soft_sign = !ukrainian && i >= 2 && !latin_vowel(w[i - 1]) && latin_vowel(w[i - 2]);
        if (p[0] == 'y' && (p[1] == 'a' || p[1] == 'u')) {
            if (soft_sign) utf8_put(out, 0x044C);
            utf8_put(out, p[1] == 'a' ? 0x044F : 0x044E);
            i += 2;
            continue;
        }
        if (p[0] == 'y' && p[1] == 'o') { utf8_put(out, ukrainian ? 0x0439 : 0x0451); i += ukrainian ? 1 : 2; continue; }
        if (p[0] == 'y' && p[1] == 'e') {
            if (ukrainian) utf8_put(out, 0x0454);
            else {
                if (!initial && !after_vowel) utf8_put(out, 0x044C);
                utf8_put(out, 0x0435);
            }
            i += 2;
            continue;
        }
        if (ukrainian && p[0] == 'y' && p[1] == 'i') { utf8_put(out, 0x0457); i += 2; continue; }
        if (ukrainian && p[0] == 'i' && (p[1] == 'a' || p[1] == 'u') && !initial) {
            utf8_put(out, p[1] == 'a' ? 0x044F : 0x044E);
            i += 2;
            continue;
        }
        switch (p[0]) {
        case 'y':
            if (after_vowel || initial) utf8_put(out, 0x0439);
            else utf8_put(out, ukrainian ? 0x0438 : 0x044B);
            break;
        case 'e':
            utf8_put(out, (initial && !ukrainian) ? 0x044D : 0x0435);
            break;
        case 'i': utf8_put(out, ukrainian ? 0x0456 : 0x0438); break;
        case 'h': utf8_put(out, ukrainian ? 0x0433 : 0x0445); break;
        case 'g': utf8_put(out, ukrainian ? 0x0491 : 0x0433); break;
        case 'a': utf8_put(out, 0x0430); break;
        case 'b': utf8_put(out, 0x0431); break;
        case 'v': case 'w': utf8_put(out, 0x0432); break;
        case 'd': utf8_put(out, 0x0434); break;
        case 'z': utf8_put(out, 0x0437); break;
        case 'k': case 'q': case 'c': utf8_put(out, 0x043A); break;
        case 'l': utf8_put(out, 0x043B); break;
        case 'm': utf8_put(out, 0x043C); break;
        case 'n': utf8_put(out, 0x043D); break;
        case 'o': utf8_put(out, 0x043E); break;
        case 'p': utf8_put(out, 0x043F); break;
        case 'r': utf8_put(out, 0x0440); break;
        case 's': utf8_put(out, 0x0441); break;
        case 't': utf8_put(out, 0x0442); break;
        case 'u': utf8_put(out, 0x0443); break;
        case 'f': utf8_put(out, 0x0444); break;
        case 'j': utf8_put(out, 0x0439); break;
        case 'x': utf8_put(out, 0x043A); utf8_put(out, 0x0441); break;
        case '\'': utf8_put(out, 0x044C); break;
        case '-': str_putc(out, '-'); break;
        default: break;
        }
        i++;
    }
}

/* A whole name, word by word, capitalised. */
static inline void slavic_to_cyrillic(const char *const *tokens, size_t ntok, bool ukrainian, struct str *out)
{
    str_reset(out);
    for (size_t t = 0; t < ntok; t++) {
        char lower[64];
        size_t n = 0;
        for (const char *p = tokens[t]; *p && n + 1 < sizeof lower; p++)
            lower[n++] = (char)tolower((unsigned char)*p);
        lower[n] = '\0';
        if (t) str_putc(out, ' ');
        slavic_word_to_cyrillic(lower, ukrainian, out);
    }
    cyr_capitalize_words(out);
}

/* ============================================== Arabic Latin -> Arabic */

struct ar_word {
    const char *arabic;
    const char *latin[9];
};
/* Common name words in their usual Arabic spelling, with the Latin
 * spellings lists use for them (names.md section 3 families). */
static const struct ar_word ar_lexicon[] = {
    {"محمد", {"muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mohd", "muhamad", "mohammod"}},
    {"أحمد", {"ahmad", "ahmed", "ahmet"}},
    {"علي", {"ali", "aly"}},
    {"عبد", {"abd", "abdel", "abdul", "abdal", "abdol", "abdoul"}},
    {"الله", {"allah", "ullah", "illah", "ollah"}},
    {"عبدالله", {"abdullah", "abdallah", "abdulla", "abdullahi"}},
    {"حسن", {"hasan", "hassan", "hasen"}},
    {"حسين", {"husayn", "hussein", "hussain", "husain", "hossein", "husein", "hussien", "husseyn"}},
    {"إبراهيم", {"ibrahim", "ebrahim", "ibraheem", "ibragim"}},
    {"عمر", {"umar", "omar", "omer"}},
    {"عثمان", {"uthman", "othman", "osman", "usman", "usmon"}},
    {"خالد", {"khalid", "khaled"}},
    {"محمود", {"mahmud", "mahmoud", "mahmood"}},
    {"مصطفى", {"mustafa", "mostafa", "moustafa", "mustapha"}},
    {"يوسف", {"yusuf", "yousef", "youssef", "yousif", "yusef", "yousuf", "yussuf"}},
    {"أبو", {"abu", "abou", "abo"}},
    {"بن", {"bin", "ibn", "ben"}},
    {"بنت", {"bint"}},
    {"صالح", {"salih", "saleh"}},
    {"سعيد", {"said", "saeed", "saeid", "saied"}},
    {"سالم", {"salim", "salem"}},
    {"سليمان", {"sulayman", "suleiman", "sulaiman", "suliman", "soliman"}},
    {"عباس", {"abbas"}},
    {"حامد", {"hamid", "hamed"}},
    {"حمد", {"hamad"}},
    {"حمزة", {"hamza", "hamzah"}},
    {"جمال", {"jamal", "gamal"}},
    {"كريم", {"karim", "kareem"}},
    {"خليل", {"khalil"}},
    {"ناصر", {"nasir", "nasser", "naser"}},
    {"راشد", {"rashid", "rasheed"}},
    {"ياسين", {"yasin", "yassin", "yaseen"}},
    {"زيد", {"zayd", "zaid"}},
    {"فيصل", {"faysal", "faisal"}},
    {"جابر", {"jabir", "jaber"}},
    {"موسى", {"musa", "mousa", "moussa"}},
    {"عيسى", {"isa", "issa"}},
    {"يحيى", {"yahya"}},
    {"عزيز", {"aziz"}},
    {"رحمن", {"rahman"}},
    {"رحيم", {"rahim", "raheem"}},
    {"قادر", {"qadir", "kadir", "qader"}},
    {"قاسم", {"qasim", "qassem", "kassem", "qasem"}},
    {"طارق", {"tariq", "tarek", "tareq"}},
    {"وليد", {"walid", "waleed"}},
    {"ماجد", {"majid", "majed"}},
    {"نبيل", {"nabil"}},
    {"عادل", {"adil", "adel"}},
    {"أمين", {"amin", "ameen"}},
    {"أنور", {"anwar"}},
    {"أيمن", {"ayman"}},
    {"بكر", {"bakr"}},
    {"هادي", {"hadi"}},
    {"حاج", {"hajj", "hajji", "haji"}},
    {"حكيم", {"hakim"}},
    {"حيدر", {"haydar", "haidar"}},
    {"هاشم", {"hashim", "hashem"}},
    {"إدريس", {"idris"}},
    {"إسماعيل", {"ismail", "ismael", "ismaeel"}},
    {"جعفر", {"jafar", "jaafar"}},
    {"كمال", {"kamal"}},
    {"لطيف", {"latif"}},
    {"منصور", {"mansur", "mansour"}},
    {"مروان", {"marwan"}},
    {"مسعود", {"masud", "masoud"}},
    {"منير", {"munir", "mounir"}},
    {"مراد", {"murad", "mourad"}},
    {"نور", {"nur", "noor", "nour"}},
    {"رفيق", {"rafiq", "rafik"}},
    {"رمضان", {"ramadan", "ramazan"}},
    {"سامي", {"sami"}},
    {"شيخ", {"shaykh", "sheikh", "shaikh", "sheikh"}},
    {"شريف", {"sharif", "sherif"}},
    {"طاهر", {"tahir", "taher"}},
    {"أسامة", {"usama", "osama"}},
    {"زكريا", {"zakariya", "zakaria"}},
    {"فاطمة", {"fatima", "fatema"}},
    {"مريم", {"maryam"}},
    {"زينب", {"zaynab", "zainab"}},
    {"سلام", {"salam"}},
    {"دين", {"din", "deen"}},
    {"نصر", {"nasr"}},
    {"مهدي", {"mahdi", "mehdi"}},
    {"عمار", {"ammar"}},
    {"بلال", {"bilal"}},
    {"حبيب", {"habib"}},
    {"حافظ", {"hafiz", "hafez"}},
    {"جواد", {"jawad"}},
    {"مالك", {"malik"}},
    {"رضا", {"rida", "reza"}},
    {"صدام", {"saddam"}},
    {"صلاح", {"salah"}},
    {"وائل", {"wael", "wail"}},
    {"منصور", {"mansoor"}},
    {"فضل", {"fadl", "fazl"}},
    {"عزت", {"izzat"}},
    {"غازي", {"ghazi"}},
    {"عواد", {"awad"}},
    {"ضياء", {"zia", "ziya", "ziaa"}},
};

/* Prefixes of abd run together with the next name (Abdikadir,
 * Abdurrahman, Abdeslam): abd, then the article, then the name. */
static const char *const ar_abd_prefixes[] = {"abdul", "abdel", "abdal", "abdol", "abdur", "abdus",
                                              "abdu", "abdi", "abde", "abd"};

/* The article and its assimilated forms (names.md 3): al-, el-, ul-, ad-, ar-, ... */
static inline bool ar_is_article(const char *w)
{
    static const char *const forms[] = {"al", "el", "ul", "ur", "us", "ud", "ad", "ar",
                                        "as", "ash", "at", "an", "az", "ut", "ud"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(w, forms[i]) == 0) return true;
    return false;
}

static inline const char *ar_lookup(const char *lower)
{
    for (size_t i = 0; i < sizeof ar_lexicon / sizeof ar_lexicon[0]; i++)
        for (size_t j = 0; j < 9 && ar_lexicon[i].latin[j]; j++)
            if (strcmp(lower, ar_lexicon[i].latin[j]) == 0) return ar_lexicon[i].arabic;
    return NULL;
}

/* Consonant skeleton of a word the lexicon does not know: digraphs for
 * single letters, short vowels dropped, long-looking vowels (ee, oo, a
 * vowel before the last consonant) written, initial vowel as alef. */
static inline void ar_skeleton(const char *w, struct str *out)
{
    size_t n = strlen(w);
    uint32_t last = 0;
    for (size_t i = 0; i < n;) {
        const char *p = w + i;
        uint32_t cp;
        size_t used = 1;
        bool final = false;
        if (strncmp(p, "sh", 2) == 0) cp = 0x0634, used = 2;
        else if (strncmp(p, "kh", 2) == 0) cp = 0x062E, used = 2;
        else if (strncmp(p, "gh", 2) == 0) cp = 0x063A, used = 2;
        else if (strncmp(p, "th", 2) == 0) cp = 0x062B, used = 2;
        else if (strncmp(p, "dh", 2) == 0) cp = 0x0630, used = 2;
        else if (strncmp(p, "ch", 2) == 0) cp = 0x0634, used = 2;
        else if (strncmp(p, "ou", 2) == 0 || strncmp(p, "oo", 2) == 0 || strncmp(p, "uu", 2) == 0)
            cp = 0x0648, used = 2;
        else if (strncmp(p, "ee", 2) == 0 || strncmp(p, "ii", 2) == 0 || strncmp(p, "ai", 2) == 0 ||
                 strncmp(p, "ay", 2) == 0 || strncmp(p, "ei", 2) == 0 || strncmp(p, "ey", 2) == 0)
            cp = 0x064A, used = 2;
        else if (strncmp(p, "aa", 2) == 0) cp = 0x0627, used = 2;
        else if (strncmp(p, "aw", 2) == 0 || strncmp(p, "au", 2) == 0) cp = 0x0648, used = 2;
        else {
            char c = p[0];
            final = i + 1 == n;
            bool before_last_consonant = i + 2 == n && !latin_vowel(p[1]);
            /* the vowel before the last consonant of a nisba or -a word is
             * usually long: Tamimi, Baghdadi, Qaduli */
            bool nisba_long = i > 0 && i + 3 == n && !latin_vowel(p[1]) && latin_vowel(p[2]) &&
                              !latin_vowel(w[i - 1]);
            bool long_iu = final || before_last_consonant || nisba_long;
            switch (c) {
            case 'a': cp = (i == 0 || final || nisba_long) ? 0x0627 : 0; break;
            case 'e': cp = i == 0 ? 0x0627 : (nisba_long ? 0x064A : 0); break;
            case 'i': cp = i == 0 ? 0x0625 : (long_iu ? 0x064A : 0); break;
            case 'o': case 'u': cp = i == 0 ? 0x0623 : (long_iu ? 0x0648 : 0); break;
            case 'b': case 'p': cp = 0x0628; break;
            case 't': cp = 0x062A; break;
            case 'j': case 'g': cp = 0x062C; break;
            case 'h': cp = final ? 0x0647 : 0x062D; break;
            case 'd': cp = 0x062F; break;
            case 'r': cp = 0x0631; break;
            case 'z': cp = 0x0632; break;
            case 's': cp = 0x0633; break;
            case 'f': case 'v': cp = 0x0641; break;
            case 'q': cp = 0x0642; break;
            case 'k': case 'c': cp = 0x0643; break;
            case 'l': cp = 0x0644; break;
            case 'm': cp = 0x0645; break;
            case 'n': cp = 0x0646; break;
            case 'w': cp = 0x0648; break;
            case 'y': cp = 0x064A; break;
            case '\'': cp = 0x0639; break;
            case 'x': cp = 0x0643; break;
            default: cp = 0; break;
            }
        }
        /* a word opening with a long vowel or diphthong (Ayyubi, Oumar)
         * carries its alef before it */
        if (i == 0 && used == 2 && latin_vowel(w[0]) && w[0] != 'y' && cp != 0x0627) utf8_put(out, 0x0627);
        /* a doubled Latin consonant ("ss", "mm") is one letter (no shadda) */
        bool doubled = used == 1 && i > 0 && w[i - 1] == w[i] && cp == last;
        i += used;
        if (cp && !doubled) utf8_put(out, cp);
        last = cp;
    }
}

/* "Abdikadir" -> عبد القادر; false when the word is no such compound. */
static inline bool ar_abd_compound(const char *w, struct str *out)
{
    for (size_t i = 0; i < sizeof ar_abd_prefixes / sizeof ar_abd_prefixes[0]; i++) {
        size_t n = strlen(ar_abd_prefixes[i]);
        if (strncmp(w, ar_abd_prefixes[i], n) != 0 || strlen(w + n) < 3) continue;
        str_puts(out, "عبد ال");
        const char *known = ar_lookup(w + n);
        if (known) str_puts(out, known);
        else ar_skeleton(w + n, out);
        return true;
    }
    return false;
}

/* One Latin word (possibly "al-X" or "Abd-al-X") in Arabic script. */
static inline void ar_word_to_arabic(const char *word, struct str *out)
{
    char lower[64];
    size_t n = 0;
    for (const char *p = word; *p && n + 1 < sizeof lower; p++) lower[n++] = (char)tolower((unsigned char)*p);
    lower[n] = '\0';
    char *part = lower;
    while (part && *part) {
        char *dash = strchr(part, '-');
        if (dash) *dash = '\0';
        bool article = ar_is_article(part) && dash;
        if (article) {
            str_puts(out, "ال"); /* joined to what follows */
        } else {
            /* the lexicon knows the word without ayn apostrophes ('Abdallah) */
            char bare[64];
            size_t nb = 0;
            for (const char *p = part; *p && nb + 1 < sizeof bare; p++)
                if (*p != '\'') bare[nb++] = *p;
            bare[nb] = '\0';
            const char *known = ar_lookup(bare);
            if (known) {
                str_puts(out, known);
            } else if (!ar_abd_compound(bare, out)) {
                ar_skeleton(part, out);
            }
        }
        part = dash ? dash + 1 : NULL;
        if (part && !article && *part) str_putc(out, ' ');
    }
}

static inline void ar_to_arabic(const char *const *tokens, size_t ntok, struct str *out)
{
    str_reset(out);
    for (size_t t = 0; t < ntok; t++) {
        char lower[16];
        /* "al X" written apart: the article joins the next word */
        if (ascii_lower_letters(tokens[t], lower, sizeof lower) && (strcmp(lower, "al") == 0 || strcmp(lower, "el") == 0) &&
            t + 1 < ntok && strchr(tokens[t], '-') == NULL) {
            if (out->len) str_putc(out, ' ');
            str_puts(out, "ال");
            ar_word_to_arabic(tokens[++t], out);
            continue;
        }
        if (out->len) str_putc(out, ' ');
        ar_word_to_arabic(tokens[t], out);
    }
}

#endif /* BENCH_SCRIPTS_H */
