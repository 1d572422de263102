/* Tests of the name scorer on hand-made token lists (independent of the
 * normalizer): similarity functions, alignment, weights, caps and the
 * explanation of one hit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "match/match.h"

/* Tokens written as "[orig=]latin[/key][#class][^]", class one of W (word),
 * L (legal form), G (generic), P (particle), I (initial), N (number), "^"
 * marking a Korean-romanized token and "%" one that is also a common
 * Korean surname; an orig with a non-ASCII byte counts as Cyrillic. */
struct fixture {
    struct vg_arena arena;
};

static enum norm_class class_of(char c)
{
    switch (c) {
    case 'L': return NORM_LEGAL_FORM;
    case 'G': return NORM_GENERIC;
    case 'P': return NORM_PARTICLE;
    case 'I': return NORM_INITIAL;
    case 'N': return NORM_NUMBER;
    default: return NORM_WORD;
    }
}

static void parse_token(struct vg_arena *arena, const char *spec, size_t len,
                        struct match_token *t)
{
    char *s = vg_arena_strndup(arena, spec, len);
    memset(t, 0, sizeof(*t));
    t->cls = NORM_WORD;
    if (len && s[len - 1] == '^') {
        t->flags |= NORM_F_KOREAN;
        s[len - 1] = '\0';
    } else if (len && s[len - 1] == '%') {
        t->flags |= NORM_F_KOREAN | NORM_F_KOREAN_SURNAME;
        s[len - 1] = '\0';
    }
    char *hash = strchr(s, '#');
    if (hash) {
        t->cls = class_of(hash[1]);
        *hash = '\0';
    }
    char *eq = strchr(s, '=');
    t->orig = s;
    if (eq) {
        *eq = '\0';
        s = eq + 1;
    }
    char *slash = strchr(s, '/');
    if (slash) *slash = '\0';
    t->latin = s;
    t->key = slash ? slash + 1 : s;
    t->script = NORM_SCRIPT_LATIN;
    for (const char *p = t->orig; *p; p++)
        if ((unsigned char)*p >= 0x80) t->script = NORM_SCRIPT_CYRILLIC;
    t->path = t->script == NORM_SCRIPT_LATIN ? "" : "Korean from Cyrillic";
    t->term = UINT32_MAX;
    t->weight = match_class_factor(t->cls);
    match_token_lengths(t);
}

static struct match_name make_name(struct vg_arena *arena, const char *spec)
{
    struct match_token *tokens =
        vg_arena_calloc(arena, MATCH_MAX_TOKENS, sizeof(*tokens));
    size_t n = 0;
    while (*spec) {
        while (*spec == ' ') spec++;
        size_t len = strcspn(spec, " ");
        if (!len) break;
        parse_token(arena, spec, len, &tokens[n++]);
        spec += len;
    }
    struct match_name name = {.tokens = tokens, .count = n};
    match_name_mark_korean(&name);
    return name;
}

static double score_of(const char *query, const char *listed)
{
    struct vg_arena arena;
    vg_arena_init(&arena, 4096);
    struct match_name q = make_name(&arena, query);
    struct match_name l = make_name(&arena, listed);
    struct match_alignment al;
    double s = match_score_names(&q, &l, &al);
    vg_arena_free(&arena);
    return s;
}

static void jaro_winkler_known_values(void **state)
{
    (void)state;
    assert_true(fabs(match_jaro_winkler("martha", 6, "marhta", 6) - 0.9611) <
                0.001);
    assert_true(fabs(match_jaro_winkler("dwayne", 6, "duane", 5) - 0.84) <
                0.001);
    assert_true(fabs(match_jaro_winkler("dixon", 5, "dicksonx", 8) - 0.8133) <
                0.001);
    assert_true(match_jaro_winkler("abc", 3, "abc", 3) == 1.0);
    assert_true(match_jaro_winkler("abc", 3, "xyz", 3) == 0.0);
    assert_true(match_jaro_winkler("", 0, "abc", 3) == 0.0);
}

