/*
 * candidates.c — proposes the listed names worth scoring for one query
 * name, without scanning the index.
 *
 * Every query token contributes terms: its own key, the keys within one
 * edit (two for unknown keys of 5+ bytes) found through the index's
 * deletion neighbourhood, the join of it with the next token ("Jong Un" ->
 * "jongun"), for a Latin word the listed words whose Latin form is a typo
 * away (a typo of the Latin form may be far from it in key space), and for
 * an unknown word the two known pieces it may be glued from.  Each term
 * credits the names in its postings with the weight the scorer will give
 * the pair (the mean of the query token's and the term's
 * idf x class factor, times the typo similarity), at most once per query
 * token and name.  Terms are processed rarest first, and a term with huge
 * postings ("korea", "trading", "john" in a large index) may only add to
 * names that other tokens' own keys already proposed — unless none did, so
 * a query made of common words still finds its names.  Hence a typo in a
 * rare token ("Smithe") still surfaces its record while the common token
 * ("John") cannot crowd it out, and the work per query is bounded by the
 * postings of its rarer terms.  A term also stops proposing names once the
 * credit still to come could not lift them to the caller's floor.
 *
 * The accumulated credit approximates the name score from the query's
 * side; the best k names go on to full scoring.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

#define MAX_NEIGHBOURS 48       /* typo terms kept per query token */
#define MIN_NEIGHBOUR_KEY 3     /* shorter keys have too many neighbours */
#define LONG_KEY 5              /* unknown keys this long tolerate two edits */
#define MIN_COMMON_DF 256       /* a term is "common" above max(this, N/100) */
#define MAX_TABLE 262144        /* names proposed per query name, at most */
#define MINOR_SHARE 0.08f       /* held terms below this share are skipped */
#define MIN_SPLIT_LEN 5         /* unknown tokens this long may be two words */
#define MAX_SPLITS 3            /* splits tried into known halves, at most */
#define MIN_RESPELL_LEN 4       /* unknown tokens this long are respelled */
#define MAX_RESPELL_LEN 24      /* ... and at most this long */
#define MAX_TIED 2048           /* names tied at the cut that are compared */
#define JOIN_HOLDS_DF 64        /* a join this common holds common terms back */
#define MAX_WALK_PAST_JOIN 4096 /* ... as does any rare join a longer term */
#define MAX_TIE_TABLE 8192      /* names proposed, at most, to break ties */

struct term_credit {
    uint32_t term;
    uint32_t df;     /* postings count */
    uint32_t bits;   /* query tokens the term stands for */
    float credit;
    const uint32_t *postings;
    bool typo;       /* a typo neighbour, not the token's own key */
};

struct term_list {
    struct term_credit *items;
    size_t count, cap;
    struct vg_arena *arena;
};

struct slot {
    uint32_t name;   /* UINT32_MAX: empty */
    uint32_t bits;
    float acc;
};

struct table {
    struct slot *slots;
    size_t cap, count;
    struct vg_arena *arena;
};

/* ---------------------------------------------------------- query terms */

/* Adds (or strengthens) a term and returns its entry; NULL on ENOMEM.
 * Postings are fetched once here: the reader checks them on every call. */
static struct term_credit *push_term(struct term_list *list,
                                     const vigil_index *ix, uint32_t term,
                                     uint32_t bits, float credit, bool typo)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].term == term && list->items[i].bits == bits) {
            if (credit > list->items[i].credit) list->items[i].credit = credit;
            list->items[i].typo = list->items[i].typo && typo;
            return &list->items[i];
        }
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        struct term_credit *items =
            vg_arena_alloc(list->arena, cap * sizeof(*items));
        if (!items) return NULL;
        if (list->count) memcpy(items, list->items, list->count * sizeof(*items));
        list->items = items;
        list->cap = cap;
    }
    struct term_credit *tc = &list->items[list->count++];
    tc->term = term;
    tc->bits = bits;
    tc->credit = credit;
    tc->typo = typo;
    tc->postings = idx_term_postings(ix, term, &tc->df);
    if (!tc->postings) tc->df = 0;
    return tc;
}

