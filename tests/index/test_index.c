/* Index builder and reader: a fictional list is built, written, opened and
 * read back through the public accessors and the matcher's idx_* view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>

#include "index/format.h"
#include "index_fixture.h"

struct env {
    char *dir;
    char *path;
    vigil_index *ix;
};

static int setup(void **state)
{
    struct env *env = calloc(1, sizeof(*env));
    env->dir = fixture_tmpdir();
    env->path = fixture_path(env->dir, "test.idx");
    if (fixture_write(env->path) != VIGIL_OK) return -1;
    vigil_error err = {0};
    if (vigil_index_open(env->path, &env->ix, &err) != VIGIL_OK) {
        fprintf(stderr, "open: %s\n", err.message);
        return -1;
    }
    *state = env;
    return 0;
}

static int teardown(void **state)
{
    struct env *env = *state;
    vigil_index_close(env->ix);
    fixture_rmdir(env->dir);
    free(env->dir);
    free(env->path);
    free(env);
    return 0;
}

static uint32_t lookup(const vigil_index *ix, const char *id)
{
    uint32_t e = UINT32_MAX;
    assert_int_equal(vigil_index_lookup(ix, id, &e), VIGIL_OK);
    return e;
}

/* The name of `entity` whose text is `text`. */
static uint32_t name_of(const vigil_index *ix, uint32_t entity, const char *text)
{
    uint32_t first, count;
    idx_entity_names(ix, entity, &first, &count);
    for (uint32_t i = first; i < first + count; i++) {
        struct idx_name n;
        idx_name_get(ix, i, &n);
        if (strcmp(n.text, text) == 0) return i;
    }
    fail_msg("entity %u has no name \"%s\"", entity, text);
    return UINT32_MAX;
}

static bool posting_has(const vigil_index *ix, uint32_t term, uint32_t name)
{
    uint32_t n;
    const uint32_t *p = idx_term_postings(ix, term, &n);
    for (uint32_t i = 0; i < n; i++)
        if (p[i] == name) return true;
    return false;
}

static void counts_and_sources_round_trip(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    assert_int_equal(vigil_index_entity_count(ix), 5);
    assert_int_equal(vigil_index_source_count(ix), 2);
    /* p-1: "Kim Jong Un" (name and alias: one name), "Kim Jong-un";
     * o-1: 2; p-2: 2; second p-1: 1; v-1: 2. */
    assert_int_equal(vigil_index_name_count(ix), 9);
    assert_int_equal(idx_name_count(ix), 9);
    assert_true(vigil_index_token_count(ix) >= 18);
    vigil_source_info info;
    assert_int_equal(vigil_index_source(ix, 0, &info), VIGIL_OK);
    assert_string_equal(info.name, "fictional-un");
    assert_string_equal(info.location, "/lists/un.xml");
    assert_string_equal(info.published, "2026-01-02");
    assert_string_equal(info.retrieved, "2026-01-03T04:05:06Z");
    assert_string_equal(info.sha256, "ab12");
    assert_string_equal(info.format, "un-xml");
    assert_int_equal(info.entity_count, 3);
    assert_int_equal(vigil_index_source(ix, 1, &info), VIGIL_OK);
    assert_string_equal(info.name, "fictional-eu");
    assert_int_equal(info.entity_count, 2);
    assert_int_equal(vigil_index_source(ix, 2, &info), VIGIL_ENOTFOUND);
    /* "<build time>/<16 hex>" */
    const char *version = vigil_index_version(ix);
    const char *built = vigil_index_built(ix);
    assert_int_equal(strlen(built), 20);
    assert_int_equal(strncmp(version, built, 20), 0);
    assert_int_equal(version[20], '/');
    assert_int_equal(strlen(version + 21), 16);
    assert_int_equal(strspn(version + 21, "0123456789abcdef"), 16);
    struct stat st;
    assert_int_equal(stat(((struct env *)*state)->path, &st), 0);
    assert_int_equal(vigil_index_file_size(ix), (uint64_t)st.st_size);
}

