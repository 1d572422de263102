/*
 * update.c — vigil_update(): stage every source, build the index from the
 * accepted copies, check the new index, then put it and the new copies in
 * service; vigil_update_rollback() and the data directory's location.
 *
 * Invariant: DATA_DIR/index.vgi is only ever replaced by rename(2) of a
 * complete, fsynced index that has just opened and verified; until then
 * every new list waits in DATA_DIR/incoming/.  The order — write the new
 * index aside, check it, keep the old one as index.vgi.prev (a hard link,
 * so there is no moment without an index), rename, then promote the lists —
 * means a crash or kill at any point leaves the old index serving, and the
 * next update repairs whatever was half done because it rebuilds whenever
 * the index in service does not record exactly the accepted copies.
 * One update at a time: DATA_DIR/update.lock is held with flock(2).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "update.h"

#define INDEX_FILE "index.vgi"

/* What the index in service records about one source. */
struct recorded {
    char name[UPD_NAME_SIZE];
    char sha256[65];
    uint64_t count;
};

struct run {
    const vigil_update_options *opt;
    char data_dir[UPD_PATH_SIZE];
    char lists[UPD_PATH_SIZE];
    char incoming[UPD_PATH_SIZE];
    char index[UPD_PATH_SIZE];
    char index_new[UPD_PATH_SIZE];
    char index_prev[UPD_PATH_SIZE];
    int lock_fd;
    bool locked;                  /* we hold update.lock */
    struct upd_config *config;
    bool has_index;               /* an index opened at the start */
    size_t recorded_count;
    struct recorded recorded[UPD_MAX_SOURCES];
    bool recorded_overflow;
    size_t staged_count;
    struct upd_staged *staged;    /* one per enabled source */
    const struct upd_source **sources;
    vigil_update_summary summary;
};

const char *vigil_update_outcome_name(vigil_update_outcome outcome)
{
    switch (outcome) {
    case VIGIL_UPDATE_FETCHED: return "fetched";
    case VIGIL_UPDATE_UNCHANGED: return "unchanged";
    case VIGIL_UPDATE_FAILED: return "failed";
    case VIGIL_UPDATE_REFUSED: return "refused";
    case VIGIL_UPDATE_DROPPED: return "dropped";
    }
    return "unknown";
}

void vigil_update_options_init(vigil_update_options *options)
{
    memset(options, 0, sizeof(*options));
    options->max_shrink = 0.20;
    options->connect_timeout = 30;
    options->timeout = 600;
    options->retries = 3;
    options->retry_delay_ms = 1000;
    options->max_bytes = UPD_DEFAULT_MAX_BYTES;
}

vigil_status vigil_default_data_dir(char *buf, size_t size, vigil_error *err)
{
    const char *env = getenv("VIGIL_DATA_DIR");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;
    if (env && *env)
        n = snprintf(buf, size, "%s", env);
    else if (xdg && xdg[0] == '/')
        n = snprintf(buf, size, "%s/vigil", xdg);
    else if (home && *home)
        n = snprintf(buf, size, "%s/.local/share/vigil", home);
    else
        return vg_fail(err, VIGIL_ENOTFOUND, NULL, 0, NULL,
                       "no data directory: set VIGIL_DATA_DIR or HOME");
    if (n < 0 || (size_t)n >= size)
        return vg_fail(err, VIGIL_ELIMIT, NULL, 0, NULL,
                       "data directory path longer than %zu bytes", size - 1);
    return VIGIL_OK;
}

/* A test hook: VIGIL_UPDATE_CRASH_AT=<step> kills the process at that step
 * (SIGKILL: no cleanup runs), to show that an interrupted update leaves the
 * old index serving.  Steps: "staged", "written", "prev-kept". */
static void crash_point(const char *step)
{
    const char *at = getenv("VIGIL_UPDATE_CRASH_AT");
    if (at && strcmp(at, step) == 0) raise(SIGKILL);
}