struct neighbour_ctx {
    const vigil_index *ix;
    const struct match_token *token;
    struct term_list *list;
    uint32_t bits;
    size_t found;
    size_t typos;     /* neighbours within the typo floor, not weak pairs */
    bool failed;
    bool two_edits;   /* the lookup reaches two edits */
    bool latin;       /* terms are Latin forms (idx_latin_neighbours) */
};

static bool on_neighbour(void *arg, uint32_t term)
{
    struct neighbour_ctx *ctx = arg;
    if (term == ctx->token->term) return true;
    const char *key = idx_term_key(ctx->ix, term) + ctx->latin; /* prefix */
    size_t key_len = strlen(key);
    const char *own = ctx->latin ? ctx->token->latin : ctx->token->key;
    size_t own_len = ctx->latin ? ctx->token->latin_len : ctx->token->key_len;
    if (key_len == own_len && memcmp(own, key, key_len) == 0) return true;
    double sim = match_fuzzy_similarity(own, own_len, key, key_len);
    /* Two edits in a short key rarely clear the typo floor, yet the words
     * may still pair weakly in the scorer ("Acumanagto" / "Cumanagoto"):
     * credit such two-edit neighbours as the weak pair would.  Not for
     * one-edit lookups: a short key's one-edit neighbours below the floor
     * are other names ("chol" / "chun"), and many - except for unknown
     * words of three letters, which no typo of theirs clears the floor
     * ("EP-CTH" / "EP-CFH"), and which pair weakly in the scorer too. */
    if (sim > 0.0) ctx->typos++;
    if (sim <= 0.0 && (ctx->two_edits || (own_len <= MATCH_WEAK_MIN_LEN &&
                                          ctx->token->term == UINT32_MAX))) {
        double r = match_resemblance(own, own_len, key, key_len);
        if (r < MATCH_WEAK_FLOOR) return true;
        sim = r - MATCH_WEAK_DISCOUNT;
    }
    if (sim <= 0.0) return true;
    /* As the scorer will weigh the pair: the mean of both sides' weights. */
    float listed = match_class_factor(ctx->token->cls) *
                   idx_term_idf(ctx->ix, term);
    float credit = (float)sim * 0.5f * (ctx->token->weight + listed);
    if (!push_term(ctx->list, ctx->ix, term, ctx->bits, credit, true)) {
        ctx->failed = true;
        return false;
    }
    return ++ctx->found < MAX_NEIGHBOURS;
}

/* Only words and particles look for typo neighbours: a misspelt generic
 * word or legal form weighs too little to change which names are proposed,
 * and numbers and initials have no typos. */
static bool typo_tolerant(const struct match_token *t)
{
    return t->key_len >= MIN_NEIGHBOUR_KEY &&
           (t->cls == NORM_WORD || t->cls == NORM_PARTICLE);
}

static bool joinable(const struct match_token *t)
{
    return t->cls == NORM_WORD || t->cls == NORM_PARTICLE;
}

static bool join_term(const vigil_index *ix, const struct match_token *a,
                      const struct match_token *b, uint32_t *term)
{
    char joined[256];
    size_t len = (size_t)a->key_len + b->key_len;
    if (len >= sizeof(joined)) return false;
    memcpy(joined, a->key, a->key_len);
    memcpy(joined + a->key_len, b->key, b->key_len);
    return idx_term_find(ix, joined, len, term);
}

/* The index term of a piece of a query token, normalized on its own (a
 * piece's key is not a substring of the whole token's key: "Saifiammari"
 * folds to "saifyamari", "Ammari" to "amari"). */
static vigil_status piece_term(const vigil_index *ix, const char *text,
                               size_t len, struct vg_arena *scratch,
                               uint32_t *term)
{
    char piece[64];
    *term = UINT32_MAX;
    if (len >= sizeof(piece)) return VIGIL_OK;
    memcpy(piece, text, len);
    piece[len] = '\0';
    struct norm_name norm;
    vigil_status st = norm_name(piece, VIGIL_SCHEMA_THING, scratch, &norm);
    if (st == VIGIL_ENOMEM) return st;
    if (st != VIGIL_OK || norm.count != 1) return VIGIL_OK;
    const char *key = norm.tokens[0].key;
    if (!idx_term_find(ix, key, strlen(key), term)) *term = UINT32_MAX;
    return VIGIL_OK;
}