static void entities_round_trip(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t o1 = lookup(ix, "o-1");
    assert_int_equal(o1, 1);
    assert_string_equal(vigil_index_entity_id(ix, o1), "o-1");
    assert_int_equal(vigil_index_entity_schema(ix, o1), VIGIL_SCHEMA_COMPANY);
    assert_string_equal(vigil_index_entity_caption(ix, o1),
                        "Bluefinch Maritime Trading Co., Ltd.");
    assert_int_equal(vigil_index_entity_source(ix, o1), 0);
    assert_int_equal(vigil_index_entity_prop_count(ix, o1), 4);
    const char *prop, *value;
    vigil_index_entity_prop(ix, o1, 3, &prop, &value);
    assert_string_equal(prop, "imoNumber");
    assert_string_equal(value, "IMO 9123456");
    vigil_index_entity_prop(ix, o1, 4, &prop, &value); /* past the end */
    assert_string_equal(prop, "");
    assert_int_equal(vigil_index_entity_dataset_count(ix, o1), 1);
    assert_string_equal(vigil_index_entity_dataset(ix, o1, 0), "us-ofac");

    uint32_t p1 = lookup(ix, "p-1"); /* the first of the two */
    assert_int_equal(p1, 0);
    assert_int_equal(vigil_index_entity_dataset_count(ix, p1), 2);
    assert_string_equal(vigil_index_entity_dataset(ix, p1, 1), "us-ofac");
    assert_int_equal(vigil_index_entity_source(ix, 3), 1);
    assert_string_equal(vigil_index_entity_id(ix, 3), "p-1");

    uint32_t v1 = lookup(ix, "v-1");
    assert_int_equal(vigil_index_entity_schema(ix, v1), VIGIL_SCHEMA_VESSEL);
    uint32_t e;
    assert_int_equal(vigil_index_lookup(ix, "nobody", &e), VIGIL_ENOTFOUND);
    assert_int_equal(vigil_index_lookup(ix, "p-", &e), VIGIL_ENOTFOUND);
    /* Out-of-range numbers read as empty, not as a crash. */
    assert_string_equal(vigil_index_entity_id(ix, 5), "");
    assert_int_equal(vigil_index_entity_prop_count(ix, UINT32_MAX), 0);
}

static void names_keep_the_strongest_kind(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t p1 = lookup(ix, "p-1"), first, count;
    idx_entity_names(ix, p1, &first, &count);
    assert_int_equal(count, 2);
    struct idx_name n;
    idx_name_get(ix, first, &n);
    assert_string_equal(n.text, "Kim Jong Un");
    assert_int_equal(n.kind, VG_NAME_PRIMARY);
    assert_int_equal(n.entity, p1);
    assert_true(n.token_count >= 3);
    idx_name_get(ix, first + 1, &n);
    assert_string_equal(n.text, "Kim Jong-un");
    assert_int_equal(n.kind, VG_NAME_ALIAS);
    uint32_t p2 = lookup(ix, "p-2");
    idx_name_get(ix, name_of(ix, p2, "Rosa"), &n);
    assert_int_equal(n.kind, VG_NAME_WEAK);
    uint32_t v1 = lookup(ix, "v-1");
    idx_name_get(ix, name_of(ix, v1, "Grey Heron"), &n);
    assert_int_equal(n.kind, VG_NAME_PREVIOUS);
}

/* Every token's key is a term whose postings hold the token's name, and
 * every adjacent pair of word tokens is a join term holding it too. */
static void every_token_is_a_term_with_its_name(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    size_t joins = 0;
    for (uint32_t name = 0; name < idx_name_count(ix); name++) {
        struct idx_name n;
        idx_name_get(ix, name, &n);
        assert_true(n.token_count > 0);
        struct idx_token prev = {0};
        for (uint32_t i = 0; i < n.token_count; i++) {
            struct idx_token t;
            idx_name_token(ix, name, i, &t);
            assert_true(t.term < idx_term_count(ix));
            assert_string_equal(idx_term_key(ix, t.term), t.key);
            uint32_t found;
            assert_true(idx_term_find(ix, t.key, strlen(t.key), &found));
            assert_int_equal(found, t.term);
            assert_true(posting_has(ix, t.term, name));
            bool word = t.cls == NORM_WORD || t.cls == NORM_PARTICLE;
            bool prev_word = prev.cls == NORM_WORD || prev.cls == NORM_PARTICLE;
            if (i > 0 && word && prev_word) {
                char joined[256];
                snprintf(joined, sizeof(joined), "%s%s", prev.key, t.key);
                assert_true(idx_term_find(ix, joined, strlen(joined), &found));
                assert_true(posting_has(ix, found, name));
                joins++;
            }
            prev = t;
        }
    }
    assert_true(joins >= 5);
    uint32_t term;
    assert_false(idx_term_find(ix, "zzzqqq", 6, &term));
}

