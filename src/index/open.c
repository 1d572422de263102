/*
 * open.c — vigil_index_open and vigil_index_close: maps an index file
 * read-only and checks, before reading any section, the header, the header
 * check (which covers the section table) and that every section lies inside
 * the file with a whole number of records, and that every posting is a
 * name number (the one check over a whole section: see check_postings).
 * It does not hash the body (that is vigil_index_verify's job, see
 * docs/index-format.md): the accessors are written so that damaged records
 * can never make them read outside the map, which keeps open cheap for a
 * large index.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reader.h"

static vigil_status corrupt(vigil_error *err, const char *path, uint32_t id,
                            const char *fmt, const char *detail)
{
    return vg_fail(err, VIGIL_ECORRUPT, path, 0,
                   id <= IDX_SEC_LAST ? idx_section_name[id] : "section table",
                   fmt, detail);
}

static vigil_status check_header(const struct idx_header *h, size_t size,
                                 const char *path, vigil_error *err)
{
    if (memcmp(h->magic, IDX_MAGIC, 8) != 0)
        return corrupt(err, path, 0, "%s", "not a vigil index (bad magic)");
    if (h->version < IDX_OLDEST_VERSION || h->version > IDX_VERSION ||
        h->flags != 0)
        return vg_fail(err, VIGIL_EVERSION, path, 0, "header",
                       "index format version %u (flags %#x); this build reads "
                       "versions %u to %u",
                       h->version, h->flags, IDX_OLDEST_VERSION, IDX_VERSION);
    if (h->file_size != size)
        return vg_fail(err, VIGIL_ECORRUPT, path, 0, "header",
                       "file is %zu bytes but its header says %llu "
                       "(truncated or damaged)",
                       size, (unsigned long long)h->file_size);
    if (h->section_count == 0 || h->section_count > IDX_MAX_SECTIONS ||
        IDX_HEADER_SIZE + (size_t)h->section_count * sizeof(struct idx_section) >
            size)
        return corrupt(err, path, 0, "%s", "bad section count");
    const struct idx_section *table =
        (const struct idx_section *)((const char *)h + IDX_HEADER_SIZE);
    if (idx_head_check(h, table, h->section_count) != h->head_check)
        return corrupt(err, path, 0, "%s",
                       "header or section table damaged (check mismatch)");
    return VIGIL_OK;
}

/* Finds each known section; checks bounds, alignment and record size. */
static vigil_status locate_sections(const unsigned char *map, size_t size,
                                    const char *path,
                                    const struct idx_section *found[],
                                    vigil_error *err)
{
    const struct idx_header *h = (const struct idx_header *)map;
    const struct idx_section *table =
        (const struct idx_section *)(map + IDX_HEADER_SIZE);
    uint64_t body = IDX_HEADER_SIZE + (uint64_t)h->section_count * sizeof(*table);
    for (size_t i = 0; i < h->section_count; i++) {
        const struct idx_section *s = &table[i];
        if (s->id == 0 || s->id > IDX_SEC_LAST) continue;
        if (found[s->id])
            return corrupt(err, path, s->id, "%s", "section listed twice");
        if (s->offset % 8 || s->offset < body || s->offset > size ||
            s->length > size - s->offset)
            return corrupt(err, path, s->id, "%s", "section outside the file");
        if (s->length % idx_record_size[s->id] ||
            s->length / idx_record_size[s->id] >= UINT32_MAX)
            return corrupt(err, path, s->id, "%s",
                           "section is not a whole number of records");
        found[s->id] = s;
    }
    for (uint32_t id = 1; id <= IDX_SEC_LAST; id++)
        if (!found[id]) return corrupt(err, path, id, "%s", "section missing");
    return VIGIL_OK;
}

static uint32_t records(const struct idx_section *s, uint32_t id)
{
    return (uint32_t)(s->length / idx_record_size[id]);
}