static void edit_distance_counts_transpositions_and_caps(void **state)
{
    (void)state;
    assert_int_equal(match_edit_distance("kitten", 6, "sitting", 7, 5), 3);
    assert_int_equal(match_edit_distance("jnog", 4, "jong", 4, 3), 1);
    assert_int_equal(match_edit_distance("smith", 5, "smithe", 6, 2), 1);
    assert_int_equal(match_edit_distance("abcdef", 6, "uvwxyz", 6, 2), 3);
    assert_int_equal(match_edit_distance("a", 1, "abcdef", 6, 2), 3);
    assert_int_equal(match_edit_distance("", 0, "ab", 2, 2), 2);
    char long_a[300], long_b[300];
    memset(long_a, 'a', sizeof(long_a));
    memcpy(long_b, long_a, sizeof(long_b));
    long_b[150] = 'b';
    assert_int_equal(match_edit_distance(long_a, 300, long_b, 300, 2), 1);
}

static void fuzzy_similarity_separates_typos_from_other_names(void **state)
{
    (void)state;
    assert_true(match_fuzzy_similarity("jon", 3, "john", 4) >= 0.8);
    assert_true(match_fuzzy_similarity("smith", 5, "smithe", 6) >= 0.85);
    assert_true(match_fuzzy_similarity("mansudae", 8, "mansuday", 8) >= 0.85);
    assert_true(match_fuzzy_similarity("kim", 3, "kin", 3) == 0.0);
    assert_true(match_fuzzy_similarity("un", 2, "um", 2) == 0.0);
    assert_true(match_fuzzy_similarity("smith", 5, "jones", 5) == 0.0);
    assert_true(match_fuzzy_similarity("abc", 3, "abc", 3) <= MATCH_FUZZY_CEIL);
}

/* Two edits must leave the words closer than one edit must: "Infosys" /
 * "Inforos" and "Karimov" / "Karim" are other names, while two typos in a
 * long word still read as typos. */
static void two_edits_need_a_closer_likeness(void **state)
{
    (void)state;
    assert_true(match_fuzzy_similarity("infosys", 7, "inforos", 7) == 0.0);
    assert_true(match_fuzzy_similarity("karimov", 7, "karim", 5) == 0.0);
    assert_true(match_fuzzy_similarity("bluenorof", 9, "bluenoroff", 10) >=
                MATCH_FUZZY_FLOOR);
    double two = match_fuzzy_similarity("stroytransgas", 13, "stroitransgaz", 13);
    assert_true(two >= MATCH_FUZZY_FLOOR_TWO && two < 0.94);
}

/* A Korean given name is ordered: the same syllables reversed are another
 * person, while moving the surname is only another way of writing it, and
 * two-word names (where the two cannot be told apart) keep their score. */
static void reversed_korean_given_names_differ(void **state)
{
    (void)state;
    double same = score_of("ko% jae/chae^ chol^", "ko% jae/chae^ chol^");
    double moved = score_of("jae/chae^ chol^ ko%", "ko% jae/chae^ chol^");
    double reversed = score_of("ko% jae/chae^ chol^", "ko% chol^ chae^");
    assert_true(same == 1.0 && moved == 1.0);
    assert_true(reversed < 0.70 && reversed > 0.4);
    assert_true(score_of("wasim salman", "salman wasim") == 1.0);
    assert_true(score_of("chol^ song^", "song^ chol^") == 1.0);
    /* Not Korean: "Ana Maria Lopez" / "Maria Ana Lopez" keep the order-free
     * rule. */
    assert_true(score_of("ana maria lopez", "lopez maria ana") == 1.0);
}

/* Korean words of several syllables with other keys are other words,
 * and a Korean given name with a syllable more is another name. */
