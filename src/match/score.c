/*
 * score.c — scores one query name against one listed name.
 *
 * Both names are sets of weighted tokens.  Every pair of tokens that agrees
 * (exactly, after transliteration, as a spelling variant, as a typo, as
 * equivalent legal forms, as an initial) becomes an edge, and so does every
 * pair of adjacent tokens on one side whose concatenation is one token on
 * the other ("Jong Un" ~ "Jongun").  Edges are taken greedily by weighted
 * similarity, each token used once; words still left over on both sides
 * that resemble each other then pair weakly.  Then
 *
 *     score = sum(sim * w_pair) / (sum(w_pair) + 0.8 * unmatched query
 *             weight + c * unmatched listed weight)
 *
 * with w_pair the mean of the weights the pair joins and c 0.25 (0.5 when
 * the query has a word left over too), so an exact match of every token is
 * exactly 1, a listed middle name the query lacks costs little and an
 * extra or conflicting query word costs a lot.  Greedy rather than optimal
 * assignment: names have a handful of tokens, conflicts between edges are
 * rare, and this runs for every candidate of every query.
 */
#include <string.h>

#include "match.h"

float match_class_factor(enum norm_class cls)
{
    switch (cls) {
    case NORM_WORD: return 1.0f;
    case NORM_NUMBER: return 1.0f;
    case NORM_INITIAL: return 0.3f;
    case NORM_GENERIC: return 0.3f;
    case NORM_PARTICLE: return 0.2f;
    case NORM_LEGAL_FORM: return 0.15f;
    }
    return 1.0f;
}

double match_name_kind_factor(enum vg_name_kind kind)
{
    switch (kind) {
    case VG_NAME_PRIMARY:
    case VG_NAME_ALIAS: return 1.0;
    case VG_NAME_PREVIOUS: return 0.95;
    case VG_NAME_WEAK: return 0.9;
    }
    return 1.0;
}

void match_token_lengths(struct match_token *token)
{
    uint32_t letters = 0;
    const char *s = token->latin;
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') letters |= 1u << (*s - 'a');
    token->latin_len = (uint32_t)(s - token->latin);
    token->key_len = (uint32_t)strlen(token->key);
    token->letters = letters;
}

/* Cheap lower bound before any edit distance: an edit changes the set of
 * letters a word uses by at most two, so words whose letter sets differ by
 * more than twice the edits a typo may have are not typos of each other.
 * Rejects most pairs of unrelated tokens in a few instructions. */
static bool letters_allow_typo(const struct match_token *q,
                               const struct match_token *l)
{
    uint32_t longer = q->latin_len > l->latin_len ? q->latin_len : l->latin_len;
    int edits = (int)((double)longer * 2.0 * (1.0 - MATCH_FUZZY_FLOOR) + 1e-9);
    int differ = 0;
    for (uint32_t x = q->letters ^ l->letters; x; x &= x - 1) differ++;
    return differ <= 2 * edits;
}

