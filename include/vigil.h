/*
 * vigil.h — public API of libvigil, a sanctions and forced-labour screening
 * engine.  Anything not declared here is not API.
 *
 * ERROR CONVENTION
 *   Every function that can fail returns a vigil_status: VIGIL_OK (0) on
 *   success, a positive code otherwise.  Results travel through
 *   out-parameters, which are left untouched on failure.  Functions that take
 *   a `vigil_error *err` fill it (when err is not NULL) with the status, a
 *   message and the place the problem was found: file, line (1-based, 0 when
 *   unknown) and field.  Status values are append-only; they are never
 *   renumbered.  vigil_strerror() gives static text for any status.
 *
 * OWNERSHIP
 *   1. Whoever creates an object frees it with the matching vigil_*_free or
 *      vigil_*_close; every free/close accepts NULL.
 *   2. Arguments are borrowed for the duration of the call; the library keeps
 *      copies of what it needs.
 *   3. Pointers returned by an object (strings, hit structs, records) are
 *      borrowed: they stay valid until that object is freed.  Strings that
 *      point into an open index live as long as the index.
 *
 * THREADS
 *   An open vigil_index is immutable; vigil_match() may run on one index from
 *   many threads at once.  Every other object (entity, results, builder) must
 *   be used by one thread at a time.
 */
#ifndef VIGIL_H
#define VIGIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VIGIL_VERSION_MAJOR 0
#define VIGIL_VERSION_MINOR 1
#define VIGIL_VERSION_PATCH 0
#define VIGIL_VERSION_STRING "0.1.0"

/* Run-time version, to check that header and library agree. */
const char *vigil_version(void);

/* ------------------------------------------------------------------ errors */

typedef enum vigil_status {
    VIGIL_OK = 0,
    VIGIL_ENOMEM = 1,       /* allocation failed */
    VIGIL_EINVAL = 2,       /* bad argument or malformed query */
    VIGIL_EIO = 3,          /* read, write, fsync or rename failed */
    VIGIL_ECORRUPT = 4,     /* index file truncated, damaged or foreign */
    VIGIL_EVERSION = 5,     /* index file of an unsupported format version */
    VIGIL_ENOTFOUND = 6,    /* no such file, entity or source */
    VIGIL_EPARSE = 7,       /* malformed list or input record */
    VIGIL_ELIMIT = 8,       /* an input exceeds a configured ceiling */
    VIGIL_EUNSUPPORTED = 9, /* unknown format or feature */
    VIGIL_EREFUSED = 10,    /* a sanity check refused the operation */
    VIGIL_ENETWORK = 11     /* download failed */
} vigil_status;

#define VIGIL_ERROR_MESSAGE_SIZE 512

typedef struct vigil_error {
    vigil_status status;
    char file[256];   /* file or source the problem was found in, or "" */
    long line;        /* 1-based line or record number, 0 when unknown */
    char field[64];   /* field, element or property name, or "" */
    char message[VIGIL_ERROR_MESSAGE_SIZE];
} vigil_error;

/* Static text for a status; never NULL. */
const char *vigil_strerror(vigil_status status);

/* "file:line: field: message" into buf (always NUL-terminated); returns buf. */
const char *vigil_error_format(const vigil_error *err, char *buf, size_t size);

/* ----------------------------------------------------------------- schemas */

typedef enum vigil_schema {
    VIGIL_SCHEMA_THING = 0, /* unknown or any: matches every schema */
    VIGIL_SCHEMA_PERSON,
    VIGIL_SCHEMA_ORGANIZATION,
    VIGIL_SCHEMA_COMPANY,
    VIGIL_SCHEMA_LEGAL_ENTITY,
    VIGIL_SCHEMA_VESSEL,
    VIGIL_SCHEMA_AIRCRAFT
} vigil_schema;

/* FtM schema name ("Person", ...); never NULL. */
const char *vigil_schema_name(vigil_schema schema);
/* Parses an FtM schema name, case-insensitively.  Unknown names give
 * VIGIL_EINVAL. */
