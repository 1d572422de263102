/* Tests of vigil_match against small indexes built here with the builder.
 * Every name, date and number in these lists is invented (or a public
 * figure's name used as a name only). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/vg.h"

#define END {NULL, NULL}

struct listed {
    const char *id;
    vigil_schema schema;
    const char *props[12][2];
    const char *dataset;
};

static const struct listed fixture[] = {
    {"kju", VIGIL_SCHEMA_PERSON,
     {{"name", "Kim Jong Un"}, {"birthDate", "1984-01-08"},
      {"nationality", "KP"}, END}, "un-sc"},
    {"kji", VIGIL_SCHEMA_PERSON,
     {{"name", "Kim Jong Il"}, {"birthDate", "1941-02-16"}, END}, "un-sc"},
    {"rsc-1", VIGIL_SCHEMA_PERSON,
     {{"name", "Ri Song Chol"}, {"birthDate", "1965"}, {"nationality", "KP"},
      {"topics", "role.pep"}, END}, "un-sc"},
    {"rsc-2", VIGIL_SCHEMA_PERSON,
     {{"name", "Ri Song Chol"}, {"birthDate", "1972-03-04"},
      {"nationality", "CN"}, {"topics", "sanction"}, END}, "us-ofac"},
    {"mansudae", VIGIL_SCHEMA_COMPANY,
     {{"name", "Mansudae Overseas Project Group of Companies"},
      {"alias", "Mansudae Art Studio"}, {"country", "KP"}, END}, "un-sc"},
    {"bluefinch", VIGIL_SCHEMA_COMPANY,
     {{"name", "Bluefinch Maritime Trading Co., Ltd."},
      {"registrationNumber", "HK-5521987"}, END}, "us-ofac"},
    {"kmtc", VIGIL_SCHEMA_COMPANY,
     {{"name", "Korea Mining Trading Co"}, END}, "un-sc"},
    {"heron-vessel", VIGIL_SCHEMA_VESSEL,
     {{"name", "Silver Heron"}, {"imoNumber", "IMO 9123456"}, END}, "us-ofac"},
    {"heron-person", VIGIL_SCHEMA_PERSON,
     {{"name", "Silver Heron"}, END}, "us-ofac"},
    {"petrenko", VIGIL_SCHEMA_PERSON,
     {{"name", "Rostislav Petrenko"}, {"weakAlias", "Rosti"},
      {"passportNumber", "No. 83-1 234"}, END}, "eu-fsf"},
    {"smithe", VIGIL_SCHEMA_PERSON,
     {{"name", "John Smithe"}, END}, "us-ofac"},
    {"stroy", VIGIL_SCHEMA_COMPANY,
     {{"name", "Stroytransgaz Group"}, END}, "eu-fsf"},
    {"kuan", VIGIL_SCHEMA_PERSON,
     {{"name", "Charlie Kuan"}, END}, "eu-fsf"},
    {"cumanagoto", VIGIL_SCHEMA_VESSEL,
     {{"name", "Cumanagoto"}, END}, "us-ofac"},
    {"zawahiri", VIGIL_SCHEMA_PERSON,
     {{"name", "Rustam Zawahiri"}, END}, "eu-fsf"},
    {"passat", VIGIL_SCHEMA_VESSEL,
     {{"name", "Passat"}, END}, "us-ofac"},
    {"paksas", VIGIL_SCHEMA_PERSON,
     {{"name", "Paksas"}, END}, "eu-fsf"},
    {"somia", VIGIL_SCHEMA_VESSEL,
     {{"name", "Somia"}, END}, "us-ofac"},
};

#define COMMON_JOHNS 300

struct ctx {
    char dir[64];
    char path[128];
    vigil_index *index;
};

static char surname_buf[COMMON_JOHNS][24];

/* Invented surnames: three syllables from a fixed set, all distinct and
 * none close to "Smith". */
static const char *invented_surname(size_t i)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tos", "vak",
                                      "bel", "dor", "nu", "pes", "qua", "ril",
                                      "zen", "gor", "hal", "wen"};
    snprintf(surname_buf[i], sizeof(surname_buf[i]), "%c%s%s%s",
             syl[i % 16][0] - 'a' + 'A', syl[i % 16] + 1, syl[(i / 16) % 16],
             syl[(i / 256 + 3) % 16]);
    return surname_buf[i];
}