static void postings_are_ascending_and_df_counts_names(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    /* The first token of "Kim Jong Un" is in both p-1 entities' names. */
    uint32_t p1 = lookup(ix, "p-1");
    uint32_t name = name_of(ix, p1, "Kim Jong Un");
    struct idx_token kim;
    idx_name_token(ix, name, 0, &kim);
    uint32_t n;
    const uint32_t *p = idx_term_postings(ix, kim.term, &n);
    assert_int_equal(n, 3); /* two names of p-1, one of the second p-1 */
    for (uint32_t i = 1; i < n; i++) assert_true(p[i] > p[i - 1]);
    assert_int_equal(idx_term_df(ix, kim.term), 3);
    float idf = idx_term_idf(ix, kim.term);
    assert_true(idf > 1.38f && idf < 1.39f); /* log(1 + 9 names / 3) */
}

static void join_term_finds_a_split_name(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t p1 = lookup(ix, "p-1");
    uint32_t name = name_of(ix, p1, "Kim Jong Un");
    struct idx_token a, b;
    idx_name_token(ix, name, 1, &a);
    idx_name_token(ix, name, 2, &b);
    char joined[128];
    snprintf(joined, sizeof(joined), "%s%s", a.key, b.key);
    uint32_t term;
    assert_true(idx_term_find(ix, joined, strlen(joined), &term));
    assert_true(posting_has(ix, term, name));
    /* The join of the second and third token is not in a name of o-1. */
    uint32_t o1 = lookup(ix, "o-1"), first, count;
    idx_entity_names(ix, o1, &first, &count);
    for (uint32_t i = first; i < first + count; i++)
        assert_false(posting_has(ix, term, i));
}

/* "Co., Ltd." is one legal-form token whose key is its canonical class, and
 * that key is a term like any other; a legal form joins nothing. */
static void legal_forms_are_terms_of_their_class(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t o1 = lookup(ix, "o-1");
    uint32_t name = name_of(ix, o1, "Bluefinch Maritime Trading Co., Ltd.");
    struct idx_name n;
    idx_name_get(ix, name, &n);
    struct idx_token t, prev;
    idx_name_token(ix, name, n.token_count - 1, &t);
    idx_name_token(ix, name, n.token_count - 2, &prev);
    assert_int_equal(t.cls, NORM_LEGAL_FORM);
    assert_string_equal(t.key, "coltd");
    uint32_t term;
    assert_true(idx_term_find(ix, "coltd", 5, &term));
    assert_int_equal(term, t.term);
    assert_true(posting_has(ix, term, name));
    char joined[128];
    snprintf(joined, sizeof(joined), "%s%s", prev.key, t.key);
    assert_false(idx_term_find(ix, joined, strlen(joined), &term));
}

#define MAX_COLLECTED 512

struct collected {
    uint32_t terms[MAX_COLLECTED];
    size_t count;
};

/* Every term reported, each at most once; more than the test can hold
 * fails rather than being dropped. */
static bool collect_term(void *ctx, uint32_t term)
{
    struct collected *c = ctx;
    for (size_t i = 0; i < c->count; i++)
        assert_int_not_equal(c->terms[i], term);
    assert_true(c->count < MAX_COLLECTED);
    c->terms[c->count++] = term;
    return true;
}

static bool collected_has(const struct collected *c, uint32_t term)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->terms[i] == term) return true;
    return false;
}

/* The longest token key of a name, and its term. */
static struct idx_token longest_token(const vigil_index *ix, uint32_t name)
{
    struct idx_name n;
    idx_name_get(ix, name, &n);
    struct idx_token best = {0}, t;
    size_t best_len = 0;
    for (uint32_t i = 0; i < n.token_count; i++) {
        idx_name_token(ix, name, i, &t);
        if (strlen(t.key) > best_len) {
            best = t;
            best_len = strlen(t.key);
        }
    }
    return best;
}

