/* Tests of translit/: every row of the Hangul tables (names.md §1.2-1.4)
 * against the DPRK list spelling, voicing and assimilation inside words,
 * Korean names in Cyrillic, Arabic folds and the name table, and the ICU
 * transforms the normalizer relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "translit/translit.h"

/* UTF-8 -> code points (test strings are valid). */
static size_t cps_of(const char *s, uint32_t *out, size_t max)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < max;)
        i += vg_utf8_decode(s + i, len - i, &out[n++]);
    return n;
}

static const char *hangul(const char *word, bool assimilated)
{
    static char out[64];
    uint32_t cps[32];
    size_t n = cps_of(word, cps, 32);
    tl_hangul_latin(cps, n, assimilated, out, sizeof(out));
    return out;
}

static void hangul_initials(void **state)
{
    (void)state;
    /* each initial before ㅏ, word-initially (plain) */
    static const char *const want[][2] = {
        {"가", "ka"}, {"까", "kka"}, {"나", "na"}, {"다", "ta"}, {"따", "tta"},
        {"라", "ra"}, {"마", "ma"}, {"바", "pa"}, {"빠", "ppa"}, {"사", "sa"},
        {"싸", "ssa"}, {"아", "a"}, {"자", "ja"}, {"짜", "jja"}, {"차", "cha"},
        {"카", "ka"}, {"타", "tha"}, {"파", "pha"}, {"하", "ha"},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(want); i++)
        assert_string_equal(hangul(want[i][0], false), want[i][1]);
}

static void hangul_vowels(void **state)
{
    (void)state;
    static const char *const want[][2] = {
        {"아", "a"},   {"애", "ae"},  {"야", "ya"}, {"얘", "yae"}, {"어", "o"},
        {"에", "e"},   {"여", "yo"},  {"예", "ye"}, {"오", "o"},   {"와", "wa"},
        {"왜", "wae"}, {"외", "oe"},  {"요", "yo"}, {"우", "u"},   {"워", "wo"},
        {"웨", "we"},  {"위", "wi"},  {"유", "yu"}, {"으", "u"},   {"의", "ui"},
        {"이", "i"},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(want); i++)
        assert_string_equal(hangul(want[i][0], false), want[i][1]);
}

static void hangul_finals(void **state)
{
    (void)state;
    /* 가 + each final: seven sounds */
    static const char *const want[][2] = {
        {"각", "kak"}, {"갂", "kak"}, {"간", "kan"}, {"갇", "kat"},
        {"갈", "kal"}, {"감", "kam"}, {"갑", "kap"}, {"갓", "kat"},
        {"강", "kang"}, {"갖", "kat"}, {"갛", "kat"}, {"갉", "kak"},
        {"값", "kap"},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(want); i++)
        assert_string_equal(hangul(want[i][0], false), want[i][1]);
}

static void hangul_names_and_places(void **state)
{
    (void)state;
    /* person names: syllable by syllable, as the lists write them */
    assert_string_equal(hangul("김", false), "kim");
    assert_string_equal(hangul("정은", false), "jongun");
    assert_string_equal(hangul("최", false), "choe");
    assert_string_equal(hangul("룡해", false), "ryonghae");
    assert_string_equal(hangul("리", false), "ri");
    assert_string_equal(hangul("혁", false), "hyok");
    assert_string_equal(hangul("철", false), "chol");
    assert_string_equal(hangul("희", false), "hui");
    assert_string_equal(hangul("국렬", false), "kukryol");
    /* voiced between voiced sounds inside a word */
    assert_string_equal(hangul("동구", false), "tonggu");
    assert_string_equal(hangul("아바", false), "aba");
    assert_string_equal(hangul("압바", false), "appa");
    /* places and companies: the lists' assimilation */
    assert_string_equal(hangul("평양", true), "phyongyang");
    assert_string_equal(hangul("천리마", true), "chollima");
    assert_string_equal(hangul("압록강", true), "amnokkang");
    assert_string_equal(hangul("련봉", true), "ryonbong");
    assert_string_equal(hangul("국민", true), "kungmin");
    /* two-syllable surnames */
    uint32_t cps[8];
    size_t n = cps_of("남궁민", cps, 8);
    assert_true(tl_hangul_double_surname(cps, n));
    n = cps_of("김정은", cps, 8);
    assert_false(tl_hangul_double_surname(cps, n));
}