vigil_status vigil_schema_parse(const char *name, vigil_schema *out);
/* Whether a query of schema `query` may match a listed entity of schema
 * `listed` (a Person never matches a Vessel; LegalEntity covers both persons
 * and organizations; Thing matches everything). */
int vigil_schema_compatible(vigil_schema query, vigil_schema listed);

/* ---------------------------------------------------------------- entities */

/* An entity in memory: a listed entry being loaded, or a query.  Properties
 * use FollowTheMoney names: name, alias, weakAlias, previousName, birthDate,
 * nationality, country, citizenship, jurisdiction, passportNumber, idNumber,
 * registrationNumber, imoNumber, mmsi, taxNumber, callSign, address, program,
 * gender, notes, ... Unknown property names are kept as they are. */
typedef struct vigil_entity vigil_entity;

vigil_status vigil_entity_new(vigil_entity **out);
void vigil_entity_free(vigil_entity *entity);
/* Forget id, schema, properties and datasets, keeping the allocation. */
void vigil_entity_clear(vigil_entity *entity);

vigil_status vigil_entity_set_id(vigil_entity *entity, const char *id);
void vigil_entity_set_schema(vigil_entity *entity, vigil_schema schema);
/* Appends one value; empty values and exact duplicates are ignored. */
vigil_status vigil_entity_add(vigil_entity *entity, const char *prop,
                              const char *value);
vigil_status vigil_entity_add_dataset(vigil_entity *entity,
                                      const char *dataset);

const char *vigil_entity_id(const vigil_entity *entity); /* "" when unset */
vigil_schema vigil_entity_schema(const vigil_entity *entity);
size_t vigil_entity_prop_count(const vigil_entity *entity);
/* The i-th property value, in insertion order. */
void vigil_entity_prop(const vigil_entity *entity, size_t i, const char **prop,
                       const char **value);
size_t vigil_entity_dataset_count(const vigil_entity *entity);
const char *vigil_entity_dataset(const vigil_entity *entity, size_t i);

/* ------------------------------------------------------------------ sources */

/* Provenance of one list: recorded in the index, shown with every result. */
typedef struct vigil_source_info {
    const char *name;        /* short name: "un", "ofac-sdn", "my-watchlist" */
    const char *location;    /* URL or path it was read from */
    const char *published;   /* publication date the source states, or "" */
    const char *retrieved;   /* ISO 8601 UTC time it was read */
    const char *sha256;      /* hex digest of the file(s) as read */
    const char *format;      /* "un-xml", "ofac-csv", "ftm", "csv", ... */
    uint64_t entity_count;
} vigil_source_info;

/* Counts reported by every loader. */
typedef struct vigil_load_stats {
    uint64_t processed; /* records read */
    uint64_t accepted;  /* entities added */
    uint64_t rejected;  /* records skipped, each reported to on_reject */
} vigil_load_stats;

/* Called once per rejected record with its place and reason; may be NULL. */
typedef void (*vigil_reject_fn)(void *ctx, const vigil_error *err);

/* Receives the entities a loader reads.  The entity is borrowed for the call.
 * A non-OK return stops the load with that status. */
typedef vigil_status (*vigil_entity_fn)(void *ctx, const vigil_entity *entity);

/* Reads a list file (or, for the OFAC CSV set, the directory or sdn.csv /
 * cons_prim.csv path) and passes each entity to `each`.  `format` is one of
 * "ftm", "csv", "un-xml", "ofac-csv", "bis-dpl", "opensanctions-nested", or
 * NULL to detect it from the name and first bytes.  Malformed records are
 * counted as rejected and reported to on_reject; the load goes on.  `info`,
 * when not NULL, receives the source's provenance (strings valid until the
 * next call; copy them).  Fails only when the file cannot be read at all or
 * is not of the format. */
typedef struct vigil_load_options {
    const char *format;       /* NULL: detect */
    const char *source_name;  /* NULL: derived from the format */
    vigil_reject_fn on_reject;
    void *ctx;                /* passed to `each` and to on_reject */
} vigil_load_options;

vigil_status vigil_load(const char *path, const vigil_load_options *options,
                        vigil_entity_fn each, vigil_load_stats *stats,
                        vigil_source_info *info, vigil_error *err);