static vigil_status attach_table(vigil_index *ix, struct idx_table *t,
                                 const struct idx_section *const found[],
                                 uint32_t dir_id)
{
    uint32_t entries = records(found[dir_id], dir_id);
    unsigned bits = 0;
    while (bits < 31 && ((uint32_t)1 << bits) + 1 < entries) bits++;
    if (entries != ((uint32_t)1 << bits) + 1)
        return corrupt(NULL, ix->path, dir_id, "%s", "bad directory size");
    t->dir = (const uint32_t *)(ix->map + found[dir_id]->offset);
    t->bits = bits;
    t->slots = (const struct idx_rec_slot *)(ix->map + found[dir_id + 1]->offset);
    t->count = records(found[dir_id + 1], dir_id + 1);
    return VIGIL_OK;
}

#define ATTACH(ix, found, field, count, id, type)                              \
    do {                                                                       \
        (ix)->field = (const type *)((ix)->map + (found)[id]->offset);         \
        (ix)->count = records((found)[id], id);                                \
    } while (0)

/* Points the struct at the sections and checks what the accessors rely
 * on: a NUL-terminated pool, sentinels present, power-of-two directories. */
static vigil_status attach(vigil_index *ix,
                           const struct idx_section *const found[],
                           vigil_error *err)
{
    const struct idx_section *strings = found[IDX_SEC_STRINGS];
    if (strings->length == 0 || ix->map[strings->offset + strings->length - 1])
        return corrupt(err, ix->path, IDX_SEC_STRINGS, "%s",
                       "string pool does not end with NUL");
    ix->strings = (const char *)ix->map + strings->offset;
    ix->strings_len = (uint32_t)strings->length;
    ATTACH(ix, found, sources, source_count, IDX_SEC_SOURCES, struct idx_rec_source);
    ATTACH(ix, found, entities, entity_count, IDX_SEC_ENTITIES, struct idx_rec_entity);
    ATTACH(ix, found, props, prop_count, IDX_SEC_PROPS, struct idx_rec_prop);
    ATTACH(ix, found, datasets, dataset_count, IDX_SEC_DATASETS, uint32_t);
    ATTACH(ix, found, dates, date_count, IDX_SEC_DATES, struct idx_rec_date);
    ATTACH(ix, found, countries, country_count, IDX_SEC_COUNTRIES, char);
    ATTACH(ix, found, idents, ident_count, IDX_SEC_IDENTS, struct idx_rec_ident);
    ATTACH(ix, found, names, name_count, IDX_SEC_NAMES, struct idx_rec_name);
    ATTACH(ix, found, tokens, token_count, IDX_SEC_TOKENS, struct idx_rec_token);
    ATTACH(ix, found, terms, term_count, IDX_SEC_TERMS, struct idx_rec_term);
    ATTACH(ix, found, postings, posting_count, IDX_SEC_POSTINGS, uint32_t);
    static const uint32_t with_sentinel[] = {IDX_SEC_ENTITIES, IDX_SEC_NAMES,
                                             IDX_SEC_TERMS};
    uint32_t *counts[] = {&ix->entity_count, &ix->name_count, &ix->term_count};
    for (size_t i = 0; i < VG_ARRAY_LEN(counts); i++) {
        if (*counts[i] == 0)
            return corrupt(err, ix->path, with_sentinel[i], "%s",
                           "sentinel record missing");
        (*counts[i])--;
    }
    static const uint32_t dirs[] = {IDX_SEC_TERM_DIR, IDX_SEC_ID_DIR,
                                    IDX_SEC_DEL_DIR};
    struct idx_table *tables[] = {&ix->term_table, &ix->id_table, &ix->del_table};
    for (size_t i = 0; i < VG_ARRAY_LEN(dirs); i++)
        if (attach_table(ix, tables[i], found, dirs[i]) != VIGIL_OK)
            return corrupt(err, ix->path, dirs[i], "%s",
                           "directory is not 2^k+1 entries");
    return VIGIL_OK;
}

/* Every posting is a name number.  Checked here, once, so that
 * idx_term_postings can hand out any in-range run in O(1) and callers may
 * index arrays by posting even in a damaged file; the order within a run is
 * vigil_index_verify's business (a run out of order gives wrong answers,
 * never a read out of bounds).  First/last checks per term would not do:
 * they say nothing of the postings in between.  The maximum of each block
 * of POSTING_BLOCK has a fixed trip count, so the compiler vectorizes it
 * and the pass runs at memory speed (docs/index-format.md, Measurements). */
