/*
 * classes.c — word classes and the last step of norm_name(): legal forms
 * ("Co., Ltd." = "Company Limited" = "有限公司" -> key "coltd"), low-weight
 * generic words ("Trading", "Korea"), particles ("al", "bin", "van"),
 * initials and numbers, then keys and the output array.
 *
 * Multi-word legal forms are found by looking up the next five, four, ...
 * latin words joined by spaces, then one, in one table (hashed, see
 * lexicon.c), so "Limited Liability Company", dotted "S.A." and "Sp. z
 * o.o." become one token.  Short forms that are also names ("SA", "AG",
 * "AO", "PT") count as legal forms only in organization names and only on
 * their side of the name.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "norm_internal.h"
#include "../translit/translit.h"

/* Where a short form that is also a name or a word ("SA", "AG", "AO")
 * counts as a legal form: only in organization names, and only where it
 * is written, after the name (Latin forms) or before it (Russian and
 * Ukrainian forms, "ТОВ Ромашка"). */
enum legal_place { ANYWHERE, AFTER_NAME, BEFORE_NAME };

struct legal {
    const char *words;  /* latin words joined by one space */
    const char *key;    /* canonical class */
    enum legal_place place;
};

static const struct legal legal_forms[] = {
    {"a s", "jsc", AFTER_NAME},
    {"ab", "ab", AFTER_NAME},
    {"ag", "jsc", AFTER_NAME},
    {"aktiengesellschaft", "jsc", ANYWHERE},
    {"ao", "jsc", BEFORE_NAME},
    {"as", "jsc", AFTER_NAME},
    {"at", "jsc", BEFORE_NAME},
    {"b v", "llc", AFTER_NAME},
    {"bhd", "coltd", AFTER_NAME},
    {"bv", "llc", AFTER_NAME},
    {"cc", "cc", AFTER_NAME},
    {"closed joint stock company", "jsc", ANYWHERE},
    {"co limited", "coltd", ANYWHERE},
    {"co ltd", "coltd", ANYWHERE},
    {"company limited", "coltd", ANYWHERE},
    {"corp", "corp", ANYWHERE},
    {"corporation", "corp", ANYWHERE},
    {"dmcc", "fze", ANYWHERE},
    {"fgup", "sue", ANYWHERE},
    {"fop", "sole", BEFORE_NAME},
    {"fz llc", "fze", ANYWHERE},
    {"fzc", "fze", ANYWHERE},
    {"fzco", "fze", ANYWHERE},
    {"fze", "fze", ANYWHERE},
    {"fzllc", "fze", ANYWHERE},
    {"gmbh", "llc", ANYWHERE},
    {"gup", "sue", BEFORE_NAME},
    {"hoesa", "corp", ANYWHERE},
    {"inc", "corp", ANYWHERE},
    {"incorporated", "corp", ANYWHERE},
    {"ip", "sole", BEFORE_NAME},
    {"joint stock company", "jsc", ANYWHERE},
    {"jsc", "jsc", ANYWHERE},
    {"jusikhoesa", "coltd", ANYWHERE},
    {"kg", "lp", AFTER_NAME},
    {"l l c", "llc", ANYWHERE},
    {"limited", "coltd", ANYWHERE},
    {"limited liability company", "llc", ANYWHERE},
    {"limited liability partnership", "llp", ANYWHERE},
    {"llc", "llc", ANYWHERE},
    {"llp", "llp", ANYWHERE},
    {"lp", "lp", AFTER_NAME},
    {"ltd", "coltd", ANYWHERE},
    {"ltd sti", "llc", ANYWHERE},
    {"ltda", "llc", ANYWHERE},
    {"n v", "jsc", AFTER_NAME},
    {"nao", "jsc", BEFORE_NAME},
    {"nv", "jsc", AFTER_NAME},
    {"oao", "jsc", ANYWHERE},
    {"ojsc", "jsc", ANYWHERE},
    {"ooo", "llc", ANYWHERE},
    {"open joint stock company", "jsc", ANYWHERE},
    {"p l c", "plc", ANYWHERE},
    {"pao", "jsc", BEFORE_NAME},
    {"pat", "jsc", BEFORE_NAME},
    {"pjsc", "jsc", ANYWHERE},
    {"plc", "plc", ANYWHERE},
    {"prat", "jsc", BEFORE_NAME},
    {"private limited", "coltd", ANYWHERE},
    {"pt", "coltd", AFTER_NAME},
    {"pte ltd", "coltd", ANYWHERE},
    {"pty ltd", "coltd", ANYWHERE},
    {"public joint stock company", "jsc", ANYWHERE},
    {"pvt ltd", "coltd", ANYWHERE},
    {"s a", "jsc", AFTER_NAME},
    {"s a de c v", "jsc", ANYWHERE},
    {"s a r l", "llc", ANYWHERE},
    {"s a s", "jsc", AFTER_NAME},
    {"s l", "llc", AFTER_NAME},
    {"s de r l", "llc", ANYWHERE},
    {"s p a", "jsc", AFTER_NAME},
    {"s r l", "llc", ANYWHERE},
    {"s r o", "llc", ANYWHERE},
    {"sa", "jsc", AFTER_NAME},
    {"sarl", "llc", ANYWHERE},
    {"sdn bhd", "coltd", ANYWHERE},
    {"sp z o o", "llc", ANYWHERE},
    {"spa", "jsc", AFTER_NAME},
    {"srl", "llc", ANYWHERE},
    {"sro", "llc", ANYWHERE},
    {"td", "td", BEFORE_NAME},
    {"too", "llp", BEFORE_NAME},
    {"tov", "llc", BEFORE_NAME},
    {"wll", "llc", AFTER_NAME},
    {"yuhanhoesa", "llc", ANYWHERE},
    {"zao", "jsc", ANYWHERE},
};