static void neighbours_find_one_and_two_typos(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t p2 = lookup(ix, "p-2");
    struct idx_token target =
        longest_token(ix, name_of(ix, p2, "Rostislava Montgomery-Quill"));
    size_t len = strlen(target.key);
    assert_true(len >= 8);
    char typo[64];
    /* One substitution. */
    memcpy(typo, target.key, len + 1);
    typo[len / 2] = typo[len / 2] == 'x' ? 'y' : 'x';
    struct collected c = {0};
    idx_term_neighbours(ix, typo, len, 1, collect_term, &c);
    assert_true(collected_has(&c, target.term));
    /* A deletion plus a transposition: two edits. */
    memcpy(typo, target.key, len + 1);
    memmove(typo + 1, typo + 2, len - 1);
    size_t at = 2;
    while (typo[at] == typo[at + 1]) at++;
    char swap = typo[at];
    typo[at] = typo[at + 1];
    typo[at + 1] = swap;
    c.count = 0;
    idx_term_neighbours(ix, typo, len - 1, 1, collect_term, &c);
    assert_false(collected_has(&c, target.term));
    c.count = 0;
    idx_term_neighbours(ix, typo, len - 1, 2, collect_term, &c);
    assert_true(collected_has(&c, target.term));
    /* Two substitutions (needs the stored 2-deletion variants). */
    memcpy(typo, target.key, len + 1);
    typo[1] = typo[1] == 'q' ? 'z' : 'q';
    typo[len - 2] = typo[len - 2] == 'q' ? 'z' : 'q';
    c.count = 0;
    idx_term_neighbours(ix, typo, len, 2, collect_term, &c);
    assert_true(collected_has(&c, target.term));
    /* Nothing unrelated: every neighbour is within two edits. */
    for (size_t i = 0; i < c.count; i++) {
        const char *key = idx_term_key(ix, c.terms[i]);
        assert_true(strlen(key) + 2 >= len && strlen(key) <= len + 2);
    }
    /* The vessel's and the company's long tokens are not neighbours. */
    uint32_t o1 = lookup(ix, "o-1");
    struct idx_token other = longest_token(ix, name_of(ix, o1, "Bluefinch Shipping"));
    assert_false(collected_has(&c, other.term));
    c.count = 0;
    idx_term_neighbours(ix, "qqqqqqqqq", 9, 2, collect_term, &c);
    assert_int_equal(c.count, 0);
}

/* A one-letter typo of a listed word's Latin form is one edit away in the
 * Latin table, whatever the key fold makes of it; the term found posts the
 * word's names, and a word not listed within one edit finds nothing. */
static bool count_variant(void *ctx, uint64_t hash)
{
    (void)hash;
    (*(size_t *)ctx)++;
    return true;
}

/* How many variant hashes a key gives: stored, its two-deletion variants
 * under their own seed; probed, every variant under the first seed and
 * those of the stored two-deletion lengths (6..12 bytes) under both.  The
 * longest key's probe fits the reader's bound without being cut short. */
