/*
 * format.h — the on-disk records of the index file (docs/index-format.md),
 * shared by the writer (build.c, write.c) and the reader (open.c, read.c),
 * and the small pieces of logic both sides must agree on: hash-table
 * buckets and deletion variants.  Private to src/index/.
 */
#ifndef VG_INDEX_FORMAT_H
#define VG_INDEX_FORMAT_H

#include "index.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the index file is little-endian and mapped in place"
#endif

#define IDX_MAGIC "VIGILIDX"
/* Version 2 stores two-deletion variants under their own seed
 * (IDX_SEED_DEL2) and gives Latin forms of 5..12 letters two deletions.
 * A version 1 file has the same layout and every variant under
 * IDX_SEED_DEL, where a two-edit probe still looks: it reads correctly,
 * with version 1's typo reach, until it is rebuilt. */
#define IDX_VERSION 2u
#define IDX_OLDEST_VERSION 1u
#define IDX_HEADER_SIZE 64u
#define IDX_MAX_SECTIONS 64u
#define IDX_CHECKSUM_BLOCK (1u << 20)

/* Deletion neighbourhood: token keys of 2..IDX_TYPO_MAX_LEN bytes get their
 * 1-deletion variants, and those of IDX_DEL2_MIN_LEN..IDX_DEL2_MAX_LEN bytes
 * also their 2-deletion variants (which grow with the square of the
 * length); join-only terms get none. */
#define IDX_TYPO_MAX_LEN 40u
#define IDX_DEL2_MIN_LEN 8u
#define IDX_DEL2_MAX_LEN 14u
/* Latin forms (IDX_TERM_LATIN) of this many letters get two deletions. */
#define IDX_LATIN_DEL2_MIN_LEN 5u
#define IDX_LATIN_DEL2_MAX_LEN 12u

#define IDX_SEED_TERM 0u
#define IDX_SEED_ID 0u
#define IDX_SEED_DEL 2u
#define IDX_SEED_DEL2 3u

enum idx_section_id {
    IDX_SEC_STRINGS = 1,
    IDX_SEC_SOURCES,
    IDX_SEC_ENTITIES,
    IDX_SEC_PROPS,
    IDX_SEC_DATASETS,
    IDX_SEC_DATES,
    IDX_SEC_COUNTRIES,
    IDX_SEC_IDENTS,
    IDX_SEC_NAMES,
    IDX_SEC_TOKENS,
    IDX_SEC_TERMS,
    IDX_SEC_POSTINGS,
    IDX_SEC_TERM_DIR,
    IDX_SEC_TERM_HASH,
    IDX_SEC_ID_DIR,
    IDX_SEC_ID_HASH,
    IDX_SEC_DEL_DIR,
    IDX_SEC_DEL_HASH,
    IDX_SEC_LAST = IDX_SEC_DEL_HASH
};

struct idx_header {
    char magic[8];
    uint32_t version;
    uint32_t flags;
    uint64_t file_size;
    uint64_t checksum;
    char built[24];
    uint16_t section_count;
    uint8_t del2_min_len;
    uint8_t del2_max_len;
    uint32_t head_check;
};

struct idx_section {
    uint32_t id;
    uint32_t reserved;
    uint64_t offset;
    uint64_t length;
};

struct idx_rec_source {
    uint32_t name, location, published, retrieved, sha256, format;
    uint64_t entity_count;
};

struct idx_rec_entity {
    uint32_t id, caption, source, schema;
    uint32_t prop_start, dataset_start, name_start, date_start,
        country_start, ident_start;
};

struct idx_rec_prop {
    uint32_t prop, value;
};

struct idx_rec_date {
    uint16_t year;
    uint8_t month, day;
};

struct idx_rec_ident {
    uint32_t prop, value, normal;
};

struct idx_rec_name {
    uint32_t entity, text, token_start, kind;
};

struct idx_rec_token {
    uint32_t orig, latin, path, term;
    uint8_t script, cls, flags, pad;
};