struct word_key {
    const char *word;
    const char *key;   /* generic words: the word whose key this one takes
                          (NULL: its own); particles: the key itself */
};

/* Low-weight words (names.md §5).  Matched on latin and on key so
 * that other spellings of the Korean ones ("Chosun", "Muyeok") count too. */
static const struct word_key generic_words[] = {
    {"amnokgang", NULL}, {"amrokgang", NULL}, {"and", NULL}, {"bank", NULL},
    {"chkholsan", "cholsan"}, {"chollima", NULL}, {"cholsan", NULL},
    {"chongguk", NULL}, {"choson", NULL}, {"chosun", "choson"},
    {"co", "company"}, {"commercial", NULL}, {"company", NULL},
    {"construction", NULL}, {"development", NULL}, {"dprk", NULL},
    {"enterprise", NULL}, {"enterprises", "enterprise"}, {"export", NULL},
    {"general", NULL}, {"global", NULL}, {"group", NULL}, {"grupp", NULL},
    {"gruppa", "grupp"}, {"habyong", NULL}, {"holding", NULL},
    {"holdings", "holding"}, {"import", NULL}, {"industrial", NULL},
    {"industry", NULL}, {"international", NULL}, {"intl", "international"},
    {"invest", NULL}, {"investment", NULL}, {"investments", "investment"},
    {"joint", NULL}, {"joson", NULL}, {"kholding", "holding"},
    {"kiopso", NULL}, {"kompaniya", "company"}, {"konsol", NULL},
    {"korea", NULL}, {"korean", "korea"}, {"koryo", NULL}, {"kumgang", NULL},
    {"kwangson", NULL}, {"mansudae", NULL}, {"muyok", NULL}, {"of", NULL},
    {"paektu", NULL}, {"phyongyang", NULL}, {"pyongyang", NULL},
    {"rungra", NULL}, {"ryonbong", NULL}, {"ryonhap", NULL},
    {"ryugyong", NULL}, {"services", NULL}, {"shipping", NULL},
    {"stroy", NULL}, {"taedong", NULL}, {"tanchon", NULL},
    {"technology", NULL}, {"the", NULL}, {"torgovyy", NULL}, {"trade", NULL},
    {"trading", NULL}, {"unhaeng", NULL}, {"venture", NULL}, {"yonhap", NULL},
};

/* Particles (never dropped, weigh little). */
static const struct word_key particles[] = {
    {"abo", "abu"}, {"abou", "abu"}, {"abu", "abu"}, {"al", "al"},
    {"ben", "bin"}, {"bin", "bin"}, {"bint", "bint"}, {"binti", "bint"},
    {"bn", "bin"}, {"da", "da"}, {"das", "das"}, {"de", "de"}, {"del", "del"},
    {"della", "della"}, {"den", "den"}, {"der", "der"}, {"di", "di"},
    {"dos", "dos"}, {"du", "du"}, {"el", "al"}, {"ibn", "bin"}, {"la", "la"},
    {"le", "le"}, {"les", "les"}, {"ould", "ould"}, {"ter", "ter"},
    {"ul", "al"}, {"van", "van"}, {"von", "von"},
};

