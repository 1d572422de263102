/*
 * match.h — library-internal pieces of the matcher shared between
 * candidate generation, scoring and vigil_compare.
 *
 * A name is scored as a set of tokens (struct match_name): each query token
 * is paired with at most one listed token (or two adjacent ones when one
 * side joins what the other splits), and the score is the weighted share of
 * the names that agrees.  docs/matching.md states the formula.
 */
#ifndef VG_MATCH_H
#define VG_MATCH_H

#include "../index/index.h"

/* Jaro-Winkler similarity of two ASCII strings, 0..1. */
double match_jaro_winkler(const char *a, size_t alen, const char *b,
                          size_t blen);
/* Damerau-Levenshtein (optimal string alignment) distance, capped at max+1. */
int match_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                        int max);

/* ------------------------------------------------------------ scoring */

/* Tokens beyond this many in one name are not aligned (they still count as
 * unmatched); real names have far fewer. */
#define MATCH_MAX_TOKENS 24

/* Token pairs scoring below this are no match at all. */
#define MATCH_FUZZY_FLOOR 0.80
/* ... when they are two or more edits apart. */
#define MATCH_FUZZY_FLOOR_TWO 0.83
/* ... and between two short Korean-romanized syllables (score.c). */
#define MATCH_SYLLABLE_FLOOR 0.86
/* Longest Latin form read as a single romanized Korean syllable
 * ("Kwang", "Hyong"); longer words are usually two syllables. */
#define MATCH_SYLLABLE_MAX_LEN 5
#define MATCH_VARIANT_SIM 0.95
/* An Arabic-script word and a Latin one with the same consonant skeleton:
 * the vowels are unwritten, so agreement is strong but short of a variant. */
#define MATCH_SKELETON_SIM 0.90
#define MATCH_INITIAL_SIM 0.60
/* A fuzzy pair never scores as high as a variant. */
#define MATCH_FUZZY_CEIL 0.94
/* Left-over words of 3+ letters on both sides resembling each other at
 * least MATCH_WEAK_FLOOR pair as a weak typo, similarity minus the
 * discount. */
#define MATCH_WEAK_FLOOR 0.70
#define MATCH_WEAK_DISCOUNT 0.30
#define MATCH_WEAK_MIN_LEN 3
/* Unmatched tokens cost this share of their weight (query, listed side). */
#define MATCH_QUERY_ONLY_COST 0.8
#define MATCH_LISTED_ONLY_COST 0.25
/* ... the listed side's cost when the query has a word left over too. */
#define MATCH_CONFLICT_COST 0.5
/* Name score ceiling when only low-weight words (generic, legal form,
 * particle, initial) agree while a word other than a legal form or
 * particle is left unmatched. */
#define MATCH_GENERIC_ONLY_CAP 0.50
/* Name score multiplier when exactly one distinctive pair agrees and both
 * sides keep a word, generic word or number of their own. */
#define MATCH_SINGLE_CONFLICT_FACTOR 0.80
/* Name score multiplier when the query's only distinctive token agrees
 * only as a variant or a typo. */
#define MATCH_LONE_APPROXIMATE_FACTOR 0.80
/* ... when that token has at most this many letters. */
#define MATCH_SHORT_WORD_LEN 5
/* Name score multiplier when two Korean names hold the same two given-name
 * syllables in the opposite order ("Jae Chol" / "Chol-Chae"). */
#define MATCH_SYLLABLE_ORDER_FACTOR 0.60
/* ... and when one of them has a Korean word the other lacks. */
#define MATCH_SYLLABLE_LEFT_FACTOR 0.80

/* One token as the scorer sees it: the normalize.h forms plus a weight. */
struct match_token {
    const char *orig;
    const char *latin;
    const char *key;
    const char *path;
    uint32_t latin_len;
    uint32_t key_len;
    uint32_t term;        /* index term of key, or UINT32_MAX */
    uint32_t letters;     /* bit c-'a' set when latin contains letter c */
    enum norm_script script;
    enum norm_class cls;
    unsigned flags;
    float weight;         /* rarity x class factor, > 0 */
};

/* Typo similarities already computed for one query name, by query token
 * and listed Latin form (the index stores each string once, so a pointer
 * names a string): candidates share tokens, and the edit distance is the
 * costliest step of scoring.  Direct-mapped; a collision only recomputes. */
#define MATCH_TYPO_CACHE 512
struct match_typo_cache {
    struct {
        const char *latin;
        uint32_t query_token;
        float sim;
    } slots[MATCH_TYPO_CACHE];
};

struct match_name {
    const struct match_token *tokens;
    size_t count;
    struct match_typo_cache *cache;   /* NULL: no caching */
    bool letters_not_initials; /* a listed company, vessel or aircraft:
                                  its single letters are parts of acronyms
                                  and codes ("T.M.G.", "A-Team", "EP-MNF"),
                                  not initials of words */
    bool korean;      /* every word token reads as romanized Korean */
    bool korean_given; /* ... and there are two or more: a Korean person's
                          surname and given syllables, not one brand */
};

/* One aligned pair: query tokens q[0] (and q[1] when joined) with listed
 * tokens l[0] (and l[1]).  MATCH_NONE marks an absent second token. */
#define MATCH_NONE 0xFF
struct match_pair {
    uint8_t q[2];
    uint8_t l[2];
    uint8_t how;          /* vigil_token_how */
    float sim;
    float weight;         /* (query weights + listed weights) / 2 */
};

