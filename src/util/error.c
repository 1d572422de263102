/*
 * error.c — the one error convention: a status code plus, when the caller
 * passed a vigil_error, the message and the place (file, line, field).
 */
#include <stdio.h>
#include <string.h>

#include "vg.h"

const char *vigil_version(void) { return VIGIL_VERSION_STRING; }

const char *vigil_strerror(vigil_status status)
{
    static const char *const text[] = {
        [VIGIL_OK] = "success",
        [VIGIL_ENOMEM] = "out of memory",
        [VIGIL_EINVAL] = "invalid argument",
        [VIGIL_EIO] = "input/output error",
        [VIGIL_ECORRUPT] = "index file is corrupt, truncated or not an index",
        [VIGIL_EVERSION] = "unsupported index format version",
        [VIGIL_ENOTFOUND] = "not found",
        [VIGIL_EPARSE] = "malformed input",
        [VIGIL_ELIMIT] = "input exceeds a configured limit",
        [VIGIL_EUNSUPPORTED] = "unsupported format or feature",
        [VIGIL_EREFUSED] = "refused by a sanity check",
        [VIGIL_ENETWORK] = "download failed",
    };
    if ((unsigned)status < VG_ARRAY_LEN(text) && text[status])
        return text[status];
    return "unknown error";
}

vigil_status vg_vfail(vigil_error *err, vigil_status status, const char *file,
                      long line, const char *field, const char *fmt,
                      va_list ap)
{
    if (!err) return status;
    err->status = status;
    vg_strlcpy(err->file, file ? file : "", sizeof(err->file));
    err->line = line;
    vg_strlcpy(err->field, field ? field : "", sizeof(err->field));
    if (fmt)
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
    else
        vg_strlcpy(err->message, vigil_strerror(status), sizeof(err->message));
    return status;
}

vigil_status vg_fail(vigil_error *err, vigil_status status, const char *file,
                     long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vg_vfail(err, status, file, line, field, fmt, ap);
    va_end(ap);
    return status;
}

const char *vigil_error_format(const vigil_error *err, char *buf, size_t size)
{
    if (!size) return buf;
    buf[0] = '\0';
    if (!err) return buf;
    size_t used = 0;
    int n;
    if (err->file[0]) {
        n = err->line > 0 ? snprintf(buf, size, "%s:%ld: ", err->file, err->line)
                          : snprintf(buf, size, "%s: ", err->file);
        used = n > 0 ? VG_MIN((size_t)n, size - 1) : 0;
    }
    if (err->field[0]) {
        n = snprintf(buf + used, size - used, "%s: ", err->field);
        used += n > 0 ? VG_MIN((size_t)n, size - 1 - used) : 0;
    }
    snprintf(buf + used, size - used, "%s",
             err->message[0] ? err->message : vigil_strerror(err->status));
    return buf;
}

void vg_strlcpy(char *dst, const char *src, size_t size)
{
    if (!size) return;
    size_t n = strlen(src);
    if (n >= size) n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int vg_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca += 32;
        if (cb >= 'A' && cb <= 'Z') cb += 32;
        if (ca != cb || !ca) return ca - cb;
    }
}

bool vg_is_blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}
