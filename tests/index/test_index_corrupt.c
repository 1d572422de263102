/* Damaged index files: truncated at every length, a byte flipped at every
 * position, foreign and empty files, other versions, and damage behind a
 * correct checksum.  Open must refuse with VIGIL_ECORRUPT (or
 * VIGIL_EVERSION) naming the file, or succeed with accessors that stay
 * inside the map, and verify must then find the damage.  Never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "index_fixture.h"
#include "index_walk.h"

struct env {
    char *dir;
    char *path;    /* the good index */
    char *scratch; /* damaged copies */
    unsigned char *good;
    size_t size;
};

static unsigned char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(n > 0 ? (size_t)n : 1);
    if (fread(data, 1, (size_t)n, f) != (size_t)n) n = -1;
    fclose(f);
    *size = (size_t)n;
    return data;
}

static void write_bytes(const char *path, const void *data, size_t size)
{
    /* A fresh inode each time: rewriting a file in place makes some file
     * systems flush it to disk on close. */
    unlink(path);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (size) assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    struct env *env = calloc(1, sizeof(*env));
    env->dir = fixture_tmpdir();
    env->path = fixture_path(env->dir, "good.idx");
    env->scratch = fixture_path(env->dir, "bad.idx");
    if (fixture_write(env->path) != VIGIL_OK) return -1;
    env->good = read_all(env->path, &env->size);
    *state = env;
    return env->good ? 0 : -1;
}

static int teardown(void **state)
{
    struct env *env = *state;
    fixture_rmdir(env->dir);
    free(env->dir);
    free(env->path);
    free(env->scratch);
    free(env->good);
    free(env);
    return 0;
}

/* Opens the scratch file; walks and verifies it when open accepts it.
 * Returns open's status; *verified gets verify's. */
static vigil_status try_open(const char *path, vigil_status *verified)
{
    vigil_index *ix = NULL;
    vigil_error err = {0};
    vigil_status st = vigil_index_open(path, &ix, &err);
    *verified = st;
    if (st == VIGIL_OK) {
        walk_index(ix);
        *verified = vigil_index_verify(ix, &err);
        if (*verified != VIGIL_OK) {
            assert_int_equal(*verified, VIGIL_ECORRUPT);
            assert_string_equal(err.file, path);
            assert_true(err.field[0] != '\0');
        }
        vigil_index_close(ix);
    } else {
        assert_true(st == VIGIL_ECORRUPT || st == VIGIL_EVERSION);
        assert_int_equal(err.status, st);
        assert_string_equal(err.file, path);
        assert_true(err.field[0] != '\0');
    }
    return st;
}

static void every_truncation_is_corrupt(void **state)
{
    struct env *env = *state;
    for (size_t len = 0; len < env->size; len++) {
        write_bytes(env->scratch, env->good, len);
        vigil_status verified;
        assert_int_equal(try_open(env->scratch, &verified), VIGIL_ECORRUPT);
    }
}

/* Every single-byte change is refused by open or found by verify. */
static void every_flipped_byte_is_caught(void **state)
{
    struct env *env = *state;
    unsigned char *copy = malloc(env->size);
    static const unsigned char masks[] = {0xff, 0x01, 0x80};
    for (size_t pos = 0; pos < env->size; pos++) {
        /* Every byte inverted; single bits at every third byte. */
        for (size_t m = 0; m < (pos % 3 ? 1 : sizeof(masks)); m++) {
            memcpy(copy, env->good, env->size);
            copy[pos] ^= masks[m];
            write_bytes(env->scratch, copy, env->size);
            vigil_status verified;
            vigil_status st = try_open(env->scratch, &verified);
            if (st == VIGIL_OK && verified == VIGIL_OK)
                fail_msg("flip %#x at byte %zu went unnoticed", masks[m], pos);
        }
    }
    free(copy);
}

/* Damage behind a valid checksum: open accepts it, every accessor stays in
 * bounds (ASan), and most of it is reported by verify. */
static void resealed_damage_stays_in_bounds(void **state)
{
    struct env *env = *state;
    unsigned char *copy = malloc(env->size);
    const struct idx_header *h = (const struct idx_header *)env->good;
    size_t body = IDX_HEADER_SIZE + h->section_count * sizeof(struct idx_section);
    static const unsigned char values[] = {0xff, 0x01};
    size_t caught = 0, tried = 0;
    for (size_t pos = body; pos < env->size; pos++) {
        for (size_t v = 0; v < sizeof(values); v++) {
            memcpy(copy, env->good, env->size);
            copy[pos] ^= values[v];
            walk_reseal(copy, env->size);
            write_bytes(env->scratch, copy, env->size);
            vigil_status verified;
            try_open(env->scratch, &verified);
            tried++;
            if (verified != VIGIL_OK) caught++;
        }
    }
    /* Flips inside string text or an idf stay valid; structural ones not. */
    assert_true(caught * 2 > tried);
    free(copy);
}