/* A query token the index does not know may be two listed words written
 * together ("Stroytransgazgroup", "Parstile", "Charliekuan"): every split
 * of its Latin form into two pieces the index knows proposes the names
 * holding the rarer piece (a name needs both to score, which the scorer
 * checks as a join). */
static vigil_status split_terms(const vigil_index *ix,
                                const struct match_token *t, uint32_t bit,
                                struct term_list *list)
{
    if (t->term != UINT32_MAX || t->cls != NORM_WORD ||
        t->latin_len < MIN_SPLIT_LEN)
        return VIGIL_OK;
    size_t found = 0;
    for (uint32_t cut = 2; cut + 2 <= t->latin_len && found < MAX_SPLITS;
         cut++) {
        uint32_t left, right;
        VG_TRY(piece_term(ix, t->latin, cut, list->arena, &left));
        if (left == UINT32_MAX) continue;
        VG_TRY(piece_term(ix, t->latin + cut, t->latin_len - cut, list->arena,
                          &right));
        if (right == UINT32_MAX) continue;
        /* The rarer piece alone proposes: a name needs both pieces to
         * score, and the common one ("group") would flood the table. */
        float idf_left = idx_term_idf(ix, left), idf_right = idx_term_idf(ix, right);
        float credit = 0.5f * (t->weight + idf_left + idf_right);
        if (!push_term(list, ix, idf_left >= idf_right ? left : right, bit,
                       credit, false))
            return VIGIL_ENOMEM;
        found++;
    }
    return VIGIL_OK;
}

/* The key fold is context dependent ("passat" -> "basad", "pasqsat" ->
 * "pasksat", "ramak" -> "ramag", "ramao" -> "jamao"), so one typo in the
 * Latin form can be several edits away in key space.  For a Latin token
 * the index does not know and whose key has no typo neighbour within the
 * typo floor (weak two-edit resemblances are no typo), the spellings one deleted letter or one swap of
 * neighbours away from its Latin form (an inserted or transposed letter,
 * the typos a deletion neighbourhood of keys misses most) are normalized
 * afresh, and each whose key the index knows proposes its names, credited
 * with the typo similarity of the two Latin forms.  Only then: run for
 * every unknown token it found a little more but cost a tenth of the
 * query time. */
static vigil_status respelled_terms(const vigil_index *ix,
                                    const struct match_token *t, uint32_t bit,
                                    struct term_list *list)
{
    char buf[MAX_RESPELL_LEN + 1], key[MAX_RESPELL_LEN + 1];
    size_t n = t->latin_len;
    if (t->term != UINT32_MAX || t->cls != NORM_WORD ||
        t->script != NORM_SCRIPT_LATIN || n < MIN_RESPELL_LEN ||
        n > MAX_RESPELL_LEN)
        return VIGIL_OK;
    for (size_t i = 0; i + 1 < 2 * n; i++) {
        size_t len = n;
        memcpy(buf, t->latin, n);
        if (i < n) { /* delete letter i */
            if (i > 0 && t->latin[i] == t->latin[i - 1]) continue;
            memmove(buf + i, buf + i + 1, n - i - 1);
            len = n - 1;
        } else { /* swap letters j and j + 1 */
            size_t j = i - n;
            if (buf[j] == buf[j + 1]) continue;
            buf[j] = t->latin[j + 1];
            buf[j + 1] = t->latin[j];
        }
        buf[len] = '\0';
        unsigned flags = 0;
        uint32_t term;
        norm_key(buf, key, sizeof(key), &flags);
        if (!idx_term_find(ix, key, strlen(key), &term)) continue;
        double sim = match_fuzzy_similarity(t->latin, n, buf, len);
        if (sim <= 0.0) continue;
        float listed = match_class_factor(t->cls) * idx_term_idf(ix, term);
        float credit = (float)sim * 0.5f * (t->weight + listed);
        if (!push_term(list, ix, term, bit, credit, true)) return VIGIL_ENOMEM;
    }
    return VIGIL_OK;
}

