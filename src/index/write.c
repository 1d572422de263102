/*
 * write.c — vigil_builder_write: normalizes every name, derives terms,
 * postings, hash tables and evidence, and writes the index file atomically
 * (docs/index-format.md).
 *
 * Entities are processed in chunks: the names of a chunk are normalized on
 * two threads (norm_name is thread-safe and the pool is read-only while they
 * run), then one thread interns the tokens in entity order.  So names, and
 * therefore postings, come out in ascending order without a sort, and the
 * normalizer's scratch lives only as long as one chunk.  Everything after
 * that is counting sorts over flat arrays: no per-token allocation, no
 * comparison sort.  The builder itself is left as it was (apart from pool
 * strings), so write may be called again.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "builder.h"

enum { CHUNK_NAMES = 8192, MAX_JOIN_KEY = 256 };

struct vec {
    void *data;
    size_t len, cap;
};

static void *vec_push(struct vec *v, size_t size)
{
    if (!vg_grow(&v->data, &v->cap, v->len + 1, size)) return NULL;
    return (char *)v->data + size * v->len++;
}

#define VEC_AT(v, type, i) (((type *)(v).data)[i])

/* A name waiting for normalization. */
struct pending_name {
    uint32_t entity;
    uint32_t text;
    uint32_t kind;
};

/* A multi-valued hash table under construction (format.h layout). */
struct table {
    unsigned bits;
    uint32_t *dir; /* 2^bits + 1 */
    struct idx_rec_slot *slots;
    size_t count;
    bool filling;
    uint32_t value;
};

struct writer {
    vigil_builder *b;
    struct vec entities, props, datasets, dates, countries, idents;
    struct vec names, tokens, terms, pairs, postings, name_terms;
    struct idx_map term_of_key;
    struct idx_map prop_roles; /* property name offset -> prop_role() */
    struct table term_table, id_table, del_table;

    /* one chunk */
    struct vec pending;
    struct norm_name *normalized;
    vigil_status *norm_status;
    size_t normalized_cap;
    struct vg_arena arenas[2];
};

struct posting_pair {
    uint32_t term, name;
};

/* ----------------------------------------------------- normalization */

struct norm_job {
    struct writer *w;
    size_t begin, end;
    struct vg_arena *arena;
};

struct worker {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned posted, done;
    bool quit, running;
    struct norm_job job;
};

static void run_job(const struct norm_job *job)
{
    struct writer *w = job->w;
    vg_arena_reset(job->arena);
    for (size_t i = job->begin; i < job->end; i++) {
        const struct pending_name *p = &VEC_AT(w->pending, struct pending_name, i);
        const struct idx_bentity *e = &w->b->entities[p->entity];
        w->normalized[i] = (struct norm_name){0};
        w->norm_status[i] = norm_name(idx_pool_str(w->b, p->text),
                                      (vigil_schema)e->schema, job->arena,
                                      &w->normalized[i]);
    }
}

static void *worker_main(void *arg)
{
    struct worker *wk = arg;
    unsigned seen = 0;
    pthread_mutex_lock(&wk->mu);
    for (;;) {
        while (wk->posted == seen && !wk->quit) pthread_cond_wait(&wk->cv, &wk->mu);
        if (wk->quit) break;
        seen = wk->posted;
        struct norm_job job = wk->job;
        pthread_mutex_unlock(&wk->mu);
        run_job(&job);
        pthread_mutex_lock(&wk->mu);
        wk->done = seen;
        pthread_cond_broadcast(&wk->cv);
    }
    pthread_mutex_unlock(&wk->mu);
    norm_thread_cleanup();
    return NULL;
}

static void worker_start(struct worker *wk)
{
    *wk = (struct worker){0};
    pthread_mutex_init(&wk->mu, NULL);
    pthread_cond_init(&wk->cv, NULL);
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2) return;
    wk->running = pthread_create(&wk->thread, NULL, worker_main, wk) == 0;
}

static void worker_stop(struct worker *wk)
{
    if (wk->running) {
        pthread_mutex_lock(&wk->mu);
        wk->quit = true;
        pthread_cond_broadcast(&wk->cv);
        pthread_mutex_unlock(&wk->mu);
        pthread_join(wk->thread, NULL);
    }
    pthread_mutex_destroy(&wk->mu);
    pthread_cond_destroy(&wk->cv);
}

