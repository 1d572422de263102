/* Tests of norm_name(): each romanization family meets on one key, the
 * list's own spelling comes out of every script, distinct names keep
 * distinct keys, legal forms and word classes are tagged, bad input never
 * fails, and threads agree.  Expected values are hand-checked against
 * names.md and the UN/OFAC spellings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "normalize/normalize.h"
#include "util/vg.h"

static struct vg_arena arena;

static struct norm_name norm(const char *text, vigil_schema schema)
{
    struct norm_name out = {0};
    assert_int_equal(norm_name(text, schema, &arena, &out), VIGIL_OK);
    return out;
}

/* The keys (or latin forms) of a name joined by single spaces. */
static const char *joined(const char *text, vigil_schema schema, bool keys)
{
    struct norm_name n = norm(text, schema);
    char buf[1024] = "";
    size_t at = 0;
    for (size_t i = 0; i < n.count; i++) {
        const char *s = keys ? n.tokens[i].key : n.tokens[i].latin;
        at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%s",
                               i ? " " : "", s);
    }
    return vg_arena_strdup(&arena, buf);
}

static const char *keys(const char *text)
{
    return joined(text, VIGIL_SCHEMA_PERSON, true);
}

static const char *org_keys(const char *text)
{
    return joined(text, VIGIL_SCHEMA_ORGANIZATION, true);
}

static const char *latin(const char *text)
{
    return joined(text, VIGIL_SCHEMA_PERSON, false);
}

static const char *key1(const char *word)
{
    struct norm_name n = norm(word, VIGIL_SCHEMA_PERSON);
    assert_int_equal(n.count, 1);
    return n.tokens[0].key;
}

/* Every word in the NULL-terminated list has the same single-token key. */
static void assert_one_key(const char *const *words)
{
    const char *first = key1(words[0]);
    for (size_t i = 1; words[i]; i++) {
        if (strcmp(first, key1(words[i])))
            fail_msg("%s -> %s but %s -> %s", words[0], first, words[i],
                     key1(words[i]));
    }
}

