/* Tests of the evaluation's own renderings (bench/scripts.h): DPRK list
 * spelling to Hangul, Cyrillic and Revised Romanization; BGN Latin to
 * Russian and Ukrainian Cyrillic; Arabic Latin to Arabic script; and the
 * seeded generator.  Expected forms are the ones names.md's tables give
 * and the press uses (김정은, Ким Чен Ын, Gim Jeong-eun, Сергей Лавров). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "../../bench/scripts.h"

static size_t split(char *buf, const char **words)
{
    size_t n = 0;
    for (char *p = strtok(buf, " ,"); p && n < 8; p = strtok(NULL, " ,")) words[n++] = p;
    return n;
}

static void korean(const char *name, struct ko_name *k)
{
    char buf[128];
    const char *w[8];
    snprintf(buf, sizeof buf, "%s", name);
    size_t n = split(buf, w);
    assert_true(ko_parse_name(w, n, k));
}

static void korean_to_hangul_follows_the_syllable_arithmetic(void **state)
{
    (void)state;
    struct ko_name k;
    struct str s = {0};
    korean("KIM Jong Un", &k);
    ko_to_hangul(&k, false, &s);
    assert_string_equal(s.p, "김정은");
    korean("CHOE Ryong Hae", &k);
    ko_to_hangul(&k, true, &s);
    assert_string_equal(s.p, "최 룡해");
    korean("Kim Kyong-hui", &k);
    ko_to_hangul(&k, false, &s);
    assert_string_equal(s.p, "김경희");
    korean("JANG Song Thaek", &k);
    ko_to_hangul(&k, false, &s);
    assert_string_equal(s.p, "장성택");
    str_free(&s);
}

static void korean_to_cyrillic_in_both_styles(void **state)
{
    (void)state;
    struct ko_name k;
    struct str s = {0};
    korean("KIM Jong Un", &k);
    ko_to_cyrillic(&k, KO_CYR_PRESS, &s);
    assert_string_equal(s.p, "Ким Чен Ын");
    ko_to_cyrillic(&k, KO_CYR_STRICT, &s);
    assert_string_equal(s.p, "Ким Чон Ын");
    korean("PAK Song Chol", &k);
    ko_to_cyrillic(&k, KO_CYR_STRICT, &s);
    assert_string_equal(s.p, "Пак Сон Чхоль");
    korean("RI Su Yong", &k);
    ko_to_cyrillic(&k, KO_CYR_PRESS, &s);
    assert_string_equal(s.p, "Ли Су Ён");
    korean("KIM Il Sung", &k);
    ko_to_cyrillic(&k, KO_CYR_PRESS, &s);
    assert_string_equal(s.p, "Ким Ир Сен");
    str_free(&s);
}

static void korean_to_revised_romanization(void **state)
{
    (void)state;
    struct ko_name k;
    struct str s = {0};
    korean("KIM Jong Un", &k);
    ko_to_rr(&k, "kim", 0, 0, &s);
    assert_string_equal(s.p, "Gim Jeong-eun");
    korean("PAK Song Chol", &k);
    ko_to_rr(&k, "pak", 0, 1, &s);
    assert_string_equal(s.p, "Park Seongcheol");
    korean("RI Su Yong", &k);
    ko_to_rr(&k, "ri", 0, 2, &s);
    assert_string_equal(s.p, "Lee Su Yeong");
    str_free(&s);
}

static void non_korean_names_do_not_parse(void **state)
{
    (void)state;
    struct ko_name k;
    const char *a[] = {"Maria", "Lopez"};
    assert_false(ko_parse_name(a, 2, &k)); /* Maria is no surname */
    const char *b[] = {"KIM", "Xavier"};
    assert_false(ko_parse_name(b, 2, &k)); /* x is no list letter */
}

static void slavic(const char *name, bool ukrainian, struct str *out)
{
    char buf[128];
    const char *w[8];
    snprintf(buf, sizeof buf, "%s", name);
    size_t n = split(buf, w);
    slavic_to_cyrillic(w, n, ukrainian, out);
}

static void bgn_latin_back_to_cyrillic(void **state)
{
    (void)state;
    struct str s = {0};
    slavic("Sergey Viktorovich LAVROV", false, &s);
    assert_string_equal(s.p, "Сергей Викторович Лавров");
    slavic("Yevgeniy PRIGOZHIN", false, &s);
    assert_string_equal(s.p, "Евгений Пригожин");
    slavic("Tatyana Grigoryeva", false, &s);
    assert_string_equal(s.p, "Татьяна Григорьева");
    slavic("Serhiy Kurchenko", true, &s);
    assert_string_equal(s.p, "Сергій Курченко");
    str_free(&s);
}

static void arabic_latin_to_arabic_script(void **state)
{
    (void)state;
    struct str s = {0};
    const char *a[] = {"Abu", "Bakr", "al-Baghdadi"};
    ar_to_arabic(a, 3, &s);
    assert_string_equal(s.p, "أبو بكر البغدادي");
    const char *b[] = {"Abd", "al-Rahman", "Mustafa"};
    ar_to_arabic(b, 3, &s);
    assert_string_equal(s.p, "عبد الرحمن مصطفى");
    const char *c[] = {"Muhammad", "Ali", "al-Tamimi"};
    ar_to_arabic(c, 3, &s);
    assert_string_equal(s.p, "محمد علي التميمي");
    str_free(&s);
}

static void seeded_generator_repeats_and_varies(void **state)
{
    (void)state;
    struct rng a, b, c;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    rng_seed(&c, 43);
    int same = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = rng_next(&a);
        assert_int_equal(x, rng_next(&b));
        same += x == rng_next(&c);
    }
    assert_int_equal(same, 0);
    for (int i = 0; i < 1000; i++) assert_true(rng_below(&a, 7) < 7);
}

static void baseline_jaro_winkler_reference_values(void **state)
{
    (void)state;
    /* the textbook pairs */
    assert_true(fabs(jaro_winkler("MARTHA", 6, "MARHTA", 6) - 0.9611) < 1e-3);
    assert_true(fabs(jaro_winkler("DIXON", 5, "DICKSONX", 8) - 0.8133) < 1e-3);
    assert_true(jaro_winkler("ABC", 3, "XYZ", 3) == 0.0);
    assert_true(jaro_winkler("SAME", 4, "SAME", 4) == 1.0);
    assert_true(jaro_winkler("", 0, "", 0) == 0.0); /* a name in another script */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(korean_to_hangul_follows_the_syllable_arithmetic),
        cmocka_unit_test(korean_to_cyrillic_in_both_styles),
        cmocka_unit_test(korean_to_revised_romanization),
        cmocka_unit_test(non_korean_names_do_not_parse),
        cmocka_unit_test(bgn_latin_back_to_cyrillic),
        cmocka_unit_test(arabic_latin_to_arabic_script),
        cmocka_unit_test(seeded_generator_repeats_and_varies),
        cmocka_unit_test(baseline_jaro_winkler_reference_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
