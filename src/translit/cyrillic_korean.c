/*
 * cyrillic_korean.c — Korean names written in Cyrillic back to the list's
 * Latin spelling: "Ким Чен Ын" -> kim jong un, "Пак Сон Чхоль" -> pak song
 * chol, "Цой" -> choe.  Russian-Latin would give "Kim Chen Yn", which no
 * Latin spelling of the name resembles.
 *
 * A token is read as syllables of (initial)(vowel)(final) in Kontsevich
 * spelling and in the traditional press spelling (е for ㅓ, р for final
 * ㄹ), first full parse wins; a consonant before a vowel always opens the
 * next syllable.  Kontsevich writes both ㄴ and ㅇ as final н: after о, ё
 * and е (ㅓ, ㅗ, ㅕ) it is read as ng, the commoner name syllable (정 성 영
 * 명 룡), elsewhere as n (은 인 진 한).  Whole tokens in the table of
 * surnames and given-name syllables (names.md §1.5-1.6) override the rules
 * ("Тен" is 정 in Soviet Korean spelling, not "ten").
 */
#include <string.h>

#include "translit.h"

struct spell {
    const char *cyr;
    const char *lat;
};

static const struct spell initials[] = {
    {"чх", "ch"}, {"кх", "k"}, {"тх", "th"}, {"пх", "ph"}, {"дж", "j"},
    {"кк", "kk"}, {"тт", "tt"}, {"пп", "pp"}, {"сс", "ss"}, {"чч", "jj"},
    {"к", "k"}, {"г", "g"}, {"н", "n"}, {"т", "t"}, {"д", "d"},
    {"р", "r"}, {"л", "r"}, {"м", "m"}, {"п", "p"}, {"б", "b"},
    {"с", "s"}, {"ш", "s"}, {"ч", "j"}, {"ц", "ch"}, {"х", "h"},
    {"", ""},
};

/* Vowels; `ng`: a final н after it reads as ng. */
struct vowel {
    const char *cyr;
    const char *lat;
    bool ng;
};

static const struct vowel vowels[] = {
    {"вэ", "wae", false}, {"ве", "oe", false}, {"ва", "wa", false},
    {"во", "wo", true},   {"ви", "wi", false}, {"ый", "ui", false},
    {"ой", "oe", false},  {"йя", "yae", false}, {"йе", "ye", false},
    {"я", "ya", false},   {"э", "ae", false},  {"о", "o", true},
    {"е", "o", true},     {"ё", "yo", true},   {"ю", "yu", false},
    {"ы", "u", false},    {"у", "u", false},   {"и", "i", false},
    {"а", "a", false},
};

static const struct spell finals[] = {
    {"нъ", "ng"}, {"нг", "ng"}, {"ль", "l"}, {"к", "k"}, {"т", "t"},
    {"л", "l"},   {"р", "l"},   {"м", "m"},  {"п", "p"}, {"н", "n"},
};

/* Whole-token readings (single syllables). */
static const struct spell words[] = {
    {"гён", "kyong"}, {"джун", "jun"}, {"ен", "yong"}, {"ир", "il"},
    {"иль", "il"}, {"кан", "kang"}, {"кён", "kyong"}, {"лим", "rim"},
    {"лю", "ryu"}, {"ли", "ri"}, {"мён", "myong"}, {"пак", "pak"},
    {"рим", "rim"}, {"рю", "ryu"}, {"рён", "ryong"}, {"рян", "ryang"},
    {"сен", "song"}, {"сон", "song"}, {"тен", "jong"}, {"тя", "ja"},
    {"тян", "jang"}, {"тё", "jo"}, {"тён", "jon"}, {"хван", "hwang"},
    {"хи", "hui"}, {"хый", "hui"}, {"хэ", "hae"}, {"хён", "hyon"},
    {"хёк", "hyok"}, {"цой", "choe"}, {"чен", "jong"}, {"чон", "jong"},
    {"чхве", "choe"}, {"чхор", "chol"}, {"чхоль", "chol"},
    {"ын", "un"}, {"ён", "yong"},
};

/* Common Korean surnames in Cyrillic, strict and press spellings (민 Мин,
 * 주 Чу, 추 Чху, 지 Чи/Чхи, 차 Ча/Чха, 변 Пён, 홍 Хон, 함 Хам, 하 Ха, 구 Ку,
 * 석 Сок, 엄 Ом, 인 Ин, 임 Им, 유 Ю among them). */