/* Normalizes the pending names: half on the worker, half here. */
static void normalize_pending(struct writer *w, struct worker *wk)
{
    size_t n = w->pending.len;
    struct norm_job mine = {w, 0, n, &w->arenas[0]};
    if (wk->running && n > 64) {
        mine.begin = n / 2;
        pthread_mutex_lock(&wk->mu);
        wk->job = (struct norm_job){w, 0, n / 2, &w->arenas[1]};
        wk->posted++;
        pthread_cond_broadcast(&wk->cv);
        pthread_mutex_unlock(&wk->mu);
        run_job(&mine);
        pthread_mutex_lock(&wk->mu);
        while (wk->done != wk->posted) pthread_cond_wait(&wk->cv, &wk->mu);
        pthread_mutex_unlock(&wk->mu);
        return;
    }
    run_job(&mine);
}

/* --------------------------------------------------------- terms */

static vigil_status term_for(struct writer *w, uint32_t key, uint32_t flag,
                             uint32_t *term)
{
    if (idx_map_get(&w->term_of_key, key, term)) {
        VEC_AT(w->terms, struct idx_rec_term, *term).flags |= flag;
        return VIGIL_OK;
    }
    if (w->terms.len >= UINT32_MAX - 1) return VIGIL_ELIMIT;
    struct idx_rec_term *t = vec_push(&w->terms, sizeof(*t));
    if (!t) return VIGIL_ENOMEM;
    *t = (struct idx_rec_term){.key = key, .flags = flag};
    *term = (uint32_t)(w->terms.len - 1);
    if (!idx_map_put(&w->term_of_key, key, *term)) return VIGIL_ENOMEM;
    return VIGIL_OK;
}

/* Records that `name` contains `term`, once per name. */
static vigil_status post(struct writer *w, uint32_t term, uint32_t name)
{
    for (size_t i = 0; i < w->name_terms.len; i++)
        if (VEC_AT(w->name_terms, uint32_t, i) == term) return VIGIL_OK;
    uint32_t *seen = vec_push(&w->name_terms, sizeof(*seen));
    struct posting_pair *pair = vec_push(&w->pairs, sizeof(*pair));
    if (!seen || !pair) return VIGIL_ENOMEM;
    *seen = term;
    *pair = (struct posting_pair){term, name};
    return VIGIL_OK;
}

static bool joinable(enum norm_class cls)
{
    return cls == NORM_WORD || cls == NORM_PARTICLE;
}

static vigil_status add_token(struct writer *w, const struct norm_token *nt,
                              uint32_t name)
{
    vigil_builder *b = w->b;
    struct idx_rec_token rec = {.script = (uint8_t)nt->script,
                                .cls = (uint8_t)nt->cls,
                                .flags = (uint8_t)nt->flags};
    uint32_t key;
    VG_TRY(idx_intern(b, nt->orig, strlen(nt->orig), &rec.orig));
    VG_TRY(idx_intern(b, nt->latin, strlen(nt->latin), &rec.latin));
    VG_TRY(idx_intern(b, nt->path, strlen(nt->path), &rec.path));
    VG_TRY(idx_intern(b, nt->key, strlen(nt->key), &key));
    VG_TRY(term_for(w, key, IDX_TERM_TOKEN, &rec.term));
    if (w->tokens.len >= UINT32_MAX - 1) return VIGIL_ELIMIT;
    struct idx_rec_token *slot = vec_push(&w->tokens, sizeof(*slot));
    if (!slot) return VIGIL_ENOMEM;
    *slot = rec;
    return post(w, rec.term, name);
}

static vigil_status add_join(struct writer *w, const struct norm_token *a,
                             const struct norm_token *b2, uint32_t name)
{
    size_t alen = strlen(a->key), blen = strlen(b2->key);
    if (!alen || !blen || alen + blen > MAX_JOIN_KEY) return VIGIL_OK;
    char joined[MAX_JOIN_KEY];
    memcpy(joined, a->key, alen);
    memcpy(joined + alen, b2->key, blen);
    uint32_t key, term;
    VG_TRY(idx_intern(w->b, joined, alen + blen, &key));
    VG_TRY(term_for(w, key, IDX_TERM_JOIN, &term));
    return post(w, term, name);
}