static vigil_status run_paths(struct run *r, const char *data_dir,
                              vigil_error *err)
{
    if (data_dir)
        VG_TRY(upd_path(r->data_dir, sizeof(r->data_dir), err, "%s",
                        data_dir));
    else
        VG_TRY(vigil_default_data_dir(r->data_dir, sizeof(r->data_dir), err));
    const char *d = r->data_dir;
    VG_TRY(upd_path(r->lists, sizeof(r->lists), err, "%s/lists", d));
    VG_TRY(upd_path(r->incoming, sizeof(r->incoming), err, "%s/incoming", d));
    VG_TRY(upd_path(r->index, sizeof(r->index), err, "%s/" INDEX_FILE, d));
    VG_TRY(upd_path(r->index_new, sizeof(r->index_new), err,
                    "%s/" INDEX_FILE ".new", d));
    VG_TRY(upd_path(r->index_prev, sizeof(r->index_prev), err,
                    "%s/" INDEX_FILE ".prev", d));
    return VIGIL_OK;
}

static vigil_status take_lock(struct run *r, vigil_error *err)
{
    char path[UPD_PATH_SIZE];
    VG_TRY(upd_mkdirs(r->data_dir, err));
    VG_TRY(upd_path(path, sizeof(path), err, "%s/update.lock", r->data_dir));
    r->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (r->lock_fd < 0)
        return vg_fail(err, VIGIL_EIO, path, 0, NULL, "cannot open: %s",
                       strerror(errno));
    if (flock(r->lock_fd, LOCK_EX | LOCK_NB) == 0) {
        r->locked = true;
        return VIGIL_OK;
    }
    if (errno == EWOULDBLOCK)
        return vg_fail(err, VIGIL_EREFUSED, path, 0, NULL,
                       "another vigil update is running");
    return vg_fail(err, VIGIL_EIO, path, 0, NULL, "cannot lock: %s",
                   strerror(errno));
}

/* Leftovers of an interrupted run: staging and half-written indexes (the
 * lock guarantees nobody is writing them). */
static vigil_status clear_leftovers(struct run *r, vigil_error *err)
{
    VG_TRY(upd_remove_tree(r->incoming, err));
    VG_TRY(upd_mkdirs(r->incoming, err));
    VG_TRY(upd_mkdirs(r->lists, err));
    DIR *dir = opendir(r->data_dir);
    if (!dir)
        return vg_fail(err, VIGIL_EIO, r->data_dir, 0, NULL, "opendir: %s",
                       strerror(errno));
    struct dirent *de;
    while ((de = readdir(dir))) {
        char path[UPD_PATH_SIZE];
        if ((strncmp(de->d_name, INDEX_FILE ".new", 13) == 0 ||
             strncmp(de->d_name, INDEX_FILE ".prev.tmp", 17) == 0) &&
            upd_path(path, sizeof(path), NULL, "%s/%s", r->data_dir,
                     de->d_name) == VIGIL_OK)
            unlink(path);
    }
    closedir(dir);
    return VIGIL_OK;
}

/* Reads what the index in service says about its sources: the reference
 * for the shrink check and for deciding whether a rebuild is needed.  An
 * index that does not open is simply replaced. */
static void read_recorded(struct run *r)
{
    vigil_index *ix = NULL;
    if (vigil_index_open(r->index, &ix, NULL) != VIGIL_OK) return;
    r->has_index = true;
    r->summary.entity_count = vigil_index_entity_count(ix);
    uint32_t n = vigil_index_source_count(ix);
    for (uint32_t i = 0; i < n; i++) {
        vigil_source_info info;
        if (vigil_index_source(ix, i, &info) != VIGIL_OK) continue;
        if (r->recorded_count == UPD_MAX_SOURCES) {
            r->recorded_overflow = true;
            break;
        }
        struct recorded *rec = &r->recorded[r->recorded_count++];
        vg_strlcpy(rec->name, info.name ? info.name : "", sizeof(rec->name));
        vg_strlcpy(rec->sha256, info.sha256 ? info.sha256 : "",
                   sizeof(rec->sha256));
        rec->count = info.entity_count;
    }
    vigil_index_close(ix);
}

static const struct recorded *find_recorded(const struct run *r,
                                            const char *name)
{
    for (size_t i = 0; i < r->recorded_count; i++)
        if (strcmp(r->recorded[i].name, name) == 0) return &r->recorded[i];
    return NULL;
}