static void korean_syllables_are_not_typos(void **state)
{
    (void)state;
    assert_true(score_of("kaesong^ trading#G", "daesong^ trading#G") < 0.5);
    assert_true(score_of("kaesong^ trading#G", "kaesonh trading#G") > 0.8);
    /* A misspelt generic word is a typo, whatever it reads as. */
    assert_true(score_of("chongchongang^ shippin^", "chongchongang^ shipping#G^") >
                0.9);
    double full = score_of("chu% hyok^", "chu% hyok^");
    double more = score_of("chu% hyok^ sok^", "chu% hyok^");
    double plain = score_of("chu hyok sok", "chu hyok");
    assert_true(full == 1.0);
    assert_true(more < 0.70 && fabs(more - plain * MATCH_SYLLABLE_LEFT_FACTOR) < 1e-6);
    /* Without a Korean surname, syllables that read as Korean are just a
     * name's spelling ("Si Hen" / "Si Chen"): a typo as anywhere else. */
    assert_true(score_of("si^ hen^", "si^ chen^") > 0.85);
    assert_true(score_of("kim% hen^", "kim% chen^") < 0.70);
    /* One syllable for another ("Toh" / "Tok") is no syllable more. */
    struct vg_arena arena;
    vg_arena_init(&arena, 4096);
    struct match_name q = make_name(&arena, "ri% toh^ jin^");
    struct match_name l = make_name(&arena, "ri% tok^ jin^");
    struct match_alignment al;
    match_score_names(&q, &l, &al);
    assert_false(al.syllable_left);
    assert_int_equal(al.pair_count, 2);
    vg_arena_free(&arena);
}

/* In a company's or a vessel's name a single letter is part of an acronym
 * or a code: it agrees with the same letter, never with a word. */
static void letters_of_acronyms_are_not_initials(void **state)
{
    (void)state;
    struct vg_arena arena;
    vg_arena_init(&arena, 4096);
    struct match_name q = make_name(&arena, "andina engineering");
    struct match_name l = make_name(&arena, "a#I w#I a#I engineering");
    struct match_alignment al;
    double person = match_score_names(&q, &l, &al);
    l.letters_not_initials = true;
    double company = match_score_names(&q, &l, &al);
    assert_true(person > company);
    for (size_t i = 0; i < al.pair_count; i++)
        assert_int_not_equal(al.pairs[i].how, VIGIL_TOKEN_INITIAL);
    struct match_name same = make_name(&arena, "a#I w#I a#I engineering");
    assert_true(match_score_names(&same, &l, &al) == 1.0);
    vg_arena_free(&arena);
}

/* Three-letter words get a Jaro window of one: a swap of two letters
 * keeps all three in common, so "FCI" / "CFI" pair weakly, while other
 * three-letter words stay apart. */
static void three_letter_swaps_resemble(void **state)
{
    (void)state;
    assert_true(fabs(match_jaro_winkler("cfi", 3, "fci", 3) - 8.0 / 9.0) < 1e-9);
    assert_true(match_resemblance("cfi", 3, "fci", 3) >= MATCH_WEAK_FLOOR);
    assert_true(match_fuzzy_similarity("cfi", 3, "fci", 3) == 0.0);
    assert_true(match_resemblance("cfi", 3, "dox", 3) < MATCH_WEAK_FLOOR);
    assert_true(score_of("ep fci", "ep cfi") > score_of("ep fci", "ep cfx"));
}

static void identical_and_reordered_names_score_one(void **state)
{
    (void)state;
    assert_true(score_of("kim jong un", "kim jong un") == 1.0);
    assert_true(score_of("kim jong un", "jong un kim") == 1.0);
    assert_true(score_of("mansudae art studio co#L", "co#L mansudae art studio")
                == 1.0);
}

static void variants_joins_and_translit(void **state)
{
    (void)state;
    double variant = score_of("kim chong/chong un", "kim jong/chong un");
    assert_true(variant > 0.95 && variant < 1.0);
    double joined = score_of("kim jongun", "kim jong un");
    assert_true(joined >= 0.99);
    double split = score_of("kim jong un", "kim jongun");
    assert_true(split >= 0.99);
    /* A Cyrillic rendering whose latin form equals the list spelling. */
    assert_true(score_of("Ким=kim Чен=chen/chong Ын=un/un",
                         "kim jong/chong un") > 0.95);
}

static void short_names_do_not_fall_off_a_cliff(void **state)
{
    (void)state;
    assert_true(score_of("jon smith", "john smith") >= 0.8);
    assert_true(score_of("john smyth", "john smith") >= 0.8);
    assert_true(score_of("john smith", "jane smith") < 0.8);
}

