/*
 * vg.h — shared internals of libvigil: allocation, arenas, bounded buffers,
 * error reporting, hashing and atomic file replacement.  Every module of the
 * library may include it; it includes nothing of the library but vigil.h.
 *
 * All library allocation goes through vg_malloc and friends so that tests
 * can make the n-th allocation fail (vg_alloc_fail_after) and check that
 * every path reports VIGIL_ENOMEM instead of crashing.
 */
#ifndef VG_H
#define VG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil.h"

#define VG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define VG_MIN(a, b) ((a) < (b) ? (a) : (b))
#define VG_MAX(a, b) ((a) > (b) ? (a) : (b))

/* ------------------------------------------------------------ allocation */

void *vg_malloc(size_t size);
void *vg_calloc(size_t count, size_t size);
void *vg_realloc(void *ptr, size_t size);
void vg_free(void *ptr);
char *vg_strdup(const char *s);
char *vg_strndup(const char *s, size_t n);
/* Grows *ptr (an array of *cap elements of elem_size bytes) so that it holds
 * at least `need` elements.  Doubles; false on overflow or ENOMEM, leaving
 * *ptr and *cap untouched. */
bool vg_grow(void **ptr, size_t *cap, size_t need, size_t elem_size);

/* Testing: after `n` more successful allocations, every allocation fails;
 * a negative n turns failure injection off. */
void vg_alloc_fail_after(long n);

/* --------------------------------------------------------------- arenas */

/* A bump allocator for per-query and per-build scratch: reset, not freed,
 * between uses.  Blocks are chained; nothing moves once allocated. */
struct vg_arena {
    struct vg_arena_block *head;
    size_t block_size;
    size_t total;      /* bytes handed out since the last reset */
};

void vg_arena_init(struct vg_arena *arena, size_t block_size);
void *vg_arena_alloc(struct vg_arena *arena, size_t size); /* 8-aligned, NULL on ENOMEM */
void *vg_arena_calloc(struct vg_arena *arena, size_t count, size_t size);
char *vg_arena_strdup(struct vg_arena *arena, const char *s);
char *vg_arena_strndup(struct vg_arena *arena, const char *s, size_t n);
char *vg_arena_printf(struct vg_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vg_arena_reset(struct vg_arena *arena); /* keeps the first block */
void vg_arena_free(struct vg_arena *arena);

/* ------------------------------------------------------- bounded buffers */

/* A growable byte buffer with a ceiling (every buffer fed by input has one).
 * Always NUL-terminated after a successful append. */
struct vg_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;  /* ceiling in bytes; 0 = SIZE_MAX */
};

void vg_buf_init(struct vg_buf *buf, size_t max);
vigil_status vg_buf_append(struct vg_buf *buf, const void *data, size_t len);
vigil_status vg_buf_puts(struct vg_buf *buf, const char *s);
vigil_status vg_buf_putc(struct vg_buf *buf, char c);
vigil_status vg_buf_printf(struct vg_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void vg_buf_reset(struct vg_buf *buf);
void vg_buf_free(struct vg_buf *buf);

/* ---------------------------------------------------------------- errors */

/* Fills err (if not NULL) and returns status, so that callers can write
 * `return vg_fail(err, VIGIL_EPARSE, path, line, "name", "empty name");`. */
vigil_status vg_fail(vigil_error *err, vigil_status status, const char *file,
                     long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
vigil_status vg_vfail(vigil_error *err, vigil_status status, const char *file,
                      long line, const char *field, const char *fmt,
                      va_list ap);

/* Returns from the calling function when expr is not VIGIL_OK. */
#define VG_TRY(expr)                                                           \
    do {                                                                       \
        vigil_status vg_try_status_ = (expr);                                  \
        if (vg_try_status_ != VIGIL_OK) return vg_try_status_;                 \
    } while (0)

/* ------------------------------------------------------------- hashing */

uint64_t vg_hash64(const void *data, size_t len, uint64_t seed);
uint64_t vg_hash_str(const char *s);

/* ------------------------------------------------------- edit distance */

/* Optimal-string-alignment distance of two byte strings (insertion,
 * deletion, substitution, transposition of adjacent bytes: one edit each),
 * or max + 1 when it exceeds max. */
int vg_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                     int max);

/* SHA-256 (libcrypto) of a file, as 64 lowercase hex digits + NUL. */
vigil_status vg_sha256_file(const char *path, char hex[65], vigil_error *err);
/* Incremental SHA-256 over several files or buffers. */
struct vg_sha256;
struct vg_sha256 *vg_sha256_begin(void);
void vg_sha256_update(struct vg_sha256 *ctx, const void *data, size_t len);
void vg_sha256_end(struct vg_sha256 *ctx, char hex[65]); /* frees ctx */

/* ------------------------------------------------------------ files */

/* Writes a file atomically: `path.tmp.<pid>` in the same directory, written
 * by `write_fn`, fsynced, renamed over `path`, directory fsynced.  On any
 * failure the temporary is removed and `path` is untouched. */
typedef vigil_status (*vg_write_fn)(void *ctx, int fd, vigil_error *err);
vigil_status vg_write_atomic(const char *path, vg_write_fn write_fn,
                             void *ctx, vigil_error *err);
/* write(2) until done, retrying on EINTR. */
vigil_status vg_write_all(int fd, const void *data, size_t len,
                          const char *path, vigil_error *err);
/* Reads a whole file into a NUL-terminated buffer, refusing files over max. */
vigil_status vg_read_file(const char *path, size_t max, char **out,
                          size_t *len, vigil_error *err);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void vg_utc_now(char out[21]);

/* ------------------------------------------------------------ UTF-8 */

/* Decodes one code point at s (len bytes left); returns its length in bytes
 * (1 for an invalid byte, reported as U+FFFD in *cp). */
size_t vg_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns length. */
size_t vg_utf8_encode(uint32_t cp, char *out);
bool vg_utf8_valid(const char *s, size_t len);

/* ASCII helpers that ignore the locale. */
int vg_strcasecmp(const char *a, const char *b);
bool vg_is_blank(const char *s);
/* Copies src into dst (size bytes), truncating; always NUL-terminates. */
void vg_strlcpy(char *dst, const char *src, size_t size);

#endif /* VG_H */