/* Section table entries pointing anywhere: refused at open, never read. */
static void section_table_lies_are_refused(void **state)
{
    struct env *env = *state;
    unsigned char *copy = malloc(env->size);
    const struct idx_header *h = (const struct idx_header *)env->good;
    static const uint64_t offsets[] = {0, 3, 64, 1u << 20, UINT64_MAX - 7,
                                       UINT64_MAX};
    for (size_t s = 0; s < h->section_count; s++) {
        for (size_t k = 0; k < VG_ARRAY_LEN(offsets); k++) {
            for (int field = 0; field < 3; field++) {
                memcpy(copy, env->good, env->size);
                struct idx_section *sec =
                    (struct idx_section *)(copy + IDX_HEADER_SIZE) + s;
                uint32_t id = sec->id;
                uint64_t was = field == 0 ? sec->offset
                               : field == 1 ? sec->length : sec->id;
                if (was == offsets[k]) continue;
                if (field == 0) sec->offset = offsets[k];
                else if (field == 1) sec->length = offsets[k];
                else sec->id = (uint32_t)offsets[k];
                walk_reseal(copy, env->size);
                write_bytes(env->scratch, copy, env->size);
                vigil_status verified;
                vigil_status st = try_open(env->scratch, &verified);
                /* A section renamed is missing or listed twice. */
                if (field == 2 && sec->id != id) assert_int_equal(st, VIGIL_ECORRUPT);
                /* One moved inside the file may open; verify must catch it. */
                if (field != 2 && st == VIGIL_OK)
                    assert_int_equal(verified, VIGIL_ECORRUPT);
            }
        }
    }
    free(copy);
}

/* The records of section `id` in a copy of the file. */
static void *section_of(unsigned char *data, uint32_t id, size_t *bytes)
{
    const struct idx_header *h = (const struct idx_header *)data;
    const struct idx_section *table =
        (const struct idx_section *)(data + IDX_HEADER_SIZE);
    for (size_t s = 0; s < h->section_count; s++)
        if (table[s].id == id) {
            *bytes = table[s].length;
            return data + table[s].offset;
        }
    *bytes = 0;
    fail_msg("section %u missing", id);
    return NULL;
}

/* A posting run of at least three names, as [*first, *first + return). */
static uint32_t long_run(unsigned char *data, uint32_t *first)
{
    size_t bytes = 0;
    const struct idx_rec_term *terms = section_of(data, IDX_SEC_TERMS, &bytes);
    for (size_t t = 0; t + 1 < bytes / sizeof(*terms); t++)
        if (terms[t + 1].posting_start - terms[t].posting_start >= 3) {
            *first = terms[t].posting_start;
            return terms[t + 1].posting_start - *first;
        }
    fail_msg("no term with three postings in the fixture");
    return 0;
}

/* A name number past the names inside a run (neither its first nor its
 * last posting): open refuses the file, naming the postings record, so no
 * caller can ever index an array by it. */
static void posting_past_the_names_is_refused_at_open(void **state)
{
    struct env *env = *state;
    unsigned char *copy = malloc(env->size);
    static const uint32_t past[] = {0, 1, 1000};
    for (size_t k = 0; k <= VG_ARRAY_LEN(past); k++) {
        memcpy(copy, env->good, env->size);
        size_t bytes = 0;
        section_of(copy, IDX_SEC_NAMES, &bytes);
        uint32_t names = (uint32_t)(bytes / sizeof(struct idx_rec_name)) - 1;
        uint32_t *postings = section_of(copy, IDX_SEC_POSTINGS, &bytes);
        uint32_t first, n = long_run(copy, &first);
        uint32_t at = first + n / 2;
        postings[at] = k < VG_ARRAY_LEN(past) ? names + past[k] : UINT32_MAX;
        walk_reseal(copy, env->size);
        write_bytes(env->scratch, copy, env->size);
        vigil_error err = {0};
        vigil_index *ix = NULL;
        assert_int_equal(vigil_index_open(env->scratch, &ix, &err),
                         VIGIL_ECORRUPT);
        assert_null(ix);
        assert_string_equal(err.field, "postings");
        assert_int_equal(err.line, at + 1);
        assert_string_equal(err.file, env->scratch);
    }
    free(copy);
}

/* Postings in range but out of order: open accepts them (it does not scan
 * runs), the accessors stay in bounds, verify names the record. */