/* ------------------------------------------------------------- index build */

typedef struct vigil_builder vigil_builder;

vigil_status vigil_builder_new(vigil_builder **out);
void vigil_builder_free(vigil_builder *builder);
/* Registers a source; entities added afterwards belong to it. */
vigil_status vigil_builder_add_source(vigil_builder *builder,
                                      const vigil_source_info *info);
/* Copies the entity into the builder.  Entities without an id or a name give
 * VIGIL_EINVAL; a repeated id within a source is merged into the first. */
vigil_status vigil_builder_add(vigil_builder *builder,
                               const vigil_entity *entity);
/* Loads a list file into the builder as a new source (vigil_load + add). */
vigil_status vigil_builder_load(vigil_builder *builder, const char *path,
                                const vigil_load_options *options,
                                vigil_load_stats *stats, vigil_error *err);
/* Writes the index atomically: a temporary file beside `path`, fsync,
 * rename, fsync of the directory.  On failure `path` is untouched. */
vigil_status vigil_builder_write(vigil_builder *builder, const char *path,
                                 vigil_error *err);

/* -------------------------------------------------------------- the index */

typedef struct vigil_index vigil_index;

/* Memory-maps an index and checks header, checksum and section bounds.
 * A truncated, damaged or foreign file gives VIGIL_ECORRUPT (or
 * VIGIL_EVERSION), never a crash. */
vigil_status vigil_index_open(const char *path, vigil_index **out,
                              vigil_error *err);
void vigil_index_close(vigil_index *index);
/* Deep check of every record; slower than open. */
vigil_status vigil_index_verify(const vigil_index *index, vigil_error *err);

/* Content version: "<build time>/<first 16 hex digits of the checksum>". */
const char *vigil_index_version(const vigil_index *index);
const char *vigil_index_built(const vigil_index *index); /* ISO 8601 UTC */
uint64_t vigil_index_file_size(const vigil_index *index);
uint32_t vigil_index_entity_count(const vigil_index *index);
uint32_t vigil_index_name_count(const vigil_index *index);
uint32_t vigil_index_token_count(const vigil_index *index);
uint32_t vigil_index_source_count(const vigil_index *index);
vigil_status vigil_index_source(const vigil_index *index, uint32_t i,
                                vigil_source_info *out);

/* Listed entities are numbered 0 .. entity_count-1. */
vigil_status vigil_index_lookup(const vigil_index *index, const char *id,
                                uint32_t *entity);
const char *vigil_index_entity_id(const vigil_index *index, uint32_t entity);
vigil_schema vigil_index_entity_schema(const vigil_index *index,
                                       uint32_t entity);
const char *vigil_index_entity_caption(const vigil_index *index,
                                       uint32_t entity);
uint32_t vigil_index_entity_source(const vigil_index *index, uint32_t entity);
size_t vigil_index_entity_prop_count(const vigil_index *index,
                                     uint32_t entity);
void vigil_index_entity_prop(const vigil_index *index, uint32_t entity,
                             size_t i, const char **prop, const char **value);
size_t vigil_index_entity_dataset_count(const vigil_index *index,
                                        uint32_t entity);
const char *vigil_index_entity_dataset(const vigil_index *index,
                                       uint32_t entity, size_t i);

/* --------------------------------------------------------------- matching */

/* Default threshold: at or above it a hit is a "match", one that a person
 * must review before the counterparty is cleared.  Scores rank candidates;
 * they are not probabilities.  See docs/matching.md. */
#define VIGIL_DEFAULT_THRESHOLD 0.70
#define VIGIL_DEFAULT_LIMIT 10

typedef struct vigil_match_options {
    double threshold;          /* drop hits scoring below; default 0.70 */
    size_t limit;              /* at most this many hits; default 10 */
    const char *const *datasets; /* NULL-terminated filter, or NULL for all */
    const char *const *topics; /* NULL-terminated FtM topics ("sanction",
                                  "debarment", "role.pep", ...): keep only
                                  entities with one of them; NULL for all */
} vigil_match_options;