static bool same(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

static bool distinctive(enum norm_class cls)
{
    return cls == NORM_WORD || cls == NORM_NUMBER;
}

/* Same letters: EXACT within one script, TRANSLIT across scripts. */
static vigil_token_how exact_how(const struct match_token *q,
                                 const struct match_token *l)
{
    return q->script == l->script ? VIGIL_TOKEN_EXACT : VIGIL_TOKEN_TRANSLIT;
}

static bool compare_initial(const struct match_token *q,
                            const struct match_token *l, vigil_token_how *how,
                            float *sim)
{
    /* Two different initials never agree; an initial agrees with a name
     * that starts with its letter, and says little. */
    if (q->cls == NORM_INITIAL && l->cls == NORM_INITIAL) return false;
    if (!q->latin_len || !l->latin_len || q->latin[0] != l->latin[0])
        return false;
    if (q->cls == NORM_LEGAL_FORM || l->cls == NORM_LEGAL_FORM ||
        q->cls == NORM_NUMBER || l->cls == NORM_NUMBER)
        return false;
    *how = VIGIL_TOKEN_INITIAL;
    *sim = (float)MATCH_INITIAL_SIM;
    return true;
}

static double typo_similarity(const struct match_token *q,
                              const struct match_token *l,
                              struct match_typo_cache *cache, uint32_t qi)
{
    if (!cache)
        return match_fuzzy_similarity(q->latin, q->latin_len, l->latin,
                                      l->latin_len);
    size_t slot = (size_t)((((uintptr_t)l->latin >> 3) * 0x9E3779B1u) ^ qi) &
                  (MATCH_TYPO_CACHE - 1);
    if (cache->slots[slot].latin == l->latin &&
        cache->slots[slot].query_token == qi)
        return cache->slots[slot].sim;
    double s = match_fuzzy_similarity(q->latin, q->latin_len, l->latin,
                                      l->latin_len);
    cache->slots[slot].latin = l->latin;
    cache->slots[slot].query_token = qi;
    cache->slots[slot].sim = (float)s;
    return s;
}

bool match_letters_not_initials(vigil_schema schema)
{
    return schema != VIGIL_SCHEMA_PERSON && schema != VIGIL_SCHEMA_THING;
}

/* A Korean person's name: two or more words that all read as Korean, one
 * of them a common Korean surname.  Without the surname, Chinese and
 * Western names that happen to parse as Korean syllables ("Si Chen",
 * "Jean Michel Didat") would fall under the Korean given-name rules. */
void match_name_mark_korean(struct match_name *name)
{
    size_t words = 0;
    bool surname = false;
    name->korean = name->korean_given = false;
    for (size_t i = 0; i < name->count; i++) {
        const struct match_token *t = &name->tokens[i];
        if (t->cls != NORM_WORD) continue;
        if (!(t->flags & NORM_F_KOREAN)) return;
        surname = surname || (t->flags & NORM_F_KOREAN_SURNAME);
        words++;
    }
    name->korean = words > 0;
    name->korean_given = words > 1 && surname;
}

/* Romanized Korean syllables are short and one letter turns one into
 * another ("Kyong" / "Ryong", "Chol" / "Choe", "Paek" / "Pak" are all
 * different names), while their spelling variants already share a key:
 * in two names made of such syllables, a typo between two of them as
 * written in Latin must be closer than between other words.  (The Korean
 * reading of a token alone says little - "Ian", "Raul" and "Aero" read as
 * Korean too - hence the whole-name condition; a transliteration from
 * Cyrillic or Hangul is looser by nature and keeps the ordinary floor.) */
static bool short_syllables(const struct match_token *q,
                            const struct match_token *l, bool korean_names)
{
    return korean_names && q->script == NORM_SCRIPT_LATIN &&
           l->script == NORM_SCRIPT_LATIN &&
           VG_MAX(q->latin_len, l->latin_len) <= MATCH_SYLLABLE_MAX_LEN;
}

/* Two tokens that both read as Korean syllables yet have different keys
 * are different syllables, whatever their spelling distance: a Korean
 * given name is a choice of syllables, and "Yong" / "Kyong" or "Myong" /
 * "Kyong" name different people, while every spelling of one syllable
 * ("Jong", "Chong", "Jeong") already shares its key.  Only in two names
 * of two or more words that all read as Korean: single words such as
 * "Ian", "Abyan" or "Sakan" read as Korean too.  A syllable transliterated from Cyrillic or
 * Hangul blurs its vowel ("Сен" -> "sen" for Song) but keeps its initial
 * consonant, so across scripts only a different first letter tells. */
static bool distinct_syllables(const struct match_token *q,
                               const struct match_token *l, bool korean_names)
{
    if (!korean_names || !(q->flags & l->flags & NORM_F_KOREAN) ||
        VG_MAX(q->latin_len, l->latin_len) > MATCH_SYLLABLE_MAX_LEN)
        return false;
    if (q->script == NORM_SCRIPT_LATIN && l->script == NORM_SCRIPT_LATIN)
        return true;
    return q->latin[0] != l->latin[0];
}

/* Two Latin words of several syllables that both read as Korean, in two
 * names that read as Korean throughout, yet have different keys are
 * different words: a Korean brand or place name is a choice of syllables
 * ("Kaesong" / "Daesong", "Songbong" / "Chongbong", "Taedonggang" /
 * "Taeryonggang"), and every spelling of the same syllables already shares
 * the key.  Words only: a misspelt generic word ("Shippin" / "Shipping")
 * is a typo like any other.  (One-syllable words: distinct_syllables and
 * short_syllables.) */
static bool distinct_korean_words(const struct match_token *q,
                                  const struct match_token *l,
                                  bool korean_names)
{
    return korean_names && (q->flags & l->flags & NORM_F_KOREAN) &&
           q->cls == NORM_WORD && l->cls == NORM_WORD &&
           q->script == NORM_SCRIPT_LATIN && l->script == NORM_SCRIPT_LATIN &&
           VG_MIN(q->latin_len, l->latin_len) > MATCH_SYLLABLE_MAX_LEN;
}

/* What compare_tokens needs to know about the two names as a whole. */
struct name_pair_kind {
    bool korean;        /* both names read as Korean throughout */
    bool korean_given;  /* ... and both have two or more words */
    bool listed_letters_not_initials;
};

static bool same_skeleton_across_scripts(const struct match_token *q,
                                         const struct match_token *l)
{
    if ((q->script == NORM_SCRIPT_ARABIC) == (l->script == NORM_SCRIPT_ARABIC) ||
        q->cls != NORM_WORD || l->cls != NORM_WORD)
        return false;
    char a[128], b[128];
    return norm_skeleton(q->latin, a, sizeof(a)) &&
           norm_skeleton(l->latin, b, sizeof(b)) && strcmp(a, b) == 0;
}

static bool compare_tokens(const struct match_token *q,
                           const struct match_token *l,
                           struct match_typo_cache *cache, uint32_t qi,
                           struct name_pair_kind kind, vigil_token_how *how,
                           float *sim)
{
    if (same(q->latin, q->latin_len, l->latin, l->latin_len)) {
        *how = exact_how(q, l);
        *sim = 1.0f;
        return true;
    }
    /* Numbers tell vessels and companies apart: only equal ones agree. */
    if (q->cls == NORM_NUMBER || l->cls == NORM_NUMBER) return false;
    bool q_legal = q->cls == NORM_LEGAL_FORM, l_legal = l->cls == NORM_LEGAL_FORM;
    if (q_legal || l_legal) {
        if (!q_legal || !l_legal || !same(q->key, q->key_len, l->key, l->key_len))
            return false;
        *how = VIGIL_TOKEN_LEGAL_FORM;
        *sim = (float)MATCH_VARIANT_SIM;
        return true;
    }
    if (q->cls == NORM_INITIAL || l->cls == NORM_INITIAL)
        return !(l->cls == NORM_INITIAL && kind.listed_letters_not_initials) &&
               compare_initial(q, l, how, sim);
    if (same(q->key, q->key_len, l->key, l->key_len)) {
        *how = VIGIL_TOKEN_VARIANT;
        *sim = (float)MATCH_VARIANT_SIM;
        return true;
    }
    if (same_skeleton_across_scripts(q, l)) {
        *how = VIGIL_TOKEN_TRANSLIT;
        *sim = (float)MATCH_SKELETON_SIM;
        return true;
    }
    /* Typos are judged on the Latin forms only: keys already fold whole
     * spelling families together, and a typo on top of a fold would join
     * names that merely sound alike ("John" -> "jon" ~ "jong"). */
    if (!letters_allow_typo(q, l) ||
        distinct_syllables(q, l, kind.korean_given) ||
        distinct_korean_words(q, l, kind.korean))
        return false;
    double s = typo_similarity(q, l, cache, qi);
    if (s <= 0.0 ||
        (short_syllables(q, l, kind.korean_given) && s < MATCH_SYLLABLE_FLOOR))
        return false;
    *how = VIGIL_TOKEN_FUZZY;
    *sim = (float)s;
    return true;
}

bool match_compare_tokens(const struct match_token *q,
                          const struct match_token *l, vigil_token_how *how,
                          float *sim)
{
    return compare_tokens(q, l, NULL, 0, (struct name_pair_kind){0}, how,
                          sim);
}

/* Whether `one` equals the concatenation of a then b, on latin (1.0) or
 * on key (variant); 0 when neither. */
static float joined_sim(const struct match_token *one,
                        const struct match_token *a,
                        const struct match_token *b)
{
    if (one->latin_len == a->latin_len + b->latin_len &&
        memcmp(one->latin, a->latin, a->latin_len) == 0 &&
        memcmp(one->latin + a->latin_len, b->latin, b->latin_len) == 0)
        return 1.0f;
    if (one->key_len == a->key_len + b->key_len &&
        memcmp(one->key, a->key, a->key_len) == 0 &&
        memcmp(one->key + a->key_len, b->key, b->key_len) == 0)
        return (float)MATCH_VARIANT_SIM;
    return 0.0f;
}

struct edge {
    struct match_pair pair;
    float gain;
};

struct edges {
    struct edge items[MATCH_MAX_TOKENS * MATCH_MAX_TOKENS * 3];
    size_t count;
};

static void add_edge(struct edges *edges, uint8_t q0, uint8_t q1, uint8_t l0,
                     uint8_t l1, vigil_token_how how, float sim,
                     const struct match_name *query,
                     const struct match_name *listed)
{
    float w = query->tokens[q0].weight + listed->tokens[l0].weight;
    if (q1 != MATCH_NONE) w += query->tokens[q1].weight;
    if (l1 != MATCH_NONE) w += listed->tokens[l1].weight;
    w *= 0.5f;
    struct edge *e = &edges->items[edges->count++];
    e->pair = (struct match_pair){{q0, q1}, {l0, l1}, (uint8_t)how, sim, w};
    e->gain = sim * w;
}

static void collect_edges(const struct match_name *query,
                          const struct match_name *listed, size_t n, size_t m,
                          struct edges *edges)
{
    const struct match_token *qt = query->tokens, *lt = listed->tokens;
    struct name_pair_kind kind = {
        query->korean && listed->korean,
        query->korean_given && listed->korean_given,
        listed->letters_not_initials};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            vigil_token_how how;
            float sim;
            if (compare_tokens(&qt[i], &lt[j], query->cache, (uint32_t)i,
                               kind, &how, &sim))
                add_edge(edges, (uint8_t)i, MATCH_NONE, (uint8_t)j, MATCH_NONE,
                         how, sim, query, listed);
        }
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = 0; j < m; j++) {
            float sim = joined_sim(&lt[j], &qt[i], &qt[i + 1]);
            if (sim > 0)
                add_edge(edges, (uint8_t)i, (uint8_t)(i + 1), (uint8_t)j,
                         MATCH_NONE, VIGIL_TOKEN_JOINED, sim, query, listed);
        }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j + 1 < m; j++) {
            float sim = joined_sim(&qt[i], &lt[j], &lt[j + 1]);
            if (sim > 0)
                add_edge(edges, (uint8_t)i, MATCH_NONE, (uint8_t)j,
                         (uint8_t)(j + 1), VIGIL_TOKEN_JOINED, sim, query,
                         listed);
        }
}