/* Posts name under a retrieval-only term (a skeleton or a Latin form). */
static vigil_status post_lookup_term(struct writer *w, const char *key,
                                     uint32_t flag, uint32_t name)
{
    uint32_t interned, term;
    VG_TRY(idx_intern(w->b, key, strlen(key), &interned));
    VG_TRY(term_for(w, interned, flag, &term));
    return post(w, term, name);
}

/* Arabic script writes few vowels, so an Arabic-script query word meets a
 * Latin listing through the consonants both share (docs/normalization.md,
 * "Consonant skeleton"); the skeleton is a retrieval term only, never a key.
 * A word's Latin form is a typo lookup term too (format.h, IDX_TERM_LATIN). */
static vigil_status add_lookup_terms(struct writer *w,
                                     const struct norm_token *t, uint32_t name)
{
    char key[IDX_SKELETON_KEY_MAX];
    if (t->cls != NORM_WORD) return VIGIL_OK;
    if (idx_skeleton_key(t->latin, key, sizeof(key)))
        VG_TRY(post_lookup_term(w, key, IDX_TERM_SKELETON, name));
    if (idx_latin_key(t->latin, strlen(t->latin), key, sizeof(key)))
        VG_TRY(post_lookup_term(w, key, IDX_TERM_LATIN, name));
    return VIGIL_OK;
}

static vigil_status add_name(struct writer *w, const struct pending_name *p,
                             const struct norm_name *nn)
{
    if (nn->count == 0) return VIGIL_OK;
    if (w->names.len >= UINT32_MAX - 1) return VIGIL_ELIMIT;
    uint32_t name = (uint32_t)w->names.len;
    struct idx_rec_name *rec = vec_push(&w->names, sizeof(*rec));
    if (!rec) return VIGIL_ENOMEM;
    *rec = (struct idx_rec_name){.entity = p->entity, .text = p->text,
                                 .token_start = (uint32_t)w->tokens.len,
                                 .kind = p->kind};
    w->name_terms.len = 0;
    for (size_t i = 0; i < nn->count; i++)
        VG_TRY(add_token(w, &nn->tokens[i], name));
    for (size_t i = 0; i + 1 < nn->count; i++)
        if (joinable(nn->tokens[i].cls) && joinable(nn->tokens[i + 1].cls))
            VG_TRY(add_join(w, &nn->tokens[i], &nn->tokens[i + 1], name));
    for (size_t i = 0; i < nn->count; i++)
        VG_TRY(add_lookup_terms(w, &nn->tokens[i], name));
    return VIGIL_OK;
}

/* --------------------------------------------------------- entities */

/* Name kind and property class of a property name, looked up once per
 * distinct name (the model's tables are searched by string). */
struct prop_role {
    int kind; /* vg_name_kind */
    enum vg_prop_class cls;
};

static struct prop_role prop_role(struct writer *w, uint32_t prop)
{
    uint32_t packed;
    if (!idx_map_get(&w->prop_roles, prop, &packed)) {
        const char *name = idx_pool_str(w->b, prop);
        packed = (uint32_t)(vg_name_kind(name) + 1) << 8 | vg_prop_class(name);
        idx_map_put(&w->prop_roles, prop, packed); /* a cache: may fail */
    }
    return (struct prop_role){(int)(packed >> 8) - 1,
                              (enum vg_prop_class)(packed & 0xff)};
}

static vigil_status queue_names(struct writer *w, uint32_t entity)
{
    const vigil_builder *b = w->b;
    const struct idx_bentity *e = &b->entities[entity];
    size_t first = w->pending.len;
    for (uint32_t i = 0; i < e->prop_count; i++) {
        struct idx_rec_prop pv = b->props[e->prop_first + i];
        int kind = prop_role(w, pv.prop).kind;
        if (kind < 0 || !pv.value) continue;
        bool dup = false;
        /* One text listed under two kinds is one name of the stronger. */
        for (size_t j = first; j < w->pending.len && !dup; j++) {
            struct pending_name *q = &VEC_AT(w->pending, struct pending_name, j);
            if (q->text == pv.value) {
                dup = true;
                if ((uint32_t)kind < q->kind) q->kind = (uint32_t)kind;
            }
        }
        if (dup) continue;
        struct pending_name *p = vec_push(&w->pending, sizeof(*p));
        if (!p) return VIGIL_ENOMEM;
        *p = (struct pending_name){entity, pv.value, (uint32_t)kind};
    }
    return VIGIL_OK;
}