static void unmatched_query_words_cost_more_than_listed_ones(void **state)
{
    (void)state;
    double listed_extra = score_of("john smith", "john michael smith");
    double query_extra = score_of("john michael smith", "john smith");
    assert_true(listed_extra >= 0.85);
    assert_true(query_extra < listed_extra);
    assert_true(query_extra >= 0.6);
    assert_true(score_of("emma daniels", "emma llc#L") < 0.6);
    assert_true(score_of("george bush", "george washington") < 0.6);
}

static void generic_only_names_do_not_match_others(void **state)
{
    (void)state;
    assert_true(score_of("korea#G trading#G co#L",
                         "korea#G mining trading#G co#L") <= 0.5);
    assert_true(score_of("korea#G mining trading#G co#L",
                         "korea#G trading#G co#L") <= 0.5);
    assert_true(score_of("korea#G trading#G", "korea#G trading#G bank#G")
                <= 0.5);
    assert_true(score_of("korea#G trading#G co#L", "korea#G trading#G")
                >= 0.7);
    /* The same generic-only name is still itself. */
    assert_true(score_of("korea#G trading#G co#L", "korea#G trading#G co#L")
                == 1.0);
    /* Equivalent legal forms do not change a name. */
    assert_true(score_of("mansudae art studio llc/llc#L",
                         "mansudae art studio ooo/llc#L") >= 0.95);
    assert_true(score_of("11420 corp#L", "acme corp#L") < 0.3);
}

static void initials_agree_weakly(void **state)
{
    (void)state;
    double one = score_of("j#I smith", "john smith");
    assert_true(one >= 0.75 && one < 0.95);
    assert_true(score_of("j#I s#I", "john smith") < 0.7);
    assert_true(score_of("j#I s#I", "k#I smith") < 0.5);
}

static void garbled_words_left_over_pair_weakly(void **state)
{
    (void)state;
    /* Two edits in one word: no typo, but a weak pair. */
    double garbled = score_of("grajales marin zrlos arturo",
                              "grajales marin carlos arturo");
    assert_true(garbled >= 0.7 && garbled < 0.9);
    /* Surnames that only share a Slavic ending are no garbled spelling of
     * each other ("Petrov" / "Nesterov" resemble 0.72 whole, far less
     * without "-ov"); a garbled stem still is ("Ixanob" / "Ivanov" keep no
     * common ending and resemble as before). */
    assert_true(score_of("igor vladimirovich petrov",
                         "nesterov igor vladimirovich") < 0.7);
    assert_true(score_of("igor vladimirovich petrova",
                         "petrov igor vladimirovich") > 0.7);
    assert_true(score_of("ixanob petr", "ivanov petr") > 0.65);
    /* Four letters are enough for a garbled word ("Xhan" is no typo of
     * "Khan" by the typo floor, but the same name mistyped)... */
    assert_true(match_fuzzy_similarity("xhan", 4, "khan", 4) == 0.0);
    assert_true(score_of("ahmad xhan", "ahmad khan") > 0.6);
    /* ... but not between short Korean syllables, in any script. */
    assert_true(score_of("Ким=kim% Ёнг=yong^ Сон=son^",
                         "kim% kyong^ son^") < 0.7);
    /* Words that merely share letters never pair weakly: a different
     * first name stays one. */
    assert_true(score_of("jane smith", "john smith") < 0.7);
    assert_true(score_of("george bush", "george washington") < 0.6);
}

static void both_sides_left_over_is_a_conflict(void **state)
{
    (void)state;
    double missing = score_of("demir", "demir ismail");
    double conflict = score_of("mehmet demir", "demir ismail");
    assert_true(conflict < missing);
    assert_true(conflict < 0.6);
    /* Only the query's words make a conflict, not its legal form. */
    assert_true(score_of("volga llc#L", "volga group") >
                score_of("volga trading", "volga group"));
}

static void korean_syllables_need_a_close_typo(void **state)
{
    (void)state;
    /* One letter turns a syllable into another name. */
    assert_true(score_of("choe% hae^ kyong^", "choe% hae^ ryong^") < 0.7);
    assert_true(score_of("paek% il^ chun^", "pak% il^ chun^") < 0.7);
    /* Other words keep the ordinary floor, even when they happen to read
     * as Korean on their own. */
    assert_true(score_of("john smyth", "john smith") > 0.8);
    assert_true(score_of("jose roul^ vega^", "jose raul^ vega^") > 0.85);
}

