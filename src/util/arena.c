/*
 * arena.c — bump allocation for scratch that dies all at once (one query's
 * tokens and explanations, one build's strings).  Reset keeps the first
 * block so a query loop stops allocating once warm.
 */
#include <stdio.h>
#include <string.h>

#include "vg.h"

struct vg_arena_block {
    struct vg_arena_block *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
};

void vg_arena_init(struct vg_arena *arena, size_t block_size)
{
    arena->head = NULL;
    arena->block_size = block_size ? block_size : 16384;
    arena->total = 0;
}

static struct vg_arena_block *new_block(size_t size)
{
    struct vg_arena_block *block = vg_malloc(sizeof(*block) + size);
    if (!block) return NULL;
    block->next = NULL;
    block->size = size;
    block->used = 0;
    return block;
}

void *vg_arena_alloc(struct vg_arena *arena, size_t size)
{
    size = (size + 7u) & ~(size_t)7u;
    struct vg_arena_block *block = arena->head;
    if (!block || block->size - block->used < size) {
        size_t want = size > arena->block_size ? size : arena->block_size;
        struct vg_arena_block *fresh = new_block(want);
        if (!fresh) return NULL;
        fresh->next = block;
        arena->head = fresh;
        block = fresh;
    }
    void *p = block->data + block->used;
    block->used += size;
    arena->total += size;
    return p;
}

void *vg_arena_calloc(struct vg_arena *arena, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = vg_arena_alloc(arena, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

char *vg_arena_strndup(struct vg_arena *arena, const char *s, size_t n)
{
    char *copy = vg_arena_alloc(arena, n + 1);
    if (!copy) return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *vg_arena_strdup(struct vg_arena *arena, const char *s)
{
    return vg_arena_strndup(arena, s, strlen(s));
}

char *vg_arena_printf(struct vg_arena *arena, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *out = NULL;
    if (n >= 0 && (out = vg_arena_alloc(arena, (size_t)n + 1)))
        vsnprintf(out, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return out;
}

void vg_arena_reset(struct vg_arena *arena)
{
    struct vg_arena_block *block = arena->head;
    if (!block) return;
    /* Keep the oldest block (the last in the chain): it is block_size. */
    while (block->next) {
        struct vg_arena_block *next = block->next;
        vg_free(block);
        block = next;
    }
    block->used = 0;
    arena->head = block;
    arena->total = 0;
}

void vg_arena_free(struct vg_arena *arena)
{
    struct vg_arena_block *block = arena->head;
    while (block) {
        struct vg_arena_block *next = block->next;
        vg_free(block);
        block = next;
    }
    arena->head = NULL;
    arena->total = 0;
}