static void report(struct run *r, const struct upd_source *source,
                   const struct upd_staged *s)
{
    switch (s->outcome) {
    case VIGIL_UPDATE_FETCHED: r->summary.fetched++; break;
    case VIGIL_UPDATE_UNCHANGED: r->summary.unchanged++; break;
    case VIGIL_UPDATE_FAILED: r->summary.failed++; break;
    case VIGIL_UPDATE_REFUSED: r->summary.refused++; break;
    case VIGIL_UPDATE_DROPPED: break;
    }
    if (!r->opt->on_source) return;
    bool bad = s->outcome == VIGIL_UPDATE_FAILED ||
               s->outcome == VIGIL_UPDATE_REFUSED;
    vigil_update_report rep = {
        .name = source->name,
        .location = s->location,
        .outcome = s->outcome,
        .entity_count = s->has_copy ? s->state.entities : 0,
        .previous_count = s->previous_count,
        .rejected = s->outcome == VIGIL_UPDATE_FETCHED ? s->rejected
                                                       : s->state.rejected,
        .sha256 = s->has_copy ? s->state.sha256 : "",
        .kept_previous = s->kept_previous,
        .error = bad ? &s->error : NULL,
    };
    r->opt->on_source(r->opt->ctx, &rep);
}

static vigil_status stage_all(struct run *r, vigil_error *err)
{
    const vigil_update_options *o = r->opt;
    struct upd_stage_params p = {
        r->lists, r->incoming, o->from_dir,
        {o->connect_timeout, o->timeout, o->retries, o->retry_delay_ms,
         o->max_bytes},
        o->force != 0, o->max_shrink};
    for (size_t i = 0; i < r->config->count; i++) {
        const struct upd_source *source = &r->config->sources[i];
        if (!source->enabled) continue;
        const struct recorded *rec = find_recorded(r, source->name);
        struct upd_staged *s = &r->staged[r->staged_count];
        VG_TRY(upd_stage(source, &p, rec ? rec->count : 0, s, err));
        r->sources[r->staged_count++] = source;
        r->summary.sources++;
        report(r, source, s);
    }
    return VIGIL_OK;
}

static bool enabled_source(const struct run *r, const char *name)
{
    for (size_t i = 0; i < r->staged_count; i++)
        if (strcmp(r->sources[i]->name, name) == 0) return true;
    return false;
}

/* A source the index in service holds but the configuration no longer
 * enables leaves with the rebuild: said, not silent, since every one of
 * its entities stops being screened. */
static void report_dropped(struct run *r)
{
    for (size_t i = 0; i < r->recorded_count; i++) {
        const struct recorded *rec = &r->recorded[i];
        if (enabled_source(r, rec->name)) continue;
        r->summary.dropped++;
        if (!r->opt->on_source) continue;
        vigil_update_report rep = {
            .name = rec->name, .location = "", .outcome = VIGIL_UPDATE_DROPPED,
            .entity_count = 0, .previous_count = rec->count, .rejected = 0,
            .sha256 = "", .kept_previous = 0, .error = NULL};
        r->opt->on_source(r->opt->ctx, &rep);
    }
}

/* Whether the index in service already records exactly the copies the
 * new one would be built from. */
static bool index_current(const struct run *r)
{
    if (!r->has_index || r->recorded_overflow) return false;
    size_t with_copy = 0;
    for (size_t i = 0; i < r->staged_count; i++) {
        const struct upd_staged *s = &r->staged[i];
        if (!s->has_copy) continue;
        if (s->staged) return false;
        const struct recorded *rec = find_recorded(r, r->sources[i]->name);
        if (!rec || strcmp(rec->sha256, s->state.sha256) != 0) return false;
        with_copy++;
    }
    return with_copy == r->recorded_count;
}

struct build_ctx {
    vigil_builder *builder;
    uint64_t rejected;
};

static vigil_status add_entity(void *ctx, const vigil_entity *entity)
{
    struct build_ctx *b = ctx;
    vigil_status st = vigil_builder_add(b->builder, entity);
    if (st == VIGIL_EINVAL) {
        b->rejected++;
        return VIGIL_OK;
    }
    return st;
}

static vigil_status build_source(vigil_builder *builder,
                                 const struct upd_source *source,
                                 const struct upd_staged *s, vigil_error *err)
{
    const struct upd_state *st = &s->state;
    vigil_source_info info = {
        .name = source->name, .location = st->location,
        .published = st->published, .retrieved = st->retrieved,
        .sha256 = st->sha256, .format = st->format,
        .entity_count = st->entities};
    VG_TRY(vigil_builder_add_source(builder, &info));
    char path[UPD_PATH_SIZE];
    VG_TRY(upd_path(path, sizeof(path), err, "%s/%s", s->dir,
                    st->files[0].name));
    struct build_ctx b = {builder, 0};
    vigil_load_options lo = {st->format[0] ? st->format : NULL, source->name,
                             NULL, &b};
    vigil_load_stats stats = {0, 0, 0};
    return vigil_load(path, &lo, add_entity, &stats, NULL, err);
}