static void deletion_variants_are_counted_per_seed(void **state)
{
    (void)state;
    static const char key14[] = "abcdefghijklmn", key40[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    size_t n = 0;
    assert_true(idx_deletion_variants(key14, 14, 2, IDX_VARIANTS_STORED,
                                      count_variant, &n));
    assert_int_equal(n, 1 + 14 + 91);
    n = 0;
    assert_true(idx_deletion_variants(key14, 14, 2, IDX_VARIANTS_PROBED,
                                      count_variant, &n));
    assert_int_equal(n, 1 + 14 + 91 + 91);
    n = 0;
    assert_true(idx_deletion_variants(key14, 14, 1, IDX_VARIANTS_PROBED,
                                      count_variant, &n));
    assert_int_equal(n, 1 + 14);
    n = 0;
    assert_true(idx_deletion_variants(key40, 40, 2, IDX_VARIANTS_PROBED,
                                      count_variant, &n));
    assert_int_equal(n, 1 + 40 + 780);
}

static void latin_neighbours_find_one_typo_of_the_latin_form(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t p2 = lookup(ix, "p-2");
    uint32_t name = name_of(ix, p2, "Rostislava Montgomery-Quill");
    struct collected c = {0};
    idx_latin_neighbours(ix, "montgomry", 9, 1, collect_term, &c);
    assert_int_equal(c.count, 1);
    assert_string_equal(idx_term_key(ix, c.terms[0]), "=montgomery");
    uint32_t n;
    const uint32_t *post = idx_term_postings(ix, c.terms[0], &n);
    assert_int_equal(n, 1);
    assert_int_equal(post[0], name);
    c.count = 0;
    idx_latin_neighbours(ix, "montgomerie", 11, 1, collect_term, &c);
    assert_int_equal(c.count, 0);
    /* Two edits reach what one deletion on the listed side meets. */
    idx_latin_neighbours(ix, "montgomerie", 11, 2, collect_term, &c);
    assert_int_equal(c.count, 1);
    /* A Latin form of 5..12 letters keeps its two-deletion variants, so
     * two letters the query dropped are found too ("Rostislava" without
     * two), and a word three edits away is not. */
    c.count = 0;
    idx_latin_neighbours(ix, "rostslav", 8, 2, collect_term, &c);
    assert_int_equal(c.count, 1);
    assert_string_equal(idx_term_key(ix, c.terms[0]), "=rostislava");
    c.count = 0;
    idx_latin_neighbours(ix, "rostsla", 7, 2, collect_term, &c);
    assert_int_equal(c.count, 0);
    /* Keys never answer a Latin search, nor Latin forms a key search. */
    c.count = 0;
    idx_term_neighbours(ix, "=montgomery", 11, 1, collect_term, &c);
    for (size_t i = 0; i < c.count; i++)
        assert_true(idx_term_key(ix, c.terms[i])[0] != IDX_LATIN_PREFIX);
}

/* A key with more neighbours than the search's first seen-set holds:
 * every term within one edit is reported exactly once, nothing else. */
static void a_crowded_neighbourhood_is_reported_whole(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "n.idx");
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    static const char base[] = "Kelvoranu", letters[] = "bdfgkmnprstvz";
    char name[16], id[16];
    unsigned added = 0;
    for (size_t at = 0; at <= strlen(base); at++) {
        /* One substitution at each position, and the base name itself. */
        for (const char *l = letters; *l && (at < strlen(base) || l == letters); l++) {
            memcpy(name, base, sizeof(base));
            if (at < strlen(base)) name[at] = at ? *l : (char)(*l - 32);
            vigil_entity *e;
            assert_int_equal(vigil_entity_new(&e), VIGIL_OK);
            snprintf(id, sizeof(id), "n-%u", added++);
            vigil_entity_set_id(e, id);
            vigil_entity_add(e, "name", name);
            assert_int_equal(vigil_builder_add(b, e), VIGIL_OK);
            vigil_entity_free(e);
        }
    }
    assert_int_equal(vigil_builder_write(b, path, NULL), VIGIL_OK);
    vigil_builder_free(b);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    struct idx_token t;
    snprintf(id, sizeof(id), "n-%u", added - 1);
    idx_name_token(ix, name_of(ix, lookup(ix, id), base), 0, &t);
    assert_int_not_equal(t.term, UINT32_MAX);
    /* Keys and Latin forms (behind their prefix) are counted apart: a key
     * search reports keys only, a Latin search Latin forms only. */
    size_t within = 0, latin_within = 0;
    for (uint32_t term = 0; term < idx_term_count(ix); term++) {
        const char *key = idx_term_key(ix, term);
        if (key[0] == IDX_LATIN_PREFIX)
            latin_within += vg_edit_distance("kelvoranu", 9, key + 1,
                                             strlen(key + 1), 1) <= 1;
        else
            within += vg_edit_distance(t.key, strlen(t.key), key, strlen(key), 1) <= 1;
    }
    assert_true(within > 100);
    assert_true(latin_within > 100);
    struct collected m = {.count = 0};
    idx_term_neighbours(ix, t.key, strlen(t.key), 1, collect_term, &m);
    assert_int_equal(m.count, within);
    for (size_t i = 0; i < m.count; i++) {
        const char *key = idx_term_key(ix, m.terms[i]);
        assert_true(key[0] != IDX_LATIN_PREFIX);
        assert_true(vg_edit_distance(t.key, strlen(t.key), key, strlen(key), 1) <= 1);
    }
    m.count = 0;
    idx_latin_neighbours(ix, "kelvoranu", 9, 1, collect_term, &m);
    assert_int_equal(m.count, latin_within);
    for (size_t i = 0; i < m.count; i++)
        assert_int_equal(idx_term_key(ix, m.terms[i])[0], IDX_LATIN_PREFIX);
    assert_int_equal(vigil_index_verify(ix, NULL), VIGIL_OK);
    vigil_index_close(ix);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

/* collect_term without cmocka asserts, which must not run off the main
 * thread. */
static bool collect_quietly(void *ctx, uint32_t term)
{
    struct collected *c = ctx;
    if (c->count < MAX_COLLECTED) c->terms[c->count++] = term;
    return true;
}

/* One pass of reads whose result depends on every answer. */
static uint64_t read_everything(const vigil_index *ix)
{
    uint64_t h = 0;
    for (uint32_t name = 0; name < idx_name_count(ix); name++) {
        struct idx_name n;
        idx_name_get(ix, name, &n);
        for (uint32_t i = 0; i < n.token_count; i++) {
            struct idx_token t;
            idx_name_token(ix, name, i, &t);
            struct collected c = {0};
            idx_term_neighbours(ix, t.key, strlen(t.key), 2, collect_quietly, &c);
            for (size_t k = 0; k < c.count; k++) h = h * 31 + c.terms[k];
            uint32_t e;
            vigil_index_lookup(ix, vigil_index_entity_id(ix, n.entity), &e);
            h = h * 7 + e + idx_term_df(ix, t.term);
        }
    }
    return h;
}

struct reader_job {
    const vigil_index *ix;
    uint64_t result;
};

static void *reader_thread(void *arg)
{
    struct reader_job *job = arg;
    for (int round = 0; round < 20; round++) {
        uint64_t h = read_everything(job->ix);
        if (round > 0 && h != job->result) job->result = 0;
        else job->result = h;
    }
    return NULL;
}

static void accessors_are_reentrant_across_threads(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint64_t expected = read_everything(ix);
    struct reader_job jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (struct reader_job){ix, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, reader_thread, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_true(jobs[i].result == expected);
    }
}

static void evidence_is_normalized_at_build(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    uint32_t p1 = lookup(ix, "p-1");
    struct vg_date dates[4];
    assert_int_equal(idx_entity_birth_dates(ix, p1, dates, 4), 1);
    assert_int_equal(dates[0].year, 1984);
    assert_int_equal(dates[0].month, 1);
    assert_int_equal(dates[0].day, 8);
    char codes[8];
    assert_int_equal(idx_entity_countries(ix, p1, codes, 4), 1);
    assert_memory_equal(codes, "kp", 2);
    assert_int_equal(idx_entity_identifier_count(ix, p1), 1);
    struct idx_identifier id;
    idx_entity_identifier(ix, p1, 0, &id);
    assert_string_equal(id.prop, "passportNumber");
    assert_string_equal(id.value, "No. 83-1 234");
    assert_string_equal(id.normal, "831234");

    uint32_t p2 = lookup(ix, "p-2");
    assert_int_equal(idx_entity_birth_dates(ix, p2, dates, 4), 2);
    assert_int_equal(dates[0].year, 1961);
    assert_int_equal(dates[1].year, 1962);
    assert_int_equal(idx_entity_birth_dates(ix, p2, dates, 1), 1);
    assert_int_equal(idx_entity_countries(ix, p2, codes, 4), 0);

    uint32_t o1 = lookup(ix, "o-1");
    assert_int_equal(idx_entity_countries(ix, o1, codes, 4), 1);
    assert_memory_equal(codes, "pa", 2);
    idx_entity_identifier(ix, o1, 0, &id);
    assert_string_equal(id.normal, "9123456");
    /* The second "p-1" is a separate entity with its own evidence. */
    assert_int_equal(idx_entity_countries(ix, 3, codes, 4), 1);
    assert_memory_equal(codes, "kp", 2);
}

static void verify_accepts_a_good_index(void **state)
{
    const vigil_index *ix = ((struct env *)*state)->ix;
    vigil_error err = {0};
    assert_int_equal(vigil_index_verify(ix, &err), VIGIL_OK);
}

/* A version-1 file written earlier (the fuzz seed) still reads: the format
 * does not drift silently.  Keys depend on the normalizer of the day, so
 * only what the list itself fixes is checked. */
static void checked_in_version_1_file_still_reads(void **state)
{
    (void)state;
    vigil_index *ix;
    vigil_error err = {0};
    assert_int_equal(vigil_index_open("fuzz/corpus/index_load/fictional-two-sources.idx",
                                      &ix, &err),
                     VIGIL_OK);
    assert_int_equal(vigil_index_verify(ix, &err), VIGIL_OK);
    assert_int_equal(vigil_index_entity_count(ix), 5);
    assert_int_equal(vigil_index_source_count(ix), 2);
    assert_int_equal(vigil_index_name_count(ix), 9);
    uint32_t o1 = lookup(ix, "o-1");
    assert_string_equal(vigil_index_entity_caption(ix, o1),
                        "Bluefinch Maritime Trading Co., Ltd.");
    assert_int_equal(idx_entity_identifier_count(ix, o1), 1);
    vigil_source_info info;
    assert_int_equal(vigil_index_source(ix, 1, &info), VIGIL_OK);
    assert_string_equal(info.name, "fictional-eu");
    vigil_index_close(ix);
}

/* ------------------------------------------------------ builder rules */

static void builder_refuses_entities_without_id_or_name(void **state)
{
    (void)state;
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    vigil_entity *e;
    assert_int_equal(vigil_entity_new(&e), VIGIL_OK);
    vigil_entity_add(e, "name", "Nameless Id Holdings");
    assert_int_equal(vigil_builder_add(b, e), VIGIL_EINVAL);
    vigil_entity_clear(e);
    vigil_entity_set_id(e, "x-1");
    vigil_entity_add(e, "country", "PA");
    assert_int_equal(vigil_builder_add(b, e), VIGIL_EINVAL);
    vigil_entity_add(e, "alias", "Only An Alias Ltd");
    assert_int_equal(vigil_builder_add(b, e), VIGIL_OK);
    vigil_entity_free(e);
    vigil_builder_free(b);
}

static void repeated_id_in_a_source_is_merged(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "m.idx");
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    vigil_source_info info = {.name = "merge-test"};
    assert_int_equal(vigil_builder_add_source(b, &info), VIGIL_OK);
    vigil_entity *e;
    assert_int_equal(vigil_entity_new(&e), VIGIL_OK);
    vigil_entity_set_id(e, "dup");
    vigil_entity_add(e, "name", "Ardent Falcon Holdings");
    vigil_entity_add(e, "country", "PA");
    vigil_entity_add_dataset(e, "a");
    assert_int_equal(vigil_builder_add(b, e), VIGIL_OK);
    vigil_entity *other;
    assert_int_equal(vigil_entity_new(&other), VIGIL_OK);
    vigil_entity_set_id(other, "other");
    vigil_entity_add(other, "name", "Quiet Lantern Group");
    assert_int_equal(vigil_builder_add(b, other), VIGIL_OK);
    vigil_entity_clear(e);
    vigil_entity_set_id(e, "dup");
    vigil_entity_add(e, "name", "Ardent Falcon Holdings"); /* duplicate */
    vigil_entity_add(e, "alias", "Ardent Falcon");
    vigil_entity_add_dataset(e, "a");
    vigil_entity_add_dataset(e, "b");
    assert_int_equal(vigil_builder_add(b, e), VIGIL_OK);
    assert_int_equal(vigil_builder_write(b, path, NULL), VIGIL_OK);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    assert_int_equal(vigil_index_entity_count(ix), 2);
    uint32_t dup = lookup(ix, "dup");
    assert_int_equal(vigil_index_entity_prop_count(ix, dup), 3);
    const char *prop, *value;
    vigil_index_entity_prop(ix, dup, 2, &prop, &value);
    assert_string_equal(prop, "alias");
    assert_string_equal(value, "Ardent Falcon");
    assert_int_equal(vigil_index_entity_dataset_count(ix, dup), 2);
    assert_int_equal(vigil_index_entity_prop_count(ix, lookup(ix, "other")), 1);
    vigil_source_info got;
    assert_int_equal(vigil_index_source(ix, 0, &got), VIGIL_OK);
    assert_int_equal(got.entity_count, 2);
    assert_int_equal(vigil_index_verify(ix, NULL), VIGIL_OK);
    vigil_index_close(ix);
    vigil_entity_free(e);
    vigil_entity_free(other);
    vigil_builder_free(b);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

static void entities_without_a_source_get_a_default_one(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "d.idx");
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    assert_int_equal(fixture_add_all(b, fixture_second, 2), VIGIL_OK);
    assert_int_equal(vigil_builder_write(b, path, NULL), VIGIL_OK);
    /* Writing twice gives the same content. */
    char *path2 = fixture_path(dir, "d2.idx");
    assert_int_equal(vigil_builder_write(b, path2, NULL), VIGIL_OK);
    vigil_index *ix, *ix2;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    assert_int_equal(vigil_index_open(path2, &ix2, NULL), VIGIL_OK);
    assert_int_equal(vigil_index_source_count(ix), 1);
    assert_int_equal(vigil_index_entity_count(ix), 2);
    assert_string_equal(vigil_index_version(ix) + 21, vigil_index_version(ix2) + 21);
    vigil_index_close(ix);
    vigil_index_close(ix2);
    vigil_builder_free(b);
    fixture_rmdir(dir);
    free(dir);
    free(path);
    free(path2);
}

