/*
 * script.c — the non-ASCII front end of norm_name(): splits the name into
 * words as written, folds each (NFKC + case fold, apostrophes and the
 * transliteration marks ʹ ʿ ʾ · dropped), cuts words where the script
 * changes, and turns every run into lowercase ASCII with the right
 * transliteration (translit/).
 *
 * Two decisions look at the whole name first: whether a Cyrillic name is a
 * Korean name (every Cyrillic word reads as Korean syllables and one is a
 * Korean surname: "Ким Чен Ын"), and whether it is Ukrainian (і ї є ґ
 * anywhere).  A Hangul person name written as one word splits into surname
 * and given name, because that is how the lists write it ("KIM Jong Un").
 */
#include <string.h>

#include "norm_internal.h"
#include "../translit/translit.h"

#define MAX_RUNS NORM_MAX_TOKENS
#define POOL_SIZE (2 * NORM_MAX_INPUT) /* folded code points of a name */
#define MAX_WORD_CPS 256               /* code points of one word */

/* A stretch of one script inside a word, folded. */
struct run {
    const uint32_t *cps;
    size_t n;
    const char *orig;   /* its span as written (the whole word when the
                           fold changed the number of code points) */
    size_t orig_len;
    enum norm_script script;
    bool parens;
};

struct runs {
    struct run run[MAX_RUNS];
    size_t count;
    uint32_t pool[POOL_SIZE];
    size_t pool_used;
};

/* Apostrophes and transliteration marks: dropped inside a word, never a
 * word boundary ("Ch'oe", "Mu'ammar", "Ravshanʹ", "ʿAli"). */
static bool is_joiner(uint32_t cp)
{
    switch (cp) {
    case 0x0027: case 0x0060: case 0x00B4: case 0x00B7: case 0x02B9:
    case 0x02BA: case 0x02BB: case 0x02BC: case 0x02BD: case 0x02BE:
    case 0x02BF: case 0x02C8: case 0x2018: case 0x2019: case 0x201B:
    case 0x2032: case 0x200C: case 0x200D: case 0x0640:
        return true;
    default:
        return false;
    }
}

static enum norm_script script_of(uint32_t cp)
{
    if (cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF)) return NORM_SCRIPT_LATIN;
    if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
        (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
        (cp >= 0xD7B0 && cp <= 0xD7FF))
        return NORM_SCRIPT_HANGUL;
    if ((cp >= 0x0400 && cp <= 0x052F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
        (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F))
        return NORM_SCRIPT_CYRILLIC;
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return NORM_SCRIPT_ARABIC;
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
        cp == 0x3005 || cp == 0x3007)
        return NORM_SCRIPT_HAN;
    if ((cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x1F00 && cp <= 0x1FFF))
        return NORM_SCRIPT_GREEK;
    if (cp >= 0x0250 && cp <= 0x02AF) return NORM_SCRIPT_LATIN; /* IPA */
    if (tl_is_mark(cp)) return NORM_SCRIPT_LATIN; /* joins its base */
    return NORM_SCRIPT_OTHER;
}

/* Adds the runs of one word (text[start, end)) to `runs`. */
static void add_word(struct runs *runs, const char *text, size_t start,
                     size_t end, bool parens)
{
    char kept[4 * MAX_WORD_CPS];
    size_t kept_len = 0, offsets[MAX_WORD_CPS + 1], kept_cps = 0;
    for (size_t i = start; i < end && kept_cps < MAX_WORD_CPS;) {
        uint32_t cp;
        size_t n = vg_utf8_decode(text + i, end - i, &cp);
        if (!is_joiner(cp)) {
            offsets[kept_cps++] = i;
            memcpy(kept + kept_len, text + i, n);
            kept_len += n;
        }
        i += n;
    }
    offsets[kept_cps] = end;
    uint32_t folded[MAX_WORD_CPS];
    size_t nf = tl_fold(kept, kept_len, folded, MAX_WORD_CPS);
    /* the fold can bring back punctuation ("㈜" -> "(주)"): drop it */
    size_t m = 0;
    for (size_t i = 0; i < nf; i++)
        if (tl_is_word_char(folded[i]) && !is_joiner(folded[i]))
            folded[m++] = folded[i];
    bool aligned = m == kept_cps;
    for (size_t i = 0; i < m && runs->count < MAX_RUNS;) {
        enum norm_script script = script_of(folded[i]);
        size_t j = i + 1;
        while (j < m && (script_of(folded[j]) == script ||
                         tl_is_mark(folded[j])))
            j++;
        if (runs->pool_used + (j - i) > POOL_SIZE) return;
        struct run *r = &runs->run[runs->count++];
        memcpy(runs->pool + runs->pool_used, folded + i,
               (j - i) * sizeof(uint32_t));
        r->cps = runs->pool + runs->pool_used;
        r->n = j - i;
        runs->pool_used += j - i;
        r->script = script;
        r->orig = text + (aligned ? offsets[i] : start);
        r->orig_len = aligned ? offsets[j] - offsets[i] : end - start;
        r->parens = parens && i == 0 && j == m;
        i = j;
    }
}

