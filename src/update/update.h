/*
 * update.h — internals of `vigil update`: the source configuration, the
 * per-source state kept in the data directory, downloads and the file
 * operations the update is built from.  Only src/update/ includes it (and
 * its tests).
 *
 * Data directory layout (docs/update.md):
 *   DATA_DIR/sources.conf          optional configuration
 *   DATA_DIR/index.vgi             the index in service
 *   DATA_DIR/index.vgi.prev        the one it replaced
 *   DATA_DIR/lists/<source>/       last accepted copy of each source, with
 *   DATA_DIR/lists/<source>/.state its provenance and HTTP validators
 *   DATA_DIR/incoming/             staging of one run, emptied at the start
 *   DATA_DIR/update.lock           held (flock) while an update runs
 */
#ifndef VG_UPDATE_H
#define VG_UPDATE_H

#include "../util/vg.h"

#define UPD_MAX_SOURCES 64
#define UPD_MAX_FILES 16
#define UPD_NAME_SIZE 64
#define UPD_FILE_NAME_SIZE 128
#define UPD_FORMAT_SIZE 32
#define UPD_PATH_SIZE 4096
#define UPD_ETAG_SIZE 256
#define UPD_DATE_SIZE 64
#define UPD_CONFIG_MAX (1024 * 1024)
#define UPD_MIB (1024ull * 1024ull)
#define UPD_DEFAULT_MAX_BYTES (512 * UPD_MIB)

/* ---------------------------------------------------------- configuration */

/* One source: either URLs to download or local paths to copy, each saved
 * as lists/<name>/<file>.  The first file is the one given to the loader
 * (the OFAC loader finds its companion files beside it). */
struct upd_source {
    char name[UPD_NAME_SIZE];
    char format[UPD_FORMAT_SIZE];          /* "" : detect */
    bool enabled;
    bool local;                            /* paths, not URLs */
    size_t file_count;
    char *locations[UPD_MAX_FILES];        /* URL or path, owned */
    char files[UPD_MAX_FILES][UPD_FILE_NAME_SIZE];
    uint64_t max_bytes;                    /* 0: the run's default */
    long timeout;                          /* 0: the run's default */
};

struct upd_config {
    size_t count;
    struct upd_source sources[UPD_MAX_SOURCES];
};

/* Fills `config` with the built-in sources (UN, OFAC SDN and consolidated,
 * BIS DPL on; OpenSanctions off). */
vigil_status upd_config_defaults(struct upd_config *config, vigil_error *err);
/* Applies an INI text on top of `config`: a section naming a known source
 * changes only the keys it sets (its first url/path replaces the inherited
 * ones); a new section adds a source.  `origin` names the text in errors. */
vigil_status upd_config_parse(struct upd_config *config, const char *text,
                              const char *origin, vigil_error *err);
/* Defaults plus the file at `path`. */
vigil_status upd_config_load(struct upd_config *config, const char *path,
                             vigil_error *err);
void upd_config_free(struct upd_config *config);
/* All locations joined by spaces ("" when none fit), for provenance. */
void upd_source_location(const struct upd_source *source, char *out,
                         size_t size);

/* ----------------------------------------------------------------- state */

struct upd_file_state {
    char name[UPD_FILE_NAME_SIZE];
    char etag[UPD_ETAG_SIZE];
    char last_modified[UPD_DATE_SIZE];
};

/* What lists/<source>/.state records about the accepted copy. */
struct upd_state {
    char sha256[65];
    uint64_t entities;
    uint64_t rejected;
    char retrieved[UPD_DATE_SIZE];
    char published[UPD_DATE_SIZE];
    char format[UPD_FORMAT_SIZE];
    char location[UPD_PATH_SIZE];
    size_t file_count;
    struct upd_file_state files[UPD_MAX_FILES];
};

/* VIGIL_ENOTFOUND when there is no state file. */
vigil_status upd_state_read(const char *path, struct upd_state *state,
                            vigil_error *err);
