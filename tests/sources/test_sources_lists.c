/* Loads the real official lists in $VIGIL_LISTS in place and checks the
 * counts and the entries a person would check by hand.  Skipped (TAP
 * "# SKIP") only when the directory is absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/model.h"

/* What a load produced: every id (for uniqueness), the counts, and the
 * properties of the entities the test looks at, as "prop=value\n". */
struct loaded {
    char **ids;
    size_t count, cap;
    size_t by_schema[VIGIL_SCHEMA_AIRCRAFT + 1];
    size_t names;      /* name, alias, weakAlias, previousName values */
    const char *const *watch;
    char *props[8];    /* one per watched id */
    vigil_load_stats stats;
    vigil_source_info info;
    char first_reject[512];
};

static vigil_status collect(void *ctx, const vigil_entity *e)
{
    struct loaded *l = ctx;
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->ids = realloc(l->ids, l->cap * sizeof(*l->ids));
    }
    l->ids[l->count++] = strdup(vigil_entity_id(e));
    l->by_schema[vigil_entity_schema(e)]++;
    for (size_t i = 0; i < vigil_entity_prop_count(e); i++) {
        const char *p, *v;
        vigil_entity_prop(e, i, &p, &v);
        if (vg_name_kind(p) >= 0) l->names++;
    }
    for (size_t w = 0; l->watch && l->watch[w]; w++) {
        if (strcmp(l->watch[w], vigil_entity_id(e)) != 0) continue;
        size_t len = 1;
        for (size_t i = 0; i < vigil_entity_prop_count(e); i++) {
            const char *p, *v;
            vigil_entity_prop(e, i, &p, &v);
            len += strlen(p) + strlen(v) + 2;
        }
        char *s = calloc(1, len + 64);
        snprintf(s, 64, "schema=%s\n", vigil_schema_name(vigil_entity_schema(e)));
        for (size_t i = 0; i < vigil_entity_prop_count(e); i++) {
            const char *p, *v;
            vigil_entity_prop(e, i, &p, &v);
            strcat(strcat(strcat(strcat(s, p), "="), v), "\n");
        }
        free(l->props[w]);
        l->props[w] = s;
    }
    return VIGIL_OK;
}

static void on_reject(void *ctx, const vigil_error *err)
{
    struct loaded *l = ctx;
    if (!l->first_reject[0]) vigil_error_format(err, l->first_reject, sizeof(l->first_reject));
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void assert_ids_unique(struct loaded *l)
{
    qsort(l->ids, l->count, sizeof(*l->ids), compare_ids);
    for (size_t i = 1; i < l->count; i++)
        if (strcmp(l->ids[i - 1], l->ids[i]) == 0) fail_msg("duplicate id %s", l->ids[i]);
}

static void free_loaded(struct loaded *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->ids[i]);
    free(l->ids);
    for (size_t i = 0; i < 8; i++) free(l->props[i]);
}

static const char *lists_dir(void)
{
    const char *dir = getenv("VIGIL_LISTS");
    return dir && *dir ? dir : "../shared/data/lists";
}

static void load_list(const char *relative, struct loaded *l)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", lists_dir(), relative);
    vigil_load_options opt = {.format = NULL, .on_reject = on_reject, .ctx = l};
    vigil_error err = {0};
    vigil_status s = vigil_load(path, &opt, collect, &l->stats, &l->info, &err);
    if (s != VIGIL_OK) {
        char text[1024];
        fail_msg("%s: %s", relative, vigil_error_format(&err, text, sizeof(text)));
    }
    if (l->stats.rejected) fail_msg("rejected %lu, first: %s",
                                    (unsigned long)l->stats.rejected, l->first_reject);
    assert_int_equal(l->info.entity_count, l->stats.accepted);
    assert_int_equal(strlen(l->info.sha256), 64);
    assert_int_equal(strlen(l->info.retrieved), 20);
    assert_ids_unique(l);
}