static vigil_entity *make_listed(const struct listed *l)
{
    vigil_entity *e;
    assert_int_equal(vigil_entity_new(&e), VIGIL_OK);
    vigil_entity_set_id(e, l->id);
    vigil_entity_set_schema(e, l->schema);
    for (size_t i = 0; l->props[i][0]; i++)
        assert_int_equal(vigil_entity_add(e, l->props[i][0], l->props[i][1]),
                         VIGIL_OK);
    vigil_entity_add_dataset(e, l->dataset);
    return e;
}

/* Adds one entity of one name to the build (dataset NULL: none). */
static void add_named(vigil_builder *b, const char *id, vigil_schema schema,
                      const char *name, const char *dataset)
{
    vigil_entity *e;
    assert_int_equal(vigil_entity_new(&e), VIGIL_OK);
    vigil_entity_set_id(e, id);
    vigil_entity_set_schema(e, schema);
    vigil_entity_add(e, "name", name);
    if (dataset) vigil_entity_add_dataset(e, dataset);
    assert_int_equal(vigil_builder_add(b, e), VIGIL_OK);
    vigil_entity_free(e);
}

static void add_johns(vigil_builder *b)
{
    for (size_t i = 0; i < COMMON_JOHNS; i++) {
        char id[32], name[64];
        snprintf(id, sizeof(id), "john-%zu", i);
        snprintf(name, sizeof(name), "John %s", invented_surname(i));
        add_named(b, id, VIGIL_SCHEMA_PERSON, name, "generated");
    }
}

/* Aircraft listed under registration marks alone, as the lists do:
 * EP- and three consonants, so that no other test's words resemble them. */
static void add_aircraft(vigil_builder *b)
{
    static const char letters[] = "bcdfghjklmnpqrstvwxz";
    for (size_t i = 0; i < 60; i++) {
        char mark[8], id[16];
        snprintf(mark, sizeof(mark), "EP-%c%c%c", letters[i % 20] - 32,
                 letters[(i / 3 + 7) % 20] - 32, letters[(i * 7 + 3) % 20] - 32);
        snprintf(id, sizeof(id), "ep-%zu", i);
        add_named(b, id, VIGIL_SCHEMA_AIRCRAFT, mark, NULL);
    }
}

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    snprintf(c->dir, sizeof(c->dir), "/tmp/vigil-match-test-XXXXXX");
    if (!mkdtemp(c->dir)) return -1;
    snprintf(c->path, sizeof(c->path), "%s/test.idx", c->dir);
    vigil_builder *b;
    if (vigil_builder_new(&b) != VIGIL_OK) return -1;
    vigil_source_info info = {.name = "fixture", .location = "test",
                              .published = "", .retrieved = "2026-01-01T00:00:00Z",
                              .sha256 = "00", .format = "ftm"};
    if (vigil_builder_add_source(b, &info) != VIGIL_OK) return -1;
    for (size_t i = 0; i < sizeof(fixture) / sizeof(fixture[0]); i++) {
        vigil_entity *e = make_listed(&fixture[i]);
        if (vigil_builder_add(b, e) != VIGIL_OK) return -1;
        vigil_entity_free(e);
    }
    add_johns(b);
    add_aircraft(b);
    vigil_error err;
    if (vigil_builder_write(b, c->path, &err) != VIGIL_OK) return -1;
    vigil_builder_free(b);
    if (vigil_index_open(c->path, &c->index, &err) != VIGIL_OK) return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    vigil_index_close(c->index);
    unlink(c->path);
    rmdir(c->dir);
    free(c);
    return 0;
}

/* ------------------------------------------------------------ helpers */

static vigil_entity *query(vigil_schema schema, const char *name, ...)
{
    vigil_entity *q;
    assert_int_equal(vigil_entity_new(&q), VIGIL_OK);
    vigil_entity_set_schema(q, schema);
    vigil_entity_add(q, "name", name);
    va_list ap;
    va_start(ap, name);
    const char *prop;
    while ((prop = va_arg(ap, const char *))) vigil_entity_add(q, prop, va_arg(ap, const char *));
    va_end(ap);
    return q;
}