static const char *cyr_korean(const char *word, size_t *syllables)
{
    static char out[64];
    uint32_t cps[32];
    size_t n = cps_of(word, cps, 32);
    *syllables = tl_cyrillic_korean(cps, n, out, sizeof(out));
    return out;
}

static void korean_names_in_cyrillic(void **state)
{
    (void)state;
    static const char *const want[][2] = {
        {"ким", "kim"},  {"чен", "jong"},  {"ын", "un"},    {"пак", "pak"},
        {"сон", "song"}, {"чхоль", "chol"}, {"цой", "choe"}, {"чхве", "choe"},
        {"ри", "ri"},    {"ли", "ri"},     {"ир", "il"},    {"сен", "song"},
        {"хёк", "hyok"}, {"рён", "ryong"}, {"тен", "jong"}, {"хэ", "hae"},
        {"юн", "yun"},   {"кван", "kwan"}, {"мён", "myong"}, {"чхоль", "chol"},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(want); i++) {
        size_t syllables;
        assert_string_equal(cyr_korean(want[i][0], &syllables), want[i][1]);
        assert_int_equal(syllables, 1);
    }
    size_t syllables;
    /* an open е syllable is ㅔ (세 Се, 제 Че); the press е for ㅓ comes
     * only before a final (Чен, Сен: 정, 성) */
    assert_string_equal(cyr_korean("се", &syllables), "se");
    assert_string_equal(cyr_korean("че", &syllables), "je");
    assert_string_equal(cyr_korean("мен", &syllables), "mong");
    assert_string_equal(cyr_korean("тхек", &syllables), "thok");
    assert_string_equal(cyr_korean("сеиль", &syllables), "seil");
    assert_int_equal(syllables, 2);
    assert_string_equal(cyr_korean("ёнхо", &syllables), "yongho");
    assert_int_equal(syllables, 2);
    /* Russian words do not read as Korean */
    static const char *const russian[] = {"иванов", "петров", "сергей",
                                          "александр", "щербаков"};
    for (size_t i = 0; i < VG_ARRAY_LEN(russian); i++) {
        cyr_korean(russian[i], &syllables);
        if (syllables) fail_msg("%s read as Korean", russian[i]);
    }
    uint32_t cps[8];
    size_t n = cps_of("пак", cps, 8);
    assert_true(tl_cyrillic_korean_surname(cps, n));
    n = cps_of("иван", cps, 8);
    assert_false(tl_cyrillic_korean_surname(cps, n));
    static const char *const more[] = {"мин", "чу", "чху", "чха", "пён",
                                       "хон", "ю"};
    for (size_t i = 0; i < VG_ARRAY_LEN(more); i++) {
        n = cps_of(more[i], cps, 8);
        if (!tl_cyrillic_korean_surname(cps, n))
            fail_msg("%s is not taken for a Korean surname", more[i]);
    }
    n = cps_of("мина", cps, 8);
    assert_false(tl_cyrillic_korean_surname(cps, n));
}

static const char *arabic(const char *word)
{
    static char out[64];
    uint32_t cps[32];
    size_t n = cps_of(word, cps, 32);
    n = tl_arabic_fold(cps, n);
    tl_arabic_latin(cps, n, false, out, sizeof(out));
    return out;
}