static uint32_t caption_of(struct writer *w, const struct idx_bentity *e)
{
    const vigil_builder *b = w->b;
    uint32_t alias = 0;
    for (uint32_t i = 0; i < e->prop_count; i++) {
        struct idx_rec_prop pv = b->props[e->prop_first + i];
        int kind = prop_role(w, pv.prop).kind;
        if (kind == VG_NAME_PRIMARY) return pv.value;
        if (kind >= 0 && !alias) alias = pv.value;
    }
    return alias ? alias : e->id;
}

static bool date_seen(const struct vec *dates, size_t first,
                      struct idx_rec_date d)
{
    for (size_t i = first; i < dates->len; i++) {
        struct idx_rec_date x = VEC_AT(*dates, struct idx_rec_date, i);
        if (x.year == d.year && x.month == d.month && x.day == d.day)
            return true;
    }
    return false;
}

static vigil_status add_date(struct writer *w, size_t first, const char *text)
{
    struct vg_date date;
    if (!vg_date_parse(text, &date) || date.year < 0 || date.year > 65535)
        return VIGIL_OK;
    struct idx_rec_date d = {(uint16_t)date.year, (uint8_t)date.month,
                             (uint8_t)date.day};
    if (date_seen(&w->dates, first, d)) return VIGIL_OK;
    struct idx_rec_date *slot = vec_push(&w->dates, sizeof(*slot));
    if (!slot) return VIGIL_ENOMEM;
    *slot = d;
    return VIGIL_OK;
}

static vigil_status add_country(struct writer *w, size_t first,
                                const char *text)
{
    char code[3];
    if (!vg_country_code(text, code)) return VIGIL_OK;
    for (size_t i = first; i < w->countries.len; i++)
        if (memcmp((char *)w->countries.data + 2 * i, code, 2) == 0)
            return VIGIL_OK;
    char *slot = vec_push(&w->countries, 2);
    if (!slot) return VIGIL_ENOMEM;
    memcpy(slot, code, 2);
    return VIGIL_OK;
}

static vigil_status add_ident(struct writer *w, struct idx_rec_prop pv)
{
    char normal[256];
    size_t n = vg_identifier_normalize(idx_pool_str(w->b, pv.value), normal,
                                       sizeof(normal));
    if (n == 0) return VIGIL_OK;
    struct idx_rec_ident rec = {.prop = pv.prop, .value = pv.value};
    VG_TRY(idx_intern(w->b, normal, n, &rec.normal));
    struct idx_rec_ident *slot = vec_push(&w->idents, sizeof(*slot));
    if (!slot) return VIGIL_ENOMEM;
    *slot = rec;
    return VIGIL_OK;
}

/* Copies properties and datasets of one entity and derives its evidence. */
static vigil_status add_entity(struct writer *w, uint32_t entity)
{
    const vigil_builder *b = w->b;
    const struct idx_bentity *e = &b->entities[entity];
    struct idx_rec_entity *rec = vec_push(&w->entities, sizeof(*rec));
    if (!rec) return VIGIL_ENOMEM;
    *rec = (struct idx_rec_entity){
        .id = e->id, .caption = caption_of(w, e), .source = e->source,
        .schema = e->schema, .prop_start = (uint32_t)w->props.len,
        .dataset_start = (uint32_t)w->datasets.len,
        .name_start = (uint32_t)w->names.len,
        .date_start = (uint32_t)w->dates.len,
        .country_start = (uint32_t)w->countries.len,
        .ident_start = (uint32_t)w->idents.len};
    size_t dates = w->dates.len, countries = w->countries.len;
    for (uint32_t i = 0; i < e->prop_count; i++) {
        struct idx_rec_prop pv = b->props[e->prop_first + i];
        struct idx_rec_prop *slot = vec_push(&w->props, sizeof(*slot));
        if (!slot) return VIGIL_ENOMEM;
        *slot = pv;
        const char *value = idx_pool_str(b, pv.value);
        switch (prop_role(w, pv.prop).cls) {
        case VG_PROP_BIRTH_DATE: VG_TRY(add_date(w, dates, value)); break;
        case VG_PROP_COUNTRY: VG_TRY(add_country(w, countries, value)); break;
        case VG_PROP_IDENTIFIER: VG_TRY(add_ident(w, pv)); break;
        default: break;
        }
    }
    for (uint32_t i = 0; i < e->dataset_count; i++) {
        uint32_t *slot = vec_push(&w->datasets, sizeof(*slot));
        if (!slot) return VIGIL_ENOMEM;
        *slot = b->datasets[e->dataset_first + i];
    }
    return VIGIL_OK;
}