static vigil_results *run(struct ctx *c, vigil_entity *q,
                          const vigil_match_options *opts)
{
    vigil_results *r = NULL;
    vigil_error err;
    vigil_status st = vigil_match(c->index, q, opts, &r, &err);
    if (st != VIGIL_OK) fprintf(stderr, "vigil_match: %s\n", err.message);
    assert_int_equal(st, VIGIL_OK);
    vigil_entity_free(q);
    return r;
}

static const char *hit_id(struct ctx *c, const vigil_results *r, size_t i)
{
    return vigil_index_entity_id(c->index, vigil_results_hit(r, i)->entity);
}

static const vigil_hit *find(struct ctx *c, const vigil_results *r,
                             const char *id)
{
    for (size_t i = 0; i < vigil_results_count(r); i++)
        if (strcmp(hit_id(c, r, i), id) == 0) return vigil_results_hit(r, i);
    return NULL;
}

static void assert_sorted_and_valid(const vigil_results *r, double threshold)
{
    for (size_t i = 0; i < vigil_results_count(r); i++) {
        const vigil_hit *h = vigil_results_hit(r, i);
        assert_true(h->score >= threshold && h->score <= 1.0);
        assert_true(h->match);
        assert_non_null(h->summary);
        assert_true(h->token_count > 0);
        if (i) assert_true(vigil_results_hit(r, i - 1)->score >= h->score);
    }
}

/* -------------------------------------------------------------- tests */

static void expected_entity_first_unrelated_absent(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Kim Jong Un", NULL), NULL);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(c, r, 0), "kju");
    assert_true(vigil_results_hit(r, 0)->score == 1.0);
    assert_null(find(c, r, "petrenko"));
    assert_null(find(c, r, "mansudae"));
    assert_true(vigil_results_candidates(r) >= 1);
    assert_sorted_and_valid(r, VIGIL_DEFAULT_THRESHOLD);
    vigil_results_free(r);

    r = run(c, query(VIGIL_SCHEMA_THING, "Völkerball Quintessenz", NULL), NULL);
    assert_int_equal(vigil_results_count(r), 0);
    vigil_results_free(r);
}

static void reordered_joined_and_split_names(void **state)
{
    struct ctx *c = *state;
    const char *forms[] = {"Jong Un Kim", "KIM, Jong-Un", "Kim Jongun",
                           "Kim Jong Un"};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, forms[i], NULL), NULL);
        assert_true(vigil_results_count(r) >= 1);
        assert_string_equal(hit_id(c, r, 0), "kju");
        assert_true(vigil_results_hit(r, 0)->score >= 0.9);
        vigil_results_free(r);
    }
}

static void words_written_together_find_their_names(void **state)
{
    struct ctx *c = *state;
    const char *glued[][2] = {{"Stroytransgazgroup", "stroy"},
                              {"CHARLIEKUAN", "kuan"},
                              {"Charlie-Kuan", "kuan"}};
    for (size_t i = 0; i < sizeof(glued) / sizeof(glued[0]); i++) {
        vigil_results *r = run(c, query(VIGIL_SCHEMA_THING, glued[i][0], NULL),
                               NULL);
        assert_true(vigil_results_count(r) >= 1);
        assert_string_equal(hit_id(c, r, 0), glued[i][1]);
        assert_true(vigil_results_hit(r, 0)->score >= 0.9);
        vigil_results_free(r);
    }
}

/* زواهري reads "zuahri", three edits from "zawahiri": no key or typo
 * neighbour reaches the listing, only the consonants both share. */
static void arabic_script_reaches_latin_listing_by_consonants(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "زواهري", NULL), NULL);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(c, r, 0), "zawahiri");
    const vigil_hit *h = vigil_results_hit(r, 0);
    bool translit = false;
    for (size_t i = 0; i < h->token_count; i++)
        if (strcmp(h->tokens[i].listed_token, "Zawahiri") == 0)
            translit = h->tokens[i].how == VIGIL_TOKEN_TRANSLIT &&
                       strcmp(h->tokens[i].path, "Arabic") == 0;
    assert_true(translit);
    vigil_results_free(r);

    /* The same consonants in Latin are no reason to propose it. */
    r = run(c, query(VIGIL_SCHEMA_PERSON, "Zuhari", NULL), NULL);
    assert_null(find(c, r, "zawahiri"));
    vigil_results_free(r);
}