/* The listed words whose Latin form is one edit from a Latin query word's
 * (two for an unknown word whose key found no typo) propose
 * their names, credited as key neighbours are: deleted and substituted
 * letters, which respelling does not reach, and typos the key fold hides
 * behind a key the index knows ("Somi" -> `somi`, listed "Somia"). */
static vigil_status latin_terms(const vigil_index *ix,
                                const struct match_token *t, uint32_t bit,
                                struct term_list *list, size_t key_typos)
{
    if (t->cls != NORM_WORD ||
        t->script != NORM_SCRIPT_LATIN || t->latin_len < MIN_RESPELL_LEN ||
        t->latin_len > MAX_RESPELL_LEN)
        return VIGIL_OK;
    int edits = t->term == UINT32_MAX && !key_typos ? 2 : 1;
    struct neighbour_ctx ctx = {ix, t, list, bit, 0, 0, false, edits == 2,
                                true};
    idx_latin_neighbours(ix, t->latin, t->latin_len, edits, on_neighbour,
                         &ctx);
    return ctx.failed ? VIGIL_ENOMEM : VIGIL_OK;
}

/* Typo neighbours of one token.  Two edits only for a long key the index
 * does not know: a known key's two-edit variants are mostly other words,
 * and the two-deletion neighbourhood is the costliest lookup. */
static vigil_status neighbour_terms(const vigil_index *ix,
                                    const struct match_token *t, uint32_t bit,
                                    struct term_list *list, size_t *typos)
{
    int edits = t->key_len >= LONG_KEY && t->term == UINT32_MAX ? 2 : 1;
    struct neighbour_ctx ctx = {ix, t, list, bit, 0, 0, false, edits == 2,
                                false};
    idx_term_neighbours(ix, t->key, t->key_len, edits, on_neighbour, &ctx);
    *typos = ctx.typos;
    return ctx.failed ? VIGIL_ENOMEM : VIGIL_OK;
}

/* The join of token i with token i+1, when the index has it. */
static vigil_status join_terms(const vigil_index *ix,
                               const struct match_name *q, size_t i,
                               struct term_list *list)
{
    const struct match_token *a = &q->tokens[i], *b = &q->tokens[i + 1];
    uint32_t term;
    if (!joinable(a) || !joinable(b) || !join_term(ix, a, b, &term))
        return VIGIL_OK;
    uint32_t bits = (1u << i) | (1u << (i + 1));
    float credit = 0.5f * (a->weight + b->weight + idx_term_idf(ix, term));
    return push_term(list, ix, term, bits, credit, false) ? VIGIL_OK
                                                          : VIGIL_ENOMEM;
}

/* An Arabic-script word's vowels are guesses: its consonants propose the
 * Latin listings that share them, a little below an exact key. */
static vigil_status skeleton_term(const vigil_index *ix,
                                  const struct match_token *t, uint32_t bit,
                                  struct term_list *list)
{
    uint32_t term;
    if (t->script != NORM_SCRIPT_ARABIC || t->cls != NORM_WORD ||
        !idx_skeleton_find(ix, t->latin, &term))
        return VIGIL_OK;
    float credit = (float)MATCH_SKELETON_SIM * match_class_factor(t->cls) *
                   idx_term_idf(ix, term);
    return push_term(list, ix, term, bit, credit, true) ? VIGIL_OK
                                                        : VIGIL_ENOMEM;
}

static vigil_status collect_terms(const vigil_index *ix,
                                  const struct match_name *q,
                                  struct term_list *list, uint32_t common)
{
    size_t n = VG_MIN(q->count, (size_t)MATCH_MAX_TOKENS);
    for (size_t i = 0; i < n; i++) {
        const struct match_token *t = &q->tokens[i];
        uint32_t bit = 1u << i;
        bool known_common = false;
        if (t->term != UINT32_MAX) {
            const struct term_credit *own = push_term(
                list, ix, t->term, bit,
                match_class_factor(t->cls) * idx_term_idf(ix, t->term), false);
            if (!own) return VIGIL_ENOMEM;
            /* A common key is no typo: its neighbours are other names,
             * which could at most add to names rarer tokens propose. */
            known_common = own->df > common;
        }
        if (typo_tolerant(t) && !known_common) {
            size_t typos;
            VG_TRY(neighbour_terms(ix, t, bit, list, &typos));
            if (!typos) VG_TRY(respelled_terms(ix, t, bit, list));
            VG_TRY(latin_terms(ix, t, bit, list, typos));
        }
        VG_TRY(skeleton_term(ix, t, bit, list));
        VG_TRY(split_terms(ix, t, bit, list));
        if (i + 1 < n) VG_TRY(join_terms(ix, q, i, list));
    }
    return VIGIL_OK;
}

