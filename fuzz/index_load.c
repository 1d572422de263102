/*
 * index_load.c — fuzz target: any bytes, written to a file, given to
 * vigil_index_open.  Open must answer VIGIL_OK, VIGIL_ECORRUPT or
 * VIGIL_EVERSION; when it accepts the file, every accessor is walked (the
 * matcher's way in) and verify must answer OK or ECORRUPT.  A crash, a hang
 * or a read outside the map (ASan) is a finding.  Inputs that look like an
 * index are tried a second time resealed (checksum, size and header check
 * made to fit), so that mutations inside sections get past open and reach
 * the accessors.  Seeds in
 * fuzz/corpus/index_load/ are small indexes of a fictional list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tests/index/index_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_bytes(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/vigil-fuzz-index-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return;
    bool written = vg_write_all(fd, data, size, path, NULL) == VIGIL_OK;
    close(fd);
    if (written) {
        vigil_index *ix = NULL;
        vigil_status st = vigil_index_open(path, &ix, NULL);
        if (st != VIGIL_OK && st != VIGIL_ECORRUPT && st != VIGIL_EVERSION)
            abort();
        if (st == VIGIL_OK) {
            volatile uint64_t sink = walk_index(ix);
            (void)sink;
            st = vigil_index_verify(ix, NULL);
            if (st != VIGIL_OK && st != VIGIL_ECORRUPT) abort();
            vigil_index_close(ix);
        }
    }
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_bytes(data, size);
    if (size < IDX_HEADER_SIZE || size > (1u << 24) ||
        memcmp(data, IDX_MAGIC, 8) != 0)
        return 0;
    uint8_t *copy = malloc(size);
    if (!copy) return 0;
    memcpy(copy, data, size);
    struct idx_header h;
    memcpy(&h, copy, sizeof(h));
    h.file_size = size;
    memcpy(copy, &h, sizeof(h));
    walk_reseal(copy, size);
    try_bytes(copy, size);
    free(copy);
    return 0;
}
