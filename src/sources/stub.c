/*
 * stub.c — placeholders for the sources module's loaders that are not
 * written yet, so that everything links while the module is built.  Each
 * function moves out of this file when its real definition lands; the file
 * goes away when it is empty.
 */
#include "sources.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

vigil_status src_load_bis(struct src_load *ld, const char *path, vigil_error *err)
{
    return vg_fail(err, VIGIL_EUNSUPPORTED, path, 0, NULL, "bis-dpl: not yet");
}