/* Best gain first; ties by similarity, then by position, so that the
 * outcome never depends on anything but the two names. */
static bool edge_before(const struct edge *a, const struct edge *b)
{
    if (a->gain != b->gain) return a->gain > b->gain;
    if (a->pair.sim != b->pair.sim) return a->pair.sim > b->pair.sim;
    if (a->pair.q[0] != b->pair.q[0]) return a->pair.q[0] < b->pair.q[0];
    return a->pair.l[0] < b->pair.l[0];
}

static void sort_edges(struct edges *edges)
{
    for (size_t i = 1; i < edges->count; i++) {
        struct edge e = edges->items[i];
        size_t j = i;
        while (j > 0 && edge_before(&e, &edges->items[j - 1])) {
            edges->items[j] = edges->items[j - 1];
            j--;
        }
        edges->items[j] = e;
    }
}

static uint32_t pair_mask(const uint8_t idx[2])
{
    uint32_t mask = 1u << idx[0];
    if (idx[1] != MATCH_NONE) mask |= 1u << idx[1];
    return mask;
}

static void take_edges(const struct edges *edges, struct match_alignment *al)
{
    for (size_t i = 0; i < edges->count; i++) {
        const struct match_pair *p = &edges->items[i].pair;
        uint32_t qm = pair_mask(p->q), lm = pair_mask(p->l);
        if ((al->q_used & qm) || (al->l_used & lm)) continue;
        al->q_used |= qm;
        al->l_used |= lm;
        al->pairs[al->pair_count++] = *p;
    }
}

