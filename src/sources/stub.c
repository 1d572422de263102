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

bool vg_date_parse(const char *text, struct vg_date *out) { return false; }
void vg_date_format(const struct vg_date *date, char out[11]) { out[0] = '\0'; }
bool vg_country_code(const char *text, char out[3]) { return false; }
size_t vg_identifier_normalize(const char *text, char *out, size_t size) { if (size) out[0] = '\0'; return 0; }
