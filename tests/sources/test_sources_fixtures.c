/* The loaders on small, deliberately damaged files: every bad record is
 * rejected with its file and line, the good ones around it still load,
 * and no input (junk, truncation, huge records, failing allocations)
 * crashes a load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"

#define FIXTURES "tests/sources/fixtures/"

struct outcome {
    vigil_status status;
    vigil_load_stats stats;
    vigil_source_info info;
    char rejects[4096];   /* "file:line: field: message\n" each */
    char entities[8192];  /* "id|schema|prop=value|...\n" each */
    vigil_status stop_with; /* returned by the receiver when not OK */
};

static void append(char *buf, size_t size, const char *text)
{
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s", text);
}

static vigil_status record_entity(void *ctx, const vigil_entity *e)
{
    struct outcome *o = ctx;
    if (o->stop_with) return o->stop_with;
    append(o->entities, sizeof(o->entities), vigil_entity_id(e));
    append(o->entities, sizeof(o->entities), "|");
    append(o->entities, sizeof(o->entities), vigil_schema_name(vigil_entity_schema(e)));
    for (size_t i = 0; i < vigil_entity_prop_count(e); i++) {
        const char *p, *v;
        vigil_entity_prop(e, i, &p, &v);
        append(o->entities, sizeof(o->entities), "|");
        append(o->entities, sizeof(o->entities), p);
        append(o->entities, sizeof(o->entities), "=");
        append(o->entities, sizeof(o->entities), v);
    }
    append(o->entities, sizeof(o->entities), "|\n");
    return VIGIL_OK;
}

static void record_reject(void *ctx, const vigil_error *err)
{
    struct outcome *o = ctx;
    char text[600];
    vigil_error_format(err, text, sizeof(text));
    append(o->rejects, sizeof(o->rejects), text);
    append(o->rejects, sizeof(o->rejects), "\n");
}

static void load(const char *path, const char *format, struct outcome *o)
{
    vigil_load_options opt = {.format = format, .on_reject = record_reject, .ctx = o};
    vigil_error err = {0};
    o->status = vigil_load(path, &opt, record_entity, &o->stats, &o->info, &err);
}

static void expect_in(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) fail_msg("missing \"%s\" in:\n%s", needle, haystack);
}

static void expect_not_in(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle)) fail_msg("unexpected \"%s\" in:\n%s", needle, haystack);
}

static void expect_counts(const struct outcome *o, uint64_t processed,
                          uint64_t accepted, uint64_t rejected)
{
    if (o->status != VIGIL_OK) fail_msg("load failed: %s", vigil_strerror(o->status));
    if (o->stats.processed != processed || o->stats.accepted != accepted ||
        o->stats.rejected != rejected)
        fail_msg("processed %lu accepted %lu rejected %lu; rejects:\n%s",
                 (unsigned long)o->stats.processed, (unsigned long)o->stats.accepted,
                 (unsigned long)o->stats.rejected, o->rejects);
    assert_int_equal(o->info.entity_count, accepted);
}

static void csv_watchlist_with_bad_quoting(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "watchlist.csv", NULL, &o);
    expect_counts(&o, 7, 3, 4);
    assert_string_equal(o.info.format, "csv");
    assert_string_equal(o.info.name, "watchlist");
    expect_in(o.entities, "w1|Person|name=Doe, John|alias=Johnny D|alias=J. Doe|"
                          "birthDate=1984-01-08|country=Korea North|"
                          "passportNumber=AB 123|idNumber=77-1|idNumber=555|"
                          "program=internal|\n");
    expect_in(o.entities, "w4|Vessel|name=Sea Star|country=PA|imoNumber=9123456|\n");
    expect_in(o.entities, "w5|Thing|name=Multi\nLine Trading|");
    expect_not_in(o.entities, "w2|");
    expect_not_in(o.entities, "w3|");
    expect_not_in(o.entities, "w6|");
    expect_in(o.rejects, FIXTURES "watchlist.csv:3: text after a closing quote\n");
    expect_in(o.rejects, FIXTURES "watchlist.csv:4: text after a closing quote\n");
    expect_in(o.rejects, FIXTURES "watchlist.csv:8: id: record without an id\n");
    expect_in(o.rejects, FIXTURES "watchlist.csv:9: 10 fields where the header has 8\n");
    char sha[65];
    assert_int_equal(vg_sha256_file(FIXTURES "watchlist.csv", sha, NULL), VIGIL_OK);
    assert_string_equal(o.info.sha256, sha);
}