/* Words left over on both sides that still look alike (a garbled
 * spelling: "Zrlos" / "Carlos", "Iohgsen" / "Mohsen") pair up as a weak
 * typo: their resemblance minus MATCH_WEAK_DISCOUNT, so that they count
 * for far less than a typo but more than two unrelated words. */
static bool weak_candidate(const struct match_token *t, uint32_t used,
                           size_t i)
{
    return !(used & (1u << i)) && t->cls == NORM_WORD &&
           t->latin_len >= MATCH_WEAK_MIN_LEN;
}

/* Length of a Slavic surname ending both words share ("Petrov" /
 * "Nesterov", "Orlov" / "Karlov"), 0 when none: such endings make
 * different surnames resemble each other. */
static size_t shared_surname_ending(const struct match_token *q,
                                    const struct match_token *l)
{
    static const char *const endings[] = {"skaya", "enko", "skiy", "skii",
                                          "sky", "ova", "eva", "ov", "ev"};
    for (size_t i = 0; i < VG_ARRAY_LEN(endings); i++) {
        size_t n = strlen(endings[i]);
        if (q->latin_len < n + 3 || l->latin_len < n + 3) continue;
        if (!strcmp(q->latin + q->latin_len - n, endings[i]) &&
            !strcmp(l->latin + l->latin_len - n, endings[i]))
            return n;
    }
    return 0;
}

