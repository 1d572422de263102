/*
 * test_update_units.c — the pieces of `vigil update` that need no index:
 * the sources configuration (built-ins, overrides, errors with their line),
 * the per-source state file, the data directory's location and the file
 * operations the update relies on for atomicity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "update/update.h"

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "%s/vigil-upd-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return upd_remove_tree(tmpdir, NULL) == VIGIL_OK ? 0 : -1;
}

static const struct upd_source *find(const struct upd_config *c,
                                     const char *name)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->sources[i].name, name) == 0) return &c->sources[i];
    return NULL;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* ---------------------------------------------------------- configuration */

static void test_builtin_sources(void **state)
{
    (void)state;
    struct upd_config *c = calloc(1, sizeof(*c));
    assert_int_equal(upd_config_defaults(c, NULL), VIGIL_OK);
    const struct upd_source *un = find(c, "un");
    assert_non_null(un);
    assert_true(un->enabled);
    assert_string_equal(un->format, "un-xml");
    assert_string_equal(un->locations[0],
                        "https://scsanctions.un.org/resources/xml/en/consolidated.xml");
    assert_string_equal(un->files[0], "consolidated.xml");
    const struct upd_source *sdn = find(c, "ofac-sdn");
    assert_non_null(sdn);
    assert_int_equal(sdn->file_count, 4);
    /* Upper-case official names land as the loader's lower-case files. */
    assert_string_equal(sdn->files[0], "sdn.csv");
    assert_string_equal(sdn->files[3], "sdn_comments.csv");
    const struct upd_source *cons = find(c, "ofac-cons");
    assert_non_null(cons);
    assert_string_equal(cons->files[0], "cons_prim.csv");
    assert_non_null(find(c, "bis-dpl"));
    const struct upd_source *os = find(c, "opensanctions");
    assert_non_null(os);
    assert_false(os->enabled);
    assert_string_equal(os->files[0], "entities.ftm.json");
    assert_null(find(c, "eu"));
    upd_config_free(c);
    free(c);
}

static void test_overrides_and_additions(void **state)
{
    (void)state;
    struct upd_config *c = calloc(1, sizeof(*c));
    assert_int_equal(upd_config_defaults(c, NULL), VIGIL_OK);
    size_t builtin = c->count;
    const char *text =
        "# comment\n"
        "[opensanctions]\n"
        "enabled = yes\n"
        "\n"
        "; another comment\n"
        "[un]\n"
        "url = https://mirror.example.org/lists/UN.xml?x=1\n"
        "timeout = 60\n"
        "[my-watchlist]\n"
        "path = /srv/lists/Watch List.csv\n"
        "format = csv\n"
        "max_size = 8\n";
    vigil_error err;
    assert_int_equal(upd_config_parse(c, text, "t.conf", &err), VIGIL_OK);
    assert_int_equal(c->count, builtin + 1);
    assert_true(find(c, "opensanctions")->enabled);
    const struct upd_source *un = find(c, "un");
    assert_int_equal(un->file_count, 1); /* replaced, not appended */
    assert_string_equal(un->files[0], "un.xml");
    assert_string_equal(un->format, "un-xml"); /* inherited */
    assert_int_equal(un->timeout, 60);
    const struct upd_source *mine = find(c, "my-watchlist");
    assert_non_null(mine);
    assert_true(mine->local);
    assert_true(mine->enabled);
    assert_int_equal(mine->max_bytes, 8 * UPD_MIB);
    assert_string_equal(mine->format, "csv");
    assert_string_equal(mine->files[0], "Watch_List.csv");
    upd_config_free(c);
    free(c);
}

static void expect_config_error(const char *text, vigil_status status,
                                long line, const char *needle)
{
    struct upd_config *c = calloc(1, sizeof(*c));
    assert_int_equal(upd_config_defaults(c, NULL), VIGIL_OK);
    vigil_error err;
    memset(&err, 0, sizeof(err));
    assert_int_equal(upd_config_parse(c, text, "t.conf", &err), status);
    assert_int_equal(err.line, line);
    assert_string_equal(err.file, "t.conf");
    char buf[1024];
    vigil_error_format(&err, buf, sizeof(buf));
    if (!strstr(buf, needle)) fail_msg("'%s' does not mention '%s'", buf, needle);
    upd_config_free(c);
    free(c);
}

