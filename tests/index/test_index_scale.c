/* Build and open at scale: a deterministic synthetic list of fictional
 * persons and companies (VIGIL_SCALE entities, default 20000) is built,
 * written and opened; the test prints build time, size per entity, open
 * time and lookup speed, and fails past generous ceilings.  For the figures
 * in docs/index-format.md run it with VIGIL_SCALE=100000 or 1000000. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/resource.h>
#include <time.h>

#include "index_fixture.h"

static const char *const syllables[] = {
    "ka", "ro", "vel", "in", "tar", "mi", "sol", "dra", "ben", "lu",
    "gor", "an", "eth", "qui", "zar", "pol", "rin", "sa", "tem", "vo",
    "dal", "ky", "mor", "ne", "fa", "bri", "ost", "ul", "hen", "cas",
    "lio", "nor", "pe", "rask", "ti", "wen", "ya", "zel", "ga", "har"};
static const char *const generic[] = {"Trading", "Shipping", "Holdings",
                                      "Industrial", "Group", "International"};
static const char *const legal[] = {"LLC", "Co., Ltd.", "JSC", "Limited",
                                    "GmbH", "S.A."};
static const char *const countries[] = {"PA", "KP", "RU", "IR", "SY", "VE",
                                        "BY", "CU"};

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33) % n;
}

static uint32_t vocabulary; /* distinct words in use */

/* Word number k of the vocabulary: 2..4 syllables, capitalized. */
static void word_k(uint32_t k, char *out, size_t size)
{
    uint64_t x = k * 0x9e3779b97f4a7c15ull + 12345;
    size_t n = 2 + (size_t)(x % 3), len = 0;
    x /= 3;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(out + len, size - len, "%s",
                                syllables[x % VG_ARRAY_LEN(syllables)]);
        x /= VG_ARRAY_LEN(syllables);
    }
    out[0] = (char)(out[0] - 32);
}

/* A word drawn with a skew like real names: a few very common, a long tail
 * of rare ones. */
static void word(char *out, size_t size)
{
    double u = rnd(1000000) / 1e6;
    word_k((uint32_t)(vocabulary * u * u * u), out, size);
}

static void person(vigil_entity *e, uint32_t i)
{
    char given[32], family[32], middle[32], text[128];
    word(given, sizeof(given));
    word(family, sizeof(family));
    word(middle, sizeof(middle));
    snprintf(text, sizeof(text), "%s %s %s", given, middle, family);
    vigil_entity_set_schema(e, VIGIL_SCHEMA_PERSON);
    vigil_entity_add(e, "name", text);
    snprintf(text, sizeof(text), "%s, %s", family, given);
    vigil_entity_add(e, "alias", text);
    if (rnd(2)) {
        snprintf(text, sizeof(text), "%s %s", given, family);
        vigil_entity_add(e, "weakAlias", text);
    }
    snprintf(text, sizeof(text), "%u-%02u-%02u", 1940 + rnd(60), 1 + rnd(12),
             1 + rnd(28));
    vigil_entity_add(e, "birthDate", text);
    vigil_entity_add(e, "nationality", countries[rnd(VG_ARRAY_LEN(countries))]);
    snprintf(text, sizeof(text), "No. %u-%u", 100000 + i, rnd(1000));
    vigil_entity_add(e, "passportNumber", text);
    vigil_entity_add(e, "program", "FICTIONAL-1");
}

static void company(vigil_entity *e, uint32_t i)
{
    char a[32], b[32], text[160];
    word(a, sizeof(a));
    word(b, sizeof(b));
    vigil_entity_set_schema(e, VIGIL_SCHEMA_COMPANY);
    snprintf(text, sizeof(text), "%s %s %s %s", a, b,
             generic[rnd(VG_ARRAY_LEN(generic))], legal[rnd(VG_ARRAY_LEN(legal))]);
    vigil_entity_add(e, "name", text);
    snprintf(text, sizeof(text), "%s%s", a, b);
    vigil_entity_add(e, "alias", text);
    vigil_entity_add(e, "country", countries[rnd(VG_ARRAY_LEN(countries))]);
    snprintf(text, sizeof(text), "IMO %u", 9000000 + i);
    vigil_entity_add(e, "imoNumber", text);
    (void)i;
}

