/*
 * stub.c — placeholders for the sources module's functions that are not written
 * yet, so that everything links while the module is built.  Each function
 * moves out of this file when its real definition lands; the file goes
 * away when it is empty.
 */
#include "../model/model.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

vigil_status vigil_load(const char *path, const vigil_load_options *options, vigil_entity_fn each, vigil_load_stats *stats, vigil_source_info *info, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