/* How alike two left-over words are, their shared surname ending aside:
 * a garbled spelling keeps its likeness in the stem, two surnames that
 * merely end alike do not. */
static double leftover_resemblance(const struct match_token *q,
                                   const struct match_token *l)
{
    double r = match_resemblance(q->latin, q->latin_len, l->latin,
                                 l->latin_len);
    if (r < MATCH_WEAK_FLOOR) return r; /* a shared ending only adds */
    size_t cut = shared_surname_ending(q, l);
    return cut ? match_resemblance(q->latin, q->latin_len - cut, l->latin,
                                   l->latin_len - cut)
               : r;
}

/* `weak` is scratch (the first pass's edges, spent by now). */
static void pair_leftovers(const struct match_name *query,
                           const struct match_name *listed, size_t n, size_t m,
                           struct match_alignment *al, struct edges *weak)
{
    weak->count = 0;
    for (size_t i = 0; i < n; i++) {
        const struct match_token *q = &query->tokens[i];
        if (!weak_candidate(q, al->q_used, i)) continue;
        for (size_t j = 0; j < m; j++) {
            const struct match_token *l = &listed->tokens[j];
            if (!weak_candidate(l, al->l_used, j) ||
                (query->korean_given && listed->korean_given &&
                 VG_MAX(q->latin_len, l->latin_len) <=
                     MATCH_SYLLABLE_MAX_LEN) ||
                distinct_syllables(q, l, query->korean_given &&
                                             listed->korean_given) ||
                distinct_korean_words(q, l, query->korean && listed->korean))
                continue;
            double r = leftover_resemblance(q, l);
            if (r < MATCH_WEAK_FLOOR) continue;
            add_edge(weak, (uint8_t)i, MATCH_NONE, (uint8_t)j, MATCH_NONE,
                     VIGIL_TOKEN_FUZZY, (float)(r - MATCH_WEAK_DISCOUNT), query,
                     listed);
        }
    }
    sort_edges(weak);
    take_edges(weak, al);
}

static bool pair_is_distinctive(const struct match_pair *p,
                                const struct match_name *query,
                                const struct match_name *listed)
{
    bool q = distinctive(query->tokens[p->q[0]].cls) ||
             (p->q[1] != MATCH_NONE && distinctive(query->tokens[p->q[1]].cls));
    bool l = distinctive(listed->tokens[p->l[0]].cls) ||
             (p->l[1] != MATCH_NONE && distinctive(listed->tokens[p->l[1]].cls));
    return q && l;
}

