/*
 * holder.c — the index the server answers from, swappable while requests
 * are in flight.
 *
 * Invariant: `current` always points at an open index whose use count
 * includes the holder's own use; a request takes a use under the lock and
 * gives it back without it, and whoever drops the count to zero closes the
 * index.  A reload opens the new file before touching anything, so a file
 * that fails to open leaves the old index serving; the swap itself is one
 * pointer store under the lock.  A mutex (not a read-copy-update scheme)
 * keeps this obviously right: it is held for two instructions per request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

struct srv_holder {
    pthread_mutex_t lock;         /* guards current */
    pthread_mutex_t reload_lock;  /* one reload at a time */
    struct srv_index_ref *current;
    char *path;
    atomic_uint_fast64_t reloads_ok;
    atomic_uint_fast64_t reloads_failed;
};

/* Seconds since the epoch of an ISO 8601 UTC time ("2024-05-01T12:00:00Z"),
 * or (time_t)-1. */
static time_t parse_utc(const char *iso)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                       &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return (time_t)-1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

static vigil_status ref_open(const char *path, struct srv_index_ref **out,
                             vigil_error *err)
{
    struct srv_index_ref *ref = calloc(1, sizeof(*ref));
    if (!ref) {
        if (err) {
            memset(err, 0, sizeof(*err));
            err->status = VIGIL_ENOMEM;
            snprintf(err->message, sizeof(err->message), "out of memory");
        }
        return VIGIL_ENOMEM;
    }
    vigil_status st = vigil_index_open(path, &ref->index, err);
    if (st != VIGIL_OK) {
        free(ref);
        return st;
    }
    atomic_init(&ref->users, 1);
    ref->loaded = time(NULL);
    ref->built = parse_utc(vigil_index_built(ref->index));
    *out = ref;
    return VIGIL_OK;
}

vigil_status srv_holder_open(const char *path, struct srv_holder **out,
                             vigil_error *err)
{
    struct srv_holder *h = calloc(1, sizeof(*h));
    if (!h || !(h->path = strdup(path))) {
        free(h);
        return VIGIL_ENOMEM;
    }
    vigil_status st = ref_open(path, &h->current, err);
    if (st != VIGIL_OK) {
        free(h->path);
        free(h);
        return st;
    }
    pthread_mutex_init(&h->lock, NULL);
    pthread_mutex_init(&h->reload_lock, NULL);
    *out = h;
    return VIGIL_OK;
}

void srv_holder_close(struct srv_holder *holder)
{
    if (!holder) return;
    srv_ref_release(holder->current);
    pthread_mutex_destroy(&holder->lock);
    pthread_mutex_destroy(&holder->reload_lock);
    free(holder->path);
    free(holder);
}

struct srv_index_ref *srv_holder_acquire(struct srv_holder *holder)
{
    pthread_mutex_lock(&holder->lock);
    struct srv_index_ref *ref = holder->current;
    atomic_fetch_add_explicit(&ref->users, 1, memory_order_relaxed);
    pthread_mutex_unlock(&holder->lock);
    return ref;
}

void srv_ref_release(struct srv_index_ref *ref)
{
    if (!ref) return;
    if (atomic_fetch_sub_explicit(&ref->users, 1, memory_order_acq_rel) == 1) {
        vigil_index_close(ref->index);
        free(ref);
    }
}

static void copy_version(char *dst, size_t size, const vigil_index *index)
{
    snprintf(dst, size, "%s", vigil_index_version(index));
}

vigil_status srv_holder_reload(struct srv_holder *holder,
                               struct srv_reload_report *report)
{
    memset(report, 0, sizeof(*report));
    pthread_mutex_lock(&holder->reload_lock);
    struct srv_index_ref *old = srv_holder_acquire(holder);
    copy_version(report->previous, sizeof(report->previous), old->index);

    struct srv_index_ref *fresh = NULL;
    vigil_status st = ref_open(holder->path, &fresh, &report->err);
    if (st == VIGIL_OK && vigil_index_entity_count(fresh->index) == 0 &&
        vigil_index_entity_count(old->index) > 0) {
        /* An empty list would clear every screen silently. */
        st = VIGIL_EREFUSED;
        report->err.status = st;
        snprintf(report->err.file, sizeof(report->err.file), "%s", holder->path);
        snprintf(report->err.message, sizeof(report->err.message),
                 "the new index holds no entities; the current one holds %u",
                 (unsigned)vigil_index_entity_count(old->index));
        srv_ref_release(fresh);
    }
    if (st == VIGIL_OK) {
        pthread_mutex_lock(&holder->lock);
        holder->current = fresh;
        pthread_mutex_unlock(&holder->lock);
        srv_ref_release(old);   /* the holder's use of the old index */
        copy_version(report->current, sizeof(report->current), fresh->index);
        report->ok = true;
        atomic_fetch_add(&holder->reloads_ok, 1);
    } else {
        memcpy(report->current, report->previous, sizeof(report->current));
        atomic_fetch_add(&holder->reloads_failed, 1);
    }
    srv_ref_release(old);       /* this function's own use */
    pthread_mutex_unlock(&holder->reload_lock);
    return st;
}

uint64_t srv_holder_reloads(const struct srv_holder *holder, bool ok)
{
    return ok ? atomic_load(&holder->reloads_ok) : atomic_load(&holder->reloads_failed);
}