static vigil_status grow_chunk(struct writer *w)
{
    size_t n = w->pending.len;
    if (n <= w->normalized_cap) return VIGIL_OK;
    vg_free(w->normalized);
    vg_free(w->norm_status);
    w->normalized = vg_malloc(n * sizeof(*w->normalized));
    w->norm_status = vg_malloc(n * sizeof(*w->norm_status));
    w->normalized_cap = (w->normalized && w->norm_status) ? n : 0;
    return w->normalized_cap ? VIGIL_OK : VIGIL_ENOMEM;
}

static vigil_status process_chunk(struct writer *w, struct worker *wk,
                                  uint32_t first, uint32_t end,
                                  vigil_error *err, const char *path)
{
    VG_TRY(grow_chunk(w));
    normalize_pending(w, wk);
    size_t next = 0;
    for (uint32_t e = first; e < end; e++) {
        VG_TRY(add_entity(w, e));
        for (; next < w->pending.len; next++) {
            const struct pending_name *p =
                &VEC_AT(w->pending, struct pending_name, next);
            if (p->entity != e) break;
            vigil_status st = w->norm_status[next];
            if (st != VIGIL_OK)
                return vg_fail(err, st, path, 0, "name",
                               "cannot normalize \"%.80s\" of entity %s",
                               idx_pool_str(w->b, p->text),
                               idx_pool_str(w->b, w->b->entities[e].id));
            VG_TRY(add_name(w, p, &w->normalized[next]));
        }
    }
    w->pending.len = 0;
    return VIGIL_OK;
}

static vigil_status add_sentinels(struct writer *w)
{
    struct idx_rec_entity *e = vec_push(&w->entities, sizeof(*e));
    struct idx_rec_name *n = vec_push(&w->names, sizeof(*n));
    if (!e || !n) return VIGIL_ENOMEM;
    *e = (struct idx_rec_entity){
        .prop_start = (uint32_t)w->props.len,
        .dataset_start = (uint32_t)w->datasets.len,
        .name_start = (uint32_t)w->names.len - 1,
        .date_start = (uint32_t)w->dates.len,
        .country_start = (uint32_t)w->countries.len,
        .ident_start = (uint32_t)w->idents.len};
    *n = (struct idx_rec_name){.entity = UINT32_MAX,
                               .token_start = (uint32_t)w->tokens.len};
    return VIGIL_OK;
}

static vigil_status collect(struct writer *w, const char *path,
                            vigil_error *err)
{
    struct worker wk;
    worker_start(&wk);
    vigil_status st = VIGIL_OK;
    uint32_t first = 0;
    size_t count = w->b->entity_count;
    for (uint32_t e = 0; e < count && st == VIGIL_OK; e++) {
        st = queue_names(w, e);
        if (st == VIGIL_OK && (w->pending.len >= CHUNK_NAMES || e + 1 == count)) {
            st = process_chunk(w, &wk, first, e + 1, err, path);
            first = e + 1;
        }
    }
    worker_stop(&wk);
    if (st == VIGIL_OK) st = add_sentinels(w);
    return st;
}

/* --------------------------------------------------------- postings */