/* The watched entity's properties contain "prop=value". */
static void expect_prop(const struct loaded *l, size_t w, const char *prop,
                        const char *value)
{
    if (!l->props[w]) fail_msg("%s not loaded", l->watch[w]);
    char line[512];
    snprintf(line, sizeof(line), "\n%s=%s\n", prop, value);
    char *with_nl = malloc(strlen(l->props[w]) + 2);
    with_nl[0] = '\n';
    strcpy(with_nl + 1, l->props[w]);
    bool found = strstr(with_nl, line) != NULL;
    free(with_nl);
    if (!found) fail_msg("%s lacks %s=%s; has:\n%s", l->watch[w], prop, value, l->props[w]);
}

static void un_consolidated_list(void **state)
{
    (void)state;
    static const char *const watch[] = {"un-6908625", "un-690747", "un-6908640",
                                        "un-6908021", "un-6908598", "un-6908498",
                                        NULL};
    struct loaded l = {.watch = watch};
    load_list("un/consolidated.xml", &l);
    assert_int_equal(l.stats.processed, 1003);
    assert_int_equal(l.stats.accepted, 1003);
    assert_int_equal(l.by_schema[VIGIL_SCHEMA_PERSON], 730);
    assert_int_equal(l.by_schema[VIGIL_SCHEMA_ORGANIZATION], 273);
    assert_int_equal(l.names, 4123);
    assert_string_equal(l.info.name, "un");
    assert_string_equal(l.info.format, "un-xml");
    assert_string_equal(l.info.published, "2026-02-27T00:00:09.554Z");
    /* KPe.050 with its a.k.a. */
    expect_prop(&l, 0, "schema", "Organization");
    expect_prop(&l, 0, "name", "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES");
    expect_prop(&l, 0, "alias", "Mansudae Art Studio");
    expect_prop(&l, 0, "referenceNumber", "KPe.050");
    expect_prop(&l, 0, "program", "DPRK");
    /* KPi.006: birth date and a passport whose type the list writes in
     * French ("Numéro de passeport") */
    expect_prop(&l, 1, "name", "PAEK CHANG-HO");
    expect_prop(&l, 1, "birthDate", "1964-06-18");
    expect_prop(&l, 1, "passportNumber", "381420754");
    expect_prop(&l, 1, "alias", "Paek Ch'ang-Ho");
    /* KPi.064: a Low-quality alias */
    expect_prop(&l, 2, "weakAlias", "Choe Sok Min");
    expect_prop(&l, 2, "birthDate", "1978-07-25");
    expect_prop(&l, 2, "nationality", "Democratic People's Republic of Korea");
    /* CDi.030: a BETWEEN 1973 and 1974 birth date gives both years */
    expect_prop(&l, 3, "name", "BOSCO TAGANDA");
    expect_prop(&l, 3, "birthDate", "1973");
    expect_prop(&l, 3, "birthDate", "1974");
    expect_prop(&l, 3, "weakAlias", "Terminator");
    /* document numbers the list wraps in prose */
    expect_prop(&l, 4, "idNumber", "5802098444");
    expect_prop(&l, 5, "passportNumber", "381110042");
    free_loaded(&l);
}

static void ofac_sdn_set(void **state)
{
    (void)state;
    static const char *const watch[] = {"ofac-19611", "ofac-17616", "ofac-28264",
                                        "ofac-12300", NULL};
    struct loaded l = {.watch = watch};
    load_list("ofac-sdn", &l);
    assert_int_equal(l.stats.processed, 8976);
    assert_int_equal(l.stats.accepted, 8976);
    assert_int_equal(l.by_schema[VIGIL_SCHEMA_PERSON], 4620);
    assert_int_equal(l.by_schema[VIGIL_SCHEMA_VESSEL], 406);
    assert_int_equal(l.by_schema[VIGIL_SCHEMA_AIRCRAFT], 277);
    assert_int_equal(l.names, 23325);
    assert_string_equal(l.info.name, "ofac-sdn");
    assert_string_equal(l.info.format, "ofac-csv");
    assert_string_equal(l.info.published, "");
    /* alt.csv names and the remark a.k.a.s */
    expect_prop(&l, 0, "name", "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION");
    expect_prop(&l, 0, "schema", "Organization");
    expect_prop(&l, 0, "alias", "KOREA GENERAL COMPANY FOR EXTERNAL CONSTRUCTION");
    expect_prop(&l, 0, "weakAlias", "GENCO");
    expect_prop(&l, 0, "weakAlias", "KOGEN");
    expect_prop(&l, 0, "program", "DPRK3");
    expect_prop(&l, 0, "country", "Korea, North");
    /* a DPRK individual */
    expect_prop(&l, 1, "name", "RYU, Jin");
    expect_prop(&l, 1, "schema", "Person");
    expect_prop(&l, 1, "birthDate", "1965-08-07");
    expect_prop(&l, 1, "passportNumber", "563410081");
    expect_prop(&l, 1, "nationality", "Korea, North");
    expect_prop(&l, 1, "program", "DPRK2");
    /* "Linked To:" carried in sdn_comments.csv */
    expect_prop(&l, 2, "linkedTo", "LAZARUS GROUP");
    expect_prop(&l, 2, "idNumber", "210302198701102136");
    /* a continuation that resumes mid-word: "PROMO RAI" + "Z S.A.S." */
    expect_prop(&l, 3, "linkedTo", "PROMO RAIZ S.A.S");
    free_loaded(&l);
}