static void test_config_errors(void **state)
{
    (void)state;
    expect_config_error("[un]\nenabeld = no\n", VIGIL_EINVAL, 2, "unknown key");
    expect_config_error("\n[un]\nformat = xml\n", VIGIL_EUNSUPPORTED, 3,
                        "unknown format 'xml'");
    expect_config_error("url = https://x.org/a.csv\n", VIGIL_EPARSE, 1,
                        "outside a [source] section");
    expect_config_error("[x]\nurl = ftp://x.org/a.csv\n", VIGIL_EINVAL, 2,
                        "not an http");
    expect_config_error("[x]\nurl = https://x.org/a.csv\npath = /tmp/b.csv\n",
                        VIGIL_EINVAL, 3, "mixes url and path");
    expect_config_error("[Bad Name]\n", VIGIL_EINVAL, 1, "bad source name");
    expect_config_error("[x]\nurl = https://x.org/\n", VIGIL_EINVAL, 2,
                        "safe file name");
    expect_config_error("[x]\npath = /tmp/..\n", VIGIL_EINVAL, 2,
                        "safe file name");
    expect_config_error("[x]\nurl = https://x.org/a.csv\nurl = https://y.org/A.CSV\n",
                        VIGIL_EINVAL, 3, "two files named 'a.csv'");
    expect_config_error("[x]\nformat = csv\n", VIGIL_EINVAL, 0, "no url or path");
    expect_config_error("[un]\nenabled = maybe\n", VIGIL_EINVAL, 2, "bad value");
    expect_config_error("[un]\nmax_size = -3\n", VIGIL_EINVAL, 2, "bad value");
    expect_config_error("[un\n", VIGIL_EPARSE, 1, "[name]");
}

static void test_config_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof(path), "%s/sources.conf", tmpdir);
    write_text(path, "[bis-dpl]\nenabled = off\n");
    struct upd_config *c = calloc(1, sizeof(*c));
    vigil_error err;
    assert_int_equal(upd_config_load(c, path, &err), VIGIL_OK);
    assert_false(find(c, "bis-dpl")->enabled);
    assert_true(find(c, "un")->enabled);
    upd_config_free(c);
    snprintf(path, sizeof(path), "%s/absent.conf", tmpdir);
    assert_int_equal(upd_config_load(c, path, &err), VIGIL_ENOTFOUND);
    assert_int_equal(c->count, 0);
    free(c);
}

/* ------------------------------------------------------------------ state */

