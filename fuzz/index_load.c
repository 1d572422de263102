/*
 * index_load.c — fuzz target: any bytes, written to a file, given to
 * vigil_index_open.  Open must answer VIGIL_OK, VIGIL_ECORRUPT or
 * VIGIL_EVERSION; when it accepts the file, every accessor is walked (the
 * matcher's way in) and verify must answer OK or ECORRUPT.  A crash, a hang
 * or a read outside the map (ASan) is a finding.  Seeds in
 * fuzz/corpus/index_load/ are small indexes of a fictional list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../tests/index/index_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/vigil-fuzz-index-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
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
    return 0;
}