static int setup(void **state)
{
    (void)state;
    vg_arena_init(&arena, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    vg_arena_free(&arena);
    norm_thread_cleanup();
    return 0;
}

/* ---------------------------------------------------------------- Korean */

static void kim_jong_un_in_five_spellings(void **state)
{
    (void)state;
    const char *list = keys("KIM, Jong Un");
    assert_string_equal(list, "gim jong un");
    assert_string_equal(keys("Kim Jong-un"), list);
    assert_string_equal(keys("Gim Jeong-eun"), list);
    assert_string_equal(keys("Kim Chŏng-ŭn"), list);   /* MR with marks */
    assert_string_equal(keys("Ким Чен Ын"), list);
    assert_string_equal(latin("Ким Чен Ын"), "kim jong un");
    /* Hangul: surname, then the given name as one joined token whose key is
     * the concatenation of the list's two syllable keys */
    struct norm_name h = norm("김정은", VIGIL_SCHEMA_PERSON);
    assert_int_equal(h.count, 2);
    assert_string_equal(h.tokens[0].latin, "kim");
    assert_string_equal(h.tokens[1].latin, "jongun");
    assert_string_equal(h.tokens[0].key, "gim");
    assert_string_equal(h.tokens[1].key, "jongun");
    assert_string_equal(h.tokens[1].orig, "정은");
    assert_string_equal(h.tokens[1].path, "Korean from Hangul");
    assert_true(h.tokens[1].flags & NORM_F_JOINED);
    assert_true(h.tokens[1].flags & NORM_F_KOREAN);
    assert_int_equal(h.tokens[1].script, NORM_SCRIPT_HANGUL);
    struct norm_name c = norm("Ким Чен Ын", VIGIL_SCHEMA_PERSON);
    assert_string_equal(c.tokens[1].path, "Korean from Cyrillic");
    assert_string_equal(c.tokens[1].orig, "Чен");
}

static void listed_spelling_from_hangul_and_cyrillic(void **state)
{
    (void)state;
    assert_string_equal(latin("최룡해"), "choe ryonghae");
    assert_string_equal(keys("최룡해"), "jwe ryonghae");
    assert_string_equal(keys("CHOE Ryong Hae"), "jwe ryong hae");
    assert_string_equal(latin("리수용"), "ri suyong");
    assert_string_equal(latin("남궁민"), "namgung min"); /* two-syllable surname */
    assert_string_equal(latin("Пак Сон Чхоль"), "pak song chol");
    assert_string_equal(keys("Пак Сон Чхоль"), keys("PAK Song Chol"));
    assert_string_equal(keys("Ким Ир Сен"), keys("Kim Il Sung"));
    assert_string_equal(keys("Цой Ен Гын"), keys("Choe Yong Gun"));
    /* Korean surnames beyond the commonest make the name Korean */
    assert_string_equal(latin("Мин Пён Чхоль"), "min pyong chol");
    assert_string_equal(keys("Мин Пён Чхоль"), keys("MIN Byong Chol"));
    assert_string_equal(latin("Чху Хёк"), "chu hyok");
    /* open е is ㅔ: 제, 세 (Kontsevich), not the press ㅓ of Чен */
    assert_string_equal(keys("Ри Че Сон"), keys("RI Je Song"));
    assert_string_equal(keys("Ким Се Иль"), keys("KIM Se Il"));
    assert_string_equal(keys("Ким Чен Ир"), keys("Kim Jong Il"));
    assert_string_equal(latin("Ким Чен Ир"), "kim jong il");
    /* 문길 as one token keys like Mun + Gil: before ng + vowel the
     * syllable boundary may fall between n and g */
    assert_string_equal(keys("강문길"), "gang mungil");
    assert_string_equal(key1("Mungil"), "mungil");
    /* organizations: one word, spelled with the lists' assimilation */
    assert_string_equal(joined("평양", VIGIL_SCHEMA_ORGANIZATION, false),
                        "phyongyang");
    assert_string_equal(org_keys("평양"), org_keys("Pyongyang"));
    assert_string_equal(joined("압록강", VIGIL_SCHEMA_ORGANIZATION, false),
                        "amnokkang");
    assert_string_equal(org_keys("압록강"), org_keys("Amnokgang"));
    assert_string_equal(joined("천리마", VIGIL_SCHEMA_ORGANIZATION, false),
                        "chollima");
}

static void korean_romanizations_share_a_key(void **state)
{
    (void)state;
    static const char *const families[][8] = {
        {"Jong", "Jeong", "Chong", "Chung", "Jung", "Cheong", "Chŏng", NULL},
        {"Un", "Eun", "Ŭn", NULL},
        {"Chol", "Cheol", "Chul", "Ch'ol", "CH'O'L", NULL},
        {"Song", "Seong", "Sung", "Sŏng", NULL},
        {"Ri", "Lee", "Rhee", "Yi", "Li", NULL},
        {"Pak", "Park", "Bak", "Bahk", NULL},
        {"Choe", "Choi", "Chwe", "Ch'oe", NULL},
        {"Kim", "Gim", NULL},
        {"Kang", "Gang", "Kahng", NULL},
        {"Yong", "Young", "Yeong", NULL},
        {"Hyok", "Hyeok", "Hyuk", NULL},
        {"Kyong", "Gyeong", "Kyung", NULL},
        {"Thae", "Tae", "T'ae", "Dae", NULL},
        {"Sin", "Shin", NULL},
        {"Ryu", "Yu", "Yoo", "Lyu", NULL},
        {"Ryong", "Lyong", NULL},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(families); i++)
        assert_one_key(families[i]);
    struct norm_name n = norm("Jeong", VIGIL_SCHEMA_PERSON);
    assert_true(n.tokens[0].flags & NORM_F_KOREAN);
    /* joined given names key as the concatenation of their syllables */
    assert_string_equal(key1("Jongun"), "jongun");
    assert_string_equal(key1("Kwangil"), "gwangil");
    assert_string_equal(keys("Kwang Il"), "gwang il");
}

static void distinct_names_keep_distinct_keys(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"Kim", "Kang"},   {"Park", "Parker"}, {"Jong", "Jon"},
        {"Yun", "Yon"},    {"Un", "On"},       {"Salim", "Sarim"},
        {"Shah", "Sa"},    {"Sergey", "Sergio"}, {"Karim", "Kalim"},
        {"Hasan", "Husayn"}, {"Ali", "Ari"},   {"Lee", "Leo"},
        {"Zhou", "Cho"},   {"Khan", "Kan"},   {"Ivanov", "Ivanova"},
        {"Se", "So"},      {"Je", "Jo"},      {"Mungil", "Mongil"},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(pairs); i++)
        if (!strcmp(key1(pairs[i][0]), key1(pairs[i][1])))
            fail_msg("%s and %s share key %s", pairs[i][0], pairs[i][1],
                     key1(pairs[i][0]));
}

