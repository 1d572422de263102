/*
 * entity.c — in-memory entities: what loaders produce and what queries are.
 * Values live in the entity's arena; vigil_entity_clear resets the arena so
 * a loader can reuse one entity for every record of a list without
 * allocating per record once warm.
 */
#include <string.h>

#include "model.h"

static const struct {
    const char *name;
    enum vg_prop_class cls;
} known_props[] = {
    {"name", VG_PROP_NAME},
    {"alias", VG_PROP_NAME},
    {"weakAlias", VG_PROP_NAME},
    {"previousName", VG_PROP_NAME},
    {"birthDate", VG_PROP_BIRTH_DATE},
    {"incorporationDate", VG_PROP_BIRTH_DATE},
    {"nationality", VG_PROP_COUNTRY},
    {"citizenship", VG_PROP_COUNTRY},
    {"country", VG_PROP_COUNTRY},
    {"jurisdiction", VG_PROP_COUNTRY},
    {"mainCountry", VG_PROP_COUNTRY},
    {"flag", VG_PROP_COUNTRY},
    {"passportNumber", VG_PROP_IDENTIFIER},
    {"idNumber", VG_PROP_IDENTIFIER},
    {"registrationNumber", VG_PROP_IDENTIFIER},
    {"imoNumber", VG_PROP_IDENTIFIER},
    {"mmsi", VG_PROP_IDENTIFIER},
    {"taxNumber", VG_PROP_IDENTIFIER},
    {"innCode", VG_PROP_IDENTIFIER},
    {"ogrnCode", VG_PROP_IDENTIFIER},
    {"leiCode", VG_PROP_IDENTIFIER},
    {"swiftBic", VG_PROP_IDENTIFIER},
    {"vatCode", VG_PROP_IDENTIFIER},
    {"icaoCode", VG_PROP_IDENTIFIER},
    {"callSign", VG_PROP_IDENTIFIER},
    {"address", VG_PROP_ADDRESS},
};

static const char *const name_kind_props[] = {"name", "alias", "previousName",
                                              "weakAlias"};

enum vg_prop_class vg_prop_class(const char *prop)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(known_props); i++)
        if (strcmp(prop, known_props[i].name) == 0) return known_props[i].cls;
    return VG_PROP_OTHER;
}

int vg_name_kind(const char *prop)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(name_kind_props); i++)
        if (strcmp(prop, name_kind_props[i]) == 0) return (int)i;
    return -1;
}

const char *vg_name_kind_prop(enum vg_name_kind kind)
{
    return (unsigned)kind < VG_ARRAY_LEN(name_kind_props)
               ? name_kind_props[kind] : "name";
}

/* Known property names are interned: they point at the static table. */
static const char *intern_prop(vigil_entity *entity, const char *prop)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(known_props); i++)
        if (strcmp(prop, known_props[i].name) == 0) return known_props[i].name;
    return vg_arena_strdup(&entity->arena, prop);
}

vigil_status vigil_entity_new(vigil_entity **out)
{
    vigil_entity *entity = vg_calloc(1, sizeof(*entity));
    if (!entity) return VIGIL_ENOMEM;
    vg_arena_init(&entity->arena, 4096);
    *out = entity;
    return VIGIL_OK;
}

void vigil_entity_free(vigil_entity *entity)
{
    if (!entity) return;
    vg_arena_free(&entity->arena);
    vg_free(entity->props);
    vg_free(entity->datasets);
    vg_free(entity);
}

void vigil_entity_clear(vigil_entity *entity)
{
    vg_arena_reset(&entity->arena);
    entity->id = NULL;
    entity->schema = VIGIL_SCHEMA_THING;
    entity->prop_count = 0;
    entity->dataset_count = 0;
}

vigil_status vigil_entity_set_id(vigil_entity *entity, const char *id)
{
    char *copy = vg_arena_strdup(&entity->arena, id);
    if (!copy) return VIGIL_ENOMEM;
    entity->id = copy;
    return VIGIL_OK;
}

void vigil_entity_set_schema(vigil_entity *entity, vigil_schema schema)
{
    entity->schema = schema;
}

/* Trims ASCII white space at both ends; returns the trimmed length. */
static size_t trimmed(const char **value)
{
    const char *s = *value;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                 s[n - 1] == '\n'))
        n--;
    *value = s;
    return n;
}

vigil_status vigil_entity_add(vigil_entity *entity, const char *prop,
                              const char *value)
{
    if (!prop || !*prop || !value) return VIGIL_EINVAL;
    size_t n = trimmed(&value);
    if (!n) return VIGIL_OK;
    for (size_t i = 0; i < entity->prop_count; i++) {
        const struct vg_prop_value *pv = &entity->props[i];
        if (strcmp(pv->prop, prop) == 0 && strncmp(pv->value, value, n) == 0 &&
            pv->value[n] == '\0')
            return VIGIL_OK;
    }
    void *props = entity->props;
    if (!vg_grow(&props, &entity->prop_cap, entity->prop_count + 1,
                 sizeof(*entity->props)))
        return VIGIL_ENOMEM;
    entity->props = props;
    const char *interned = intern_prop(entity, prop);
    char *copy = vg_arena_strndup(&entity->arena, value, n);
    if (!interned || !copy) return VIGIL_ENOMEM;
    entity->props[entity->prop_count++] =
        (struct vg_prop_value){.prop = interned, .value = copy};
    return VIGIL_OK;
}

vigil_status vigil_entity_add_dataset(vigil_entity *entity,
                                      const char *dataset)
{
    size_t n = trimmed(&dataset);
    if (!n) return VIGIL_OK;
    for (size_t i = 0; i < entity->dataset_count; i++)
        if (strncmp(entity->datasets[i], dataset, n) == 0 &&
            entity->datasets[i][n] == '\0')
            return VIGIL_OK;
    void *datasets = entity->datasets;
    if (!vg_grow(&datasets, &entity->dataset_cap, entity->dataset_count + 1,
                 sizeof(*entity->datasets)))
        return VIGIL_ENOMEM;
    entity->datasets = datasets;
    char *copy = vg_arena_strndup(&entity->arena, dataset, n);
    if (!copy) return VIGIL_ENOMEM;
    entity->datasets[entity->dataset_count++] = copy;
    return VIGIL_OK;
}

const char *vigil_entity_id(const vigil_entity *entity)
{
    return entity->id ? entity->id : "";
}

vigil_schema vigil_entity_schema(const vigil_entity *entity)
{
    return entity->schema;
}

size_t vigil_entity_prop_count(const vigil_entity *entity)
{
    return entity->prop_count;
}

void vigil_entity_prop(const vigil_entity *entity, size_t i, const char **prop,
                       const char **value)
{
    *prop = entity->props[i].prop;
    *value = entity->props[i].value;
}

size_t vigil_entity_dataset_count(const vigil_entity *entity)
{
    return entity->dataset_count;
}

const char *vigil_entity_dataset(const vigil_entity *entity, size_t i)
{
    return entity->datasets[i];
}

const char *vg_entity_caption(const vigil_entity *entity)
{
    const char *alias = NULL;
    for (size_t i = 0; i < entity->prop_count; i++) {
        int kind = vg_name_kind(entity->props[i].prop);
        if (kind == VG_NAME_PRIMARY) return entity->props[i].value;
        if (kind >= 0 && !alias) alias = entity->props[i].value;
    }
    return alias ? alias : vigil_entity_id(entity);
}