static void arabic_folds_and_names(void **state)
{
    (void)state;
    assert_string_equal(arabic("محمد"), "muhammad");
    assert_string_equal(arabic("مُحَمَّد"), "muhammad");   /* harakat */
    assert_string_equal(arabic("أحمد"), "ahmad");          /* hamza on alef */
    assert_string_equal(arabic("إبراهيم"), "ibrahim");
    assert_string_equal(arabic("أسامة"), "usama");         /* taa marbuta */
    assert_string_equal(arabic("مصطفى"), "mustafa");       /* alef maqsura */
    assert_string_equal(arabic("شعبـان"), "shaban");       /* tatweel */
    assert_string_equal(arabic("یوسف"), "yusuf");          /* Persian yeh */
    /* not in the table: the skeleton, one short vowel after the first
     * consonant, long vowels from the letters */
    assert_string_equal(arabic("طلفاح"), "talfah");
    assert_string_equal(arabic("برزان"), "barzan");
    assert_string_equal(arabic("جبر"), "jabr");
    assert_string_equal(arabic("عمران"), "amran");
    /* a word that starts with alef has its vowel: none is guessed after
     * the first consonant */
    assert_string_equal(arabic("ادريس"), "adris");
    assert_string_equal(arabic("اسكندر"), "askndr");
    uint32_t digits[4];
    size_t n = cps_of("٣٩", digits, 4);
    n = tl_arabic_fold(digits, n);
    assert_int_equal(n, 2);
    assert_int_equal(digits[0], '3');
    assert_int_equal(digits[1], '9');
}

static const char *transform(enum tl_transform id, const char *word)
{
    static char out[128];
    uint32_t cps[64];
    size_t n = cps_of(word, cps, 64);
    tl_transform(id, cps, n, out, sizeof(out));
    return out;
}

static void arabic_alef_with_hamza_below_reads_i(void **state)
{
    (void)state;
    uint32_t cps[16];
    size_t n = cps_of("إدريس", cps, 16);
    assert_true(tl_arabic_initial_i(cps, n));
    n = cps_of("الإدريسي", cps, 16);
    assert_true(tl_arabic_initial_i(cps, n));
    n = cps_of("أدريس", cps, 16);             /* hamza above: a or u */
    assert_false(tl_arabic_initial_i(cps, n));
    n = cps_of("ادريس", cps, 16);
    assert_false(tl_arabic_initial_i(cps, n));
    char out[32];
    n = cps_of("إدريس", cps, 16);
    n = tl_arabic_fold(cps, n);
    tl_arabic_latin(cps, n, true, out, sizeof(out));
    assert_string_equal(out, "idris");
    n = cps_of("إسكندر", cps, 16);
    n = tl_arabic_fold(cps, n);
    tl_arabic_latin(cps, n, true, out, sizeof(out));
    assert_string_equal(out, "iskndr");
}

static void icu_transforms(void **state)
{
    (void)state;
    assert_string_equal(transform(TL_RUSSIAN, "щербаков"), "shcherbakov");
    assert_string_equal(transform(TL_RUSSIAN, "юрий"), "yuriy");
    assert_string_equal(transform(TL_RUSSIAN, "хэ"), "khe");   /* no "·" */
    assert_string_equal(transform(TL_UKRAINIAN, "григорій"), "hryhoriy");
    assert_string_equal(transform(TL_HAN, "金"), "jin");
    assert_string_equal(transform(TL_ANY, "αθήνα"), "athena");
    assert_string_equal(transform(TL_LATIN_ASCII, "ø"), "o");
    uint32_t folded[16];
    size_t n = tl_fold("ＫＩＭ Straße", strlen("ＫＩＭ Straße"), folded, 16);
    char ascii[16] = "";
    for (size_t i = 0; i < n && i < 15; i++) ascii[i] = (char)folded[i];
    assert_string_equal(ascii, "kim strasse");
    struct vg_arena arena;
    vg_arena_init(&arena, 0);
    assert_string_equal(tl_nfc("Cho\xcc\x86ng", 7, &arena), "Ch\xc5\x8fng");
    vg_arena_free(&arena);
    tl_thread_cleanup();
    tl_thread_cleanup(); /* twice: harmless */
    assert_string_equal(transform(TL_RUSSIAN, "ким"), "kim"); /* re-created */
    tl_thread_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hangul_initials),
        cmocka_unit_test(hangul_vowels),
        cmocka_unit_test(hangul_finals),
        cmocka_unit_test(hangul_names_and_places),
        cmocka_unit_test(korean_names_in_cyrillic),
        cmocka_unit_test(arabic_folds_and_names),
        cmocka_unit_test(arabic_alef_with_hamza_below_reads_i),
        cmocka_unit_test(icu_transforms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