/* ---------------------------------------------------------------- Slavic */

static void slavic_romanizations_share_a_key(void **state)
{
    (void)state;
    static const char *const families[][9] = {
        {"Юрий", "Yuriy", "Yuri", "Yury", "Iouri", "Jurij", "Iurii", NULL},
        {"Олександр", "Aleksandr", "Alexander", "Александр", NULL},
        {"Сергей", "Sergey", "Sergei", "Serguei", "Serhiy", "Sergej", NULL},
        {"Евгений", "Yevgeniy", "Evgeny", "Jevgenij", "Yevhen", NULL},
        {"Дмитрий", "Dmitriy", "Dmitry", "Dmitri", "Dmytro", NULL},
        {"Иванов", "Ivanov", "Ivanoff", "Iwanow", NULL},
        {"Алиев", "Aliyev", "Aliev", NULL},
        {"Наталья", "Natalya", "Natalia", "Nataliya", NULL},
        {"Nikolay", "Nikolai", "Mykola", NULL},
        {"Максим", "Maksim", "Maxim", NULL},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(families); i++)
        assert_one_key(families[i]);
    assert_string_equal(latin("Юрий"), "yuriy");
    struct norm_name r = norm("Щербаков", VIGIL_SCHEMA_PERSON);
    assert_string_equal(r.tokens[0].latin, "shcherbakov");
    assert_string_equal(r.tokens[0].path, "Russian (BGN/PCGN)");
    struct norm_name u = norm("Григорій Шевченко", VIGIL_SCHEMA_PERSON);
    assert_string_equal(u.tokens[0].latin, "hryhoriy");
    assert_string_equal(u.tokens[0].path, "Ukrainian");
    assert_string_equal(u.tokens[0].key, key1("Grigoriy"));
    /* a Russian name is not read as Korean */
    assert_string_equal(latin("Ким Иван Петрович"), "kim ivan petrovich");
    assert_string_equal(norm("Ким Иван Петрович", VIGIL_SCHEMA_PERSON)
                            .tokens[0].path, "Russian (BGN/PCGN)");
}

/* ---------------------------------------------------------------- Arabic */

static void arabic_names_share_a_key(void **state)
{
    (void)state;
    static const char *const families[][9] = {
        {"محمد", "Mohammed", "Muhammad", "Mohamed", "Mohammad", "Mohd",
         "Magomed", NULL},
        {"حسين", "Hussein", "Husayn", "Hussain", "Husein", NULL},
        {"أحمد", "Ahmad", "Ahmed", NULL},
        {"يوسف", "Yusuf", "Yousef", "Youssef", NULL},
        {"عمر", "Umar", "Omar", NULL},
        {"إبراهيم", "Ibrahim", "Ibragim", NULL},
        {"Hasan", "Hassan", NULL},
        {"Abdullah", "Abdallah", "Abdulla", NULL},
        {"Tariq", "Tarik", NULL},
        {"Mahmoud", "Mahmud", "Mahmood", NULL},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(families); i++)
        assert_one_key(families[i]);
    /* إ is i: إدريس meets the Latin Idris, a bare alef still reads a */
    assert_string_equal(keys("إدريس"), keys("Idris"));
    assert_string_equal(latin("ادريس"), "adris");
    assert_string_equal(latin("الإدريسي"), "al idrisi");
    assert_string_equal(latin("برزان"), "barzan");
    struct norm_name a = norm("محمد", VIGIL_SCHEMA_PERSON);
    assert_string_equal(a.tokens[0].path, "Arabic");
    assert_string_equal(a.tokens[0].latin, "muhammad");
    /* "Abd al-" joined or apart keys alike */
    assert_string_equal(key1("Abdulrahman"), "abdulrahman");
    assert_string_equal(keys("Abdul Rahman"), "abdul rahman");
    assert_string_equal(keys("Abdel Rahman"), "abdul rahman");
    assert_string_equal(keys("Abd al-Rahman"), "abdul rahman");
    assert_string_equal(key1("Abdurrahman"), "abdulrahman");
    struct norm_name p = norm("Usama bin Ladin", VIGIL_SCHEMA_PERSON);
    assert_int_equal(p.tokens[1].cls, NORM_PARTICLE);
    assert_string_equal(p.tokens[1].key, "bin");
    assert_string_equal(keys("Usama ibn Ladin"), keys("Usama bin Ladin"));
}