static void distinct_korean_syllables_never_pair_as_typos(void **state)
{
    (void)state;
    /* "Yong" and "Kyong", "Myong" and "Kyong" are different syllables
     * though a letter apart; the pair clears the syllable floor. */
    assert_true(match_fuzzy_similarity("yong", 4, "kyong", 5) >=
                MATCH_SYLLABLE_FLOOR);
    assert_true(score_of("kim% yong^ il^", "kim% kyong^ il^") < 0.7);
    assert_true(score_of("kim% hak^ myong^", "kim% kyong^ hak^") < 0.7);
    /* ... also when the query came from Cyrillic. */
    assert_true(score_of("Ким=kim% Мён=myong^ Хак=hak^", "kim% kyong^ hak^")
                < 0.7);
    /* A typo that reads as no syllable still pairs, and the same syllable
     * spelt differently shares its key. */
    assert_true(score_of("kim% kyomg kak^", "kim% kyong^ kak^") > 0.85);
    assert_true(score_of("kim% jong/jong^ un^", "kim% chong/jong^ un^")
                > 0.9);
    /* Outside two Korean names the ordinary typo rule holds. */
    assert_true(score_of("smith yong^", "smith kyong^") > 0.85);
}

static void one_shared_word_then_disagreement_is_penalized(void **state)
{
    (void)state;
    /* One brand in common, each side its own line of business. */
    double conflict = score_of("atlas trading#G inc#L", "atlas shipping#G");
    double no_conflict = score_of("atlas trading#G inc#L", "atlas");
    assert_true(conflict < 0.7);
    assert_true(conflict < no_conflict);
    assert_true(score_of("volga trading#G", "volga group#G") < 0.7);
    /* Two distinctive words in common are not held back ... */
    assert_true(score_of("ural volga trading#G", "ural volga group#G") >
                score_of("volga trading#G", "volga group#G") + 0.1);
    /* ... nor is a name the query merely shortens or extends. */
    assert_true(score_of("atlas shipping#G", "atlas shipping#G llc#L") > 0.95);
    assert_true(score_of("atlas llc#L", "atlas shipping#G") > 0.7);
}

static void a_lone_short_approximate_word_is_weak(void **state)
{
    (void)state;
    /* The query's one distinctive word, short, agrees only as a typo or a
     * spelling variant: nothing else confirms it. */
    assert_true(match_fuzzy_similarity("bayer", 5, "bajer", 5) >=
                MATCH_FUZZY_FLOOR);
    assert_true(score_of("bayer ag#L", "bajer srl#L") < 0.7);
    assert_true(score_of("deere/tr company#L", "tire/tr co#L") < 0.7);
    /* Exact, long, or confirmed by a second word: not held back. */
    assert_true(score_of("bayer ag#L", "bayer srl#L") > 0.85);
    assert_true(score_of("induitex ag#L", "inditex srl#L") > 0.75);
    assert_true(score_of("bayer smith", "bajer smith") > 0.85);
}

static void numbers_must_be_equal(void **state)
{
    (void)state;
    assert_true(score_of("hao fan 6#N", "hao fan 6#N") == 1.0);
    assert_true(score_of("hao fan 6#N", "hao fan 8#N") < 0.75);
}