static void an_empty_builder_writes_an_empty_index(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "e.idx");
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    assert_int_equal(vigil_builder_write(b, path, NULL), VIGIL_OK);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    assert_int_equal(vigil_index_entity_count(ix), 0);
    assert_int_equal(idx_term_count(ix), 0);
    uint32_t e;
    assert_int_equal(vigil_index_lookup(ix, "x", &e), VIGIL_ENOTFOUND);
    struct collected c = {0};
    idx_term_neighbours(ix, "anything", 8, 2, collect_term, &c);
    assert_int_equal(c.count, 0);
    assert_int_equal(vigil_index_verify(ix, NULL), VIGIL_OK);
    vigil_index_close(ix);
    vigil_builder_free(b);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

/* ------------------------------------------------------ atomic write */

static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)))
        if (ent->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

static void failed_write_leaves_the_old_index(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir(), *path = fixture_path(dir, "a.idx");
    assert_int_equal(fixture_write(path), VIGIL_OK);
    vigil_index *ix;
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    char version[64];
    snprintf(version, sizeof(version), "%s", vigil_index_version(ix));
    vigil_index_close(ix);

    /* A different builder, failing at every allocation in turn. */
    vigil_builder *b;
    assert_int_equal(vigil_builder_new(&b), VIGIL_OK);
    assert_int_equal(fixture_add_all(b, fixture_second, 2), VIGIL_OK);
    vigil_status st = VIGIL_ENOMEM;
    long n;
    for (n = 0; st == VIGIL_ENOMEM && n < 100000; n++) {
        vigil_error err = {0};
        vg_alloc_fail_after(n);
        st = vigil_builder_write(b, path, &err);
        vg_alloc_fail_after(-1);
        if (st == VIGIL_OK) break;
        assert_int_equal(st, VIGIL_ENOMEM);
        assert_int_equal(err.status, VIGIL_ENOMEM);
        assert_int_equal(files_in(dir), 1); /* no temporary left behind */
        assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
        assert_string_equal(vigil_index_version(ix), version);
        assert_int_equal(vigil_index_entity_count(ix), 5);
        vigil_index_close(ix);
    }
    assert_int_equal(st, VIGIL_OK);
    assert_true(n > 5);
    assert_int_equal(vigil_index_open(path, &ix, NULL), VIGIL_OK);
    assert_int_equal(vigil_index_entity_count(ix), 2);
    vigil_index_close(ix);

    /* A write into a missing directory fails with EIO and changes nothing. */
    char *bad = fixture_path(dir, "missing/x.idx");
    vigil_error err = {0};
    assert_int_equal(vigil_builder_write(b, bad, &err), VIGIL_EIO);
    assert_non_null(strstr(err.file, "missing"));
    vigil_builder_free(b);
    free(bad);
    fixture_rmdir(dir);
    free(dir);
    free(path);
}

static void open_fails_only_with_enomem_until_it_succeeds(void **state)
{
    const char *path = ((struct env *)*state)->path;
    vigil_status st = VIGIL_ENOMEM;
    long n;
    for (n = 0; n < 1000; n++) {
        vigil_index *ix = NULL;
        vg_alloc_fail_after(n);
        st = vigil_index_open(path, &ix, NULL);
        vg_alloc_fail_after(-1);
        if (st == VIGIL_OK) {
            assert_int_equal(vigil_index_entity_count(ix), 5);
            vigil_index_close(ix);
            break;
        }
        assert_int_equal(st, VIGIL_ENOMEM);
        assert_null(ix);
    }
    assert_int_equal(st, VIGIL_OK);
}

static void builder_fails_only_with_enomem(void **state)
{
    (void)state;
    vigil_status st = VIGIL_ENOMEM;
    for (long n = 0; n < 100000 && st != VIGIL_OK; n++) {
        vigil_builder *b = NULL;
        vg_alloc_fail_after(n);
        st = vigil_builder_new(&b);
        if (st == VIGIL_OK) st = fixture_fill(b);
        vg_alloc_fail_after(-1);
        if (st != VIGIL_OK) assert_int_equal(st, VIGIL_ENOMEM);
        vigil_builder_free(b);
    }
    assert_int_equal(st, VIGIL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(counts_and_sources_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(entities_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(names_keep_the_strongest_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(every_token_is_a_term_with_its_name, setup, teardown),
        cmocka_unit_test_setup_teardown(postings_are_ascending_and_df_counts_names, setup, teardown),
        cmocka_unit_test_setup_teardown(join_term_finds_a_split_name, setup, teardown),
        cmocka_unit_test_setup_teardown(legal_forms_are_terms_of_their_class, setup, teardown),
        cmocka_unit_test_setup_teardown(neighbours_find_one_and_two_typos, setup, teardown),
        cmocka_unit_test(deletion_variants_are_counted_per_seed),
        cmocka_unit_test_setup_teardown(latin_neighbours_find_one_typo_of_the_latin_form, setup, teardown),
        cmocka_unit_test(a_crowded_neighbourhood_is_reported_whole),
        cmocka_unit_test_setup_teardown(evidence_is_normalized_at_build, setup, teardown),
        cmocka_unit_test_setup_teardown(accessors_are_reentrant_across_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(verify_accepts_a_good_index, setup, teardown),
        cmocka_unit_test_setup_teardown(open_fails_only_with_enomem_until_it_succeeds, setup, teardown),
        cmocka_unit_test(checked_in_version_1_file_still_reads),
        cmocka_unit_test(builder_refuses_entities_without_id_or_name),
        cmocka_unit_test(repeated_id_in_a_source_is_merged),
        cmocka_unit_test(entities_without_a_source_get_a_default_one),
        cmocka_unit_test(an_empty_builder_writes_an_empty_index),
        cmocka_unit_test(failed_write_leaves_the_old_index),
        cmocka_unit_test(builder_fails_only_with_enomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