/* The skeleton of each token of `text`, "-" where it has none. */
static const char *skeletons(const char *text)
{
    struct norm_name n = norm(text, VIGIL_SCHEMA_PERSON);
    char buf[1024] = "";
    size_t at = 0;
    for (size_t i = 0; i < n.count; i++) {
        char sk[64];
        bool ok = norm_skeleton(n.tokens[i].latin, sk, sizeof(sk));
        at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%s",
                               i ? " " : "", ok ? sk : "-");
    }
    return vg_arena_strdup(&arena, buf);
}

static void consonant_skeletons_meet_across_scripts(void **state)
{
    (void)state;
    /* Latin spellings that differ in vowels and doubling, and the name in
     * Arabic script, which writes no short vowels */
    assert_string_equal(skeletons("Rustam Rustem Rrustem رستم"),
                        "rstm rstm rstm rstm");
    assert_string_equal(skeletons("Pelarak بلرك"), "blrk blrk");
    assert_string_equal(skeletons("Muntazir Muntazer منتظر"),
                        "mntzr mntzr mntzr");
    assert_string_equal(skeletons("Bayandarian بيندرن"), "bndrn bndrn");
    assert_string_equal(skeletons("Souleymane Slimane"), "slmna slmna");
    /* the final vowel and the initial one count: distinct names stay
     * distinct */
    assert_string_equal(skeletons("Nikitin Nikitina"), "nktn nktna");
    assert_string_equal(skeletons("Rahman Rahmani"), "rhmn rhmni");
    assert_string_equal(skeletons("Albert Liberty"), "albrt lbrti");
    assert_string_equal(skeletons("Idris Edris Idrees إدريس"),
                        "adrs adrs adrs adrs");
    /* q and gh stay apart, as Arabic script writes ق and غ apart */
    assert_string_equal(skeletons("Naqdi Naghdi نقدي"), "nkdi ngdi nkdi");
    /* fewer than two consonants, or digits: none */
    assert_string_equal(skeletons("Ali Kim Ahmadi B52X"), "- km ahmdi -");
    char out[4];
    assert_false(norm_skeleton("rustam", out, 0));
}

/* ------------------------------------------------------------------ Han */

static void han_names_become_pinyin(void **state)
{
    (void)state;
    struct norm_name n = norm("金正恩", VIGIL_SCHEMA_PERSON);
    assert_int_equal(n.count, 3);
    assert_string_equal(n.tokens[0].latin, "jin");
    assert_string_equal(n.tokens[1].latin, "zheng");
    assert_string_equal(n.tokens[2].latin, "en");
    assert_string_equal(n.tokens[0].orig, "金");
    assert_string_equal(n.tokens[0].path, "Chinese (pinyin)");
    /* Wade-Giles and pinyin spellings meet */
    static const char *const families[][4] = {
        {"Zhang", "Chang", NULL},
        {"Xu", "Hsu", NULL},
        {"Zhou", "Chou", NULL},
        {"Zeng", "Tseng", NULL},
        {"Guo", "Kuo", NULL},
        {"Jiang", "Chiang", NULL},
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(families); i++)
        assert_one_key(families[i]);
}

/* ------------------------------------------------------------ classes */