static vigil_status build_postings(struct writer *w)
{
    size_t terms = w->terms.len, pairs = w->pairs.len;
    if (pairs >= UINT32_MAX) return VIGIL_ELIMIT;
    struct idx_rec_term *t = vec_push(&w->terms, sizeof(*t)); /* sentinel */
    uint32_t *postings = vg_malloc((pairs ? pairs : 1) * sizeof(uint32_t));
    if (!t || !postings) {
        vg_free(postings);
        return VIGIL_ENOMEM;
    }
    *t = (struct idx_rec_term){0};
    struct idx_rec_term *term = w->terms.data;
    const struct posting_pair *pair = w->pairs.data;
    for (size_t i = 0; i < pairs; i++) term[pair[i].term + 1].posting_start++;
    for (size_t i = 0; i < terms; i++)
        term[i + 1].posting_start += term[i].posting_start;
    /* Fill through the starts as cursors, then shift them back. */
    for (size_t i = 0; i < pairs; i++)
        postings[term[pair[i].term].posting_start++] = pair[i].name;
    for (size_t i = terms; i > 0; i--)
        term[i].posting_start = term[i - 1].posting_start;
    term[0].posting_start = 0;
    double n = (double)(w->names.len - 1);
    for (size_t i = 0; i < terms; i++) {
        uint32_t df = term[i + 1].posting_start - term[i].posting_start;
        term[i].idf = df ? (float)log(1.0 + n / df) : 0.0f;
    }
    w->postings = (struct vec){postings, pairs, pairs};
    vg_free(w->pairs.data);
    w->pairs = (struct vec){0};
    return VIGIL_OK;
}

/* --------------------------------------------------------- hash tables */

static bool table_add(void *ctx, uint64_t hash)
{
    struct table *t = ctx;
    uint32_t bucket = idx_bucket(hash, t->bits);
    if (!t->filling) {
        t->dir[bucket + 1]++;
        t->count++;
    } else {
        t->slots[t->dir[bucket]++] =
            (struct idx_rec_slot){(uint32_t)hash, t->value};
    }
    return true;
}

static vigil_status table_begin(struct table *t, uint64_t estimate)
{
    t->bits = idx_dir_bits(estimate);
    t->dir = vg_calloc(((size_t)1 << t->bits) + 1, sizeof(uint32_t));
    return t->dir ? VIGIL_OK : VIGIL_ENOMEM;
}

/* After the counting pass: bucket starts, and room for the slots. */
static vigil_status table_fill(struct table *t)
{
    size_t buckets = (size_t)1 << t->bits;
    if (t->count >= UINT32_MAX) return VIGIL_ELIMIT;
    for (size_t i = 0; i < buckets; i++) t->dir[i + 1] += t->dir[i];
    t->slots = vg_malloc((t->count ? t->count : 1) * sizeof(*t->slots));
    if (!t->slots) return VIGIL_ENOMEM;
    t->filling = true;
    return VIGIL_OK;
}

static void table_end(struct table *t)
{
    for (size_t i = (size_t)1 << t->bits; i > 0; i--) t->dir[i] = t->dir[i - 1];
    t->dir[0] = 0;
}

static void table_free(struct table *t)
{
    vg_free(t->dir);
    vg_free(t->slots);
}

/* Deletions stored for a term; -1: none (join-only terms: they are most of
 * the terms, long and nearly all unique, and a typo inside a split name is
 * still found through the name's other tokens; skeletons).  Latin forms of
 * middling length get two, so that a two-edit lookup of an unknown word
 * reaches every listed word two typos away, the letters the query dropped
 * included ("Pssta" / PASSAT); shorter ones have too many such neighbours
 * to tell anything, longer ones are reached through their keys. */
static int deletions_for(const struct idx_rec_term *term, size_t len)
{
    if (term->flags & IDX_TERM_LATIN)
        return len - 1 >= IDX_LATIN_DEL2_MIN_LEN &&
                       len - 1 <= IDX_LATIN_DEL2_MAX_LEN ? 2 : 1;
    if (!(term->flags & IDX_TERM_TOKEN)) return -1;
    return len >= IDX_DEL2_MIN_LEN && len <= IDX_DEL2_MAX_LEN ? 2 : 1;
}

static uint64_t variant_estimate(size_t len, int deletions)
{
    if (deletions < 0) return 0;
    if (len < 2 || len > IDX_TYPO_MAX_LEN) return 1;
    return 1 + len + (deletions == 2 ? len * (len - 1) / 2 : 0);
}