/* The Arabic article assimilated to the next consonant ("ar-Rahman",
 * "ash-Shihri"): a particle only when a hyphen ties it to that word,
 * because "An", "As" alone are names. */
static const char *const sun_articles[] = {
    "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ud", "ur",
};

/* Hashed indexes over the tables, built on first use. */
static struct {
    struct norm_lexicon legal, legal_first, generic, generic_key, particle;
    char first_words[VG_ARRAY_LEN(legal_forms)][24];
    const char *first_word[VG_ARRAY_LEN(legal_forms)];
    char generic_keys[VG_ARRAY_LEN(generic_words)][NORM_MAX_WORD];
    const char *generic_key_ptr[VG_ARRAY_LEN(generic_words)];
} lex;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static void build_lexicons(void)
{
    size_t firsts = 0;
    for (size_t i = 0; i < VG_ARRAY_LEN(legal_forms); i++) {
        char word[24];
        vg_strlcpy(word, legal_forms[i].words, sizeof(word));
        word[strcspn(word, " ")] = '\0';
        bool seen = false;
        for (size_t j = 0; j < firsts && !seen; j++)
            seen = !strcmp(lex.first_words[j], word);
        if (seen) continue;
        memcpy(lex.first_words[firsts], word, sizeof(word));
        lex.first_word[firsts] = lex.first_words[firsts];
        firsts++;
    }
    /* Generic words are also found by key ("Chosun" -> key of Choson),
     * so that spellings the table does not list count too. */
    for (size_t i = 0; i < VG_ARRAY_LEN(generic_words); i++) {
        unsigned flags = 0;
        const char *as = generic_words[i].key ? generic_words[i].key
                                              : generic_words[i].word;
        norm_key(as, lex.generic_keys[i], NORM_MAX_WORD, &flags);
        lex.generic_key_ptr[i] = lex.generic_keys[i];
    }
    norm_lexicon_build(&lex.legal, legal_forms, VG_ARRAY_LEN(legal_forms),
                       sizeof(legal_forms[0]));
    norm_lexicon_build(&lex.legal_first, lex.first_word, firsts,
                       sizeof(lex.first_word[0]));
    norm_lexicon_build(&lex.generic, generic_words,
                       VG_ARRAY_LEN(generic_words), sizeof(generic_words[0]));
    norm_lexicon_build(&lex.generic_key, lex.generic_key_ptr,
                       VG_ARRAY_LEN(generic_words),
                       sizeof(lex.generic_key_ptr[0]));
    norm_lexicon_build(&lex.particle, particles, VG_ARRAY_LEN(particles),
                       sizeof(particles[0]));
}

static const struct word_key *particle(const char *word)
{
    pthread_once(&lex_once, build_lexicons);
    return norm_lexicon_find(&lex.particle, word);
}

/* The key of the generic word whose spelling or key equals this token's,
 * or NULL. */
static const char *generic_key(const char *latin, const char *key)
{
    pthread_once(&lex_once, build_lexicons);
    const struct word_key *w = norm_lexicon_find(&lex.generic, latin);
    if (w) return lex.generic_keys[w - generic_words];
    if (strlen(key) < 5) return NULL; /* short keys: too many namesakes */
    const char *const *hit = norm_lexicon_find(&lex.generic_key, key);
    return hit ? *hit : NULL;
}

static bool organization_schema(vigil_schema schema)
{
    return schema == VIGIL_SCHEMA_ORGANIZATION ||
           schema == VIGIL_SCHEMA_COMPANY ||
           schema == VIGIL_SCHEMA_LEGAL_ENTITY || schema == VIGIL_SCHEMA_THING;
}

/* Whether a comma stands between part i and the one before: the lists'
 * inverted form puts a legal form written before the name at its end
 * ("TRANSNEFT-SIBIR, AO" for АО «Транснефть-Сибирь»). */
static bool comma_before(const struct norm_work *work, size_t i)
{
    if (i == 0) return false;
    const struct norm_part *prev = &work->parts[i - 1];
    for (const char *c = prev->orig + prev->orig_len; c < work->parts[i].orig;
         c++)
        if (*c == ',') return true;
    return false;
}

/* Words in the longest legal form ("s a de c v"). */
#define MAX_LEGAL_WORDS 5