static void legal_forms_collapse_to_one_class(void **state)
{
    (void)state;
    static const char *const coltd[] = {
        "Acme Co., Ltd.", "Acme Company Limited", "Acme Limited", "Acme LTD",
        "Acme 有限公司", "Acme 주식회사", "Acme (주)", "Acme ㈜",
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(coltd); i++) {
        struct norm_name n = norm(coltd[i], VIGIL_SCHEMA_COMPANY);
        if (n.count != 2 || n.tokens[1].cls != NORM_LEGAL_FORM ||
            strcmp(n.tokens[1].key, "coltd"))
            fail_msg("%s: %zu tokens, last %s", coltd[i], n.count,
                     n.count ? n.tokens[n.count - 1].key : "-");
    }
    static const char *const llc[] = {
        "ООО Ромашка", "OOO Romashka", "Romashka LLC", "Romashka L.L.C.",
        "Romashka Limited Liability Company", "Romashka Sp. z o.o.",
        "Romashka GmbH", "Romashka S.R.L.", "ТОВ Ромашка", "Romashka S.L.",
        "Romashka Ltd. Sti.",
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(llc); i++) {
        struct norm_name n = norm(llc[i], VIGIL_SCHEMA_COMPANY);
        assert_int_equal(n.count, 2);
        size_t at = n.tokens[0].cls == NORM_LEGAL_FORM ? 0 : 1;
        assert_int_equal(n.tokens[at].cls, NORM_LEGAL_FORM);
        assert_string_equal(n.tokens[at].key, "llc");
        assert_string_equal(n.tokens[1 - at].key, key1("Romashka"));
    }
    static const char *const jsc[] = {
        "Gazprom JSC", "ОАО Газпром", "PJSC Gazprom", "Gazprom AG",
        "Gazprom Joint Stock Company", "ПАО Газпром", "Gazprom S.A.",
        "Gazprom A.S.", "Gazprom S.A. de C.V.", "Gazprom S.A.S.",
    };
    for (size_t i = 0; i < VG_ARRAY_LEN(jsc); i++) {
        struct norm_name n = norm(jsc[i], VIGIL_SCHEMA_COMPANY);
        assert_int_equal(n.count, 2);
        size_t at = n.tokens[0].cls == NORM_LEGAL_FORM ? 0 : 1;
        assert_string_equal(n.tokens[at].key, "jsc");
    }
    struct norm_name co = norm("Korea Ryonbong General Corporation",
                               VIGIL_SCHEMA_ORGANIZATION);
    assert_int_equal(co.count, 4);
    assert_int_equal(co.tokens[0].cls, NORM_GENERIC);
    assert_int_equal(co.tokens[1].cls, NORM_GENERIC);
    assert_int_equal(co.tokens[2].cls, NORM_GENERIC);
    assert_int_equal(co.tokens[3].cls, NORM_LEGAL_FORM);
    assert_string_equal(co.tokens[3].key, "corp");
    assert_string_equal(co.tokens[0].orig, "Korea");
    struct norm_name multi = norm("Acme Co., Ltd.", VIGIL_SCHEMA_COMPANY);
    assert_string_equal(multi.tokens[1].orig, "Co., Ltd");
    assert_true(multi.tokens[1].flags & NORM_F_JOINED);
    /* short forms that are also names stay words in person names and at
     * the start of a name */
    struct norm_name sa = norm("Kim Sa", VIGIL_SCHEMA_PERSON);
    assert_int_equal(sa.tokens[1].cls, NORM_WORD);
    struct norm_name ag = norm("AG Bank", VIGIL_SCHEMA_COMPANY);
    assert_int_equal(ag.tokens[0].cls, NORM_WORD);
    /* a form written before the name ends it in the lists' inverted form,
     * after a comma; without one it stays a word ("Li Ao") */
    struct norm_name inverted = norm("TRANSNEFT-SIBIR, AO", VIGIL_SCHEMA_COMPANY);
    assert_int_equal(inverted.tokens[inverted.count - 1].cls, NORM_LEGAL_FORM);
    struct norm_name li = norm("Li Ao", VIGIL_SCHEMA_THING);
    assert_int_equal(li.tokens[1].cls, NORM_WORD);
}

