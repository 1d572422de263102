/* vigil_builder_load: a real list ($VIGIL_LISTS, read in place) becomes a
 * source of the index with its provenance, and a failed load leaves the
 * builder as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "index_fixture.h"

static char un_path[1024];

static int find_lists(void **state)
{
    (void)state;
    const char *lists = getenv("VIGIL_LISTS");
    snprintf(un_path, sizeof(un_path), "%s/un/consolidated.xml",
             lists ? lists : "../shared/data/lists");
    return access(un_path, R_OK) == 0 ? 0 : -1;
}

static void un_list_becomes_a_source_with_provenance(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "un.idx");
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    vigil_load_stats stats = {0};
    vigil_error err = {0};
    assert_int_equal(vigil_builder_load(b, un_path, NULL, &stats, &err), VIGIL_OK);
    assert_true(stats.accepted > 900); /* 730 individuals + 273 entities */
    assert_int_equal(stats.processed, stats.accepted + stats.rejected);
    assert_int_equal(vigil_builder_write(b, path, &err), VIGIL_OK);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, &err), VIGIL_OK);
    assert_int_equal(vigil_index_entity_count(ix), stats.accepted);
    assert_int_equal(vigil_index_source_count(ix), 1);
    vigil_source_info info;
    assert_int_equal(vigil_index_source(ix, 0, &info), VIGIL_OK);
    assert_string_equal(info.name, "un");
    assert_string_equal(info.format, "un-xml");
    assert_string_equal(info.location, un_path);
    assert_int_equal(strlen(info.sha256), 64);
    assert_int_equal(strlen(info.retrieved), 20);
    assert_int_equal(info.entity_count, stats.accepted);
    /* Every entity has at least one stored name and is found by its id. */
    for (uint32_t e = 0; e < vigil_index_entity_count(ix); e++) {
        uint32_t first, count, found;
        idx_entity_names(ix, e, &first, &count);
        assert_true(count > 0);
        assert_int_equal(vigil_index_lookup(ix, vigil_index_entity_id(ix, e),
                                            &found),
                         VIGIL_OK);
        assert_int_equal(found, e);
    }
    assert_int_equal(vigil_index_verify(ix, &err), VIGIL_OK);
    vigil_index_close(ix);
    vigil_builder_free(b);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

/* The fixture plus whatever else the builder holds, written and counted. */
static uint32_t entities_written(vigil_builder *b, const char *path)
{
    assert_int_equal(vigil_builder_write(b, path, NULL), VIGIL_OK);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    uint32_t n = vigil_index_entity_count(ix) * 100 +
                 vigil_index_source_count(ix);
    vigil_index_close(ix);
    return n;
}

static void failed_loads_leave_the_builder_as_it_was(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "f.idx");
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    assert_int_equal(fixture_fill(b), VIGIL_OK);
    uint32_t before = entities_written(b, path);
    assert_int_equal(before, 5 * 100 + 2);

    vigil_error err = {0};
    char *missing = fixture_path(dir, "no-such-list.xml");
    assert_int_equal(vigil_builder_load(b, missing, NULL, NULL, &err),
                     VIGIL_ENOTFOUND);
    assert_int_equal(entities_written(b, path), before);

    /* Out of memory part-way through a real list, at many points. */
    size_t failures = 0;
    for (long n = 50; n < 1000000; n = n * 3 / 2) {
        vg_alloc_fail_after(n);
        vigil_status st = vigil_builder_load(b, un_path, NULL, NULL, &err);
        vg_alloc_fail_after(-1);
        if (st == VIGIL_OK) break;
        assert_int_equal(st, VIGIL_ENOMEM);
        assert_int_equal(entities_written(b, path), before);
        /* The id map survived: the second source's p-1 merges again. */
        assert_int_equal(fixture_add_all(b, fixture_second, 1), VIGIL_OK);
        assert_int_equal(entities_written(b, path), before);
        failures++;
    }
    assert_true(failures >= 5);
    free(missing);
    vigil_builder_free(b);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

static void rejected_records_reach_the_callers_callback(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *list = fixture_path(dir, "l.ftm.json");
    FILE *f = fopen(list, "w");
    assert_non_null(f);
    fputs("{\"id\": \"a-1\", \"schema\": \"Person\", \"properties\": "
          "{\"name\": [\"Ardent Falcon\"]}}\n"
          "{\"id\": \"a-2\", \"schema\": \"Person\", \"properties\": "
          "{\"country\": [\"PA\"]}}\n"
          "{\"id\": \"a-3\", \"schema\": \"Company\", \"properties\": "
          "{\"name\": [\"Quiet Lantern Group\"]}}\n",
          f);
    fclose(f);
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    vigil_load_stats stats = {0};
    vigil_load_options options = {.format = "ftm", .source_name = "mine"};
    vigil_error err = {0};
    assert_int_equal(vigil_builder_load(b, list, &options, &stats, &err), VIGIL_OK);
    assert_int_equal(stats.accepted, 2);
    assert_int_equal(stats.rejected, 1);
    char *path = fixture_path(dir, "l.idx");
    assert_int_equal(vigil_builder_write(b, path, NULL), VIGIL_OK);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    vigil_source_info info;
    assert_int_equal(vigil_index_source(ix, 0, &info), VIGIL_OK);
    assert_string_equal(info.name, "mine");
    assert_int_equal(info.entity_count, 2);
    uint32_t e;
    assert_int_equal(vigil_index_lookup(ix, "a-3", &e), VIGIL_OK);
    assert_int_equal(vigil_index_lookup(ix, "a-2", &e), VIGIL_ENOTFOUND);
    vigil_index_close(ix);
    vigil_builder_free(b);
    fixture_rmdir(dir);
    free(dir);
    free(list);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(un_list_becomes_a_source_with_provenance),
        cmocka_unit_test(failed_loads_leave_the_builder_as_it_was),
        cmocka_unit_test(rejected_records_reach_the_callers_callback),
    };
    return cmocka_run_group_tests(tests, find_lists, NULL);
}