#define IDX_TERM_TOKEN 1u
#define IDX_TERM_JOIN 2u
/* The consonant skeleton of a listed word (norm_skeleton), under the key
 * IDX_SKELETON_PREFIX + skeleton: a prefix no token key can start with. */
#define IDX_TERM_SKELETON 4u
/* The Latin form of a listed word, under the key IDX_LATIN_PREFIX + latin:
 * a typo lookup term only (its one-deletion variants go in the deletion
 * table), since the key fold moves a one-letter typo of the Latin form
 * several edits away in key space. */
#define IDX_TERM_LATIN 8u
#define IDX_TERM_FLAGS \
    (IDX_TERM_TOKEN | IDX_TERM_JOIN | IDX_TERM_SKELETON | IDX_TERM_LATIN)
#define IDX_SKELETON_PREFIX '~'
#define IDX_SKELETON_KEY_MAX 130
#define IDX_LATIN_PREFIX '='

/* The term key of a Latin form into out; false when it does not fit the
 * typo table (longer than IDX_TYPO_MAX_LEN with its prefix) or is empty. */
bool idx_latin_key(const char *latin, size_t len, char *out, size_t size);

/* The term key of latin's skeleton into out; false when it has none. */
bool idx_skeleton_key(const char *latin, char *out, size_t size);

struct idx_rec_term {
    uint32_t key, posting_start;
    float idf;
    uint32_t flags;
};

struct idx_rec_slot {
    uint32_t check, value;
};

_Static_assert(sizeof(struct idx_header) == IDX_HEADER_SIZE, "header");
_Static_assert(sizeof(struct idx_section) == 24, "section");
_Static_assert(sizeof(struct idx_rec_source) == 32, "source");
_Static_assert(sizeof(struct idx_rec_entity) == 40, "entity");
_Static_assert(sizeof(struct idx_rec_date) == 4, "date");
_Static_assert(sizeof(struct idx_rec_ident) == 12, "ident");
_Static_assert(sizeof(struct idx_rec_name) == 16, "name");
_Static_assert(sizeof(struct idx_rec_token) == 20, "token");
_Static_assert(sizeof(struct idx_rec_term) == 16, "term");
_Static_assert(sizeof(struct idx_rec_slot) == 8, "slot");

/* Record size of each section (1 for the string pool), indexed by id. */
extern const uint32_t idx_record_size[IDX_SEC_LAST + 1];
extern const char *const idx_section_name[IDX_SEC_LAST + 1];

/* Hash tables: bucket of a 64-bit hash in a directory of 2^bits buckets. */
static inline uint32_t idx_bucket(uint64_t hash, unsigned bits)
{
    return bits ? (uint32_t)(hash >> (64 - bits)) : 0;
}

/* Directory bits for about `entries` slots (about four slots, half a cache
 * line, a bucket). */
unsigned idx_dir_bits(uint64_t entries);

/* The header check over bytes 0..59 and the section table. */
uint32_t idx_head_check(const struct idx_header *header,
                        const struct idx_section *table, size_t count);

/* Calls fn with the 64-bit hash of every distinct variant of key with up to
 * `deletions` bytes deleted (the key itself included), skipping variants
 * shorter than one byte.  Keys outside 2..IDX_TYPO_MAX_LEN give only the key
 * itself.  Returns false when fn stopped it.
 *
 * Variants with two deletions are stored under their own seed
 * (IDX_SEED_DEL2), so that a one-edit probe never meets them: a probe with
 * `deletions` 1 asks IDX_SEED_DEL only, one with 2 asks every variant under
 * both seeds. */
enum idx_variant_use { IDX_VARIANTS_STORED, IDX_VARIANTS_PROBED };
typedef bool (*idx_variant_fn)(void *ctx, uint64_t hash);
bool idx_deletion_variants(const char *key, size_t len, int deletions,
                           enum idx_variant_use use, idx_variant_fn fn,
                           void *ctx);

#endif /* VG_INDEX_FORMAT_H */
