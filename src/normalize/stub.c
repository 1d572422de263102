/*
 * stub.c — placeholders for the normalize module while it is built; each
 * function leaves this file when its real definition lands.
 */
#include "normalize.h"

vigil_status norm_name(const char *text, vigil_schema schema,
                       struct vg_arena *arena, struct norm_name *out)
{
    (void)text; (void)schema; (void)arena;
    out->tokens = NULL;
    out->count = 0;
    return VIGIL_EUNSUPPORTED;
}

void norm_thread_cleanup(void) {}