static int by_df(const void *a, const void *b)
{
    const struct term_credit *x = a, *y = b;
    if (x->df != y->df) return x->df < y->df ? -1 : 1;
    if (x->credit != y->credit) return x->credit > y->credit ? -1 : 1;
    return x->term < y->term ? -1 : x->term > y->term;
}

/* ---------------------------------------------------------- name table */

static size_t slot_of(const struct table *t, uint32_t name)
{
    size_t mask = t->cap - 1;
    size_t i = (size_t)((name * 2654435761u) & mask);
    while (t->slots[i].name != UINT32_MAX && t->slots[i].name != name)
        i = (i + 1) & mask;
    return i;
}

static bool table_init(struct table *t, size_t cap)
{
    t->slots = vg_arena_alloc(t->arena, cap * sizeof(*t->slots));
    if (!t->slots) return false;
    for (size_t i = 0; i < cap; i++) t->slots[i].name = UINT32_MAX;
    t->cap = cap;
    t->count = 0;
    return true;
}

static bool table_grow(struct table *t)
{
    struct table bigger = {NULL, 0, 0, t->arena};
    if (!table_init(&bigger, t->cap * 2)) return false;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].name != UINT32_MAX)
            bigger.slots[slot_of(&bigger, t->slots[i].name)] = t->slots[i];
    bigger.count = t->count;
    *t = bigger; /* the old slots stay in the arena until the query ends */
    return true;
}

static void credit_slot(struct slot *s, const struct term_credit *tc)
{
    if (s->bits & tc->bits) return;
    s->bits |= tc->bits;
    s->acc += tc->credit;
}

static vigil_status add_postings(struct table *t, const uint32_t *post,
                                 uint32_t n, const struct term_credit *tc)
{
    for (uint32_t k = 0; k < n; k++) {
        bool full = (t->count + 1) * 2 > t->cap;
        if (full && t->cap < 2 * MAX_TABLE) {
            if (!table_grow(t)) return VIGIL_ENOMEM;
            full = false;
        }
        size_t i = slot_of(t, post[k]);
        if (t->slots[i].name == UINT32_MAX) {
            if (full) continue; /* at the ceiling: only known names gain */
            t->slots[i] = (struct slot){post[k], 0, 0.0f};
            t->count++;
        }
        credit_slot(&t->slots[i], tc);
    }
    return VIGIL_OK;
}

static bool in_postings(const uint32_t *post, uint32_t n, uint32_t name)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (post[mid] < name) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && post[lo] == name;
}

/* A common term only adds to names already proposed: probe the postings
 * for each proposed name, or the table for each posting, whichever is
 * less work. */
static void credit_known(struct table *t, const uint32_t *post, uint32_t n,
                         const struct term_credit *tc)
{
    double probe_cost = (double)t->count * (log2((double)n + 1.0) + 1.0);
    if (probe_cost < (double)n) {
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].name != UINT32_MAX &&
                in_postings(post, n, t->slots[i].name))
                credit_slot(&t->slots[i], tc);
        return;
    }
    for (uint32_t k = 0; k < n; k++) {
        size_t i = slot_of(t, post[k]);
        if (t->slots[i].name != UINT32_MAX) credit_slot(&t->slots[i], tc);
    }
}

/* ----------------------------------------------------------- top K */

static void sift_down(struct match_candidate *heap, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && heap[l].acc < heap[m].acc) m = l;
        if (r < n && heap[r].acc < heap[m].acc) m = r;
        if (m == i) return;
        struct match_candidate tmp = heap[i];
        heap[i] = heap[m];
        heap[m] = tmp;
        i = m;
    }
}

