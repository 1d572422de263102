/*
 * stage.c — one source through one update: fetch (or copy) its files into
 * DATA_DIR/incoming/<name>, recognise an unchanged publication, parse the
 * new one and apply the sanity bounds, and say which copy the next index is
 * built from.
 *
 * Invariant: nothing under DATA_DIR/lists/ changes here except the HTTP
 * validators of a copy whose content is unchanged; a new copy is only
 * staged, with its .state, for the caller to put in service once the index
 * built from it is written.  A source that fails or is refused falls back
 * to its previous accepted copy, so no list silently leaves the index.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "update.h"

static bool read_kept(const char *live, struct upd_state *kept)
{
    char path[UPD_PATH_SIZE];
    if (upd_path(path, sizeof(path), NULL, "%s/.state", live) != VIGIL_OK)
        return false;
    return upd_state_read(path, kept, NULL) == VIGIL_OK &&
           kept->file_count > 0;
}

/* A file the server says is unchanged joins the staged copy as a hard link
 * (files under lists/ are replaced, never rewritten, so sharing is safe). */
static vigil_status reuse_file(const char *live, const char *staged,
                               const char *name, vigil_error *err)
{
    char from[UPD_PATH_SIZE], to[UPD_PATH_SIZE];
    VG_TRY(upd_path(from, sizeof(from), err, "%s/%s", live, name));
    VG_TRY(upd_path(to, sizeof(to), err, "%s/%s", staged, name));
    if (link(from, to) == 0) return VIGIL_OK;
    return upd_copy_file(from, to, 0, err);
}

static uint64_t max_bytes_of(const struct upd_source *source,
                             const struct upd_stage_params *p)
{
    return source->max_bytes ? source->max_bytes : p->fetch.max_bytes;
}

static vigil_status download_file(const struct upd_source *source, size_t i,
                                  const struct upd_stage_params *p,
                                  const struct upd_state *kept,
                                  const struct upd_staged *out,
                                  struct upd_file_state *fresh,
                                  bool *not_modified, vigil_error *err)
{
    const char *name = source->files[i];
    char live_file[UPD_PATH_SIZE], dest[UPD_PATH_SIZE];
    VG_TRY(upd_path(live_file, sizeof(live_file), err, "%s/%s", out->live,
                    name));
    VG_TRY(upd_path(dest, sizeof(dest), err, "%s/%s", out->dir, name));
    const struct upd_file_state *cond =
        kept && upd_exists(live_file) ? upd_state_file(kept, name) : NULL;
    struct upd_fetch_params fp = p->fetch;
    fp.max_bytes = max_bytes_of(source, p);
    if (source->timeout) fp.timeout = source->timeout;
    VG_TRY(upd_fetch(source->locations[i], dest, &fp, cond, fresh,
                     not_modified, err));
    if (*not_modified) {
        /* A 304 may omit the validators; the stored ones still apply. */
        if (!fresh->etag[0]) vg_strlcpy(fresh->etag, cond->etag, UPD_ETAG_SIZE);
        if (!fresh->last_modified[0])
            vg_strlcpy(fresh->last_modified, cond->last_modified,
                       UPD_DATE_SIZE);
        VG_TRY(reuse_file(out->live, out->dir, name, err));
    }
    return VIGIL_OK;
}

/* Brings every file of the source into out->dir.  *all_not_modified: the
 * server answered 304 for every file. */
static vigil_status gather(const struct upd_source *source,
                           const struct upd_stage_params *p,
                           const struct upd_state *kept,
                           struct upd_staged *out, struct upd_state *fresh,
                           bool *all_not_modified, vigil_error *err)
{
    bool local = source->local || p->from_dir;
    *all_not_modified = !local;
    fresh->file_count = source->file_count;
    for (size_t i = 0; i < source->file_count; i++) {
        struct upd_file_state *f = &fresh->files[i];
        vg_strlcpy(f->name, source->files[i], sizeof(f->name));
        if (!local) {
            bool not_modified = false;
            VG_TRY(download_file(source, i, p, kept, out, f, &not_modified,
                                 err));
            *all_not_modified = *all_not_modified && not_modified;
            continue;
        }
        char from[UPD_PATH_SIZE], to[UPD_PATH_SIZE];
        if (source->local)
            VG_TRY(upd_path(from, sizeof(from), err, "%s",
                            source->locations[i]));
        else
            VG_TRY(upd_path(from, sizeof(from), err, "%s/%s/%s", p->from_dir,
                            source->name, source->files[i]));
        VG_TRY(upd_path(to, sizeof(to), err, "%s/%s", out->dir, f->name));
        VG_TRY(upd_copy_file(from, to, max_bytes_of(source, p), err));
    }
    return VIGIL_OK;
}