static vigil_status build_index(struct run *r, vigil_error *err)
{
    vigil_builder *builder = NULL;
    vigil_status st = vigil_builder_new(&builder);
    if (st != VIGIL_OK)
        return vg_fail(err, st, r->index_new, 0, NULL,
                       "cannot start the index build");
    for (size_t i = 0; i < r->staged_count && st == VIGIL_OK; i++)
        if (r->staged[i].has_copy)
            st = build_source(builder, r->sources[i], &r->staged[i], err);
    if (st == VIGIL_OK) st = vigil_builder_write(builder, r->index_new, err);
    vigil_builder_free(builder);
    return st;
}

/* The new index must open, pass the deep check and hold entities before
 * it may replace the one in service. */
static vigil_status check_new_index(struct run *r, vigil_error *err)
{
    vigil_index *ix = NULL;
    VG_TRY(vigil_index_open(r->index_new, &ix, err));
    vigil_status st = vigil_index_verify(ix, err);
    uint64_t count = vigil_index_entity_count(ix);
    vigil_index_close(ix);
    if (st == VIGIL_OK && count == 0)
        st = vg_fail(err, VIGIL_EREFUSED, r->index_new, 0, NULL,
                     "the new index holds no entities");
    if (st == VIGIL_OK) r->summary.entity_count = count;
    return st;
}

/* index.vgi -> index.vgi.prev by a hard link, so that the name index.vgi
 * always points at a complete index; then the new one renamed over it. */
static vigil_status install_index(struct run *r, vigil_error *err)
{
    if (upd_exists(r->index)) {
        char tmp[UPD_PATH_SIZE];
        VG_TRY(upd_path(tmp, sizeof(tmp), err, "%s.tmp", r->index_prev));
        unlink(tmp);
        if (link(r->index, tmp) != 0)
            return vg_fail(err, VIGIL_EIO, tmp, 0, NULL, "link: %s",
                           strerror(errno));
        int failed = rename(tmp, r->index_prev) != 0 ? errno : 0;
        /* rename(2) of two links to one file (prev already is the index
         * in service, after an interrupted run) succeeds doing nothing. */
        unlink(tmp);
        if (failed)
            return vg_fail(err, VIGIL_EIO, r->index_prev, 0, NULL,
                           "rename: %s", strerror(failed));
        upd_sync_dir(r->data_dir);
        r->summary.previous_kept = 1;
        crash_point("prev-kept");
    }
    if (rename(r->index_new, r->index) != 0)
        return vg_fail(err, VIGIL_EIO, r->index, 0, NULL, "rename: %s",
                       strerror(errno));
    upd_sync_dir(r->data_dir);
    r->summary.index_written = 1;
    return VIGIL_OK;
}

/* The index now records the staged copies; they replace the old ones.  A
 * failure here only means the next update fetches them again. */
static vigil_status promote(struct run *r, vigil_error *err)
{
    vigil_status first = VIGIL_OK;
    for (size_t i = 0; i < r->staged_count; i++) {
        struct upd_staged *s = &r->staged[i];
        if (!s->staged) continue;
        vigil_status st = upd_exchange(s->dir, s->live, err);
        if (st == VIGIL_OK) st = upd_remove_tree(s->dir, err);
        if (st != VIGIL_OK && first == VIGIL_OK) first = st;
    }
    upd_sync_dir(r->lists);
    return first;
}

static bool any_copy(const struct run *r)
{
    for (size_t i = 0; i < r->staged_count; i++)
        if (r->staged[i].has_copy) return true;
    return false;
}

static vigil_status rebuild(struct run *r, vigil_error *err)
{
    if (!any_copy(r))
        return vg_fail(err, VIGIL_EREFUSED, r->data_dir, 0, NULL,
                       "no source could be read; no index written");
    crash_point("staged");
    vigil_status st = build_index(r, err);
    if (st == VIGIL_OK) st = check_new_index(r, err);
    if (st != VIGIL_OK) {
        unlink(r->index_new);
        return st;
    }
    crash_point("written");
    VG_TRY(install_index(r, err));
    return promote(r, err);
}

