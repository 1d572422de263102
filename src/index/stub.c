/*
 * stub.c — placeholders for the index module's functions that are not written
 * yet, so that everything links while the module is built.  Each function
 * moves out of this file when its real definition lands; the file goes
 * away when it is empty.
 */
#include "../model/model.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

vigil_status vigil_builder_new(vigil_builder **out)
{
    return VIGIL_EUNSUPPORTED;
}

void vigil_builder_free(vigil_builder *builder)
{
    
}

vigil_status vigil_builder_add_source(vigil_builder *builder, const vigil_source_info *info)
{
    return VIGIL_EUNSUPPORTED;
}

vigil_status vigil_builder_add(vigil_builder *builder, const vigil_entity *entity)
{
    return VIGIL_EUNSUPPORTED;
}

vigil_status vigil_builder_load(vigil_builder *builder, const char *path, const vigil_load_options *options, vigil_load_stats *stats, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

vigil_status vigil_builder_write(vigil_builder *builder, const char *path, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

vigil_status vigil_index_open(const char *path, vigil_index **out, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

void vigil_index_close(vigil_index *index)
{
    
}

vigil_status vigil_index_verify(const vigil_index *index, vigil_error *err)
{
    return VIGIL_EUNSUPPORTED;
}

const char * vigil_index_version(const vigil_index *index)
{
    return "";
}

const char * vigil_index_built(const vigil_index *index)
{
    return "";
}

vigil_status vigil_index_source(const vigil_index *index, uint32_t i, vigil_source_info *out)
{
    return VIGIL_EUNSUPPORTED;
}

vigil_status vigil_index_lookup(const vigil_index *index, const char *id, uint32_t *entity)
{
    return VIGIL_EUNSUPPORTED;
}

const char * vigil_index_entity_id(const vigil_index *index, uint32_t entity)
{
    return "";
}

vigil_schema vigil_index_entity_schema(const vigil_index *index, uint32_t entity)
{
    return VIGIL_SCHEMA_THING;
}

const char * vigil_index_entity_caption(const vigil_index *index, uint32_t entity)
{
    return "";
}

size_t vigil_index_entity_prop_count(const vigil_index *index, uint32_t entity)
{
    return 0;
}

void vigil_index_entity_prop(const vigil_index *index, uint32_t entity, size_t i, const char **prop, const char **value)
{
    
}

size_t vigil_index_entity_dataset_count(const vigil_index *index, uint32_t entity)
{
    return 0;
}

const char * vigil_index_entity_dataset(const vigil_index *index, uint32_t entity, size_t i)
{
    return "";
}

#include "index.h"
uint32_t idx_name_count(const vigil_index *ix) { return 0; }
void idx_name_get(const vigil_index *ix, uint32_t name, struct idx_name *out) {}
void idx_name_token(const vigil_index *ix, uint32_t name, uint32_t i, struct idx_token *out) {}
void idx_entity_names(const vigil_index *ix, uint32_t entity, uint32_t *first, uint32_t *count) { *first = *count = 0; }
uint32_t idx_term_count(const vigil_index *ix) { return 0; }
bool idx_term_find(const vigil_index *ix, const char *key, size_t len, uint32_t *term) { return false; }
const char *idx_term_key(const vigil_index *ix, uint32_t term) { return ""; }
uint32_t idx_term_df(const vigil_index *ix, uint32_t term) { return 0; }
float idx_term_idf(const vigil_index *ix, uint32_t term) { return 0; }
const uint32_t *idx_term_postings(const vigil_index *ix, uint32_t term, uint32_t *count) { *count = 0; return NULL; }
void idx_term_neighbours(const vigil_index *ix, const char *key, size_t len, int max_edits, idx_term_fn fn, void *ctx) {}
size_t idx_entity_birth_dates(const vigil_index *ix, uint32_t entity, struct vg_date *out, size_t max) { return 0; }
size_t idx_entity_countries(const vigil_index *ix, uint32_t entity, char *out, size_t max) { return 0; }
size_t idx_entity_identifier_count(const vigil_index *ix, uint32_t entity) { return 0; }
void idx_entity_identifier(const vigil_index *ix, uint32_t entity, size_t i, struct idx_identifier *out) {}
uint64_t vigil_index_file_size(const vigil_index *index) { return 0; }
uint32_t vigil_index_entity_count(const vigil_index *index) { return 0; }
uint32_t vigil_index_name_count(const vigil_index *index) { return 0; }
uint32_t vigil_index_token_count(const vigil_index *index) { return 0; }
uint32_t vigil_index_source_count(const vigil_index *index) { return 0; }
uint32_t vigil_index_entity_source(const vigil_index *index, uint32_t entity) { return 0; }