static vigil_status build_tables(struct writer *w)
{
    const vigil_builder *b = w->b;
    const struct idx_rec_term *terms = w->terms.data;
    size_t term_count = w->terms.len - 1;
    const struct idx_rec_entity *ents = w->entities.data;
    size_t entity_count = w->entities.len - 1;
    uint64_t del_estimate = 0;
    for (size_t i = 0; i < term_count; i++) {
        size_t len = strlen(idx_pool_str(b, terms[i].key));
        del_estimate += variant_estimate(len, deletions_for(&terms[i], len));
    }
    VG_TRY(table_begin(&w->term_table, term_count));
    VG_TRY(table_begin(&w->id_table, entity_count));
    VG_TRY(table_begin(&w->del_table, del_estimate));
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < term_count; i++) {
            const char *key = idx_pool_str(b, terms[i].key);
            size_t len = strlen(key);
            w->term_table.value = w->del_table.value = (uint32_t)i;
            table_add(&w->term_table, vg_hash64(key, len, IDX_SEED_TERM));
            int deletions = deletions_for(&terms[i], len);
            if (deletions >= 0)
                idx_deletion_variants(key, len, deletions,
                                      IDX_VARIANTS_STORED, table_add,
                                      &w->del_table);
        }
        for (size_t i = 0; i < entity_count; i++) {
            const char *id = idx_pool_str(b, ents[i].id);
            w->id_table.value = (uint32_t)i;
            table_add(&w->id_table, vg_hash64(id, strlen(id), IDX_SEED_ID));
        }
        if (pass == 0) {
            VG_TRY(table_fill(&w->term_table));
            VG_TRY(table_fill(&w->id_table));
            VG_TRY(table_fill(&w->del_table));
        }
    }
    table_end(&w->term_table);
    table_end(&w->id_table);
    table_end(&w->del_table);
    return VIGIL_OK;
}

/* --------------------------------------------------------- output */

struct out {
    int fd;
    const char *path;
    vigil_error *err;
    unsigned char *block;
    size_t used;
    uint64_t hash;
    vigil_status status;
};

static void out_flush(struct out *o)
{
    if (!o->used || o->status != VIGIL_OK) return;
    o->hash = vg_hash64(o->block, o->used, o->hash);
    o->status = vg_write_all(o->fd, o->block, o->used, o->path, o->err);
    o->used = 0;
}

static void out_put(struct out *o, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len && o->status == VIGIL_OK) {
        size_t n = VG_MIN(len, IDX_CHECKSUM_BLOCK - o->used);
        if (p) memcpy(o->block + o->used, p, n);
        else memset(o->block + o->used, 0, n);
        o->used += n;
        if (p) p += n;
        len -= n;
        if (o->used == IDX_CHECKSUM_BLOCK) out_flush(o);
    }
}

struct section_out {
    uint32_t id;
    const void *data;
    size_t length;
};

struct file_plan {
    struct writer *w;
    const char *path;
    struct section_out sections[IDX_SEC_LAST];
    size_t count;
};

static void plan_add(struct file_plan *plan, uint32_t id, const void *data,
                     size_t length)
{
    plan->sections[plan->count++] = (struct section_out){id, data, length};
}

static void plan_table(struct file_plan *plan, uint32_t dir_id,
                       const struct table *t)
{
    plan_add(plan, dir_id, t->dir, (((size_t)1 << t->bits) + 1) * 4);
    plan_add(plan, dir_id + 1, t->slots, t->count * sizeof(*t->slots));
}

static void plan_file(struct file_plan *plan, struct writer *w)
{
    const vigil_builder *b = w->b;
    plan->w = w;
    plan->count = 0;
    plan_add(plan, IDX_SEC_STRINGS, b->pool, b->pool_len);
    plan_add(plan, IDX_SEC_SOURCES, b->sources,
             b->source_count * sizeof(*b->sources));
    const struct vec *vecs[] = {&w->entities, &w->props, &w->datasets,
                                &w->dates, &w->countries, &w->idents,
                                &w->names, &w->tokens, &w->terms,
                                &w->postings};
    for (uint32_t id = IDX_SEC_ENTITIES; id <= IDX_SEC_POSTINGS; id++) {
        const struct vec *v = vecs[id - IDX_SEC_ENTITIES];
        plan_add(plan, id, v->data, v->len * idx_record_size[id]);
    }
    plan_table(plan, IDX_SEC_TERM_DIR, &w->term_table);
    plan_table(plan, IDX_SEC_ID_DIR, &w->id_table);
    plan_table(plan, IDX_SEC_DEL_DIR, &w->del_table);
}