static int by_acc(const void *a, const void *b)
{
    const struct match_candidate *x = a, *y = b;
    if (x->acc != y->acc) return x->acc > y->acc ? -1 : 1;
    return x->name < y->name ? -1 : x->name > y->name;
}

static size_t top_k(const struct table *t, struct match_candidate *heap,
                    size_t k)
{
    size_t n = 0;
    if (!k) return 0;
    for (size_t i = 0; i < t->cap; i++) {
        const struct slot *s = &t->slots[i];
        if (s->name == UINT32_MAX) continue;
        struct match_candidate c = {s->name, s->acc};
        if (n < k) {
            heap[n++] = c;
            if (n == k)
                for (size_t j = k / 2; j-- > 0;) sift_down(heap, n, j);
        } else if (by_acc(&c, &heap[0]) < 0) {
            heap[0] = c;
            sift_down(heap, n, 0);
        }
    }
    return n;
}

/* Names credited alike (every name holding the same query words gets the
 * same credit) and cut at the k-th: a query of common words ("Muhammad
 * Ahmad") ties with hundreds of names, and which of them are scored
 * should not depend on their numbers in the index.  The shorter names go
 * first - each word a listed name has beyond the query's costs it in the
 * score.  Only when the tie lies above the scoring floor (below it nothing
 * is scored), among at most MAX_TIE_TABLE proposed names and for at most
 * MAX_TIED of them, so the cost stays bounded. */
struct tied {
    uint32_t name, tokens;
};

static int by_length(const void *a, const void *b)
{
    const struct tied *x = a, *y = b;
    if (x->tokens != y->tokens) return x->tokens < y->tokens ? -1 : 1;
    return x->name < y->name ? -1 : x->name > y->name;
}

static vigil_status prefer_short_at_cut(const vigil_index *ix,
                                        const struct table *t,
                                        struct match_candidate *heap, size_t n,
                                        float floor, struct vg_arena *scratch)
{
    if (!n || heap[0].acc < floor || t->count > MAX_TIE_TABLE) return VIGIL_OK;
    float cut = heap[0].acc; /* the heap's least */
    size_t inside = 0, tied = 0;
    for (size_t i = 0; i < n; i++) inside += heap[i].acc == cut;
    for (size_t i = 0; i < t->cap; i++)
        tied += t->slots[i].name != UINT32_MAX && t->slots[i].acc == cut;
    if (tied <= inside) return VIGIL_OK;
    size_t m = VG_MIN(tied, (size_t)MAX_TIED);
    struct tied *list = vg_arena_alloc(scratch, m * sizeof(*list));
    if (!list) return VIGIL_ENOMEM;
    size_t got = 0;
    for (size_t i = 0; i < t->cap && got < m; i++) {
        if (t->slots[i].name == UINT32_MAX || t->slots[i].acc != cut) continue;
        struct idx_name info;
        idx_name_get(ix, t->slots[i].name, &info);
        list[got++] = (struct tied){t->slots[i].name, info.token_count};
    }
    qsort(list, got, sizeof(*list), by_length);
    for (size_t i = 0, j = 0; i < n && j < got; i++)
        if (heap[i].acc == cut) heap[i].name = list[j++].name;
    return VIGIL_OK;
}

/* ------------------------------------------------------------- public */

void match_weigh_query(const vigil_index *ix, struct match_name *q)
{
    uint32_t names = idx_name_count(ix);
    float unseen = (float)log(1.0 + (double)(names ? names : 1));
    struct match_token *tokens = (struct match_token *)q->tokens;
    for (size_t i = 0; i < q->count; i++) {
        struct match_token *t = &tokens[i];
        float idf = unseen;
        if (idx_term_find(ix, t->key, t->key_len, &t->term))
            idf = idx_term_idf(ix, t->term);
        else
            t->term = UINT32_MAX;
        if (!(idf > 0.0f)) idf = 0.01f;
        t->weight = idf * match_class_factor(t->cls);
    }
}

/* reach[i]: the most credit a name can still gain from terms i.. (each
 * query token counted once, at its best remaining term; a join's credit
 * is split over its two tokens).  A name first met at term i can never
 * reach more than reach[i]. */