void vigil_match_options_init(vigil_match_options *options);

/* How one query token met one listed token. */
typedef enum vigil_token_how {
    VIGIL_TOKEN_EXACT = 0,     /* same letters */
    VIGIL_TOKEN_TRANSLIT,      /* same after transliteration to Latin */
    VIGIL_TOKEN_VARIANT,       /* same romanization/spelling family */
    VIGIL_TOKEN_FUZZY,         /* similar letters (typo) */
    VIGIL_TOKEN_JOINED,        /* two tokens on one side = one on the other */
    VIGIL_TOKEN_LEGAL_FORM,    /* equivalent legal forms ("Co., Ltd." ~ "LLC") */
    VIGIL_TOKEN_INITIAL,       /* an initial agrees with a name */
    VIGIL_TOKEN_QUERY_ONLY,    /* query token left unmatched */
    VIGIL_TOKEN_LISTED_ONLY    /* listed token left unmatched */
} vigil_token_how;

const char *vigil_token_how_name(vigil_token_how how); /* "exact", ... */

typedef struct vigil_token_match {
    vigil_token_how how;
    const char *query_token;  /* as the query wrote it, or "" */
    const char *query_form;   /* its Latin/folded form, or "" */
    const char *path;         /* transliteration path ("Korean from Cyrillic"), or "" */
    const char *listed_token; /* as the list writes it, or "" */
    double similarity;        /* 0..1 */
    double weight;            /* share of the name score this pair carries */
} vigil_token_match;

/* One piece of secondary evidence. */
typedef struct vigil_evidence {
    const char *feature;      /* "birth_date", "country", "identifier", "schema" */
    int effect;               /* +1 agrees, -1 conflicts, 0 noted */
    double delta;             /* what it added to or took from the score */
    const char *query_value;
    const char *listed_value;
} vigil_evidence;

typedef struct vigil_hit {
    uint32_t entity;          /* index entity number; UINT32_MAX in compare */
    double score;             /* final score, 0..1 */
    double name_score;        /* best name score before evidence */
    int match;                /* score >= threshold */
    const char *matched_name; /* the listed name that scored best */
    const char *name_kind;    /* "name", "alias", "weakAlias", "previousName" */
    size_t token_count;
    const vigil_token_match *tokens;
    size_t evidence_count;
    const vigil_evidence *evidence;
    const char *summary;      /* how the score was composed, one line */
} vigil_hit;

typedef struct vigil_results vigil_results;

/* Screens one query entity (its name, alias, ... properties; its schema,
 * birth dates, countries and identifiers as evidence) against the index.
 * Hits come best first.  A query without any name gives VIGIL_EINVAL. */
vigil_status vigil_match(const vigil_index *index, const vigil_entity *query,
                         const vigil_match_options *options,
                         vigil_results **out, vigil_error *err);

/* Scores two names with the same name scoring that ranking uses, with no
 * index (every token weighs by its class alone).  One hit, entity
 * UINT32_MAX. */
vigil_status vigil_compare(const char *name1, const char *name2,
                           vigil_schema schema, vigil_results **out,
                           vigil_error *err);

size_t vigil_results_count(const vigil_results *results);
const vigil_hit *vigil_results_hit(const vigil_results *results, size_t i);
/* Candidates the index proposed and the matcher scored for this query. */
size_t vigil_results_candidates(const vigil_results *results);
void vigil_results_free(vigil_results *results);

/* ------------------------------------------------------------------ update */

/* `vigil update`: keeps the official lists in a data directory current and
 * rebuilds DATA_DIR/index.vgi from them (layout and configuration in
 * docs/update.md).  Each source is downloaded (or copied from a local
 * directory), parsed and checked before anything is replaced.  A source that
 * fails or is refused keeps its previous copy, which the new index still
 * uses; the index in service is only replaced by a complete one that opens,
 * and the replaced one is kept as index.vgi.prev for vigil_update_rollback().
 * Nothing is replaced by a failed or interrupted update. */

