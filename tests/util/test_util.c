/* Tests of the shared internals: arenas, bounded buffers, errors, atomic
 * writes and allocation-failure injection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/vg.h"

static void arena_keeps_strings_until_reset(void **state)
{
    (void)state;
    struct vg_arena arena;
    vg_arena_init(&arena, 64);
    char *a = vg_arena_strdup(&arena, "Mansudae Overseas Project");
    char *b = vg_arena_printf(&arena, "%s-%d", "KPe", 50);
    assert_string_equal(a, "Mansudae Overseas Project");
    assert_string_equal(b, "KPe-50");
    char *big = vg_arena_alloc(&arena, 1000); /* larger than a block */
    assert_non_null(big);
    memset(big, 'x', 1000);
    assert_string_equal(a, "Mansudae Overseas Project");
    vg_arena_reset(&arena);
    assert_int_equal(arena.total, 0);
    vg_arena_free(&arena);
}

static void buf_refuses_to_grow_past_its_ceiling(void **state)
{
    (void)state;
    struct vg_buf buf;
    vg_buf_init(&buf, 8);
    assert_int_equal(vg_buf_puts(&buf, "12345678"), VIGIL_OK);
    assert_int_equal(vg_buf_putc(&buf, '9'), VIGIL_ELIMIT);
    assert_string_equal(buf.data, "12345678");
    vg_buf_free(&buf);
}

static void error_names_file_line_and_field(void **state)
{
    (void)state;
    vigil_error err = {0};
    vigil_status st = vg_fail(&err, VIGIL_EPARSE, "sdn.csv", 42, "SDN_Name",
                              "empty name");
    assert_int_equal(st, VIGIL_EPARSE);
    char text[256];
    vigil_error_format(&err, text, sizeof(text));
    assert_string_equal(text, "sdn.csv:42: SDN_Name: empty name");
    assert_string_equal(vigil_strerror(VIGIL_ECORRUPT),
                        "index file is corrupt, truncated or not an index");
    assert_string_equal(vigil_strerror((vigil_status)999), "unknown error");
}

static vigil_status write_hello(void *ctx, int fd, vigil_error *err)
{
    return vg_write_all(fd, ctx, strlen(ctx), "t", err);
}

static vigil_status write_then_fail(void *ctx, int fd, vigil_error *err)
{
    vg_write_all(fd, "partial", 7, "t", err);
    return vg_fail(err, VIGIL_EIO, "t", 0, NULL, "disk full");
}

static void atomic_write_replaces_only_on_success(void **state)
{
    (void)state;
    char path[] = "/tmp/vigil-test-atomic-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(vg_write_atomic(path, write_hello, "first", NULL), VIGIL_OK);
    assert_int_equal(vg_write_atomic(path, write_then_fail, NULL, NULL), VIGIL_EIO);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(vg_read_file(path, 1024, &text, &len, NULL), VIGIL_OK);
    assert_string_equal(text, "first");
    vg_free(text);
    unlink(path);
}

static void allocation_failure_is_reported(void **state)
{
    (void)state;
    vg_alloc_fail_after(0);
    assert_null(vg_malloc(10));
    vigil_entity *e = NULL;
    assert_int_equal(vigil_entity_new(&e), VIGIL_ENOMEM);
    vg_alloc_fail_after(-1);
    void *p = vg_malloc(1);
    assert_non_null(p);
    vg_free(p);
}

static void utf8_decoder_always_advances(void **state)
{
    (void)state;
    const char bad[] = "\xff\xc3(\xe2\x82";
    size_t len = sizeof(bad) - 1, pos = 0, steps = 0;
    while (pos < len) {
        uint32_t cp;
        size_t n = vg_utf8_decode(bad + pos, len - pos, &cp);
        assert_true(n >= 1);
        pos += n;
        steps++;
    }
    assert_int_equal(steps, 5);
    assert_true(vg_utf8_valid("Ким Чен Ын", strlen("Ким Чен Ын")));
    assert_false(vg_utf8_valid(bad, len));
}

static void sha256_of_known_text(void **state)
{
    (void)state;
    struct vg_sha256 *ctx = vg_sha256_begin();
    assert_non_null(ctx);
    vg_sha256_update(ctx, "abc", 3);
    char hex[65];
    vg_sha256_end(ctx, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_keeps_strings_until_reset),
        cmocka_unit_test(buf_refuses_to_grow_past_its_ceiling),
        cmocka_unit_test(error_names_file_line_and_field),
        cmocka_unit_test(atomic_write_replaces_only_on_success),
        cmocka_unit_test(allocation_failure_is_reported),
        cmocka_unit_test(utf8_decoder_always_advances),
        cmocka_unit_test(sha256_of_known_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
