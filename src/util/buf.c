/*
 * buf.c — growable byte buffers with a ceiling: input-fed buffers refuse to
 * grow past their configured maximum with VIGIL_ELIMIT instead of eating
 * memory (curl's dynbuf idea).
 */
#include <stdio.h>
#include <string.h>

#include "vg.h"

void vg_buf_init(struct vg_buf *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max ? max : SIZE_MAX;
}

static vigil_status reserve(struct vg_buf *buf, size_t extra)
{
    if (extra > buf->max - buf->len || buf->len + extra == SIZE_MAX)
        return VIGIL_ELIMIT;
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) return VIGIL_OK;
    void *data = buf->data;
    size_t cap = buf->cap;
    if (!vg_grow(&data, &cap, need, 1)) return VIGIL_ENOMEM;
    buf->data = data;
    buf->cap = cap;
    return VIGIL_OK;
}

vigil_status vg_buf_append(struct vg_buf *buf, const void *data, size_t len)
{
    VG_TRY(reserve(buf, len));
    if (len) memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return VIGIL_OK;
}

vigil_status vg_buf_puts(struct vg_buf *buf, const char *s)
{
    return vg_buf_append(buf, s, strlen(s));
}

vigil_status vg_buf_putc(struct vg_buf *buf, char c)
{
    return vg_buf_append(buf, &c, 1);
}

vigil_status vg_buf_printf(struct vg_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return VIGIL_EINVAL;
    VG_TRY(reserve(buf, (size_t)n));
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return VIGIL_OK;
}

void vg_buf_reset(struct vg_buf *buf)
{
    buf->len = 0;
    if (buf->data) buf->data[0] = '\0';
}

void vg_buf_free(struct vg_buf *buf)
{
    vg_free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