static float *credit_reach(const struct term_list *terms, size_t tokens,
                           struct vg_arena *scratch)
{
    float *reach = vg_arena_alloc(scratch, (terms->count + 1) * sizeof(float));
    float best[MATCH_MAX_TOKENS] = {0};
    if (!reach) return NULL;
    reach[terms->count] = 0.0f;
    for (size_t i = terms->count; i-- > 0;) {
        const struct term_credit *tc = &terms->items[i];
        int parts = 0;
        for (uint32_t b = tc->bits; b; b &= b - 1) parts++;
        float share = tc->credit / (float)(parts ? parts : 1);
        for (size_t t = 0; t < tokens; t++)
            if ((tc->bits & (1u << t)) && share > best[t]) best[t] = share;
        float sum = 0.0f;
        for (size_t t = 0; t < tokens; t++) sum += best[t];
        reach[i] = sum;
    }
    return reach;
}

vigil_status match_candidates(const vigil_index *ix,
                              const struct match_name *q, float min_credit,
                              struct vg_arena *scratch, size_t k,
                              struct match_candidates *out)
{
    out->items = NULL;
    out->count = 0;
    uint32_t common = VG_MAX((uint32_t)MIN_COMMON_DF, idx_name_count(ix) / 100);
    struct term_list terms = {NULL, 0, 0, scratch};
    VG_TRY(collect_terms(ix, q, &terms, common));
    if (!terms.count) return VIGIL_OK;
    qsort(terms.items, terms.count, sizeof(*terms.items), by_df);
    float *reach =
        credit_reach(&terms, VG_MIN(q->count, (size_t)MATCH_MAX_TOKENS), scratch);
    struct table table = {NULL, 0, 0, scratch};
    if (!reach || !table_init(&table, 256)) return VIGIL_ENOMEM;
    /* Query tokens whose own keys have proposed names so far.  A common
     * term is held back only by names that other tokens' own keys
     * proposed: typo neighbours are guesses ("hasac" -> "hasam", "john" ->
     * "jong") and must not keep the true common key's postings out, and
     * neither may a rare join of two common words ("Muhammad Ahmad" ->
     * `muhammadahmad`, 23 names), which finds only the names where they
     * stand side by side; but a join found in JOIN_HOLDS_DF names or more
     * fills the candidates on its own, and postings longer than
     * MAX_WALK_PAST_JOIN (tens of thousands at a million entities) would
     * cost more than they find.  Any term is held back once names it would
     * add could no longer reach min_credit. */
    uint32_t proposed = 0, joined = 0;
    float total = 0.0f;
    for (size_t i = 0; i < q->count; i++) total += q->tokens[i].weight;
    for (size_t i = 0; i < terms.count; i++) {
        const struct term_credit *tc = &terms.items[i];
        uint32_t n = tc->df;
        const uint32_t *post = tc->postings;
        if (!post || !n) continue;
        bool held = (tc->df > common &&
                     ((proposed & ~tc->bits) ||
                      (tc->df > MAX_WALK_PAST_JOIN && (joined & ~tc->bits)))) ||
                    (reach[i] < min_credit && table.count > 0);
        if (held) {
            /* A held term that carries almost no weight ("al", "bin",
             * "trading" in a large index) would walk long postings to
             * change the ranking by a few percent: the scorer weighs it
             * exactly anyway. */
            if (tc->credit >= MINOR_SHARE * total)
                credit_known(&table, post, n, tc);
        } else {
            VG_TRY(add_postings(&table, post, n, tc));
            bool rare_join = (tc->bits & (tc->bits - 1)) != 0 &&
                             tc->df < JOIN_HOLDS_DF;
            if (tc->typo) continue;
            if (rare_join) joined |= tc->bits;
            else proposed |= tc->bits;
        }
    }
    out->items = vg_arena_alloc(scratch, (k ? k : 1) * sizeof(*out->items));
    if (!out->items) return VIGIL_ENOMEM;
    out->count = top_k(&table, out->items, k);
    return out->count == k ? prefer_short_at_cut(ix, &table, out->items,
                                                 out->count, min_credit,
                                                 scratch)
                           : VIGIL_OK;
}