/* Splits text into words: word characters, with joiners allowed inside. */
static void split_words(struct runs *runs, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && runs->count < MAX_RUNS) {
        uint32_t cp;
        size_t n = vg_utf8_decode(text + i, len - i, &cp);
        if (!tl_is_word_char(cp) || is_joiner(cp)) {
            i += n;
            continue;
        }
        size_t start = i, end = i + n;
        i += n;
        while (i < len) {
            n = vg_utf8_decode(text + i, len - i, &cp);
            if (tl_is_word_char(cp) && !is_joiner(cp)) end = i + n;
            else if (!is_joiner(cp)) break;
            i += n;
        }
        i = end;
        bool parens = start > 0 && text[start - 1] == '(' && end < len &&
                      text[end] == ')';
        add_word(runs, text, start, end, parens);
    }
}

/* ------------------------------------------------------- whole-name */

static bool cyrillic_is(const struct run *r, const char *word)
{
    size_t i = 0;
    for (const char *p = word; *p;) {
        uint32_t cp;
        p += vg_utf8_decode(p, strlen(p), &cp);
        if (i >= r->n || r->cps[i++] != cp) return false;
    }
    return i == r->n;
}

/* Cyrillic legal forms do not count against a Korean reading. */
static bool cyrillic_legal_form(const struct run *r)
{
    static const char *const forms[] = {"ооо", "оао", "зао", "ао", "пао",
                                        "нао", "тов", "пат", "прат", "ат",
                                        "ип", "гуп", "фгуп", "тд", "тоо"};
    for (size_t i = 0; i < VG_ARRAY_LEN(forms); i++)
        if (cyrillic_is(r, forms[i])) return true;
    return false;
}

static bool korean_in_cyrillic(const struct runs *runs)
{
    size_t words = 0;
    bool surname = false;
    for (size_t i = 0; i < runs->count; i++) {
        const struct run *r = &runs->run[i];
        if (r->script != NORM_SCRIPT_CYRILLIC || cyrillic_legal_form(r))
            continue;
        char latin[NORM_MAX_WORD];
        size_t syllables = tl_cyrillic_korean(r->cps, r->n, latin,
                                              sizeof(latin));
        if (syllables == 0 || syllables > 3) return false;
        surname = surname || tl_cyrillic_korean_surname(r->cps, r->n);
        words++;
    }
    return surname && words >= 2;
}

static bool ukrainian(const struct runs *runs)
{
    for (size_t i = 0; i < runs->count; i++)
        for (size_t j = 0; j < runs->run[i].n; j++) {
            uint32_t cp = runs->run[i].cps[j];
            if (cp == 0x0456 || cp == 0x0457 || cp == 0x0454 || cp == 0x0491)
                return true;
        }
    return false;
}

/* ------------------------------------------------------------ parts */

static vigil_status add_part(struct norm_work *work, const char *orig,
                             size_t orig_len, const char *latin,
                             enum norm_script script, const char *path,
                             bool parens)
{
    if (latin[0] == '\0' || work->count >= NORM_MAX_TOKENS) return VIGIL_OK;
    struct norm_part *p = &work->parts[work->count];
    memset(p, 0, sizeof(*p));
    p->latin = vg_arena_strdup(work->arena, latin);
    if (!p->latin) return VIGIL_ENOMEM;
    p->orig = orig;
    p->orig_len = orig_len;
    p->script = script;
    p->path = path;
    p->parens = parens;
    work->count++;
    return VIGIL_OK;
}

