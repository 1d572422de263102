/*
 * alloc.c — the library's one allocation entry point, with failure
 * injection for tests (libuv's and curl's out-of-memory loops).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "vg.h"

static atomic_long allocations_left = -1;

void vg_alloc_fail_after(long n) { atomic_store(&allocations_left, n); }

static bool allocation_allowed(void)
{
    long left = atomic_load(&allocations_left);
    while (left >= 0) {
        if (left == 0) return false;
        if (atomic_compare_exchange_weak(&allocations_left, &left, left - 1))
            return true;
    }
    return true;
}

void *vg_malloc(size_t size)
{
    if (!allocation_allowed()) return NULL;
    return malloc(size ? size : 1);
}

void *vg_calloc(size_t count, size_t size)
{
    if (!allocation_allowed()) return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *vg_realloc(void *ptr, size_t size)
{
    if (!allocation_allowed()) return NULL;
    return realloc(ptr, size ? size : 1);
}

void vg_free(void *ptr) { free(ptr); }

char *vg_strndup(const char *s, size_t n)
{
    char *copy = vg_malloc(n + 1);
    if (!copy) return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *vg_strdup(const char *s) { return vg_strndup(s, strlen(s)); }

bool vg_grow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap) return true;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2) return false;
        new_cap *= 2;
    }
    if (new_cap > SIZE_MAX / elem_size) return false;
    void *grown = vg_realloc(*ptr, new_cap * elem_size);
    if (!grown) return false;
    *ptr = grown;
    *cap = new_cap;
    return true;
}
