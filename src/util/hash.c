/*
 * hash.c — a 64-bit hash for in-memory and on-disk hash tables (the index
 * stores hashes, so this function is part of the file format: never change
 * it without bumping the index format version) and SHA-256 via libcrypto for
 * provenance.
 */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vg.h"

/* 64-bit FNV-1a over 8-byte words, finished with a murmur3 avalanche:
 * simple, fast on short keys, and good enough spread for open addressing. */
uint64_t vg_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull ^ (seed * 0x9e3779b97f4a7c15ull);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    while (len--) h = (h ^ *p++) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

uint64_t vg_hash_str(const char *s) { return vg_hash64(s, strlen(s), 0); }

struct vg_sha256 {
    EVP_MD_CTX *md;
};

struct vg_sha256 *vg_sha256_begin(void)
{
    struct vg_sha256 *ctx = vg_malloc(sizeof(*ctx));
    if (!ctx) return NULL;
    ctx->md = EVP_MD_CTX_new();
    if (!ctx->md || EVP_DigestInit_ex(ctx->md, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx->md);
        vg_free(ctx);
        return NULL;
    }
    return ctx;
}

void vg_sha256_update(struct vg_sha256 *ctx, const void *data, size_t len)
{
    EVP_DigestUpdate(ctx->md, data, len);
}

void vg_sha256_end(struct vg_sha256 *ctx, char hex[65])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx->md, digest, &n);
    for (unsigned i = 0; i < n && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    hex[64] = '\0';
    EVP_MD_CTX_free(ctx->md);
    vg_free(ctx);
}

vigil_status vg_sha256_file(const char *path, char hex[65], vigil_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return vg_fail(err, errno == ENOENT ? VIGIL_ENOTFOUND : VIGIL_EIO, path,
                       0, NULL, "cannot open: %s", strerror(errno));
    struct vg_sha256 *ctx = vg_sha256_begin();
    if (!ctx) {
        close(fd);
        return vg_fail(err, VIGIL_ENOMEM, path, 0, NULL, NULL);
    }
    unsigned char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int e = errno;
            vg_sha256_end(ctx, hex);
            close(fd);
            return vg_fail(err, VIGIL_EIO, path, 0, NULL, "read: %s",
                           strerror(e));
        }
        vg_sha256_update(ctx, chunk, (size_t)n);
    }
    close(fd);
    vg_sha256_end(ctx, hex);
    return VIGIL_OK;
}