static bool count_hit(void *ctx, uint32_t term)
{
    (void)term;
    ++*(uint64_t *)ctx;
    return true;
}

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void synthetic_list_builds_and_opens_within_budget(void **state)
{
    (void)state;
    const char *scale = getenv("VIGIL_SCALE");
    uint32_t n = scale ? (uint32_t)strtoul(scale, NULL, 10) : 20000;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "scale.idx");
    rng_state = 42;
    vocabulary = n / 2 + 100;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double cpu0 = cpu_seconds();
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    vigil_source_info info = {.name = "synthetic", .format = "test"};
    assert_int_equal(vigil_builder_add_source(b, &info), VIGIL_OK);
    vigil_entity *e;
    assert_int_equal(vigil_entity_new(&e), VIGIL_OK);
    char id[32];
    for (uint32_t i = 0; i < n; i++) {
        vigil_entity_clear(e);
        snprintf(id, sizeof(id), "syn-%u", i);
        vigil_entity_set_id(e, id);
        if (i % 4 == 3) company(e, i);
        else person(e, i);
        vigil_entity_add_dataset(e, i % 2 ? "synthetic-a" : "synthetic-b");
        assert_int_equal(vigil_builder_add(b, e), VIGIL_OK);
    }
    double added = seconds_since(&t0);
    vigil_error err = {0};
    assert_int_equal(vigil_builder_write(b, path, &err), VIGIL_OK);
    double built = seconds_since(&t0), built_cpu = cpu_seconds() - cpu0;
    /* Two threads normalize; the file must not depend on their timing. */
    char *again = fixture_path(dir, "again.idx");
    assert_int_equal(vigil_builder_write(b, again, &err), VIGIL_OK);
    if (getenv("VIGIL_SCALE_KEEP")) {
        char cmd[512];
        snprintf(cmd, sizeof(cmd), "cp %s %s", path, getenv("VIGIL_SCALE_KEEP"));
        if (system(cmd) != 0) fprintf(stderr, "cannot keep %s\n", path);
    }
    vigil_builder_free(b);
    vigil_entity_free(e);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    double cpu_open = cpu_seconds();
    vigil_index *ix, *ix2;
    assert_int_equal(vigil_index_open(path, &ix, &err), VIGIL_OK);
    double opened = seconds_since(&t0), opened_cpu = cpu_seconds() - cpu_open;
    assert_int_equal(vigil_index_entity_count(ix), n);
    assert_int_equal(vigil_index_open(again, &ix2, &err), VIGIL_OK);
    assert_string_equal(vigil_index_version(ix) + 21, vigil_index_version(ix2) + 21);
    vigil_index_close(ix2);
    free(again);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (uint32_t i = 0; i < n; i += 7) {
        uint32_t found;
        snprintf(id, sizeof(id), "syn-%u", i);
        assert_int_equal(vigil_index_lookup(ix, id, &found), VIGIL_OK);
        assert_int_equal(found, i);
    }
    double lookups = seconds_since(&t0) / (n / 7 + 1);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t hits = 0;
    uint32_t probes = 0;
    for (uint32_t name = 0; name < idx_name_count(ix); name += 97, probes++) {
        struct idx_token t;
        idx_name_token(ix, name, 0, &t);
        char typo[64];
        snprintf(typo, sizeof(typo), "%s", t.key);
        size_t len = strlen(typo);
        if (len > 3) typo[len / 2] = 'x';
        idx_term_neighbours(ix, typo, len, len >= 8 ? 2 : 1, count_hit, &hits);
    }
    assert_true(hits >= probes / 2); /* most typos find their term */
    double typos = seconds_since(&t0) / (probes ? probes : 1);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(vigil_index_verify(ix, &err), VIGIL_OK);
    double verified = seconds_since(&t0);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    uint64_t size = vigil_index_file_size(ix);
    fprintf(stderr,
            "# %u entities, %u names, %u tokens, %u terms: add %.2f s, "
            "build+write %.2f s (CPU %.2f s), %.0f bytes/entity (%.1f MB), open %.3f ms, "
            "lookup %.2f us, typo probe %.2f us, verify %.0f ms, peak RSS %ld MB\n",
            n, vigil_index_name_count(ix), vigil_index_token_count(ix),
            idx_term_count(ix), added, built, built_cpu, (double)size / n, size / 1e6,
            opened * 1e3, lookups * 1e6, typos * 1e6, verified * 1e3,
            ru.ru_maxrss / 1024);
    /* Ceilings far above what is measured, to catch regressions only; CPU
     * time, since wall time depends on what else the machine runs. */
    assert_true(opened_cpu < 0.05);
    assert_true((double)size / n < 1500);
    assert_true(built_cpu < 60.0 * n / 1e6 + 10);
    vigil_index_close(ix);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(synthetic_list_builds_and_opens_within_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