static vigil_status hash_file(struct vg_sha256 *ctx, const char *path,
                              vigil_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vg_fail(err, VIGIL_EIO, path, 0, NULL, "cannot open: %s",
                       strerror(errno));
    char chunk[65536];
    vigil_status st = VIGIL_OK;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            st = vg_fail(err, VIGIL_EIO, path, 0, NULL, "read: %s",
                         strerror(errno));
        if (n <= 0) break;
        vg_sha256_update(ctx, chunk, (size_t)n);
    }
    close(fd);
    return st;
}

/* SHA-256 of the files in their configured order: for a one-file source,
 * the file's own digest (what sha256sum prints). */
static vigil_status hash_files(const char *dir, struct upd_state *st,
                               vigil_error *err)
{
    struct vg_sha256 *ctx = vg_sha256_begin();
    if (!ctx) return vg_fail(err, VIGIL_ENOMEM, dir, 0, NULL, NULL);
    vigil_status status = VIGIL_OK;
    for (size_t i = 0; i < st->file_count && status == VIGIL_OK; i++) {
        char path[UPD_PATH_SIZE];
        status = upd_path(path, sizeof(path), err, "%s/%s", dir,
                          st->files[i].name);
        if (status == VIGIL_OK) status = hash_file(ctx, path, err);
    }
    vg_sha256_end(ctx, st->sha256);
    return status;
}

static vigil_status count_entity(void *ctx, const vigil_entity *entity)
{
    (void)entity;
    (*(uint64_t *)ctx)++;
    return VIGIL_OK;
}

/* Parses the staged copy as the index build will, recording what the
 * loader says about it. */
static vigil_status parse_staged(const struct upd_source *source,
                                 struct upd_staged *out,
                                 struct upd_state *fresh, vigil_error *err)
{
    char path[UPD_PATH_SIZE];
    VG_TRY(upd_path(path, sizeof(path), err, "%s/%s", out->dir,
                    fresh->files[0].name));
    uint64_t count = 0;
    vigil_load_options lo = {source->format[0] ? source->format : NULL,
                             source->name, NULL, &count};
    vigil_load_stats stats = {0, 0, 0};
    vigil_source_info info;
    memset(&info, 0, sizeof(info));
    VG_TRY(vigil_load(path, &lo, count_entity, &stats, &info, err));
    fresh->entities = count;
    fresh->rejected = stats.rejected;
    out->rejected = stats.rejected;
    vg_strlcpy(fresh->published, info.published ? info.published : "",
               sizeof(fresh->published));
    vg_strlcpy(fresh->format,
               source->format[0] ? source->format
                                 : (info.format ? info.format : ""),
               sizeof(fresh->format));
    return VIGIL_OK;
}

/* The sanity bounds: a list that parses to nothing, loses more than the
 * allowed share of its entities, or whose records are mostly rejected is
 * more likely a broken download or a changed format than a real change. */
static vigil_status check_bounds(const struct upd_state *fresh,
                                 const struct upd_stage_params *p,
                                 uint64_t previous, const char *name,
                                 vigil_error *err)
{
    if (p->force) return VIGIL_OK;
    if (fresh->entities == 0)
        return vg_fail(err, VIGIL_EREFUSED, name, 0, NULL,
                       "parsed to zero entities (--force accepts it)");
    if (previous &&
        (double)fresh->entities < (double)previous * (1.0 - p->max_shrink))
        return vg_fail(err, VIGIL_EREFUSED, name, 0, NULL,
                       "%llu entities, down from %llu (-%.1f%%, more than "
                       "the %.0f%% allowed; --force accepts it)",
                       (unsigned long long)fresh->entities,
                       (unsigned long long)previous,
                       100.0 * (1.0 - (double)fresh->entities /
                                          (double)previous),
                       100.0 * p->max_shrink);
    if (fresh->rejected > fresh->entities)
        return vg_fail(err, VIGIL_EREFUSED, name, 0, NULL,
                       "%llu records rejected, only %llu accepted "
                       "(--force accepts it)",
                       (unsigned long long)fresh->rejected,
                       (unsigned long long)fresh->entities);
    return VIGIL_OK;
}

static void describe_location(const struct upd_source *source,
                              const struct upd_stage_params *p, char *out,
                              size_t size)
{
    if (!p->from_dir || source->local) {
        upd_source_location(source, out, size);
        return;
    }
    struct vg_buf buf;
    vg_buf_init(&buf, size - 1);
    for (size_t i = 0; i < source->file_count; i++)
        if (vg_buf_printf(&buf, "%s%s/%s/%s", i ? " " : "", p->from_dir,
                          source->name, source->files[i]) != VIGIL_OK)
            break;
    vg_strlcpy(out, buf.data ? buf.data : "", size);
    vg_buf_free(&buf);
}