static void explanation_pairs_every_token(void **state)
{
    (void)state;
    vigil_results *results;
    assert_int_equal(match_results_new(&results), VIGIL_OK);
    struct match_name q = make_name(&results->arena, "KIM=kim Jong/chong Smithe=smithe Extra=extra");
    struct match_name l = make_name(&results->arena, "Kim=kim Chong=chong/chong Smith=smith Michael=michael");
    struct match_alignment al;
    match_score_names(&q, &l, &al);
    vigil_hit hit = {0};
    assert_int_equal(match_hit_name(results, &hit, &q, &l, &al,
                                    VG_NAME_WEAK, "Kim Chong Smith Michael"),
                     VIGIL_OK);
    assert_int_equal(match_explain_summary(results, &hit, &al, 0.9, hit.score),
                     VIGIL_OK);
    assert_int_equal(hit.token_count, 5);
    assert_int_equal(hit.tokens[0].how, VIGIL_TOKEN_EXACT);
    assert_string_equal(hit.tokens[0].query_token, "KIM");
    assert_string_equal(hit.tokens[0].listed_token, "Kim");
    assert_int_equal(hit.tokens[1].how, VIGIL_TOKEN_VARIANT);
    assert_int_equal(hit.tokens[2].how, VIGIL_TOKEN_FUZZY);
    assert_string_equal(hit.tokens[2].listed_token, "Smith");
    assert_int_equal(hit.tokens[3].how, VIGIL_TOKEN_QUERY_ONLY);
    assert_string_equal(hit.tokens[3].query_token, "Extra");
    assert_int_equal(hit.tokens[4].how, VIGIL_TOKEN_LISTED_ONLY);
    assert_string_equal(hit.tokens[4].listed_token, "Michael");
    double weights = 0, recomposed = 0;
    for (size_t i = 0; i < hit.token_count; i++) {
        weights += hit.tokens[i].weight;
        recomposed += hit.tokens[i].weight * hit.tokens[i].similarity;
    }
    assert_true(fabs(weights - 1.0) < 1e-6);
    assert_true(fabs(recomposed - al.raw) < 1e-6);
    assert_true(fabs(hit.name_score - al.score * 0.9) < 1e-9);
    assert_string_equal(hit.name_kind, "weakAlias");
    assert_non_null(strstr(hit.summary, "KIM=Kim exact"));
    assert_non_null(strstr(hit.summary, "Jong~Chong variant"));
    assert_non_null(strstr(hit.summary, "Smithe~Smith fuzzy 0."));
    assert_non_null(strstr(hit.summary, "Extra (query only)"));
    assert_non_null(strstr(hit.summary, "Michael (listed only)"));
    assert_non_null(strstr(hit.summary, "3/4 tokens"));
    assert_string_equal(vigil_token_how_name(VIGIL_TOKEN_LEGAL_FORM),
                        "legal_form");
    vigil_results_free(results);
}

static void never_nan_and_empty_scores_zero(void **state)
{
    (void)state;
    assert_true(score_of("", "kim") == 0.0);
    assert_true(score_of("kim", "") == 0.0);
    assert_true(match_clamp_score(NAN) == 0.0);
    assert_true(match_clamp_score(1.3) == 1.0);
    assert_true(match_clamp_score(-0.2) == 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jaro_winkler_known_values),
        cmocka_unit_test(edit_distance_counts_transpositions_and_caps),
        cmocka_unit_test(fuzzy_similarity_separates_typos_from_other_names),
        cmocka_unit_test(two_edits_need_a_closer_likeness),
        cmocka_unit_test(reversed_korean_given_names_differ),
        cmocka_unit_test(korean_syllables_are_not_typos),
        cmocka_unit_test(letters_of_acronyms_are_not_initials),
        cmocka_unit_test(three_letter_swaps_resemble),
        cmocka_unit_test(identical_and_reordered_names_score_one),
        cmocka_unit_test(variants_joins_and_translit),
        cmocka_unit_test(short_names_do_not_fall_off_a_cliff),
        cmocka_unit_test(unmatched_query_words_cost_more_than_listed_ones),
        cmocka_unit_test(generic_only_names_do_not_match_others),
        cmocka_unit_test(initials_agree_weakly),
        cmocka_unit_test(garbled_words_left_over_pair_weakly),
        cmocka_unit_test(both_sides_left_over_is_a_conflict),
        cmocka_unit_test(korean_syllables_need_a_close_typo),
        cmocka_unit_test(distinct_korean_syllables_never_pair_as_typos),
        cmocka_unit_test(one_shared_word_then_disagreement_is_penalized),
        cmocka_unit_test(a_lone_short_approximate_word_is_weak),
        cmocka_unit_test(numbers_must_be_equal),
        cmocka_unit_test(explanation_pairs_every_token),
        cmocka_unit_test(never_nan_and_empty_scores_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