static void word_classes(void **state)
{
    (void)state;
    struct norm_name n = norm("J. van der Berg 2nd 39 Trading Chosun al",
                              VIGIL_SCHEMA_THING);
    static const enum norm_class want[] = {
        NORM_INITIAL, NORM_PARTICLE, NORM_PARTICLE, NORM_WORD, NORM_WORD,
        NORM_NUMBER, NORM_GENERIC, NORM_GENERIC, NORM_PARTICLE,
    };
    assert_int_equal(n.count, VG_ARRAY_LEN(want));
    for (size_t i = 0; i < n.count; i++) assert_int_equal(n.tokens[i].cls, want[i]);
    assert_string_equal(n.tokens[4].key, "2nd");
    assert_string_equal(keys("Chosun"), keys("Choson"));
    assert_string_equal(keys("Joson"), keys("Choson"));
    assert_string_equal(org_keys("조선"), org_keys("Choson"));
    /* the article tied by a hyphen is a particle; alone, "An" is a name */
    struct norm_name art = norm("Abu Bakr as-Siddiq", VIGIL_SCHEMA_PERSON);
    assert_int_equal(art.tokens[0].cls, NORM_PARTICLE);
    assert_int_equal(art.tokens[2].cls, NORM_PARTICLE);
    assert_string_equal(art.tokens[2].key, "al");
    struct norm_name an = norm("An Jong Su", VIGIL_SCHEMA_PERSON);
    assert_int_equal(an.tokens[0].cls, NORM_WORD);
}

/* One-vowel Korean surnames are words in Korean names, keyed with their
 * family ("I" as Ri, Yi, Lee), and stay initials elsewhere. */
static void korean_vowel_surnames_are_words(void **state)
{
    (void)state;
    struct norm_name o = norm("O Chol Song", VIGIL_SCHEMA_PERSON);
    assert_int_equal(o.count, 3);
    assert_int_equal(o.tokens[0].cls, NORM_WORD);
    assert_true(o.tokens[0].flags & NORM_F_KOREAN);
    assert_string_equal(keys("I Su Yong"), keys("Ri Su Yong"));
    assert_string_equal(keys("I Su Yong"), keys("Lee Su Yong"));
    assert_true(o.tokens[0].flags & NORM_F_KOREAN_SURNAME);
    struct norm_name kim = norm("Kim Jong Un", VIGIL_SCHEMA_PERSON);
    assert_true(kim.tokens[0].flags & NORM_F_KOREAN_SURNAME);
    assert_true(norm("Gim Jeong-eun", VIGIL_SCHEMA_PERSON).tokens[0].flags &
                NORM_F_KOREAN_SURNAME);
    assert_false(kim.tokens[2].flags & NORM_F_KOREAN_SURNAME);
    assert_false(norm("Jean Didat", VIGIL_SCHEMA_PERSON).tokens[0].flags &
                 NORM_F_KOREAN_SURNAME);
    struct norm_name j = norm("O Brien Smith", VIGIL_SCHEMA_PERSON);
    assert_int_equal(j.tokens[0].cls, NORM_INITIAL);
    struct norm_name one = norm("U Thant", VIGIL_SCHEMA_PERSON);
    assert_int_equal(one.tokens[0].cls, NORM_INITIAL);
}

/* ---------------------------------------------------------- input edges */

static void ascii_tokens_keep_what_was_written(void **state)
{
    (void)state;
    struct norm_name n = norm("  O'Brien,  CH'O'L-Ho ", VIGIL_SCHEMA_PERSON);
    assert_int_equal(n.count, 3);
    assert_string_equal(n.tokens[0].orig, "O'Brien");
    assert_string_equal(n.tokens[0].latin, "obrien");
    assert_string_equal(n.tokens[1].orig, "CH'O'L");
    assert_string_equal(n.tokens[1].latin, "chol");
    assert_string_equal(n.tokens[2].latin, "ho");
    assert_string_equal(n.tokens[0].path, "");
    assert_string_equal(latin("Müller Jürgen"), "muller jurgen");
    assert_string_equal(latin("ＫＩＭ Ｊｏｎｇ"), "kim jong");
    assert_string_equal(latin("Straße"), "strasse");
    assert_string_equal(latin("Ravshanʹ ʿAli"), "ravshan ali");
}

static void bad_input_never_fails(void **state)
{
    (void)state;
    assert_int_equal(norm("", VIGIL_SCHEMA_PERSON).count, 0);
    assert_int_equal(norm(" ,.-'() ", VIGIL_SCHEMA_PERSON).count, 0);
    struct norm_name bad = norm("Kim\xff\xfe Jong\xc3", VIGIL_SCHEMA_PERSON);
    assert_int_equal(bad.count, 2);
    assert_string_equal(bad.tokens[0].latin, "kim");
    assert_string_equal(bad.tokens[1].latin, "jong");
    char big[10000];
    for (size_t i = 0; i + 1 < sizeof(big); i++) big[i] = i % 3 ? 'a' : ' ';
    big[sizeof(big) - 1] = '\0';
    struct norm_name many = norm(big, VIGIL_SCHEMA_PERSON);
    assert_true(many.count > 0 && many.count <= 64);
    char hangul[4501];
    for (int i = 0; i < 1500; i++) memcpy(hangul + 3 * i, "김", 3);
    hangul[4500] = '\0';
    struct norm_name h = norm(hangul, VIGIL_SCHEMA_PERSON);
    assert_true(h.count >= 1);
    struct norm_name out;
    assert_int_equal(norm_name(NULL, VIGIL_SCHEMA_PERSON, &arena, &out),
                     VIGIL_EINVAL);
}

