/*
 * stub.c — placeholders for the match module's functions that are not written
 * yet, so that everything links while the module is built.  Each function
 * moves out of this file when its real definition lands; the file goes
 * away when it is empty.
 */
#include "../model/model.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

void vigil_match_options_init(vigil_match_options *options)
{
    
}

const char * vigil_token_how_name(vigil_token_how how)
{
    return "";
}

vigil_status vigil_match(const vigil_index *index, const vigil_entity *query, const vigil_match_options *options, vigil_results **out, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

vigil_status vigil_compare(const char *name1, const char *name2, vigil_schema schema, vigil_results **out, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

size_t vigil_results_count(const vigil_results *results)
{
    return 0;
}

const vigil_hit * vigil_results_hit(const vigil_results *results, size_t i)
{
    return NULL;
}

size_t vigil_results_candidates(const vigil_results *results)
{
    return 0;
}

void vigil_results_free(vigil_results *results)
{
    
}
