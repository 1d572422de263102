/*
 * files.c — the file operations an update is made of: bounded copies that
 * land through a temporary name, directory trees made and removed, and the
 * atomic exchange that puts a checked source directory in service.
 *
 * Invariant: a file or directory under DATA_DIR/lists/ is only ever
 * replaced whole, by rename(2) or renameat2(RENAME_EXCHANGE), after its new
 * content has been fsynced; a crash leaves the old or the new copy, never
 * a mixture of the files of two publications.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "update.h"

vigil_status upd_path(char *out, size_t size, vigil_error *err,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, size, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size)
        return vg_fail(err, VIGIL_ELIMIT, out, 0, NULL,
                       "path longer than %zu bytes", size - 1);
    return VIGIL_OK;
}

bool upd_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

void upd_sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

vigil_status upd_mkdirs(const char *path, vigil_error *err)
{
    char buf[UPD_PATH_SIZE];
    VG_TRY(upd_path(buf, sizeof(buf), err, "%s", path));
    for (char *p = buf + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end) continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return vg_fail(err, VIGIL_EIO, buf, 0, NULL, "mkdir: %s",
                           strerror(errno));
        if (end) break;
        *p = '/';
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return vg_fail(err, VIGIL_EIO, path, 0, NULL, "not a directory");
    return VIGIL_OK;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

vigil_status upd_remove_tree(const char *path, vigil_error *err)
{
    if (!upd_exists(path)) return VIGIL_OK;
    if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return vg_fail(err, VIGIL_EIO, path, 0, NULL, "cannot remove: %s",
                       strerror(errno));
    return VIGIL_OK;
}

vigil_status upd_exchange(const char *staged, const char *live,
                           vigil_error *err)
{
    if (!upd_exists(live)) {
        if (rename(staged, live) != 0)
            return vg_fail(err, VIGIL_EIO, live, 0, NULL, "rename: %s",
                           strerror(errno));
        return VIGIL_OK;
    }
    if (renameat2(AT_FDCWD, staged, AT_FDCWD, live, RENAME_EXCHANGE) == 0)
        return VIGIL_OK;
    if (errno != EINVAL && errno != ENOSYS)
        return vg_fail(err, VIGIL_EIO, live, 0, NULL, "exchange: %s",
                       strerror(errno));
    /* A filesystem without exchange: two renames, with a short window in
     * which `live` is missing (the next update then fetches it anew). */
    char old[UPD_PATH_SIZE];
    VG_TRY(upd_path(old, sizeof(old), err, "%s.old", staged));
    if (rename(live, old) != 0)
        return vg_fail(err, VIGIL_EIO, live, 0, NULL, "rename: %s",
                       strerror(errno));
    if (rename(staged, live) != 0) {
        int e = errno;
        rename(old, live);
        return vg_fail(err, VIGIL_EIO, live, 0, NULL, "rename: %s",
                       strerror(e));
    }
    if (rename(old, staged) != 0)
        return vg_fail(err, VIGIL_EIO, staged, 0, NULL, "rename: %s",
                       strerror(errno));
    return VIGIL_OK;
}

/* Copies fd to fd with a ceiling; reads are unbounded in count, not size. */
static vigil_status copy_fd(int in, int out, uint64_t max_bytes,
                            const char *from, const char *to,
                            vigil_error *err)
{
    char chunk[65536];
    uint64_t total = 0;
    for (;;) {
        ssize_t n = read(in, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            return vg_fail(err, VIGIL_EIO, from, 0, NULL, "read: %s",
                           strerror(errno));
        if (n == 0) return VIGIL_OK;
        total += (uint64_t)n;
        if (max_bytes && total > max_bytes)
            return vg_fail(err, VIGIL_ELIMIT, from, 0, NULL,
                           "larger than the ceiling of %llu MiB",
                           (unsigned long long)(max_bytes / UPD_MIB));
        VG_TRY(vg_write_all(out, chunk, (size_t)n, to, err));
    }
}

vigil_status upd_copy_file(const char *from, const char *to,
                           uint64_t max_bytes, vigil_error *err)
{
    char part[UPD_PATH_SIZE];
    VG_TRY(upd_path(part, sizeof(part), err, "%s.part", to));
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO,
                       from, 0, NULL, "cannot open: %s", strerror(errno));
    int out = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return vg_fail(err, VIGIL_EIO, part, 0, NULL, "cannot create: %s",
                       strerror(errno));
    }
    vigil_status st = copy_fd(in, out, max_bytes, from, part, err);
    close(in);
    if (st == VIGIL_OK && fsync(out) != 0)
        st = vg_fail(err, VIGIL_EIO, part, 0, NULL, "fsync: %s",
                     strerror(errno));
    if (close(out) != 0 && st == VIGIL_OK)
        st = vg_fail(err, VIGIL_EIO, part, 0, NULL, "close: %s",
                     strerror(errno));
    if (st == VIGIL_OK && rename(part, to) != 0)
        st = vg_fail(err, VIGIL_EIO, to, 0, NULL, "rename: %s",
                     strerror(errno));
    if (st != VIGIL_OK) unlink(part);
    return st;
}