typedef enum vigil_update_outcome {
    VIGIL_UPDATE_FETCHED = 0, /* new content, checked and accepted */
    VIGIL_UPDATE_UNCHANGED,   /* same as the copy kept (304 or same SHA-256) */
    VIGIL_UPDATE_FAILED,      /* download, copy or parse failed */
    VIGIL_UPDATE_REFUSED,     /* a sanity check refused the new content */
    VIGIL_UPDATE_DROPPED      /* in the index before, but no longer enabled
                                 in the configuration: its entities leave */
} vigil_update_outcome;

/* "fetched", "unchanged", "failed", "refused", "dropped"; never NULL. */
const char *vigil_update_outcome_name(vigil_update_outcome outcome);

/* What happened to one source.  Strings are borrowed for the callback. */
typedef struct vigil_update_report {
    const char *name;          /* source name: "un", "ofac-sdn", ... */
    const char *location;      /* URL(s) or path it was read from */
    vigil_update_outcome outcome;
    uint64_t entity_count;     /* in the copy the new index uses; 0: none */
    uint64_t previous_count;   /* in the index before the update; 0: none */
    uint64_t rejected;         /* records the loader skipped */
    const char *sha256;        /* of the copy the new index uses, or "" */
    int kept_previous;         /* failed/refused, previous copy still used */
    const vigil_error *error;  /* why it failed or was refused, else NULL */
} vigil_update_report;

typedef void (*vigil_update_fn)(void *ctx, const vigil_update_report *report);

typedef struct vigil_update_options {
    const char *data_dir;    /* NULL: vigil_default_data_dir() */
    const char *config;      /* sources file; NULL: DATA_DIR/sources.conf if
                                it exists, else the built-in sources */
    const char *from_dir;    /* import DIR/<source>/<file> instead of
                                downloading; NULL: download */
    int force;               /* accept what the sanity checks refuse */
    double max_shrink;       /* refuse a list that lost more than this share
                                of its entities; default 0.20 */
    long connect_timeout;    /* seconds; default 30 */
    long timeout;            /* seconds per file download; default 600 */
    int retries;             /* extra attempts on 5xx and timeouts; default 3 */
    long retry_delay_ms;     /* first back-off, doubled per retry; default 1000 */
    uint64_t max_bytes;      /* per file; default 512 MiB (a source may set
                                its own in the configuration) */
    vigil_update_fn on_source; /* called once per enabled source, and once
                                  per dropped one; may be NULL */
    void *ctx;
} vigil_update_options;

void vigil_update_options_init(vigil_update_options *options);

typedef struct vigil_update_summary {
    size_t sources;          /* enabled sources */
    size_t fetched, unchanged, failed, refused;
    size_t dropped;          /* sources the index in service held that are no
                                longer enabled (not counted in `sources`) */
    int index_written;       /* a new index is in service */
    int previous_kept;       /* the one it replaced is DATA_DIR/index.vgi.prev */
    uint64_t entity_count;   /* entities in the index now in service */
} vigil_update_summary;

/* Runs one update.  VIGIL_OK when the index in service is current with every
 * source that could be read: per-source failures and refusals are counted in
 * `summary` and reported to on_source, not returned.  A non-OK status means
 * the update as a whole failed (configuration, lock held by another update,
 * no readable source, index build or write); the old index still serves. */
vigil_status vigil_update(const vigil_update_options *options,
                          vigil_update_summary *summary, vigil_error *err);

/* Puts DATA_DIR/index.vgi.prev back in service, after checking that it
 * opens; the index it replaces becomes index.vgi.prev (so a second rollback
 * undoes the first).  NULL data_dir: vigil_default_data_dir(). */
vigil_status vigil_update_rollback(const char *data_dir, vigil_error *err);

/* The data directory: $VIGIL_DATA_DIR, else $XDG_DATA_HOME/vigil, else
 * $HOME/.local/share/vigil.  VIGIL_ELIMIT when it does not fit in `size`,
 * VIGIL_ENOTFOUND when no home directory is known. */
vigil_status vigil_default_data_dir(char *buf, size_t size, vigil_error *err);

#ifdef __cplusplus
}
#endif
#endif /* VIGIL_H */