static void rare_token_typo_beats_common_token(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "John Smith", NULL), NULL);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(c, r, 0), "smithe");
    const vigil_hit *h = vigil_results_hit(r, 0);
    assert_true(h->score >= 0.85 && h->score < 1.0);
    /* No other John scores as a match on the first name alone. */
    assert_int_equal(vigil_results_count(r), 1);
    vigil_results_free(r);
}

static void two_typos_in_a_short_unknown_word_still_propose(void **state)
{
    /* "Smithe" with two letters changed: an unknown key of five or more
     * bytes looks two edits away, and the name reaches the scorer. */
    struct ctx *c = *state;
    vigil_match_options o;
    vigil_match_options_init(&o);
    o.threshold = 0.0;
    /* "Acumanagto": two edits whose keys fall below the typo floor
     * (acumanagto / cumanagoto) but still resemble each other. */
    /* "Pssta": a dropped letter and a transposition, reached only
     * because the listed Latin form keeps its two-deletion variants. */
    const char *forms[][2] = {{"Smidhey", "smithe"},
                              {"Acumanagto", "cumanagoto"},
                              {"Pssta", "passat"}};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        vigil_results *r = run(c, query(VIGIL_SCHEMA_THING, forms[i][0], NULL),
                               &o);
        bool found = false;
        for (size_t k = 0; k < vigil_results_count(r); k++)
            if (strcmp(hit_id(c, r, k), forms[i][1]) == 0) found = true;
        assert_true(found);
        vigil_results_free(r);
    }
}

static void one_typo_far_in_key_space_still_proposes(void **state)
{
    /* "Pasqsat" has one inserted letter, yet its key ("pasksat") is three
     * edits from the listed key ("basad"): the key fold depends on the
     * letters around it.  The only word of the name must still propose
     * its record, first and as a match, although the key has a weak
     * two-edit neighbour ("paksas", listed as "Paksas") that must not
     * keep the respelling out. */
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_THING, "Pasqsat", NULL), NULL);
    assert_int_equal(vigil_results_count(r), 1);
    assert_string_equal(hit_id(c, r, 0), "passat");
    assert_true(vigil_results_hit(r, 0)->score >= 0.85);
    vigil_results_free(r);
    /* A transposition: "Psasat". */
    r = run(c, query(VIGIL_SCHEMA_THING, "Psasat", NULL), NULL);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(c, r, 0), "passat");
    vigil_results_free(r);
}

static void deleted_letter_far_in_key_space_still_proposes(void **state)
{
    /* "Somi" lacks one letter of "Somia", yet the keys ("somi", "somya")
     * are two edits apart and no respelling of "Somi" is listed: only the
     * Latin forms' typo table proposes the record. */
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_THING, "Somi", NULL), NULL);
    assert_int_equal(vigil_results_count(r), 1);
    assert_string_equal(hit_id(c, r, 0), "somia");
    vigil_results_free(r);
}

static void one_typo_in_a_three_letter_code_ranks_it_first(void **state)
{
    /* Every EP- mark shares "EP"; the one whose three letters are a typo
     * away ("EP-BKV" for "EP-BKF", "EP-XKN" for "EP-CKN") must come first,
     * although no typo of a three-letter word clears the typo floor. */
    struct ctx *c = *state;
    vigil_match_options o;
    vigil_match_options_init(&o);
    o.threshold = 0.0;
    const char *forms[][2] = {{"EP-BKV", "ep-0"}, {"EP-XKN", "ep-1"}};
    for (size_t i = 0; i < 2; i++) {
        vigil_results *r =
            run(c, query(VIGIL_SCHEMA_THING, forms[i][0], NULL), &o);
        assert_true(vigil_results_count(r) >= 2);
        assert_string_equal(hit_id(c, r, 0), forms[i][1]);
        assert_true(vigil_results_hit(r, 0)->score >
                    vigil_results_hit(r, 1)->score);
        assert_true(vigil_results_hit(r, 0)->score < VIGIL_DEFAULT_THRESHOLD);
        vigil_results_free(r);
    }
}