static void ftm_lines_with_junk(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "entities.ftm.json", NULL, &o);
    /* 9 lines: 3 entities, 5 rejected, 1 Sanction skipped as not a party */
    expect_counts(&o, 9, 3, 5);
    assert_string_equal(o.info.format, "ftm");
    assert_string_equal(o.info.name, "entities");
    expect_in(o.entities, "f1|Person|name=Ivan Petrov|birthDate=1970-05-01|"
                          "nationality=ru|customProp=kept|\n");
    expect_in(o.entities, "f3|Aircraft|name=Il-76 RA-123|registrationNumber=RA-123|\n");
    expect_in(o.entities, "f4|Thing|alias=wallet one|\n");
    expect_not_in(o.entities, "s1|");
    expect_in(o.rejects, FIXTURES "entities.ftm.json:2: not JSON");
    expect_in(o.rejects, FIXTURES "entities.ftm.json:3: not JSON");
    expect_in(o.rejects, FIXTURES "entities.ftm.json:5: no \"id\"\n");
    expect_in(o.rejects, FIXTURES "entities.ftm.json:8: not a JSON object\n");
    expect_in(o.rejects, FIXTURES "entities.ftm.json:9: name: f5: record without a name\n");
}

static void nested_targets_keep_adjacent_text(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "targets.nested.json", NULL, &o);
    expect_counts(&o, 1, 1, 0);
    assert_string_equal(o.info.format, "opensanctions-nested");
    expect_in(o.entities, "n1|Person|name=Kim Il|address=Sosong District, Pyongyang|"
                          "program=DPRK|passportNumber=745120026|"
                          "linkedTo=Korea Trading Co|\n");
}

static void truncated_un_xml(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "truncated.xml", NULL, &o);
    /* 101 and 202 load; the record without DATAID, the cut record 303 and
     * the unreadable tail are rejected */
    expect_counts(&o, 4, 2, 3);
    assert_string_equal(o.info.published, "2026-01-02T03:04:05.000Z");
    expect_in(o.entities, "un-101|Person|name=KIM TEST|program=DPRK|weakAlias=Kim T|"
                          "birthDate=1970-01-02|passportNumber=PD12345|topics=sanction|\n");
    expect_in(o.entities, "un-202|Organization|name=TEST TRADING CORPORATION|"
                          "previousName=OLD TRADING|topics=sanction|\n");
    expect_not_in(o.entities, "un-303");
    expect_in(o.rejects, FIXTURES "truncated.xml:13: INDIVIDUAL: no DATAID\n");
    expect_in(o.rejects, FIXTURES "truncated.xml:26: ENTITY: XML error in this record");
}

static void ofac_set_with_bad_rows(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "ofac", NULL, &o);
    expect_counts(&o, 4, 2, 3);
    assert_string_equal(o.info.name, "ofac-sdn");
    assert_string_equal(o.info.format, "ofac-csv");
    expect_in(o.entities, "ofac-10|Person|name=TEST, Person|program=DPRK3|"
                          "alias=TEST, P.|address=1 Main St, Pyongyang, Korea, North|"
                          "country=Korea, North|birthDate=1970|"
                          "birthPlace=Pyongyang, Korea, North|"
                          "passportNumber=1234567|linkedTo=TEST TRADING|topics=sanction|\n");
    expect_in(o.entities, "ofac-12|Vessel|name=SEA STAR|program=IRAN|callSign=ABCD|"
                          "type=Tanker|grossRegisteredTonnage=1000|flag=Panama|"
                          "previousName=OLD STAR|imoNumber=9999999|mmsi=123456789|"
                          "weakAlias=STAR|website=www.example.test|topics=sanction|\n");
    expect_in(o.rejects, FIXTURES "ofac/sdn.csv:2: text after a closing quote\n");
    expect_in(o.rejects, FIXTURES "ofac/sdn.csv:3: ent_num: not a number: \"xx\"\n");
    expect_in(o.rejects, FIXTURES "ofac/alt.csv:3: ent_num: no primary record 99\n");
}