/* Adds the unmatched tokens of one side to the denominator; returns whether
 * one of them is a word that tells names apart (anything but a legal form
 * or a particle: when only low-weight words agree, even a generic word
 * left over - "Korea Trading" vs "Korea Trading Bank" - says the names
 * differ). */
static bool add_unmatched(const struct match_name *name, uint32_t used,
                          double cost, double *denominator)
{
    bool telling = false;
    for (size_t i = 0; i < name->count; i++) {
        if (i < MATCH_MAX_TOKENS && (used & (1u << i))) continue;
        *denominator += cost * name->tokens[i].weight;
        enum norm_class cls = name->tokens[i].cls;
        if (cls != NORM_LEGAL_FORM && cls != NORM_PARTICLE) telling = true;
    }
    return telling;
}

static bool word_left(const struct match_name *name, uint32_t used,
                      unsigned flags)
{
    for (size_t i = 0; i < name->count; i++)
        if (!(i < MATCH_MAX_TOKENS && (used & (1u << i))) &&
            name->tokens[i].cls == NORM_WORD &&
            (name->tokens[i].flags & flags) == flags)
            return true;
    return false;
}

/* Whether a token other than a legal form, particle or initial is left
 * unmatched: a word, generic word or number that says what the name is. */
static bool descriptor_left(const struct match_name *name, uint32_t used)
{
    for (size_t i = 0; i < name->count; i++) {
        if (i < MATCH_MAX_TOKENS && (used & (1u << i))) continue;
        enum norm_class cls = name->tokens[i].cls;
        if (cls == NORM_WORD || cls == NORM_GENERIC || cls == NORM_NUMBER)
            return true;
    }
    return false;
}

static size_t distinctive_tokens(const struct match_name *name)
{
    size_t count = 0;
    for (size_t i = 0; i < name->count; i++)
        if (distinctive(name->tokens[i].cls)) count++;
    return count;
}

static bool approximate(const struct match_pair *p)
{
    return p->how == VIGIL_TOKEN_FUZZY || p->how == VIGIL_TOKEN_VARIANT;
}

static bool single_token_pair(const struct match_pair *p)
{
    return p->q[1] == MATCH_NONE && p->l[1] == MATCH_NONE;
}

/* A Korean given name is an ordered choice of syllables: "Jae Chol" and
 * "Chol-Chae", "Ho Chang" and "Chang-Ho" are other people, though every
 * syllable agrees.  Two pairs whose tokens are neighbours on both sides,
 * in one order on one side and the other order on the other, say so.
 * Moving the surname ("Jong Un Kim") keeps the given names in order; in
 * a name of two tokens, though, a reversal is just that move ("Wasim
 * Salman"), so both names need three. */
static bool syllables_reversed(const struct match_alignment *al)
{
    for (size_t i = 0; i < al->pair_count; i++)
        for (size_t j = 0; j < al->pair_count; j++) {
            const struct match_pair *a = &al->pairs[i], *b = &al->pairs[j];
            if (single_token_pair(a) && single_token_pair(b) &&
                a->l[0] + 1 == b->l[0] && b->q[0] + 1 == a->q[0])
                return true;
        }
    return false;
}

