/*
 * stub.c — placeholders for the match module's functions that are not written
 * yet, so that everything links while the module is built.  Each function
 * moves out of this file when its real definition lands; the file goes
 * away when it is empty.
 */
#include "../model/model.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

vigil_status vigil_match(const vigil_index *index, const vigil_entity *query, const vigil_match_options *options, vigil_results **out, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}