/* Longest legal form starting at part i; returns the number of parts it
 * covers (0: none) and its table entry. */
static size_t match_legal(const struct norm_work *work, size_t i,
                          const struct legal **found)
{
    pthread_once(&lex_once, build_lexicons);
    if (!norm_lexicon_find(&lex.legal_first, work->parts[i].latin)) return 0;
    char joined[MAX_LEGAL_WORDS * NORM_MAX_WORD];
    size_t ends[MAX_LEGAL_WORDS], n = 0, len = 0;
    for (size_t j = i; j < work->count && n < MAX_LEGAL_WORDS; j++) {
        if (work->parts[j].fixed_key) break;
        size_t wl = strlen(work->parts[j].latin);
        if (len + wl + 2 > sizeof(joined)) break;
        if (n) joined[len++] = ' ';
        memcpy(joined + len, work->parts[j].latin, wl);
        len += wl;
        ends[n++] = len;
    }
    for (size_t k = n; k > 0; k--) {
        char probe[sizeof(joined)];
        memcpy(probe, joined, ends[k - 1]);
        probe[ends[k - 1]] = '\0';
        const struct legal *l = norm_lexicon_find(&lex.legal, probe);
        if (!l) continue;
        if (l->place != ANYWHERE && !organization_schema(work->schema))
            continue;
        if (l->place == AFTER_NAME && i == 0) continue;
        if (l->place == BEFORE_NAME && i + k >= work->count &&
            !comma_before(work, i))
            continue;
        *found = l;
        return k;
    }
    return 0;
}

static bool all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

static bool hyphen_follows(const struct norm_part *p, const char *text_end)
{
    const char *after = p->orig + p->orig_len;
    return after < text_end && *after == '-';
}

static bool is_sun_article(const char *latin)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(sun_articles); i++)
        if (!strcmp(latin, sun_articles[i])) return true;
    return false;
}

/* Class and key of a single part that is not a legal form. */
static void classify(struct norm_part *p, const char *text_end,
                     struct norm_token *t, char *key, size_t key_size)
{
    const struct word_key *w;
    unsigned flags = p->flags;
    t->cls = NORM_WORD;
    if (all_digits(p->latin)) {
        t->cls = NORM_NUMBER;
        vg_strlcpy(key, p->latin, key_size);
    } else if (p->latin[1] == '\0') {
        t->cls = NORM_INITIAL;
        vg_strlcpy(key, p->latin, key_size);
    } else if ((w = particle(p->latin))) {
        t->cls = NORM_PARTICLE;
        vg_strlcpy(key, w->key, key_size);
    } else if (hyphen_follows(p, text_end) && is_sun_article(p->latin)) {
        t->cls = NORM_PARTICLE;
        vg_strlcpy(key, "al", key_size);
    } else {
        norm_key(p->latin, key, key_size, &flags);
        const char *g = generic_key(p->latin, key);
        if (g) {
            t->cls = NORM_GENERIC;
            vg_strlcpy(key, g, key_size);
        }
    }
    t->flags = flags;
}

/* orig of parts [i, i + n): the input span they cover, NFC. */
static const char *orig_span(struct norm_work *work, size_t i, size_t n)
{
    const struct norm_part *first = &work->parts[i];
    const struct norm_part *last = &work->parts[i + n - 1];
    size_t len = (size_t)(last->orig + last->orig_len - first->orig);
    return tl_nfc(first->orig, len, work->arena);
}

/* latin of parts [i, i + n) joined by `sep`. */
static char *join_latin(struct norm_work *work, size_t i, size_t n,
                        const char *sep)
{
    size_t len = 0, seplen = strlen(sep);
    for (size_t j = i; j < i + n; j++)
        len += strlen(work->parts[j].latin) + seplen;
    char *s = vg_arena_alloc(work->arena, len + 1);
    if (!s) return NULL;
    s[0] = '\0';
    size_t at = 0;
    for (size_t j = i; j < i + n; j++) {
        if (j > i) {
            memcpy(s + at, sep, seplen);
            at += seplen;
        }
        size_t wl = strlen(work->parts[j].latin);
        memcpy(s + at, work->parts[j].latin, wl);
        at += wl;
    }
    s[at] = '\0';
    return s;
}

/* "Abd" followed by the article ("Abd al-Rahman") or by "Allah": one
 * token, keyed like "Abdul" or "Abdullah".  Returns that key or NULL. */