/* Two common words side by side in a few listed names ("Ali Hasan ...")
 * also name people where they stand apart: their join must not keep the
 * words' own postings out.  The index gets 40 names with the pair side by
 * side, 260 more with each word alone (both words are then common), and
 * the one name that holds them apart. */
static void common_words_find_names_where_they_stand_apart(void **state)
{
    (void)state;
    char dir[64], path[128], name[64], id[32];
    snprintf(dir, sizeof(dir), "/tmp/vigil-match-common-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/c.idx", dir);
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    for (size_t i = 0; i < 560; i++) {
        const char *shape = i < 40 ? "Ali Hasan %s %s" : i < 300 ? "Ali %s %s"
                                                                  : "Hasan %s %s";
        static const char *const syl[] = {"ka", "lo", "mi", "ren", "tos",
                                          "vak", "bel", "dor"};
        char w1[16], w2[16];
        snprintf(w1, sizeof(w1), "Z%s%s%s", syl[i % 8], syl[(i / 8) % 8],
                 syl[(i / 64) % 8]);
        snprintf(w2, sizeof(w2), "Q%s%s", syl[(i / 3) % 8], syl[(i / 24) % 8]);
        snprintf(name, sizeof(name), shape, w1, w2);
        snprintf(id, sizeof(id), "c-%zu", i);
        add_named(b, id, VIGIL_SCHEMA_PERSON, name, NULL);
    }
    add_named(b, "apart", VIGIL_SCHEMA_PERSON, "Hasan Yusuf Ali", NULL);
    vigil_error err;
    assert_int_equal(vigil_builder_write(b, path, &err), VIGIL_OK);
    vigil_builder_free(b);
    struct ctx c = {0};
    assert_int_equal(vigil_index_open(path, &c.index, &err), VIGIL_OK);
    vigil_match_options o;
    vigil_match_options_init(&o);
    o.threshold = 0.0;
    vigil_results *r = run(&c, query(VIGIL_SCHEMA_PERSON, "Ali Hasan", NULL), &o);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(&c, r, 0), "apart");
    vigil_results_free(r);
    vigil_index_close(c.index);
    unlink(path);
    rmdir(dir);
}

static void legal_form_change_still_matches(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_COMPANY,
                                    "Bluefinch Maritime Trading Company Limited",
                                    NULL), NULL);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(c, r, 0), "bluefinch");
    assert_true(vigil_results_hit(r, 0)->score >= 0.9);
    vigil_results_free(r);
    r = run(c, query(VIGIL_SCHEMA_COMPANY, "Bluefinch Maritime Trading LLC",
                     NULL), NULL);
    assert_true(vigil_results_count(r) >= 1);
    assert_string_equal(hit_id(c, r, 0), "bluefinch");
    vigil_results_free(r);
}

static void generic_only_name_does_not_match_another(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_COMPANY, "Korea Trading Co",
                                    NULL), NULL);
    assert_null(find(c, r, "kmtc"));
    assert_null(find(c, r, "bluefinch"));
    vigil_results_free(r);
}

static void schema_excludes_incompatible_entities(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Silver Heron", NULL), NULL);
    assert_non_null(find(c, r, "heron-person"));
    assert_null(find(c, r, "heron-vessel"));
    vigil_results_free(r);
    r = run(c, query(VIGIL_SCHEMA_VESSEL, "Silver Heron", NULL), NULL);
    assert_non_null(find(c, r, "heron-vessel"));
    assert_null(find(c, r, "heron-person"));
    vigil_results_free(r);
    r = run(c, query(VIGIL_SCHEMA_THING, "Silver Heron", NULL), NULL);
    assert_non_null(find(c, r, "heron-vessel"));
    assert_non_null(find(c, r, "heron-person"));
    vigil_results_free(r);
}