static uint64_t align8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

static vigil_status write_file(void *ctx, int fd, vigil_error *err)
{
    struct file_plan *plan = ctx;
    struct idx_section table[IDX_SEC_LAST];
    uint64_t offset = align8(IDX_HEADER_SIZE + plan->count * sizeof(table[0]));
    for (size_t i = 0; i < plan->count; i++) {
        table[i] = (struct idx_section){.id = plan->sections[i].id,
                                        .offset = offset,
                                        .length = plan->sections[i].length};
        offset = align8(offset + plan->sections[i].length);
    }
    struct idx_header header = {.version = IDX_VERSION, .file_size = offset,
                                .section_count = (uint16_t)plan->count,
                                .del2_min_len = IDX_DEL2_MIN_LEN,
                                .del2_max_len = IDX_DEL2_MAX_LEN};
    memcpy(header.magic, IDX_MAGIC, 8);
    vg_utc_now(header.built);
    VG_TRY(vg_write_all(fd, &header, sizeof(header), plan->path, err));

    struct out o = {.fd = fd, .path = plan->path, .err = err};
    o.block = vg_malloc(IDX_CHECKSUM_BLOCK);
    if (!o.block) return vg_fail(err, VIGIL_ENOMEM, plan->path, 0, NULL, NULL);
    uint64_t pos = IDX_HEADER_SIZE;
    out_put(&o, table, plan->count * sizeof(table[0]));
    pos += plan->count * sizeof(table[0]);
    for (size_t i = 0; i < plan->count; i++) {
        out_put(&o, NULL, table[i].offset - pos);
        out_put(&o, plan->sections[i].data, table[i].length);
        pos = table[i].offset + table[i].length;
    }
    out_put(&o, NULL, offset - pos);
    out_flush(&o);
    vg_free(o.block);
    VG_TRY(o.status);
    header.checksum = o.hash;
    header.head_check = idx_head_check(&header, table, plan->count);
    if (pwrite(fd, &header, sizeof(header), 0) != (ssize_t)sizeof(header))
        return vg_fail(err, VIGIL_EIO, plan->path, 0, NULL, "write: %s",
                       strerror(errno));
    return VIGIL_OK;
}

/* --------------------------------------------------------- entry point */

static void writer_free(struct writer *w)
{
    struct vec *vecs[] = {&w->entities, &w->props, &w->datasets, &w->dates,
                          &w->countries, &w->idents, &w->names, &w->tokens,
                          &w->terms, &w->pairs, &w->postings, &w->name_terms,
                          &w->pending};
    for (size_t i = 0; i < VG_ARRAY_LEN(vecs); i++) vg_free(vecs[i]->data);
    idx_map_free(&w->term_of_key);
    idx_map_free(&w->prop_roles);
    table_free(&w->term_table);
    table_free(&w->id_table);
    table_free(&w->del_table);
    vg_free(w->normalized);
    vg_free(w->norm_status);
    vg_arena_free(&w->arenas[0]);
    vg_arena_free(&w->arenas[1]);
}

vigil_status vigil_builder_write(vigil_builder *b, const char *path,
                                 vigil_error *err)
{
    if (!b || !path)
        return vg_fail(err, VIGIL_EINVAL, path, 0, NULL, "no builder or path");
    struct writer w = {.b = b};
    vg_arena_init(&w.arenas[0], 1 << 20);
    vg_arena_init(&w.arenas[1], 1 << 20);
    /* Steps that fail with a bare status leave `failure` empty. */
    vigil_error failure = {0};
    vigil_status st = collect(&w, path, &failure);
    if (st == VIGIL_OK) st = build_postings(&w);
    if (st == VIGIL_OK) st = build_tables(&w);
    if (st == VIGIL_OK) {
        struct file_plan plan;
        plan_file(&plan, &w);
        plan.path = path;
        st = vg_write_atomic(path, write_file, &plan, &failure);
    }
    if (st != VIGIL_OK && failure.status != st)
        vg_fail(&failure, st, path, 0, NULL, "building the index: %s",
                vigil_strerror(st));
    if (st != VIGIL_OK && err) *err = failure;
    writer_free(&w);
    return st;
}