static void allocation_failure_is_reported(void **state)
{
    (void)state;
    struct vg_arena small;
    vg_arena_init(&small, 64);
    struct norm_name out;
    vg_alloc_fail_after(0);
    vigil_status st = norm_name("Kim Jong Un", VIGIL_SCHEMA_PERSON, &small,
                                &out);
    vigil_status st2 = norm_name("Ким Чен Ын", VIGIL_SCHEMA_PERSON, &small,
                                 &out);
    vg_alloc_fail_after(-1);
    assert_int_equal(st, VIGIL_ENOMEM);
    assert_int_equal(st2, VIGIL_ENOMEM);
    vg_arena_free(&small);
}

/* ------------------------------------------------------------- threads */

static const char *const thread_names[] = {
    "KIM, Jong Un", "김정은", "Ким Чен Ын", "Мацегора Александр",
    "محمد علي", "金正恩", "Korea Kwangson Banking Corp.", "Müller GmbH",
    "Григорій Шевченко", "Αθήνα", "조선광선은행", "Usama bin Ladin",
};

static char *render(const char *text)
{
    struct vg_arena a;
    vg_arena_init(&a, 0);
    struct norm_name n;
    char buf[1024] = "";
    size_t at = 0;
    if (norm_name(text, VIGIL_SCHEMA_THING, &a, &n) == VIGIL_OK)
        for (size_t i = 0; i < n.count; i++)
            at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s/%s/%s/%d ",
                                   n.tokens[i].orig, n.tokens[i].latin,
                                   n.tokens[i].key, n.tokens[i].cls);
    vg_arena_free(&a);
    return vg_strdup(buf);
}

static void *thread_body(void *arg)
{
    char **want = arg;
    intptr_t mismatches = 0;
    for (int round = 0; round < 50; round++)
        for (size_t i = 0; i < VG_ARRAY_LEN(thread_names); i++) {
            char *got = render(thread_names[i]);
            mismatches += strcmp(got, want[i]) != 0;
            vg_free(got);
        }
    norm_thread_cleanup();
    return (void *)mismatches;
}

static void threads_agree(void **state)
{
    (void)state;
    char *want[VG_ARRAY_LEN(thread_names)];
    for (size_t i = 0; i < VG_ARRAY_LEN(thread_names); i++)
        want[i] = render(thread_names[i]);
    assert_non_null(strstr(want[0], "kim"));
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, thread_body, want), 0);
    for (int i = 0; i < 4; i++) {
        void *mismatches;
        pthread_join(t[i], &mismatches);
        assert_int_equal((intptr_t)mismatches, 0);
    }
    for (size_t i = 0; i < VG_ARRAY_LEN(thread_names); i++) vg_free(want[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kim_jong_un_in_five_spellings),
        cmocka_unit_test(listed_spelling_from_hangul_and_cyrillic),
        cmocka_unit_test(korean_romanizations_share_a_key),
        cmocka_unit_test(distinct_names_keep_distinct_keys),
        cmocka_unit_test(slavic_romanizations_share_a_key),
        cmocka_unit_test(arabic_names_share_a_key),
        cmocka_unit_test(consonant_skeletons_meet_across_scripts),
        cmocka_unit_test(han_names_become_pinyin),
        cmocka_unit_test(legal_forms_collapse_to_one_class),
        cmocka_unit_test(word_classes),
        cmocka_unit_test(korean_vowel_surnames_are_words),
        cmocka_unit_test(ascii_tokens_keep_what_was_written),
        cmocka_unit_test(bad_input_never_fails),
        cmocka_unit_test(allocation_failure_is_reported),
        cmocka_unit_test(threads_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