static void ofac_set_with_missing_side_files(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "ofac-cons/cons_prim.csv", NULL, &o);
    expect_counts(&o, 1, 1, 3);
    assert_string_equal(o.info.name, "ofac-cons");
    expect_in(o.entities, "ofac-cons-500|Person|name=CONS, Test|program=NS-PLC|"
                          "birthDate=1962|topics=sanction|\n");
    expect_in(o.rejects, "missing: its addresses are not loaded");
    expect_in(o.rejects, "missing: its alternate names are not loaded");
}

static void bis_rows_merge_by_party(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "dpl.txt", NULL, &o);
    expect_counts(&o, 5, 2, 2);
    assert_string_equal(o.info.format, "bis-dpl");
    expect_in(o.entities, "|address=1 ROAD, DUBAI, AE|country=AE|"
                          "address=2 STREET, AMMAN, JO|country=JO|topics=debarment|\n");
    expect_in(o.rejects, FIXTURES "dpl.txt:4: text after a closing quote\n");
    expect_in(o.rejects, FIXTURES "dpl.txt:5: Name: row without a name\n");
    /* the id depends on name and effective date only */
    struct outcome again = {0};
    load(FIXTURES "dpl.txt", "bis-dpl", &again);
    assert_string_equal(o.entities, again.entities);
}

static const char *write_temp(const char *name, const void *data, size_t len,
                              size_t repeat, const void *tail, size_t tail_len)
{
    static char path[256];
    snprintf(path, sizeof(path), "/tmp/vigil-test-%ld-%s", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < repeat; i++) fwrite(data, 1, len, f);
    if (tail) fwrite(tail, 1, tail_len, f);
    fclose(f);
    return path;
}

static void failures_name_the_problem(void **state)
{
    (void)state;
    struct outcome o = {0};
    load(FIXTURES "no-such-file.csv", NULL, &o);
    assert_int_equal(o.status, VIGIL_ENOTFOUND);
    load(FIXTURES "watchlist.csv", "un-xml", &o);
    assert_int_equal(o.status, VIGIL_EPARSE);
    load(FIXTURES "truncated.xml", "ftm", &o);
    assert_int_equal(o.status, VIGIL_EPARSE);
    load(FIXTURES "entities.ftm.json", "ofac-csv", &o);
    assert_int_equal(o.status, VIGIL_EPARSE);
    load(FIXTURES "entities.ftm.json", "bis-dpl", &o);
    assert_int_equal(o.status, VIGIL_EPARSE);
    load(FIXTURES "dpl.txt", "csv", &o);
    assert_int_equal(o.status, VIGIL_EPARSE);
    load(FIXTURES "watchlist.csv", "no-such-format", &o);
    assert_int_equal(o.status, VIGIL_EUNSUPPORTED);
    load(FIXTURES, NULL, &o);
    assert_int_equal(o.status, VIGIL_EUNSUPPORTED);
    static const unsigned char junk[] = {0x00, 0xff, 0x13, 0x37, 0x80, 0x0a, 0x1a};
    const char *path = write_temp("junk.bin", junk, sizeof(junk), 64, NULL, 0);
    load(path, NULL, &o);
    assert_int_equal(o.status, VIGIL_EUNSUPPORTED);
    load(path, "un-xml", &o);
    assert_int_equal(o.status, VIGIL_EPARSE);
    unlink(path);
}