static void test_state_round_trip(void **state)
{
    (void)state;
    struct upd_state *s = calloc(2, sizeof(*s));
    memset(s->sha256, 'a', 64);
    s->entities = 8976;
    s->rejected = 3;
    strcpy(s->retrieved, "2026-03-01T10:00:00Z");
    strcpy(s->published, "2026-02-27");
    strcpy(s->format, "ofac-csv");
    strcpy(s->location, "https://x.org/SDN.CSV https://x.org/ADD.CSV");
    s->file_count = 2;
    strcpy(s->files[0].name, "sdn.csv");
    strcpy(s->files[0].etag, "\"abc\tdef\nfile\tevil\"");
    strcpy(s->files[0].last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
    strcpy(s->files[1].name, "add.csv");
    char path[512];
    snprintf(path, sizeof(path), "%s/.state", tmpdir);
    assert_int_equal(upd_state_write(path, s, NULL), VIGIL_OK);
    struct upd_state *r = s + 1;
    assert_int_equal(upd_state_read(path, r, NULL), VIGIL_OK);
    assert_memory_equal(r->sha256, s->sha256, 65);
    assert_int_equal(r->entities, 8976);
    assert_int_equal(r->rejected, 3);
    assert_string_equal(r->published, "2026-02-27");
    assert_string_equal(r->location, s->location);
    /* A header value cannot inject a line or a field. */
    assert_int_equal(r->file_count, 2);
    assert_string_equal(r->files[0].etag, "\"abc def file evil\"");
    assert_string_equal(r->files[0].last_modified,
                        "Wed, 21 Oct 2015 07:28:00 GMT");
    assert_non_null(upd_state_file(r, "add.csv"));
    assert_string_equal(upd_state_file(r, "add.csv")->etag, "");
    assert_null(upd_state_file(r, "alt.csv"));
    free(s);
}

static void test_state_damaged(void **state)
{
    (void)state;
    struct upd_state *s = calloc(1, sizeof(*s));
    char path[512];
    vigil_error err;
    snprintf(path, sizeof(path), "%s/missing.state", tmpdir);
    assert_int_equal(upd_state_read(path, s, &err), VIGIL_ENOTFOUND);
    snprintf(path, sizeof(path), "%s/bad.state", tmpdir);
    write_text(path, "something else\nsha256\tabc\n");
    assert_int_equal(upd_state_read(path, s, &err), VIGIL_ECORRUPT);
    write_text(path, "vigil-source-state 1\nsha256\tabc\n");
    assert_int_equal(upd_state_read(path, s, &err), VIGIL_ECORRUPT);
    assert_string_equal(err.field, "sha256");
    free(s);
}

/* ------------------------------------------------------------------ files */

static void test_copy_with_ceiling(void **state)
{
    (void)state;
    char from[512], to[512], part[520];
    snprintf(from, sizeof(from), "%s/big.txt", tmpdir);
    snprintf(to, sizeof(to), "%s/copy.txt", tmpdir);
    snprintf(part, sizeof(part), "%s.part", to);
    FILE *f = fopen(from, "w");
    for (int i = 0; i < 3000; i++) fputs("0123456789", f);
    fclose(f);
    vigil_error err;
    assert_int_equal(upd_copy_file(from, to, 1000, &err), VIGIL_ELIMIT);
    assert_false(upd_exists(to));
    assert_false(upd_exists(part));
    assert_int_equal(upd_copy_file(from, to, 0, &err), VIGIL_OK);
    struct stat st;
    assert_int_equal(stat(to, &st), 0);
    assert_int_equal(st.st_size, 30000);
    assert_false(upd_exists(part));
}

static void test_exchange_dirs(void **state)
{
    (void)state;
    char a[512], b[512], fa[600], fb[600];
    snprintf(a, sizeof(a), "%s/x/new", tmpdir);
    snprintf(b, sizeof(b), "%s/x/live", tmpdir);
    assert_int_equal(upd_mkdirs(a, NULL), VIGIL_OK);
    snprintf(fa, sizeof(fa), "%s/list.csv", a);
    write_text(fa, "new\n");
    /* No live copy yet: a plain rename. */
    assert_int_equal(upd_exchange(a, b, NULL), VIGIL_OK);
    assert_false(upd_exists(a));
    assert_int_equal(upd_mkdirs(a, NULL), VIGIL_OK);
    write_text(fa, "newer\n");
    assert_int_equal(upd_exchange(a, b, NULL), VIGIL_OK);
    snprintf(fb, sizeof(fb), "%s/list.csv", b);
    char *text = NULL;
    assert_int_equal(vg_read_file(fb, 100, &text, NULL, NULL), VIGIL_OK);
    assert_string_equal(text, "newer\n");
    vg_free(text);
    assert_int_equal(vg_read_file(fa, 100, &text, NULL, NULL), VIGIL_OK);
    assert_string_equal(text, "new\n"); /* the old copy, now in `a` */
    vg_free(text);
    assert_int_equal(upd_remove_tree(a, NULL), VIGIL_OK);
    assert_false(upd_exists(a));
    assert_true(upd_exists(fb));
}

/* --------------------------------------------------------- data directory */

static void test_default_data_dir(void **state)
{
    (void)state;
    char buf[512];
    setenv("VIGIL_DATA_DIR", "/srv/vigil", 1);
    setenv("XDG_DATA_HOME", "/home/u/.xdg", 1);
    setenv("HOME", "/home/u", 1);
    assert_int_equal(vigil_default_data_dir(buf, sizeof(buf), NULL), VIGIL_OK);
    assert_string_equal(buf, "/srv/vigil");
    unsetenv("VIGIL_DATA_DIR");
    assert_int_equal(vigil_default_data_dir(buf, sizeof(buf), NULL), VIGIL_OK);
    assert_string_equal(buf, "/home/u/.xdg/vigil");
    setenv("XDG_DATA_HOME", "relative", 1); /* the XDG spec ignores it */
    assert_int_equal(vigil_default_data_dir(buf, sizeof(buf), NULL), VIGIL_OK);
    assert_string_equal(buf, "/home/u/.local/share/vigil");
    unsetenv("XDG_DATA_HOME");
    assert_int_equal(vigil_default_data_dir(buf, 8, NULL), VIGIL_ELIMIT);
    unsetenv("HOME");
    assert_int_equal(vigil_default_data_dir(buf, sizeof(buf), NULL),
                     VIGIL_ENOTFOUND);
}

static void test_options_and_names(void **state)
{
    (void)state;
    vigil_update_options o;
    vigil_update_options_init(&o);
    assert_true(o.max_shrink > 0.19 && o.max_shrink < 0.21);
    assert_int_equal(o.retries, 3);
    assert_int_equal(o.max_bytes, 512 * UPD_MIB);
    assert_null(o.data_dir);
    assert_string_equal(vigil_update_outcome_name(VIGIL_UPDATE_FETCHED), "fetched");
    assert_string_equal(vigil_update_outcome_name(VIGIL_UPDATE_UNCHANGED), "unchanged");
    assert_string_equal(vigil_update_outcome_name(VIGIL_UPDATE_FAILED), "failed");
    assert_string_equal(vigil_update_outcome_name(VIGIL_UPDATE_REFUSED), "refused");
    /* Bad options are refused before anything is touched. */
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/never", tmpdir);
    o.data_dir = dir;
    o.max_shrink = 1.5;
    vigil_error err;
    assert_int_equal(vigil_update(&o, NULL, &err), VIGIL_EINVAL);
    assert_false(upd_exists(dir));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_sources),
        cmocka_unit_test(test_overrides_and_additions),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_config_file),
        cmocka_unit_test(test_state_round_trip),
        cmocka_unit_test(test_state_damaged),
        cmocka_unit_test(test_copy_with_ceiling),
        cmocka_unit_test(test_exchange_dirs),
        cmocka_unit_test(test_default_data_dir),
        cmocka_unit_test(test_options_and_names),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
