/*
 * file.c — atomic replacement of files.  An index or list is only ever
 * replaced by a complete, fsynced new one: temporary file in the same
 * directory, fsync, rename, fsync of the directory.  A crash at any point
 * leaves either the old file or the new one, never a mixture.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vg.h"

vigil_status vg_write_all(int fd, const void *data, size_t len,
                          const char *path, vigil_error *err)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            return vg_fail(err, VIGIL_EIO, path, 0, NULL, "write: %s",
                           strerror(n < 0 ? errno : EIO));
        p += n;
        len -= (size_t)n;
    }
    return VIGIL_OK;
}

static void fsync_parent_dir(const char *path)
{
    char *copy = vg_strdup(path);
    if (!copy) return;
    int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    vg_free(copy);
}

vigil_status vg_write_atomic(const char *path, vg_write_fn write_fn,
                             void *ctx, vigil_error *err)
{
    char tmp[4096];
    int n = snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof(tmp))
        return vg_fail(err, VIGIL_EINVAL, path, 0, NULL, "path too long");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return vg_fail(err, VIGIL_EIO, tmp, 0, NULL, "cannot create: %s",
                       strerror(errno));
    vigil_status st = write_fn(ctx, fd, err);
    if (st == VIGIL_OK && fsync(fd) != 0)
        st = vg_fail(err, VIGIL_EIO, tmp, 0, NULL, "fsync: %s", strerror(errno));
    if (close(fd) != 0 && st == VIGIL_OK)
        st = vg_fail(err, VIGIL_EIO, tmp, 0, NULL, "close: %s", strerror(errno));
    if (st == VIGIL_OK && rename(tmp, path) != 0)
        st = vg_fail(err, VIGIL_EIO, path, 0, NULL, "rename: %s",
                     strerror(errno));
    if (st != VIGIL_OK) {
        unlink(tmp);
        return st;
    }
    fsync_parent_dir(path);
    return VIGIL_OK;
}

vigil_status vg_read_file(const char *path, size_t max, char **out,
                          size_t *len, vigil_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO, path,
                       0, NULL, "cannot open: %s", strerror(errno));
    struct vg_buf buf;
    vg_buf_init(&buf, max);
    char chunk[65536];
    vigil_status st = VIGIL_OK;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            st = vg_fail(err, VIGIL_EIO, path, 0, NULL, "read: %s",
                         strerror(errno));
            break;
        }
        if (n == 0) break;
        st = vg_buf_append(&buf, chunk, (size_t)n);
        if (st != VIGIL_OK) {
            vg_fail(err, st, path, 0, NULL, st == VIGIL_ELIMIT
                        ? "file larger than %zu bytes" : "out of memory", max);
            break;
        }
    }
    close(fd);
    if (st == VIGIL_OK && !buf.data) st = vg_buf_append(&buf, "", 0);
    if (st != VIGIL_OK) {
        vg_buf_free(&buf);
        return st;
    }
    *out = buf.data;
    if (len) *len = buf.len;
    return VIGIL_OK;
}

void vg_utc_now(char out[21])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