enum { POSTING_BLOCK = 16 };

static vigil_status check_postings(const vigil_index *ix, vigil_error *err)
{
    const uint32_t *p = ix->postings;
    uint32_t n = ix->posting_count, limit = ix->name_count, i = 0;
    for (; n - i >= POSTING_BLOCK; i += POSTING_BLOCK) {
        uint32_t top = 0;
        for (uint32_t j = 0; j < POSTING_BLOCK; j++)
            top = p[i + j] > top ? p[i + j] : top;
        if (top >= limit) break;
    }
    while (i < n && p[i] < limit) i++;
    if (i == n) return VIGIL_OK;
    return vg_fail(err, VIGIL_ECORRUPT, ix->path, (long)i + 1,
                   idx_section_name[IDX_SEC_POSTINGS],
                   "record %u: name %u past the %u names", i, p[i], limit);
}

static vigil_status map_file(const char *path, const unsigned char **map,
                             size_t *size, vigil_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO, path,
                       0, NULL, "cannot open index: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return vg_fail(err, VIGIL_EIO, path, 0, NULL, "not a regular file");
    }
    if ((uint64_t)st.st_size < IDX_HEADER_SIZE) {
        close(fd);
        return vg_fail(err, VIGIL_ECORRUPT, path, 0, "header",
                       "file of %lld bytes is too short for an index",
                       (long long)st.st_size);
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (p == MAP_FAILED)
        return vg_fail(err, e == ENOMEM ? VIGIL_ENOMEM : VIGIL_EIO, path, 0,
                       NULL, "mmap: %s", strerror(e));
    *map = p;
    *size = (size_t)st.st_size;
    return VIGIL_OK;
}

vigil_status vigil_index_open(const char *path, vigil_index **out,
                              vigil_error *err)
{
    if (!path || !out)
        return vg_fail(err, VIGIL_EINVAL, path, 0, NULL, "no path");
    vigil_index *ix = vg_calloc(1, sizeof(*ix));
    if (!ix) return vg_fail(err, VIGIL_ENOMEM, path, 0, NULL, NULL);
    vg_strlcpy(ix->path, path, sizeof(ix->path));
    vigil_status st = map_file(path, &ix->map, &ix->size, err);
    if (st != VIGIL_OK) {
        vg_free(ix);
        return st;
    }
    const struct idx_header *h = (const struct idx_header *)ix->map;
    const struct idx_section *found[IDX_SEC_LAST + 1] = {0};
    st = check_header(h, ix->size, path, err);
    if (st == VIGIL_OK) st = locate_sections(ix->map, ix->size, path, found, err);
    if (st == VIGIL_OK) st = attach(ix, found, err);
    if (st == VIGIL_OK) st = check_postings(ix, err);
    if (st != VIGIL_OK) {
        vigil_index_close(ix);
        return st;
    }
    memcpy(ix->built, h->built, sizeof(ix->built) - 1);
    ix->built[sizeof(ix->built) - 1] = '\0';
    ix->checksum = h->checksum;
    ix->del2_min_len = h->del2_min_len;
    ix->del2_max_len = h->del2_max_len;
    snprintf(ix->version, sizeof(ix->version), "%s/%016llx", ix->built,
             (unsigned long long)ix->checksum);
    /* Lookups jump around the whole file; ask for it all to be read ahead
     * (cheap when it is already in the page cache). */
    madvise((void *)ix->map, ix->size, MADV_WILLNEED);
    *out = ix;
    return VIGIL_OK;
}

void vigil_index_close(vigil_index *ix)
{
    if (!ix) return;
    if (ix->map) munmap((void *)ix->map, ix->size);
    vg_free(ix);
}

const char *vigil_index_version(const vigil_index *ix)
{
    return ix ? ix->version : "";
}

const char *vigil_index_built(const vigil_index *ix)
{
    return ix ? ix->built : "";
}

uint64_t vigil_index_file_size(const vigil_index *ix)
{
    return ix ? ix->size : 0;
}