struct match_alignment {
    struct match_pair pairs[MATCH_MAX_TOKENS];
    size_t pair_count;
    uint32_t q_used, l_used;  /* bit i: token i is in a pair */
    size_t query_tokens;      /* tokens of the query name */
    double denominator;       /* sum of pair weights + unmatched costs */
    double listed_only_cost;  /* share of weight a listed-only token costs */
    double raw;               /* weighted similarity before the cap */
    double score;             /* after the generic-only cap, 0..1 */
    bool generic_only;        /* the cap applied */
    bool single_conflict;     /* MATCH_SINGLE_CONFLICT_FACTOR applied */
    bool lone_approximate;    /* MATCH_LONE_APPROXIMATE_FACTOR applied */
    bool syllables_reversed;  /* MATCH_SYLLABLE_ORDER_FACTOR applied */
    bool syllable_left;       /* MATCH_SYLLABLE_LEFT_FACTOR applied */
};

/* Relative weight of a token class (NORM_WORD = 1). */
float match_class_factor(enum norm_class cls);
/* Whether single letters in a name of this schema are parts of acronyms
 * and codes rather than initials: anything but a person or a Thing. */
bool match_letters_not_initials(vigil_schema schema);
/* Sets name->korean from its tokens' flags. */
void match_name_mark_korean(struct match_name *name);
/* Fills latin_len, key_len and letters from the strings. */
void match_token_lengths(struct match_token *token);
/* Aligns the query name with the listed name and scores it, 0..1. */
double match_score_names(const struct match_name *query,
                         const struct match_name *listed,
                         struct match_alignment *out);
/* How two single tokens compare; false when they do not match. */
bool match_compare_tokens(const struct match_token *q,
                          const struct match_token *l, vigil_token_how *how,
                          float *sim);
/* The blend of Jaro-Winkler and edit similarity with no floor; 0 beyond
 * half the longer length in edits. */
double match_resemblance(const char *a, size_t alen, const char *b,
                         size_t blen);
/* Fuzzy similarity of two lower-case ASCII strings (a blend of
 * Jaro-Winkler and edit distance), 0 when below MATCH_FUZZY_FLOOR. */
double match_fuzzy_similarity(const char *a, size_t alen, const char *b,
                              size_t blen);

/* Multiplier for the kind of listed name that matched. */
double match_name_kind_factor(enum vg_name_kind kind);

/* --------------------------------------------------------- candidates */

struct match_candidate {
    uint32_t name;
    float acc;            /* credit accumulated from the postings */
};

struct match_candidates {
    struct match_candidate *items;  /* in no particular order */
    size_t count;
};

/* Sets each query token's term (UINT32_MAX when the index lacks its key)
 * and weight: idf x class factor; a key the index has never seen weighs as
 * much as the rarest listed one. */
void match_weigh_query(const vigil_index *ix, struct match_name *q);
/* The (at most) k listed names with the most credit for q; names that
 * cannot reach min_credit may be left out.  Everything lives in scratch. */
vigil_status match_candidates(const vigil_index *ix,
                              const struct match_name *q, float min_credit,
                              struct vg_arena *scratch, size_t k,
                              struct match_candidates *out);

/* ------------------------------------------------------------ results */

struct vigil_results {
    struct vg_arena arena;    /* owns hits, tokens, evidence and strings */
    vigil_hit *hits;
    size_t count;
    size_t candidates;
};

vigil_status match_results_new(vigil_results **out);
/* Tokens of a normalized name, each weighing its class factor. */
vigil_status match_name_from_norm(struct vg_arena *arena,
                                  const struct norm_name *norm,
                                  struct match_name *out);
/* 0..1; NaN gives 0. */
double match_clamp_score(double score);
/* Sets name_score, score, matched_name, name_kind and the token
 * explanations of a hit from the alignment of its best name. */
vigil_status match_hit_name(vigil_results *results, vigil_hit *hit,
                            const struct match_name *query,
                            const struct match_name *listed,
                            const struct match_alignment *al,
                            enum vg_name_kind kind, const char *listed_text);

/* Fills hit->tokens, token_count and the name part of the explanation from
 * an alignment; strings go to the results' arena. */
vigil_status match_explain_tokens(vigil_results *results, vigil_hit *hit,
                                  const struct match_name *query,
                                  const struct match_name *listed,
                                  const struct match_alignment *al);
/* Writes hit->summary from the hit's tokens and evidence; raw_final is the
 * score before clamping to 0..1. */
vigil_status match_explain_summary(vigil_results *results, vigil_hit *hit,
                                   const struct match_alignment *al,
                                   double kind_factor, double raw_final);

/* ------------------------------------------------------------ evidence */

#define MATCH_MAX_QUERY_FACTS 16

/* Secondary facts of a query, parsed once per vigil_match call. */
struct match_query_facts {
    vigil_schema schema;
    struct vg_date dates[MATCH_MAX_QUERY_FACTS];
    const char *date_text[MATCH_MAX_QUERY_FACTS];
    size_t date_count;
    char countries[MATCH_MAX_QUERY_FACTS][3];
    size_t country_count;
    struct {
        const char *prop;
        const char *value;
        char normal[64];
    } ids[MATCH_MAX_QUERY_FACTS];
    size_t id_count;
};

void match_query_facts(const vigil_entity *query,
                       struct match_query_facts *facts);
/* Adds the evidence of listed entity `entity` to hit->evidence (not
 * recorded when results is NULL), sets hit->score and returns the
 * unclamped score (name score plus deltas) in raw_final. */
vigil_status match_apply_evidence(vigil_results *results,
                                  const vigil_index *ix, uint32_t entity,
                                  const struct match_query_facts *facts,
                                  vigil_hit *hit, double *raw_final);

#endif /* VG_MATCH_H */