static struct norm_part *last_part(struct norm_work *work)
{
    return work->count ? &work->parts[work->count - 1] : NULL;
}

static vigil_status latin_run(struct norm_work *work, const struct run *r)
{
    uint32_t bare[MAX_WORD_CPS];
    char latin[NORM_MAX_WORD];
    size_t n = tl_strip_marks(r->cps, r->n, bare, MAX_WORD_CPS), at = 0;
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++) ascii = bare[i] < 0x80;
    if (ascii) {
        for (size_t i = 0; i < n && at + 1 < sizeof(latin); i++) {
            char c = (char)bare[i];
            if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                latin[at++] = c;
        }
        latin[at] = '\0';
    } else {
        tl_transform(TL_LATIN_ASCII, bare, n, latin, sizeof(latin));
    }
    return add_part(work, r->orig, r->orig_len, latin, NORM_SCRIPT_LATIN,
                    "", r->parens);
}

/* Byte span of code points [from, to) of a run (Hangul syllables, Han
 * characters) when the fold kept one code point per character; else the
 * run's whole span. */
static void sub_span(const struct run *r, size_t from, size_t to,
                        const char **orig, size_t *len)
{
    const char *p = r->orig, *end = r->orig + r->orig_len;
    const char *starts[MAX_WORD_CPS + 1];
    size_t count = 0;
    while (p < end && count < MAX_WORD_CPS) {
        uint32_t cp;
        starts[count++] = p;
        p += vg_utf8_decode(p, (size_t)(end - p), &cp);
    }
    starts[count] = end;
    if (count != r->n) {
        *orig = r->orig;
        *len = r->orig_len;
        return;
    }
    *orig = starts[from];
    *len = (size_t)(starts[to] - starts[from]);
}

static const char path_hangul[] = "Korean from Hangul";

static vigil_status hangul_piece(struct norm_work *work, const struct run *r,
                                 size_t from, size_t to, bool assimilated)
{
    char latin[NORM_MAX_WORD];
    const char *orig;
    size_t len;
    tl_hangul_latin(r->cps + from, to - from, assimilated, latin,
                    sizeof(latin));
    sub_span(r, from, to, &orig, &len);
    VG_TRY(add_part(work, orig, len, latin, NORM_SCRIPT_HANGUL, path_hangul,
                    r->parens));
    struct norm_part *p = last_part(work);
    if (p && to - from > 1 && !assimilated) p->flags |= NORM_F_JOINED;
    return VIGIL_OK;
}

/* Words that Korean company names stick to the name without a space:
 * legal forms (with their class) and generic words (classified later by
 * their latin, like any generic word).  "조선광선은행" -> 조선 | 광선 | 은행. */
enum { AT_FRONT = 1, AT_BACK = 2 };
static const struct hangul_word {
    uint32_t cps[4];
    size_t n;
    unsigned where;
    const char *legal_key; /* NULL: not a legal form */
} hangul_words[] = {
    {{0xC8FC, 0xC2DD, 0xD68C, 0xC0AC}, 4, AT_FRONT | AT_BACK, "coltd"}, /* 주식회사 */
    {{0xC720, 0xD55C, 0xD68C, 0xC0AC}, 4, AT_FRONT | AT_BACK, "llc"},   /* 유한회사 */
    {{0xCD1D, 0xD68C, 0xC0AC}, 3, AT_BACK, "corp"},                     /* 총회사 */
    {{0xD68C, 0xC0AC}, 2, AT_BACK, "corp"},                             /* 회사 */
    {{0xC870, 0xC120}, 2, AT_FRONT, NULL},                              /* 조선 */
    {{0xACE0, 0xB824}, 2, AT_FRONT, NULL},                              /* 고려 */
    {{0xC740, 0xD589}, 2, AT_BACK, NULL},                               /* 은행 */
    {{0xBB34, 0xC5ED}, 2, AT_BACK, NULL},                               /* 무역 */
    {{0xCD1D, 0xAD6D}, 2, AT_BACK, NULL},                               /* 총국 */
    {{0xAE30, 0xC5C5, 0xC18C}, 3, AT_BACK, NULL},                       /* 기업소 */
    {{0xB828, 0xD569}, 2, AT_BACK, NULL},                               /* 련합 */
    {{0xC5F0, 0xD569}, 2, AT_BACK, NULL},                               /* 연합 */
    {{0xD569, 0xC601}, 2, AT_BACK, NULL},                               /* 합영 */
    {{0xAC74, 0xC124}, 2, AT_BACK, NULL},                               /* 건설 */
};