static void birth_date_raises_and_lowers(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Ri Song Chol",
                                    "birthDate", "1965-05-01", NULL), NULL);
    assert_true(vigil_results_count(r) >= 2);
    assert_string_equal(hit_id(c, r, 0), "rsc-1");
    const vigil_hit *agree = find(c, r, "rsc-1"), *differ = find(c, r, "rsc-2");
    assert_non_null(differ);
    assert_true(agree->score > differ->score);
    assert_int_equal(agree->evidence_count, 1);
    assert_string_equal(agree->evidence[0].feature, "birth_date");
    assert_int_equal(agree->evidence[0].effect, 1);
    assert_true(agree->evidence[0].delta > 0);
    assert_int_equal(differ->evidence[0].effect, -1);
    assert_true(fabs(differ->evidence[0].delta + 0.20) < 1e-9);
    assert_true(fabs(differ->score - (differ->name_score - 0.20)) < 1e-9);
    assert_non_null(strstr(differ->summary, "birth date conflicts"));
    vigil_results_free(r);
}

static void country_raises_and_lowers(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Ri Song Chol",
                                    "nationality", "China", NULL), NULL);
    assert_string_equal(hit_id(c, r, 0), "rsc-2");
    const vigil_hit *cn = find(c, r, "rsc-2"), *kp = find(c, r, "rsc-1");
    assert_non_null(kp);
    assert_true(cn->score > kp->score);
    assert_string_equal(cn->evidence[0].feature, "country");
    assert_int_equal(cn->evidence[0].effect, 1);
    assert_int_equal(kp->evidence[0].effect, -1);
    assert_true(fabs(kp->score - (kp->name_score - 0.10)) < 1e-9);
    vigil_results_free(r);
}

static void identical_identifier_is_strong_evidence(void **state)
{
    struct ctx *c = *state;
    /* A garbled vessel name, but the same IMO number. */
    vigil_results *r = run(c, query(VIGIL_SCHEMA_VESSEL, "Silver Herron Star",
                                    "imoNumber", "9123456", NULL), NULL);
    const vigil_hit *h = find(c, r, "heron-vessel");
    assert_non_null(h);
    assert_true(h->name_score < 0.9);
    assert_true(h->score >= 0.95);
    assert_string_equal(h->evidence[0].feature, "identifier");
    assert_int_equal(h->evidence[0].effect, 1);
    assert_string_equal(h->evidence[0].listed_value, "IMO 9123456");
    vigil_results_free(r);
    /* A different IMO number lowers the same name. */
    r = run(c, query(VIGIL_SCHEMA_VESSEL, "Silver Heron", "imoNumber",
                     "9999999", NULL), NULL);
    h = find(c, r, "heron-vessel");
    assert_non_null(h);
    assert_true(fabs(h->score - 0.80) < 1e-9);
    vigil_results_free(r);
}

static void explanation_names_the_tokens(void **state)
{
    struct ctx *c = *state;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "KIM Jong-Un Smith", NULL),
                           NULL);
    const vigil_hit *h = find(c, r, "kju");
    if (!h) {
        vigil_match_options o;
        vigil_match_options_init(&o);
        o.threshold = 0.3;
        vigil_results_free(r);
        r = run(c, query(VIGIL_SCHEMA_PERSON, "KIM Jong-Un Smith", NULL), &o);
        h = find(c, r, "kju");
    }
    assert_non_null(h);
    assert_string_equal(h->matched_name, "Kim Jong Un");
    assert_string_equal(h->name_kind, "name");
    assert_int_equal(h->tokens[0].how, VIGIL_TOKEN_EXACT);
    assert_string_equal(h->tokens[0].query_token, "KIM");
    assert_string_equal(h->tokens[0].listed_token, "Kim");
    bool query_only = false;
    for (size_t i = 0; i < h->token_count; i++)
        if (h->tokens[i].how == VIGIL_TOKEN_QUERY_ONLY) {
            assert_string_equal(h->tokens[i].query_token, "Smith");
            query_only = true;
        }
    assert_true(query_only);
    assert_non_null(strstr(h->summary, "KIM=Kim exact"));
    assert_non_null(strstr(h->summary, "Smith (query only)"));
    vigil_results_free(r);
}

static void weak_alias_scores_lower(void **state)
{
    struct ctx *c = *state;
    vigil_match_options o;
    vigil_match_options_init(&o);
    o.threshold = 0.5;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Rosti", NULL), &o);
    const vigil_hit *h = find(c, r, "petrenko");
    assert_non_null(h);
    assert_string_equal(h->name_kind, "weakAlias");
    assert_true(fabs(h->score - 0.9) < 1e-9);
    vigil_results_free(r);
}