static void ofac_sdn_vessel(void **state)
{
    (void)state;
    static const char *const watch[] = {"ofac-15036", NULL};
    struct loaded l = {.watch = watch};
    load_list("ofac-sdn/sdn.csv", &l);
    expect_prop(&l, 0, "schema", "Vessel");
    expect_prop(&l, 0, "imoNumber", "9187629");
    expect_prop(&l, 0, "callSign", "T2EU4");
    expect_prop(&l, 0, "flag", "Iran");
    expect_prop(&l, 0, "previousName", "SHONA");
    free_loaded(&l);
}

static void ofac_consolidated_set(void **state)
{
    (void)state;
    static const char *const watch[] = {"ofac-cons-9639", NULL};
    struct loaded l = {.watch = watch};
    load_list("ofac-cons", &l);
    assert_int_equal(l.stats.processed, 442);
    assert_int_equal(l.stats.accepted, 442);
    assert_int_equal(l.names, 1587);
    assert_string_equal(l.info.name, "ofac-cons");
    expect_prop(&l, 0, "name", "HANIYA, Ismail Abdul Salah");
    expect_prop(&l, 0, "alias", "HANIYYA, Ismaeel");
    expect_prop(&l, 0, "birthDate", "1962");
    expect_prop(&l, 0, "birthPlace", "Shati");
    expect_prop(&l, 0, "program", "NS-PLC");
    free_loaded(&l);
}

static void bis_denied_persons(void **state)
{
    (void)state;
    /* id of "AIR FREIGHT LTD" effective 05/13/2022 (see src_bis.c) */
    char air_freight[64];
    struct vg_sha256 *sha = vg_sha256_begin();
    vg_sha256_update(sha, "AIR FREIGHT LTD|2022-05-13", 26);
    char hex[65];
    vg_sha256_end(sha, hex);
    snprintf(air_freight, sizeof(air_freight), "bis-dpl-%.16s", hex);
    const char *const watch[] = {air_freight, NULL};
    struct loaded l = {.watch = watch};
    load_list("bis-dpl/dpl.txt", &l);
    assert_int_equal(l.stats.processed, 581); /* rows */
    assert_int_equal(l.stats.accepted, 461);  /* parties */
    assert_int_equal(l.names, 461);
    assert_string_equal(l.info.name, "bis-dpl");
    expect_prop(&l, 0, "name", "AIR FREIGHT LTD");
    expect_prop(&l, 0, "effectiveDate", "2022-05-13");
    expect_prop(&l, 0, "expirationDate", "2022-11-09");
    expect_prop(&l, 0, "address", "P.O. BOX 28360, DUBAI, AE");
    expect_prop(&l, 0, "address", "P.O. BOX 911399, AMMAN, 11191, JO");
    expect_prop(&l, 0, "country", "IQ");
    free_loaded(&l);
}

int main(void)
{
    struct stat st;
    if (stat(lists_dir(), &st) != 0) {
        /* cmocka reports a skip as "not ok"; TAP wants "ok ... # SKIP" */
        printf("1..1\nok 1 - official lists # SKIP %s absent\n", lists_dir());
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(un_consolidated_list),
        cmocka_unit_test(ofac_sdn_set),
        cmocka_unit_test(ofac_sdn_vessel),
        cmocka_unit_test(ofac_consolidated_set),
        cmocka_unit_test(bis_denied_persons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