static const char *const surnames[] = {
    "ан", "им", "ин", "квон", "ким", "ко", "кан", "ку", "ли", "лим",
    "лю", "мин", "мун", "нам", "о", "ом", "пак", "пён", "пэ", "пэк",
    "ри", "рим", "ро", "рю", "рян", "син", "сок", "сон", "со", "тен",
    "тхэ", "тян", "тё", "тён", "ха", "хам", "хан", "хван", "хо", "хон",
    "хён", "цой", "ча", "чен", "чи", "чо", "чон", "чу", "чха", "чхве",
    "чхи", "чху", "шин", "ю", "юн", "ян",
};

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_cyr_vowel(const char *s)
{
    static const char *const v[] = {"а", "е", "ё", "и", "о", "у", "ы",
                                    "э", "ю", "я"};
    for (size_t i = 0; i < VG_ARRAY_LEN(v); i++)
        if (starts_with(s, v[i])) return true;
    return false;
}

struct out {
    char *data;
    size_t len, size;
};

static bool put(struct out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + n >= o->size) return false;
    memcpy(o->data + o->len, s, n);
    o->len += n;
    o->data[o->len] = '\0';
    return true;
}

static void rewind_to(struct out *o, size_t mark)
{
    o->len = mark;
    o->data[mark] = '\0';
}

static size_t parse(const char *s, size_t syllables, struct out *o);

/* The press spelling writes ㅓ as е only before a final (Чен, Сен,
 * Чер); an open "е" syllable is ㅔ as in Kontsevich (Се 세, Че 제). */
static bool press_eo(const struct vowel *v)
{
    return !strcmp(v->cyr, "е");
}

static size_t parse_final(const char *s, const struct vowel *v,
                          size_t syllables, struct out *o)
{
    size_t mark = o->len, got;
    for (size_t i = 0; i < VG_ARRAY_LEN(finals); i++) {
        const char *rest = s + strlen(finals[i].cyr);
        if (!starts_with(s, finals[i].cyr) || is_cyr_vowel(rest)) continue;
        const char *lat = finals[i].lat;
        if (!strcmp(finals[i].cyr, "н") && v->ng) lat = "ng";
        if (put(o, lat) && (got = parse(rest, syllables + 1, o))) return got;
        rewind_to(o, mark);
    }
    if (press_eo(v)) { /* open syllable: "o" written by the caller -> "e" */
        o->data[mark - 1] = 'e';
        if ((got = parse(s, syllables + 1, o))) return got;
        o->data[mark - 1] = 'o';
        return 0;
    }
    return parse(s, syllables + 1, o);
}

static size_t parse(const char *s, size_t syllables, struct out *o)
{
    if (*s == '\0') return syllables;
    if (syllables >= 4) return 0;
    size_t mark = o->len, got;
    for (size_t i = 0; i < VG_ARRAY_LEN(initials); i++) {
        if (!starts_with(s, initials[i].cyr)) continue;
        const char *after = s + strlen(initials[i].cyr);
        for (size_t j = 0; j < VG_ARRAY_LEN(vowels); j++) {
            if (!starts_with(after, vowels[j].cyr)) continue;
            if (put(o, initials[i].lat) && put(o, vowels[j].lat) &&
                (got = parse_final(after + strlen(vowels[j].cyr), &vowels[j],
                                   syllables, o)))
                return got;
            rewind_to(o, mark);
        }
    }
    return 0;
}

/* The token as UTF-8, or false when it is too long or not Cyrillic. */
static bool to_utf8(const uint32_t *cps, size_t n, char *buf, size_t size)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] < 0x0400 || cps[i] > 0x04FF || at + 4 >= size) return false;
        at += vg_utf8_encode(cps[i], buf + at);
    }
    buf[at] = '\0';
    return n > 0;
}

size_t tl_cyrillic_korean(const uint32_t *cps, size_t n, char *out,
                          size_t size)
{
    char word[64];
    if (size == 0) return 0;
    out[0] = '\0';
    if (!to_utf8(cps, n, word, sizeof(word))) return 0;
    for (size_t i = 0; i < VG_ARRAY_LEN(words); i++) {
        if (strcmp(word, words[i].cyr)) continue;
        vg_strlcpy(out, words[i].lat, size);
        return 1; /* the table holds single syllables */
    }
    struct out o = {out, 0, size};
    size_t count = parse(word, 0, &o);
    if (!count) out[0] = '\0';
    return count;
}

bool tl_cyrillic_korean_surname(const uint32_t *cps, size_t n)
{
    char word[64];
    if (!to_utf8(cps, n, word, sizeof(word))) return false;
    for (size_t i = 0; i < VG_ARRAY_LEN(surnames); i++)
        if (!strcmp(word, surnames[i])) return true;
    return false;
}