static void finish_score(const struct match_name *query,
                         const struct match_name *listed,
                         struct match_alignment *al)
{
    double agreed = 0.0, denominator = 0.0;
    size_t distinctive_pairs = 0;
    const struct match_pair *lone = NULL;
    for (size_t i = 0; i < al->pair_count; i++) {
        const struct match_pair *p = &al->pairs[i];
        agreed += (double)p->sim * p->weight;
        denominator += p->weight;
        if (pair_is_distinctive(p, query, listed)) {
            distinctive_pairs++;
            lone = p;
        }
    }
    bool distinctive_pair = distinctive_pairs > 0;
    bool q_left = add_unmatched(query, al->q_used, MATCH_QUERY_ONLY_COST,
                                &denominator);
    /* A listed word the query lacks is usually a middle name or title the
     * query left out; but when the query has a word of its own left over,
     * the two names disagree ("Mehmet Demir" / "Demir, Ismail"). */
    al->listed_only_cost = word_left(query, al->q_used, 0)
                               ? MATCH_CONFLICT_COST : MATCH_LISTED_ONLY_COST;
    bool l_left = add_unmatched(listed, al->l_used, al->listed_only_cost,
                                &denominator);
    al->denominator = denominator;
    al->raw = denominator > 0.0 ? agreed / denominator : 0.0;
    if (!(al->raw >= 0.0)) al->raw = 0.0; /* NaN guard */
    if (al->raw > 1.0) al->raw = 1.0;
    al->score = al->raw;
    al->generic_only = al->pair_count > 0 && !distinctive_pair &&
                       (q_left || l_left);
    if (al->generic_only && al->score > MATCH_GENERIC_ONLY_CAP)
        al->score = MATCH_GENERIC_ONLY_CAP;
    /* One distinctive word in common while each side keeps a descriptor of
     * its own ("Atlas Trading" / "Atlas Shipping", "Volga Trading" / "Volga
     * Group", "Omar Walid" / "Omar Hussain"): the names share a brand or a
     * common name and then disagree, which is how different entities look.
     * A multiplier rather than a cap keeps such candidates in order. */
    al->single_conflict = !al->generic_only && distinctive_pairs == 1 &&
                          descriptor_left(query, al->q_used) &&
                          descriptor_left(listed, al->l_used);
    if (al->single_conflict) al->score *= MATCH_SINGLE_CONFLICT_FACTOR;
    /* A query whose one distinctive word agrees only as a spelling variant
     * or a typo ("Bayer" / "Bajer", "Deere" / "Tire", "Tesco" / "Teaco")
     * has nothing else to confirm it: every short word has a listed
     * neighbour one letter or one sound away. */
    al->lone_approximate = distinctive_pairs == 1 && approximate(lone) &&
                           lone->q[1] == MATCH_NONE &&
                           query->tokens[lone->q[0]].latin_len <=
                               MATCH_SHORT_WORD_LEN &&
                           distinctive_tokens(query) == 1;
    if (al->lone_approximate) al->score *= MATCH_LONE_APPROXIMATE_FACTOR;
    bool korean_people = query->korean_given && listed->korean_given;
    al->syllables_reversed = korean_people && query->count > 2 &&
                             listed->count > 2 && syllables_reversed(al);
    if (al->syllables_reversed) al->score *= MATCH_SYLLABLE_ORDER_FACTOR;
    /* A Korean given name has a fixed number of syllables: one agreeing
     * name with a syllable more ("Hyok Sok" / "Hyok") is another name.
     * Only a syllable more on one side while the other keeps no word: a
     * word left on each side is one syllable for another, or a typo the
     * Korean rules would not pair ("Toh" / "Tok"), and costs its weight
     * already. */
    al->syllable_left =
        korean_people &&
        ((word_left(query, al->q_used, NORM_F_KOREAN) &&
          !word_left(listed, al->l_used, 0)) ||
         (word_left(listed, al->l_used, NORM_F_KOREAN) &&
          !word_left(query, al->q_used, 0)));
    if (al->syllable_left) al->score *= MATCH_SYLLABLE_LEFT_FACTOR;
}

double match_score_names(const struct match_name *query,
                         const struct match_name *listed,
                         struct match_alignment *out)
{
    out->pair_count = 0;
    out->q_used = out->l_used = 0;
    out->query_tokens = query->count;
    out->denominator = out->raw = out->score = 0.0;
    out->listed_only_cost = MATCH_LISTED_ONLY_COST;
    out->generic_only = false;
    out->single_conflict = false;
    out->lone_approximate = false;
    out->syllables_reversed = false;
    out->syllable_left = false;
    if (!query->count || !listed->count) return 0.0;
    size_t n = VG_MIN(query->count, (size_t)MATCH_MAX_TOKENS);
    size_t m = VG_MIN(listed->count, (size_t)MATCH_MAX_TOKENS);
    struct edges edges;
    edges.count = 0;
    collect_edges(query, listed, n, m, &edges);
    sort_edges(&edges);
    take_edges(&edges, out);
    pair_leftovers(query, listed, n, m, out, &edges);
    finish_score(query, listed, out);
    return out->score;
}