static vigil_status run_update(struct run *r, vigil_error *err)
{
    const vigil_update_options *o = r->opt;
    if (!(o->max_shrink >= 0.0 && o->max_shrink <= 1.0) ||
        o->connect_timeout <= 0 || o->timeout <= 0 || o->retries < 0 ||
        o->retry_delay_ms < 0)
        return vg_fail(err, VIGIL_EINVAL, NULL, 0, NULL,
                       "bad update options (max_shrink 0..1, positive "
                       "timeouts, retries >= 0)");
    VG_TRY(take_lock(r, err));
    VG_TRY(clear_leftovers(r, err));
    char conf[UPD_PATH_SIZE];
    const char *config = o->config;
    if (!config) {
        VG_TRY(upd_path(conf, sizeof(conf), err, "%s/sources.conf",
                        r->data_dir));
        config = upd_exists(conf) ? conf : NULL;
    }
    VG_TRY(upd_config_load(r->config, config, err));
    read_recorded(r);
    VG_TRY(stage_all(r, err));
    report_dropped(r);
    if (index_current(r)) return VIGIL_OK;
    return rebuild(r, err);
}

static vigil_status run_alloc(struct run **out, vigil_error *err)
{
    struct run *r = vg_calloc(1, sizeof(*r));
    if (r) r->config = vg_calloc(1, sizeof(*r->config));
    if (r) r->staged = vg_calloc(UPD_MAX_SOURCES, sizeof(*r->staged));
    if (r) r->sources = vg_calloc(UPD_MAX_SOURCES, sizeof(*r->sources));
    if (!r || !r->config || !r->staged || !r->sources) {
        if (r) {
            vg_free(r->config);
            vg_free(r->staged);
            vg_free(r->sources);
        }
        vg_free(r);
        return vg_fail(err, VIGIL_ENOMEM, NULL, 0, NULL, NULL);
    }
    r->lock_fd = -1;
    *out = r;
    return VIGIL_OK;
}

/* Staging is only ours to remove while we hold the lock. */
static void run_free(struct run *r)
{
    if (r->locked) upd_remove_tree(r->incoming, NULL);
    if (r->lock_fd >= 0) close(r->lock_fd);
    upd_config_free(r->config);
    vg_free(r->config);
    vg_free(r->staged);
    vg_free(r->sources);
    vg_free(r);
}

vigil_status vigil_update(const vigil_update_options *options,
                          vigil_update_summary *summary, vigil_error *err)
{
    vigil_update_options defaults;
    if (!options) {
        vigil_update_options_init(&defaults);
        options = &defaults;
    }
    struct run *r = NULL;
    VG_TRY(run_alloc(&r, err));
    r->opt = options;
    vigil_status st = run_paths(r, options->data_dir, err);
    if (st == VIGIL_OK) st = run_update(r, err);
    if (st == VIGIL_OK && summary) *summary = r->summary;
    run_free(r);
    return st;
}

static vigil_status rollback(struct run *r, vigil_error *err)
{
    VG_TRY(take_lock(r, err));
    if (!upd_exists(r->index_prev))
        return vg_fail(err, VIGIL_ENOTFOUND, r->index_prev, 0, NULL,
                       "no previous index to roll back to");
    vigil_index *ix = NULL;
    VG_TRY(vigil_index_open(r->index_prev, &ix, err));
    vigil_index_close(ix);
    if (!upd_exists(r->index)) {
        if (rename(r->index_prev, r->index) != 0)
            return vg_fail(err, VIGIL_EIO, r->index, 0, NULL, "rename: %s",
                           strerror(errno));
    } else {
        VG_TRY(upd_exchange(r->index_prev, r->index, err));
    }
    upd_sync_dir(r->data_dir);
    return VIGIL_OK;
}

vigil_status vigil_update_rollback(const char *data_dir, vigil_error *err)
{
    struct run *r = NULL;
    VG_TRY(run_alloc(&r, err));
    vigil_status st = run_paths(r, data_dir, err);
    if (st == VIGIL_OK) st = rollback(r, err);
    run_free(r);
    return st;
}