static void receiver_can_stop_the_load(void **state)
{
    (void)state;
    struct outcome o = {.stop_with = VIGIL_EREFUSED};
    o.stats.processed = 12345;
    load(FIXTURES "watchlist.csv", NULL, &o);
    assert_int_equal(o.status, VIGIL_EREFUSED);
    assert_int_equal(o.stats.processed, 12345); /* untouched on failure */
}

static void huge_records_are_rejected_not_swallowed(void **state)
{
    (void)state;
    /* a 2 MiB CSV field, then a good record */
    static const char head[] = "id,name\nbig,\"";
    char block[4096];
    memset(block, 'x', sizeof(block));
    static const char tail[] = "\"\nsmall,Small Name\n";
    char path[256];
    snprintf(path, sizeof(path), "/tmp/vigil-test-%ld-big.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(head, f);
    for (int i = 0; i < 512; i++) fwrite(block, 1, sizeof(block), f);
    fputs(tail, f);
    fclose(f);
    struct outcome o = {0};
    load(path, "csv", &o);
    expect_counts(&o, 2, 1, 1);
    expect_in(o.rejects, ":2: record too long or too many fields\n");
    expect_in(o.entities, "small|Thing|name=Small Name|\n");
    unlink(path);

    /* a 17 MiB FtM line between two good ones */
    static const char first[] = "{\"id\":\"a\",\"properties\":{\"name\":[\"A\"]}}\n{\"id\":\"big\",\"properties\":{\"notes\":[\"";
    static const char last[] = "\"]}}\n{\"id\":\"b\",\"properties\":{\"name\":[\"B\"]}}\n";
    snprintf(path, sizeof(path), "/tmp/vigil-test-%ld-big.ftm.json", (long)getpid());
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(first, f);
    for (int i = 0; i < 17 * 256; i++) fwrite(block, 1, sizeof(block), f);
    fputs(last, f);
    fclose(f);
    struct outcome j = {0};
    load(path, NULL, &j);
    expect_counts(&j, 3, 2, 1);
    expect_in(j.rejects, ":2: line longer than");
    expect_in(j.entities, "a|Thing|name=A|\nb|Thing|name=B|\n");
    unlink(path);
}

/* Every allocation that can fail does fail, one after the other: the load
 * reports ENOMEM or succeeds, and never crashes or leaks (ASan). */
static void failing_allocations_give_enomem(void **state)
{
    (void)state;
    static const char *const files[] = {FIXTURES "watchlist.csv",
                                        FIXTURES "entities.ftm.json",
                                        FIXTURES "targets.nested.json",
                                        FIXTURES "truncated.xml",
                                        FIXTURES "ofac",
                                        FIXTURES "dpl.txt"};
    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        bool succeeded = false;
        for (long n = 0; n < 2000 && !succeeded; n++) {
            struct outcome o = {0};
            vg_alloc_fail_after(n);
            load(files[f], NULL, &o);
            vg_alloc_fail_after(-1);
            if (o.status != VIGIL_OK && o.status != VIGIL_ENOMEM)
                fail_msg("%s with %ld allocations: %s", files[f], n,
                         vigil_strerror(o.status));
            succeeded = o.status == VIGIL_OK;
        }
        if (!succeeded) fail_msg("%s never loaded", files[f]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_watchlist_with_bad_quoting),
        cmocka_unit_test(ftm_lines_with_junk),
        cmocka_unit_test(nested_targets_keep_adjacent_text),
        cmocka_unit_test(truncated_un_xml),
        cmocka_unit_test(ofac_set_with_bad_rows),
        cmocka_unit_test(ofac_set_with_missing_side_files),
        cmocka_unit_test(bis_rows_merge_by_party),
        cmocka_unit_test(failures_name_the_problem),
        cmocka_unit_test(receiver_can_stop_the_load),
        cmocka_unit_test(huge_records_are_rejected_not_swallowed),
        cmocka_unit_test(failing_allocations_give_enomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