/* Same content as the kept copy: keep it, with any new validators. */
static void keep_unchanged(struct upd_staged *out, struct upd_state *kept,
                           const struct upd_state *fresh)
{
    bool moved = false;
    for (size_t i = 0; i < fresh->file_count; i++) {
        struct upd_file_state *k = (struct upd_file_state *)
            upd_state_file(kept, fresh->files[i].name);
        if (!k || (strcmp(k->etag, fresh->files[i].etag) == 0 &&
                   strcmp(k->last_modified, fresh->files[i].last_modified) == 0))
            continue;
        *k = fresh->files[i];
        moved = true;
    }
    char path[UPD_PATH_SIZE];
    if (moved &&
        upd_path(path, sizeof(path), NULL, "%s/.state", out->live) == VIGIL_OK)
        upd_state_write(path, kept, NULL); /* best effort: only saves a fetch */
    out->outcome = VIGIL_UPDATE_UNCHANGED;
}

static vigil_status accept_staged(struct upd_staged *out,
                                  struct upd_state *fresh)
{
    char path[UPD_PATH_SIZE];
    vg_utc_now(fresh->retrieved);
    vg_strlcpy(fresh->location, out->location, sizeof(fresh->location));
    VG_TRY(upd_path(path, sizeof(path), &out->error, "%s/.state", out->dir));
    VG_TRY(upd_state_write(path, fresh, &out->error));
    out->state = *fresh;
    out->staged = true;
    out->has_copy = true;
    out->outcome = VIGIL_UPDATE_FETCHED;
    return VIGIL_OK;
}

/* Gather, recognise unchanged, parse, check, accept; the outcome of the
 * first step that says no. */
static void run_steps(const struct upd_source *source,
                      const struct upd_stage_params *p,
                      struct upd_state *kept, bool have_kept,
                      struct upd_staged *out, struct upd_state *fresh)
{
    bool all_not_modified = false;
    vigil_error *e = &out->error;
    if (gather(source, p, have_kept ? kept : NULL, out, fresh,
               &all_not_modified, e) != VIGIL_OK ||
        hash_files(out->dir, fresh, e) != VIGIL_OK) {
        out->outcome = VIGIL_UPDATE_FAILED;
        return;
    }
    if (have_kept &&
        (all_not_modified || strcmp(fresh->sha256, kept->sha256) == 0)) {
        keep_unchanged(out, kept, fresh);
        return;
    }
    if (parse_staged(source, out, fresh, e) != VIGIL_OK) {
        out->outcome = VIGIL_UPDATE_FAILED;
        return;
    }
    if (check_bounds(fresh, p, out->previous_count, source->name, e) !=
        VIGIL_OK) {
        out->outcome = VIGIL_UPDATE_REFUSED;
        return;
    }
    if (accept_staged(out, fresh) != VIGIL_OK)
        out->outcome = VIGIL_UPDATE_FAILED;
}

vigil_status upd_stage(const struct upd_source *source,
                       const struct upd_stage_params *p,
                       uint64_t previous_count, struct upd_staged *out,
                       vigil_error *err)
{
    memset(out, 0, sizeof(*out));
    out->previous_count = previous_count;
    VG_TRY(upd_path(out->live, sizeof(out->live), err, "%s/%s",
                    p->lists_dir, source->name));
    VG_TRY(upd_path(out->dir, sizeof(out->dir), err, "%s/%s",
                    p->incoming_dir, source->name));
    describe_location(source, p, out->location, sizeof(out->location));
    struct upd_state *kept = vg_calloc(2, sizeof(*kept));
    if (!kept) return vg_fail(err, VIGIL_ENOMEM, source->name, 0, NULL, NULL);
    struct upd_state *fresh = kept + 1;
    bool have_kept = read_kept(out->live, kept);
    if (!out->previous_count && have_kept)
        out->previous_count = kept->entities;
    vigil_status st = upd_remove_tree(out->dir, err);
    if (st == VIGIL_OK) st = upd_mkdirs(out->dir, err);
    if (st == VIGIL_OK) run_steps(source, p, kept, have_kept, out, fresh);
    if (st == VIGIL_OK && !out->staged) {
        st = upd_remove_tree(out->dir, err);
        out->dir[0] = '\0';
        if (have_kept) {
            out->has_copy = true;
            out->kept_previous = out->outcome != VIGIL_UPDATE_UNCHANGED;
            out->state = *kept;
            vg_strlcpy(out->dir, out->live, sizeof(out->dir));
        }
    }
    vg_free(kept);
    return st;
}