static void threshold_and_limit_are_respected(void **state)
{
    struct ctx *c = *state;
    vigil_match_options o;
    vigil_match_options_init(&o);
    o.threshold = 0.0;
    o.limit = 7;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "John", NULL), &o);
    assert_int_equal(vigil_results_count(r), 7);
    for (size_t i = 0; i < 7; i++)
        assert_true(vigil_results_hit(r, i)->score > 0.0);
    vigil_results_free(r);
    o.threshold = 1.0; /* only an exact name qualifies */
    o.limit = 100;
    r = run(c, query(VIGIL_SCHEMA_PERSON, "Jon Smithe", NULL), &o);
    assert_int_equal(vigil_results_count(r), 0);
    vigil_results_free(r);
    o.threshold = 0.8;
    r = run(c, query(VIGIL_SCHEMA_PERSON, "Jon Smithe", NULL), &o);
    assert_int_equal(vigil_results_count(r), 1);
    assert_sorted_and_valid(r, 0.8);
    vigil_results_free(r);
}

static void dataset_filter_is_respected(void **state)
{
    struct ctx *c = *state;
    vigil_match_options o;
    vigil_match_options_init(&o);
    const char *const only_ofac[] = {"us-ofac", NULL};
    o.datasets = only_ofac;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Ri Song Chol", NULL), &o);
    assert_int_equal(vigil_results_count(r), 1);
    assert_string_equal(hit_id(c, r, 0), "rsc-2");
    vigil_results_free(r);
}

static void topic_filter_is_respected(void **state)
{
    struct ctx *c = *state;
    vigil_match_options o;
    vigil_match_options_init(&o);
    const char *const sanctioned[] = {"debarment", "sanction", NULL};
    o.topics = sanctioned;
    vigil_results *r = run(c, query(VIGIL_SCHEMA_PERSON, "Ri Song Chol", NULL), &o);
    assert_int_equal(vigil_results_count(r), 1);
    assert_string_equal(hit_id(c, r, 0), "rsc-2");
    vigil_results_free(r);

    const char *const peps[] = {"role.pep", NULL};
    o.topics = peps;
    r = run(c, query(VIGIL_SCHEMA_PERSON, "Ri Song Chol", NULL), &o);
    assert_int_equal(vigil_results_count(r), 1);
    assert_string_equal(hit_id(c, r, 0), "rsc-1");
    vigil_results_free(r);
}

static void bad_queries_are_refused(void **state)
{
    struct ctx *c = *state;
    vigil_entity *q;
    vigil_entity_new(&q);
    vigil_entity_add(q, "birthDate", "1984");
    vigil_results *r = NULL;
    vigil_error err;
    assert_int_equal(vigil_match(c->index, q, NULL, &r, &err), VIGIL_EINVAL);
    assert_null(r);
    vigil_entity_add(q, "name", "Kim");
    vigil_match_options o;
    vigil_match_options_init(&o);
    o.threshold = NAN;
    assert_int_equal(vigil_match(c->index, q, &o, &r, &err), VIGIL_EINVAL);
    assert_string_equal(err.field, "threshold");
    assert_int_equal(vigil_match(NULL, q, NULL, &r, &err), VIGIL_EINVAL);
    vigil_entity_free(q);
}

/* ---------------------------------------------------------- threads */

static const char *const thread_queries[] = {
    "Kim Jong Un", "John Smith", "Ri Song Chol", "Mansudae Art Studio",
    "Bluefinch Maritime", "Silver Heron", "Rostislav Petrenko", "John Kalo",
};
#define NQ (sizeof(thread_queries) / sizeof(thread_queries[0]))

struct outcome {
    size_t count;
    uint32_t entity[4];
    double score[4];
};

struct worker {
    struct ctx *c;
    struct outcome out[NQ];
    int failed;
};