struct piece_span {
    size_t from, to;
    const char *legal_key;
};

static vigil_status hangul_word_part(struct norm_work *work,
                                     const struct run *r,
                                     const struct piece_span *p)
{
    VG_TRY(hangul_piece(work, r, p->from, p->to, true));
    struct norm_part *part = last_part(work);
    if (part && p->legal_key) {
        part->fixed_key = p->legal_key;
        part->fixed_cls = NORM_LEGAL_FORM;
    }
    return VIGIL_OK;
}

/* The known word at position `at` of r (front or back), or NULL. */
static const struct hangul_word *word_at(const struct run *r, size_t from,
                                         size_t to, unsigned where)
{
    for (size_t w = 0; w < VG_ARRAY_LEN(hangul_words); w++) {
        const struct hangul_word *hw = &hangul_words[w];
        if (!(hw->where & where) || to - from < hw->n) continue;
        size_t at = where == AT_FRONT ? from : to - hw->n;
        if (!memcmp(r->cps + at, hw->cps, hw->n * sizeof(uint32_t)))
            return hw;
    }
    return NULL;
}

static vigil_status hangul_org(struct norm_work *work, const struct run *r)
{
    /* "(주)", "㈜": the abbreviation of 주식회사 */
    if (r->n == 1 && r->cps[0] == 0xC8FC &&
        (r->parens || (r->orig_len == 3 && !memcmp(r->orig, "\xE3\x88\x9C", 3)))) {
        struct piece_span p = {0, 1, "coltd"};
        return hangul_word_part(work, r, &p);
    }
    struct piece_span front[4], back[4];
    size_t nf = 0, nb = 0, from = 0, to = r->n;
    const struct hangul_word *hw;
    while (nf < VG_ARRAY_LEN(front) && to - from > 0 &&
           (hw = word_at(r, from, to, AT_FRONT))) {
        front[nf++] = (struct piece_span){from, from + hw->n, hw->legal_key};
        from += hw->n;
    }
    while (nb < VG_ARRAY_LEN(back) && to - from > 0 &&
           (hw = word_at(r, from, to, AT_BACK))) {
        back[nb++] = (struct piece_span){to - hw->n, to, hw->legal_key};
        to -= hw->n;
    }
    for (size_t i = 0; i < nf; i++) VG_TRY(hangul_word_part(work, r, &front[i]));
    if (to > from) VG_TRY(hangul_piece(work, r, from, to, true));
    for (size_t i = nb; i > 0; i--) VG_TRY(hangul_word_part(work, r, &back[i - 1]));
    return VIGIL_OK;
}

static bool person_split(vigil_schema schema, size_t syllables)
{
    if (schema == VIGIL_SCHEMA_PERSON) return syllables >= 2 && syllables <= 5;
    if (schema == VIGIL_SCHEMA_THING || schema == VIGIL_SCHEMA_LEGAL_ENTITY)
        return syllables >= 2 && syllables <= 4;
    return false;
}

static vigil_status hangul_run(struct norm_work *work, const struct run *r,
                               bool sole_hangul_word)
{
    size_t syllables = 0;
    for (size_t i = 0; i < r->n; i++)
        syllables += tl_is_hangul_syllable(r->cps[i]);
    if (syllables != r->n) /* stray jamo: spell what can be spelled */
        return hangul_piece(work, r, 0, r->n, false);
    if (!sole_hangul_word || !person_split(work->schema, syllables))
        return work->schema == VIGIL_SCHEMA_PERSON
                   ? hangul_piece(work, r, 0, r->n, false)
                   : hangul_org(work, r);
    size_t surname = syllables >= 3 && tl_hangul_double_surname(r->cps, r->n)
                         ? 2 : 1;
    VG_TRY(hangul_piece(work, r, 0, surname, false));
    return hangul_piece(work, r, surname, r->n, false);
}

