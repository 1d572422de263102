/* Tests of vigil_compare: the name scorer end to end through the
 * normalizer, on names as people write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "vigil.h"

static double compare(const char *a, const char *b, vigil_schema schema)
{
    vigil_results *r = NULL;
    vigil_error err;
    vigil_status st = vigil_compare(a, b, schema, &r, &err);
    assert_int_equal(st, VIGIL_OK);
    assert_int_equal(vigil_results_count(r), 1);
    double s = vigil_results_hit(r, 0)->score;
    vigil_results_free(r);
    assert_true(s >= 0.0 && s <= 1.0);
    return s;
}

static double person(const char *a, const char *b)
{
    return compare(a, b, VIGIL_SCHEMA_PERSON);
}

static double company(const char *a, const char *b)
{
    return compare(a, b, VIGIL_SCHEMA_COMPANY);
}

static void identical_names_score_one(void **state)
{
    (void)state;
    assert_true(person("Kim Jong Un", "Kim Jong Un") == 1.0);
    assert_true(person("KIM JONG UN", "Kim Jong Un") == 1.0);
    assert_true(company("Mansudae Overseas Project Group of Companies",
                        "Mansudae Overseas Project Group of Companies") == 1.0);
}

static void order_and_punctuation_do_not_matter(void **state)
{
    (void)state;
    assert_true(person("KIM, Jong Un", "Jong-Un Kim") >= 0.95);
    assert_true(person("Smith, John", "John Smith") == 1.0);
}

static void joined_and_split_tokens_agree(void **state)
{
    (void)state;
    assert_true(person("Kim Jongun", "Kim Jong Un") >= 0.95);
    assert_true(person("Kim Jong Un", "Kim Jongun") >= 0.95);
}

static void short_names_keep_their_score(void **state)
{
    (void)state;
    assert_true(person("Jon Smith", "John Smith") >= 0.8);
    assert_true(person("John Smyth", "John Smith") >= 0.8);
    assert_true(person("Jane Smith", "John Smith") < 0.8);
}

static void compare_is_symmetric_enough(void **state)
{
    (void)state;
    const char *pairs[][2] = {
        {"Jon Smith", "John Smith"},
        {"Mohammed Al Rashid", "Muhammad al-Rashid"},
        {"Kim Jong Un", "Jong Un Kim"},
        {"Rostislav Petrenko", "Rostyslav Petrenko"},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        double ab = person(pairs[i][0], pairs[i][1]);
        double ba = person(pairs[i][1], pairs[i][0]);
        assert_true(fabs(ab - ba) < 0.05);
    }
}

static void unrelated_names_score_low(void **state)
{
    (void)state;
    assert_true(person("Kim Jong Un", "Rostislav Petrenko") < 0.3);
    assert_true(person("George Bush", "George Washington") < 0.7);
    assert_true(company("Emma Daniels", "Emma LLC") < 0.7);
}

static void generic_words_alone_do_not_match(void **state)
{
    (void)state;
    assert_true(company("Korea Trading Co", "Korea Mining Trading Co") < 0.7);
    assert_true(company("Korea Mining Trading Co", "Korea Trading Co") < 0.7);
    assert_true(company("Korea Trading Co", "Korea Trading Co") == 1.0);
}

static void legal_form_changes_keep_the_match(void **state)
{
    (void)state;
    assert_true(company("Bluefinch Maritime Trading Co., Ltd.",
                        "Bluefinch Maritime Trading Company Limited") >= 0.9);
    assert_true(company("Bluefinch Maritime LLC", "Bluefinch Maritime OOO")
                >= 0.9);
    assert_true(company("Bluefinch Maritime", "Bluefinch Maritime Ltd") >= 0.9);
}

static void initials_do_not_match_anything(void **state)
{
    (void)state;
    assert_true(person("J. S.", "John Smith") < 0.7);
    assert_true(person("J. Smith", "John Smith") >= 0.7);
    assert_true(person("J. Smith", "John Smith") < 0.95);
}

static void cyrillic_korean_name_meets_the_list_spelling(void **state)
{
    (void)state;
    vigil_results *r = NULL;
    assert_int_equal(vigil_compare("Ким Чен Ын", "Kim Jong Un",
                                   VIGIL_SCHEMA_PERSON, &r, NULL),
                     VIGIL_OK);
    const vigil_hit *hit = vigil_results_hit(r, 0);
    assert_true(hit->score >= 0.85);
    assert_int_equal(hit->token_count, 3);
    for (size_t i = 0; i < hit->token_count; i++) {
        const vigil_token_match *t = &hit->tokens[i];
        assert_true(t->how == VIGIL_TOKEN_TRANSLIT ||
                    t->how == VIGIL_TOKEN_VARIANT);
        assert_true(t->path[0] != '\0');
    }
    vigil_results_free(r);
}

static void explanation_is_complete(void **state)
{
    (void)state;
    vigil_results *r = NULL;
    assert_int_equal(vigil_compare("KIM Jong Smithe Extra", "Kim Jong Smith Michael",
                                   VIGIL_SCHEMA_PERSON, &r, NULL),
                     VIGIL_OK);
    const vigil_hit *hit = vigil_results_hit(r, 0);
    assert_int_equal(hit->entity, UINT32_MAX);
    assert_string_equal(hit->matched_name, "Kim Jong Smith Michael");
    assert_string_equal(hit->name_kind, "name");
    assert_int_equal(hit->token_count, 5);
    assert_int_equal(hit->tokens[0].how, VIGIL_TOKEN_EXACT);
    assert_string_equal(hit->tokens[0].query_token, "KIM");
    assert_string_equal(hit->tokens[0].listed_token, "Kim");
    assert_int_equal(hit->tokens[2].how, VIGIL_TOKEN_FUZZY);
    assert_string_equal(hit->tokens[2].listed_token, "Smith");
    assert_int_equal(hit->tokens[3].how, VIGIL_TOKEN_QUERY_ONLY);
    assert_int_equal(hit->tokens[4].how, VIGIL_TOKEN_LISTED_ONLY);
    assert_string_equal(hit->tokens[4].listed_token, "Michael");
    double w = 0.0, s = 0.0;
    for (size_t i = 0; i < hit->token_count; i++) {
        w += hit->tokens[i].weight;
        s += hit->tokens[i].weight * hit->tokens[i].similarity;
    }
    assert_true(fabs(w - 1.0) < 1e-6);
    assert_true(fabs(s - hit->name_score) < 1e-6);
    assert_non_null(strstr(hit->summary, "KIM=Kim exact"));
    assert_non_null(strstr(hit->summary, "Smithe~Smith fuzzy"));
    assert_non_null(strstr(hit->summary, "Extra (query only)"));
    assert_non_null(strstr(hit->summary, "Michael (listed only)"));
    assert_int_equal(hit->evidence_count, 0);
    vigil_results_free(r);
}

static void bad_arguments_are_refused(void **state)
{
    (void)state;
    vigil_results *r = NULL;
    vigil_error err;
    assert_int_equal(vigil_compare(NULL, "x", VIGIL_SCHEMA_PERSON, &r, &err),
                     VIGIL_EINVAL);
    assert_int_equal(vigil_compare("...", "Kim", VIGIL_SCHEMA_PERSON, &r, &err),
                     VIGIL_EINVAL);
    assert_string_equal(err.field, "name1");
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_names_score_one),
        cmocka_unit_test(order_and_punctuation_do_not_matter),
        cmocka_unit_test(joined_and_split_tokens_agree),
        cmocka_unit_test(short_names_keep_their_score),
        cmocka_unit_test(compare_is_symmetric_enough),
        cmocka_unit_test(unrelated_names_score_low),
        cmocka_unit_test(generic_words_alone_do_not_match),
        cmocka_unit_test(legal_form_changes_keep_the_match),
        cmocka_unit_test(initials_do_not_match_anything),
        cmocka_unit_test(cyrillic_korean_name_meets_the_list_spelling),
        cmocka_unit_test(explanation_is_complete),
        cmocka_unit_test(bad_arguments_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