static int screen_all(struct ctx *c, struct outcome *out)
{
    for (int round = 0; round < 20; round++)
        for (size_t i = 0; i < NQ; i++) {
            vigil_entity *q;
            if (vigil_entity_new(&q) != VIGIL_OK) return 1;
            vigil_entity_add(q, "name", thread_queries[i]);
            vigil_results *r = NULL;
            vigil_status st = vigil_match(c->index, q, NULL, &r, NULL);
            vigil_entity_free(q);
            if (st != VIGIL_OK) return 1;
            out[i].count = vigil_results_count(r);
            for (size_t k = 0; k < 4 && k < out[i].count; k++) {
                out[i].entity[k] = vigil_results_hit(r, k)->entity;
                out[i].score[k] = vigil_results_hit(r, k)->score;
            }
            vigil_results_free(r);
        }
    return 0;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    w->failed = screen_all(w->c, w->out);
    return NULL;
}

static void threads_give_identical_results(void **state)
{
    struct ctx *c = *state;
    struct outcome base[NQ];
    memset(base, 0, sizeof(base));
    assert_int_equal(screen_all(c, base), 0);
    struct worker workers[4];
    pthread_t tids[4];
    for (int t = 0; t < 4; t++) {
        memset(&workers[t], 0, sizeof(workers[t]));
        workers[t].c = c;
        assert_int_equal(pthread_create(&tids[t], NULL, worker_main, &workers[t]), 0);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(tids[t], NULL);
        assert_int_equal(workers[t].failed, 0);
        assert_memory_equal(workers[t].out, base, sizeof(base));
    }
    assert_true(base[0].count >= 1);
}

/* ---------------------------------------------------- allocation failure */

static void allocation_failure_gives_enomem(void **state)
{
    struct ctx *c = *state;
    vigil_entity *q = query(VIGIL_SCHEMA_PERSON, "Ri Song Chol", "birthDate",
                            "1965", "nationality", "KP", NULL);
    vigil_entity_add(q, "alias", "Kim Jongun");
    vigil_entity_add(q, "alias", "Stroytransgazgroup Smiht");
    vigil_results *r = NULL;
    /* Warm up per-thread caches outside the loop. */
    assert_int_equal(vigil_match(c->index, q, NULL, &r, NULL), VIGIL_OK);
    size_t expected = vigil_results_count(r);
    vigil_results_free(r);
    vigil_status st = VIGIL_ENOMEM;
    long n;
    for (n = 0; n < 10000; n++) {
        r = NULL;
        vg_alloc_fail_after(n);
        st = vigil_match(c->index, q, NULL, &r, NULL);
        vg_alloc_fail_after(-1);
        if (st == VIGIL_OK) break;
        assert_int_equal(st, VIGIL_ENOMEM);
        assert_null(r);
    }
    assert_int_equal(st, VIGIL_OK);
    assert_true(n > 0);
    assert_int_equal(vigil_results_count(r), expected);
    vigil_results_free(r);
    vigil_entity_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_entity_first_unrelated_absent),
        cmocka_unit_test(reordered_joined_and_split_names),
        cmocka_unit_test(words_written_together_find_their_names),
        cmocka_unit_test(arabic_script_reaches_latin_listing_by_consonants),
        cmocka_unit_test(rare_token_typo_beats_common_token),
        cmocka_unit_test(two_typos_in_a_short_unknown_word_still_propose),
        cmocka_unit_test(one_typo_far_in_key_space_still_proposes),
        cmocka_unit_test(deleted_letter_far_in_key_space_still_proposes),
        cmocka_unit_test(one_typo_in_a_three_letter_code_ranks_it_first),
        cmocka_unit_test(common_words_find_names_where_they_stand_apart),
        cmocka_unit_test(legal_form_change_still_matches),
        cmocka_unit_test(generic_only_name_does_not_match_another),
        cmocka_unit_test(schema_excludes_incompatible_entities),
        cmocka_unit_test(birth_date_raises_and_lowers),
        cmocka_unit_test(country_raises_and_lowers),
        cmocka_unit_test(identical_identifier_is_strong_evidence),
        cmocka_unit_test(explanation_names_the_tokens),
        cmocka_unit_test(weak_alias_scores_lower),
        cmocka_unit_test(threshold_and_limit_are_respected),
        cmocka_unit_test(dataset_filter_is_respected),
        cmocka_unit_test(topic_filter_is_respected),
        cmocka_unit_test(bad_queries_are_refused),
        cmocka_unit_test(threads_give_identical_results),
        cmocka_unit_test(allocation_failure_gives_enomem),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