static vigil_status cyrillic_run(struct norm_work *work, const struct run *r,
                                 bool korean, bool ukr)
{
    char latin[NORM_MAX_WORD];
    if (korean && !cyrillic_legal_form(r) &&
        tl_cyrillic_korean(r->cps, r->n, latin, sizeof(latin)))
        return add_part(work, r->orig, r->orig_len, latin,
                        NORM_SCRIPT_CYRILLIC, "Korean from Cyrillic",
                        r->parens);
    tl_transform(ukr ? TL_UKRAINIAN : TL_RUSSIAN, r->cps, r->n, latin,
                 sizeof(latin));
    return add_part(work, r->orig, r->orig_len, latin, NORM_SCRIPT_CYRILLIC,
                    ukr ? "Ukrainian" : "Russian (BGN/PCGN)", r->parens);
}

static const char path_arabic[] = "Arabic";

static bool has_prefix(const uint32_t *cps, size_t n, const uint32_t *prefix,
                       size_t k)
{
    return n >= k && !memcmp(cps, prefix, k * sizeof(uint32_t));
}

/* Arabic: the article ال splits off as "al" ("التكريتي" -> al tikriti,
 * as the lists write AL-TIKRITI); "عبدال..." becomes abd + al + rest,
 * which norm_finish() keys like "Abdul" + rest. */
static vigil_status arabic_run(struct norm_work *work, const struct run *r)
{
    static const uint32_t article[] = {0x0627, 0x0644};
    static const uint32_t abd_al[] = {0x0639, 0x0628, 0x062F, 0x0627, 0x0644};
    static const uint32_t allah[] = {0x0627, 0x0644, 0x0644, 0x0647};
    uint32_t word[MAX_WORD_CPS];
    size_t n = VG_MIN(r->n, MAX_WORD_CPS);
    memcpy(word, r->cps, n * sizeof(uint32_t));
    bool initial_i = tl_arabic_initial_i(word, n);
    n = tl_arabic_fold(word, n);
    size_t start = 0;
    if (n > 6 && has_prefix(word, n, abd_al, 5)) {
        VG_TRY(add_part(work, r->orig, r->orig_len, "abd", NORM_SCRIPT_ARABIC,
                        path_arabic, false));
        VG_TRY(add_part(work, r->orig, r->orig_len, "al", NORM_SCRIPT_ARABIC,
                        path_arabic, false));
        start = 5;
    } else if (n > 3 && has_prefix(word, n, article, 2) &&
               !(n == 4 && has_prefix(word, n, allah, 4))) {
        VG_TRY(add_part(work, r->orig, r->orig_len, "al", NORM_SCRIPT_ARABIC,
                        path_arabic, false));
        start = 2;
    }
    char latin[NORM_MAX_WORD];
    tl_arabic_latin(word + start, n - start, initial_i, latin, sizeof(latin));
    return add_part(work, r->orig, r->orig_len, latin, NORM_SCRIPT_ARABIC,
                    path_arabic, r->parens);
}

/* Han words of company names, longest first: legal forms by class, and
 * generic words by the English word whose class and key they take. */
static const struct han_word {
    uint32_t cps[6];
    size_t n;
    enum norm_class cls;
    const char *key;
} han_words[] = {
    {{0x80A1, 0x4EFD, 0x6709, 0x9650, 0x516C, 0x53F8}, 6, NORM_LEGAL_FORM, "jsc"},
    {{0x6709, 0x9650, 0x8D23, 0x4EFB, 0x516C, 0x53F8}, 6, NORM_LEGAL_FORM, "llc"},
    {{0x6709, 0x9650, 0x8CAC, 0x4EFB, 0x516C, 0x53F8}, 6, NORM_LEGAL_FORM, "llc"},
    {{0x6709, 0x9650, 0x516C, 0x53F8}, 4, NORM_LEGAL_FORM, "coltd"}, /* 有限公司 */
    {{0x682A, 0x5F0F, 0x4F1A, 0x793E}, 4, NORM_LEGAL_FORM, "jsc"},   /* 株式会社 */
    {{0x682A, 0x5F0F, 0x6703, 0x793E}, 4, NORM_LEGAL_FORM, "jsc"},
    {{0x8FDB, 0x51FA, 0x53E3}, 3, NORM_GENERIC, "export"},          /* 进出口 */
    {{0x9032, 0x51FA, 0x53E3}, 3, NORM_GENERIC, "export"},
    {{0x516C, 0x53F8}, 2, NORM_LEGAL_FORM, "corp"},                 /* 公司 */
    {{0x4F1A, 0x793E}, 2, NORM_LEGAL_FORM, "corp"},                 /* 会社 */
    {{0x6703, 0x793E}, 2, NORM_LEGAL_FORM, "corp"},
    {{0x96C6, 0x56E2}, 2, NORM_GENERIC, "group"},                   /* 集团 */
    {{0x96C6, 0x5718}, 2, NORM_GENERIC, "group"},
    {{0x8D38, 0x6613}, 2, NORM_GENERIC, "trade"},                   /* 贸易 */
    {{0x8CBF, 0x6613}, 2, NORM_GENERIC, "trade"},
    {{0x56FD, 0x9645}, 2, NORM_GENERIC, "international"},           /* 国际 */
    {{0x570B, 0x969B}, 2, NORM_GENERIC, "international"},
    {{0x5B9E, 0x4E1A}, 2, NORM_GENERIC, "industry"},                /* 实业 */
    {{0x5BE6, 0x696D}, 2, NORM_GENERIC, "industry"},
};