static const char *abd_joined(const struct norm_work *work, size_t i,
                              const char *text_end)
{
    if (i + 1 >= work->count || strcmp(work->parts[i].latin, "abd"))
        return NULL;
    const struct norm_part *next = &work->parts[i + 1];
    if (!strcmp(next->latin, "allah") || !strcmp(next->latin, "alla"))
        return "abdulla";
    const struct word_key *article = particle(next->latin);
    bool is_article = article ? !strcmp(article->key, "al")
                              : hyphen_follows(next, text_end) &&
                                    is_sun_article(next->latin);
    return is_article ? "abdul" : NULL;
}

/* Korean surnames written as one vowel (오 O, 우 U, 이 I in the Revised
 * Romanization) look like initials, and an initial weighs little and
 * conflicts with nothing.  In a name whose words all read as Korean they
 * are the surname: a word, so that "O Chol Song" and "Jo Chol Song" differ
 * in their surnames. */
static vigil_status korean_vowel_surnames(struct norm_token *tokens, size_t n,
                                          struct vg_arena *arena)
{
    size_t korean = 0;
    for (size_t i = 0; i < n; i++) {
        if (tokens[i].cls != NORM_WORD) continue;
        if (!(tokens[i].flags & NORM_F_KOREAN)) return VIGIL_OK;
        korean++;
    }
    if (korean < 2) return VIGIL_OK;
    for (size_t i = 0; i < n; i++) {
        struct norm_token *t = &tokens[i];
        char key[8];
        if (t->cls != NORM_INITIAL || !strchr("oui", t->latin[0]) ||
            t->latin[1] != '\0' || !norm_korean_key(t->latin, key, sizeof(key)))
            continue;
        t->cls = NORM_WORD;
        t->flags |= NORM_F_KOREAN | NORM_F_KOREAN_SURNAME;
        t->key = vg_arena_strdup(arena, key); /* "i" -> "ri", as Yi, Lee */
        if (!t->key) return VIGIL_ENOMEM;
    }
    return VIGIL_OK;
}

vigil_status norm_finish(struct norm_work *work, const char *text,
                         struct norm_name *out)
{
    const char *text_end = text + strlen(text);
    struct norm_token *tokens =
        vg_arena_calloc(work->arena, work->count ? work->count : 1,
                        sizeof(*tokens));
    if (!tokens) return VIGIL_ENOMEM;
    size_t n = 0;
    char key[NORM_MAX_WORD];
    for (size_t i = 0; i < work->count;) {
        struct norm_part *p = &work->parts[i];
        struct norm_token *t = &tokens[n];
        const struct legal *legal = NULL;
        const char *abd;
        size_t span = p->fixed_key ? 0 : match_legal(work, i, &legal);
        if (p->fixed_key) {
            span = 1;
            t->cls = p->fixed_cls;
            t->flags = p->flags;
            vg_strlcpy(key, p->fixed_key, sizeof(key));
            if (t->cls == NORM_GENERIC) { /* keyed like its English word */
                unsigned ignored = 0;
                norm_key(p->fixed_key, key, sizeof(key), &ignored);
                const char *g = generic_key(p->fixed_key, key);
                if (g) vg_strlcpy(key, g, sizeof(key));
            }
            t->latin = p->latin;
        } else if (span) {
            t->cls = NORM_LEGAL_FORM;
            t->flags = p->flags | (span > 1 ? NORM_F_JOINED : 0);
            vg_strlcpy(key, legal->key, sizeof(key));
            t->latin = join_latin(work, i, span, " ");
        } else if ((abd = abd_joined(work, i, text_end))) {
            span = 2;
            t->cls = NORM_WORD;
            t->flags = p->flags | NORM_F_JOINED;
            vg_strlcpy(key, abd, sizeof(key));
            t->latin = join_latin(work, i, span, "");
        } else {
            span = 1;
            classify(p, text_end, t, key, sizeof(key));
            t->latin = p->latin;
        }
        t->orig = orig_span(work, i, span);
        t->key = vg_arena_strdup(work->arena, key);
        t->path = p->path;
        t->script = p->script;
        if (!t->orig || !t->key || !t->latin) return VIGIL_ENOMEM;
        n++;
        i += span;
    }
    VG_TRY(korean_vowel_surnames(tokens, n, work->arena));
    out->tokens = n ? tokens : NULL;
    out->count = n;
    return VIGIL_OK;
}