vigil_status upd_state_write(const char *path, const struct upd_state *state,
                             vigil_error *err);
/* The validators stored for `file`, or NULL. */
const struct upd_file_state *upd_state_file(const struct upd_state *state,
                                            const char *file);

/* ------------------------------------------------------------- downloads */

struct upd_fetch_params {
    long connect_timeout;  /* seconds */
    long timeout;          /* seconds, whole transfer */
    int retries;           /* extra attempts on transient errors */
    long retry_delay_ms;   /* first back-off, doubled each retry */
    uint64_t max_bytes;
};

/* Downloads `url` into `dest` (through dest.part, fsynced, renamed).  With
 * `cond` (validators of the copy kept), sends If-None-Match /
 * If-Modified-Since and sets *not_modified on 304, leaving `dest` absent.
 * `got` receives the response's ETag and Last-Modified.  HTTP errors, a
 * body shorter than its Content-Length and bodies over max_bytes fail with
 * VIGIL_ENETWORK / VIGIL_ELIMIT; 5xx, 429 and timeouts are retried. */
vigil_status upd_fetch(const char *url, const char *dest,
                       const struct upd_fetch_params *params,
                       const struct upd_file_state *cond,
                       struct upd_file_state *got, bool *not_modified,
                       vigil_error *err);

/* ----------------------------------------------------------------- files */

/* Copies `from` to `to` (through to.part, fsynced, renamed), refusing files
 * over max_bytes (0: no ceiling). */
vigil_status upd_copy_file(const char *from, const char *to,
                           uint64_t max_bytes, vigil_error *err);
/* mkdir -p, mode 0755. */
vigil_status upd_mkdirs(const char *path, vigil_error *err);
/* rm -rf that does not follow symbolic links; a missing path is fine. */
vigil_status upd_remove_tree(const char *path, vigil_error *err);
/* Puts `staged` (a file or a directory) at `live` atomically, exchanging
 * them when `live` exists; afterwards `staged` holds the old one, if any. */
vigil_status upd_exchange(const char *staged, const char *live,
                           vigil_error *err);
/* fsync of a directory; errors are ignored (not every filesystem has it). */
void upd_sync_dir(const char *path);
bool upd_exists(const char *path);
/* snprintf into a path buffer; VIGIL_ELIMIT when it does not fit. */
vigil_status upd_path(char *out, size_t size, vigil_error *err,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* --------------------------------------------------------------- staging */

/* How one run treats each source. */
struct upd_stage_params {
    const char *lists_dir;      /* DATA_DIR/lists */
    const char *incoming_dir;   /* DATA_DIR/incoming */
    const char *from_dir;       /* import DIR/<source>/<file>, or NULL */
    struct upd_fetch_params fetch;
    bool force;
    double max_shrink;
};

/* The outcome for one source and the copy the new index is to use. */
struct upd_staged {
    vigil_update_outcome outcome;
    bool staged;                /* a new copy waits in incoming/<name> */
    bool has_copy;              /* `dir` holds a copy for the index */
    bool kept_previous;         /* failed or refused; old copy still used */
    char dir[UPD_PATH_SIZE];    /* staged or lists/<name> */
    char live[UPD_PATH_SIZE];   /* lists/<name> */
    char location[UPD_PATH_SIZE];
    struct upd_state state;     /* of the copy in `dir` */
    uint64_t previous_count;    /* 0: none known */
    uint64_t rejected;
    vigil_error error;
};

/* Fetches or copies one source into incoming/<name>, parses and checks it,
 * and decides which copy the index uses.  Per-source problems end up in
 * out->outcome and out->error; the return is non-OK only for problems of
 * the whole run (out of memory, unusable data directory). */
vigil_status upd_stage(const struct upd_source *source,
                       const struct upd_stage_params *params,
                       uint64_t previous_count, struct upd_staged *out,
                       vigil_error *err);

#endif /* VG_UPDATE_H */