static const char path_han[] = "Chinese (pinyin)";

static vigil_status han_piece(struct norm_work *work, const struct run *r,
                              size_t from, size_t to)
{
    char latin[NORM_MAX_WORD] = "";
    const char *orig;
    size_t len;
    for (size_t i = from; i < to; i++) {
        size_t at = strlen(latin);
        tl_han_pinyin(r->cps[i], latin + at, sizeof(latin) - at);
    }
    sub_span(r, from, to, &orig, &len);
    return add_part(work, orig, len, latin, NORM_SCRIPT_HAN, path_han, false);
}

/* Han: one token per character (Chinese names), pinyin without tones;
 * company words ("有限公司", "贸易") one token each. */
static vigil_status han_run(struct norm_work *work, const struct run *r)
{
    for (size_t i = 0; i < r->n;) {
        const struct han_word *hit = NULL;
        for (size_t w = 0; w < VG_ARRAY_LEN(han_words) && !hit; w++)
            if (r->n - i >= han_words[w].n &&
                !memcmp(r->cps + i, han_words[w].cps,
                        han_words[w].n * sizeof(uint32_t)))
                hit = &han_words[w];
        size_t n = hit ? hit->n : 1;
        size_t before = work->count;
        VG_TRY(han_piece(work, r, i, i + n));
        if (hit && work->count > before) {
            last_part(work)->fixed_key = hit->key;
            last_part(work)->fixed_cls = hit->cls;
        }
        i += n;
    }
    return VIGIL_OK;
}

static vigil_status other_run(struct norm_work *work, const struct run *r,
                              const char *path)
{
    char latin[NORM_MAX_WORD];
    tl_transform(TL_ANY, r->cps, r->n, latin, sizeof(latin));
    return add_part(work, r->orig, r->orig_len, latin, r->script, path,
                    r->parens);
}

vigil_status norm_split_unicode(struct norm_work *work, const char *text,
                                size_t len)
{
    struct runs scratch; /* about 17 KB: on the stack, not in the arena */
    struct runs *runs = &scratch;
    runs->count = 0;
    runs->pool_used = 0;
    split_words(runs, text, len);
    bool korean = korean_in_cyrillic(runs), ukr = ukrainian(runs);
    size_t hangul_count = 0;
    for (size_t i = 0; i < runs->count; i++)
        hangul_count += runs->run[i].script == NORM_SCRIPT_HANGUL;
    for (size_t i = 0; i < runs->count; i++) {
        const struct run *r = &runs->run[i];
        switch (r->script) {
        case NORM_SCRIPT_LATIN:
            VG_TRY(latin_run(work, r));
            break;
        case NORM_SCRIPT_HANGUL:
            VG_TRY(hangul_run(work, r, hangul_count == 1));
            break;
        case NORM_SCRIPT_CYRILLIC:
            VG_TRY(cyrillic_run(work, r, korean, ukr));
            break;
        case NORM_SCRIPT_HAN:
            VG_TRY(han_run(work, r));
            break;
        case NORM_SCRIPT_ARABIC:
            VG_TRY(arabic_run(work, r));
            break;
        default:
            VG_TRY(other_run(work, r, "ICU Any-Latin"));
            break;
        }
    }
    return VIGIL_OK;
}