static void postings_out_of_order_are_found_by_verify(void **state)
{
    struct env *env = *state;
    unsigned char *copy = malloc(env->size);
    memcpy(copy, env->good, env->size);
    size_t bytes = 0;
    uint32_t *postings = section_of(copy, IDX_SEC_POSTINGS, &bytes);
    uint32_t first, n = long_run(copy, &first);
    uint32_t at = first + n / 2, was = postings[at];
    postings[at] = postings[at - 1]; /* a repeated name */
    walk_reseal(copy, env->size);
    write_bytes(env->scratch, copy, env->size);
    vigil_status verified;
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_OK);
    assert_int_equal(verified, VIGIL_ECORRUPT);
    vigil_index *ix = NULL;
    vigil_error err = {0};
    assert_int_equal(vigil_index_open(env->scratch, &ix, &err), VIGIL_OK);
    assert_int_equal(vigil_index_verify(ix, &err), VIGIL_ECORRUPT);
    vigil_index_close(ix);
    /* verify checks runs before token terms: it names the posting. */
    assert_string_equal(err.field, "postings");
    assert_int_equal(err.line, at + 1);
    postings[at] = was;
    postings[at - 1] = postings[at + 1]; /* descending */
    walk_reseal(copy, env->size);
    write_bytes(env->scratch, copy, env->size);
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_OK);
    assert_int_equal(verified, VIGIL_ECORRUPT);
    free(copy);
}

static void foreign_empty_and_other_versions(void **state)
{
    struct env *env = *state;
    vigil_status verified;
    write_bytes(env->scratch, "", 0);
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_ECORRUPT);
    const char *text = "name,alias\nKim Jong Un,Kim Jong-un\n"
                       "this is a list, not an index; it is long enough "
                       "to hold a header\n";
    write_bytes(env->scratch, text, strlen(text));
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_ECORRUPT);
    unsigned char zeros[4096] = {0};
    write_bytes(env->scratch, zeros, sizeof(zeros));
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_ECORRUPT);
    /* The test program itself: an ELF file. */
    size_t self_size;
    unsigned char *self = read_all("/proc/self/exe", &self_size);
    assert_non_null(self);
    write_bytes(env->scratch, self, self_size);
    free(self);
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_ECORRUPT);

    unsigned char *copy = malloc(env->size);
    memcpy(copy, env->good, env->size);
    struct idx_header *h = (struct idx_header *)copy;
    h->version = IDX_VERSION + 1;
    write_bytes(env->scratch, copy, env->size);
    vigil_error err = {0};
    vigil_index *ix = NULL;
    assert_int_equal(vigil_index_open(env->scratch, &ix, &err), VIGIL_EVERSION);
    char named[32];
    snprintf(named, sizeof(named), "version %u", IDX_VERSION + 1);
    assert_non_null(strstr(err.message, named));
    h->version = 0;
    write_bytes(env->scratch, copy, env->size);
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_EVERSION);
    h->version = IDX_VERSION;
    h->flags = 4;
    write_bytes(env->scratch, copy, env->size);
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_EVERSION);
    /* Grown by appended bytes: the size no longer matches. */
    memcpy(copy, env->good, env->size);
    unsigned char *longer = malloc(env->size + 8);
    memcpy(longer, copy, env->size);
    memset(longer + env->size, 0, 8);
    write_bytes(env->scratch, longer, env->size + 8);
    assert_int_equal(try_open(env->scratch, &verified), VIGIL_ECORRUPT);
    free(longer);
    free(copy);
    assert_int_equal(vigil_index_open("/nonexistent/dir/x.idx", &ix, &err),
                     VIGIL_ENOTFOUND);
    assert_int_equal(vigil_index_open(env->dir, &ix, &err), VIGIL_EIO);
}

static void corrupt_message_names_file_and_section(void **state)
{
    struct env *env = *state;
    unsigned char *copy = malloc(env->size);
    memcpy(copy, env->good, env->size);
    const struct idx_header *h = (const struct idx_header *)copy;
    struct idx_section *table = (struct idx_section *)(copy + IDX_HEADER_SIZE);
    for (size_t s = 0; s < h->section_count; s++)
        if (table[s].id == IDX_SEC_NAMES) table[s].length += 3;
    walk_reseal(copy, env->size);
    write_bytes(env->scratch, copy, env->size);
    vigil_error err = {0};
    vigil_index *ix = NULL;
    assert_int_equal(vigil_index_open(env->scratch, &ix, &err), VIGIL_ECORRUPT);
    char text[1024];
    vigil_error_format(&err, text, sizeof(text));
    assert_non_null(strstr(text, env->scratch));
    assert_non_null(strstr(text, "names"));
    free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_truncation_is_corrupt),
        cmocka_unit_test(every_flipped_byte_is_caught),
        cmocka_unit_test(resealed_damage_stays_in_bounds),
        cmocka_unit_test(section_table_lies_are_refused),
        cmocka_unit_test(posting_past_the_names_is_refused_at_open),
        cmocka_unit_test(postings_out_of_order_are_found_by_verify),
        cmocka_unit_test(foreign_empty_and_other_versions),
        cmocka_unit_test(corrupt_message_names_file_and_section),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
