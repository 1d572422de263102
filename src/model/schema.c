/*
 * schema.c — the FollowTheMoney schemata vigil screens, and which may match
 * which: a query names what it is looking for, and a Person query must
 * never surface a Vessel.
 */
#include "model.h"

static const char *const schema_names[] = {
    [VIGIL_SCHEMA_THING] = "Thing",
    [VIGIL_SCHEMA_PERSON] = "Person",
    [VIGIL_SCHEMA_ORGANIZATION] = "Organization",
    [VIGIL_SCHEMA_COMPANY] = "Company",
    [VIGIL_SCHEMA_LEGAL_ENTITY] = "LegalEntity",
    [VIGIL_SCHEMA_VESSEL] = "Vessel",
    [VIGIL_SCHEMA_AIRCRAFT] = "Aircraft",
};

const char *vigil_schema_name(vigil_schema schema)
{
    return (unsigned)schema < VG_ARRAY_LEN(schema_names) ? schema_names[schema]
                                                         : "Thing";
}

vigil_status vigil_schema_parse(const char *name, vigil_schema *out)
{
    if (!name) return VIGIL_EINVAL;
    for (size_t i = 0; i < VG_ARRAY_LEN(schema_names); i++)
        if (vg_strcasecmp(name, schema_names[i]) == 0) {
            *out = (vigil_schema)i;
            return VIGIL_OK;
        }
    /* Common spellings from other tools and list formats. */
    if (vg_strcasecmp(name, "individual") == 0) *out = VIGIL_SCHEMA_PERSON;
    else if (vg_strcasecmp(name, "entity") == 0) *out = VIGIL_SCHEMA_LEGAL_ENTITY;
    else if (vg_strcasecmp(name, "vessel") == 0) *out = VIGIL_SCHEMA_VESSEL;
    else if (vg_strcasecmp(name, "aircraft") == 0) *out = VIGIL_SCHEMA_AIRCRAFT;
    else if (vg_strcasecmp(name, "") == 0 || vg_strcasecmp(name, "any") == 0)
        *out = VIGIL_SCHEMA_THING;
    else
        return VIGIL_EINVAL;
    return VIGIL_OK;
}

static bool is_org(vigil_schema s)
{
    return s == VIGIL_SCHEMA_ORGANIZATION || s == VIGIL_SCHEMA_COMPANY;
}

int vigil_schema_compatible(vigil_schema query, vigil_schema listed)
{
    if (query == VIGIL_SCHEMA_THING || listed == VIGIL_SCHEMA_THING) return 1;
    if (query == listed) return 1;
    if (query == VIGIL_SCHEMA_LEGAL_ENTITY)
        return listed == VIGIL_SCHEMA_PERSON || is_org(listed);
    if (listed == VIGIL_SCHEMA_LEGAL_ENTITY)
        return query == VIGIL_SCHEMA_PERSON || is_org(query);
    return is_org(query) && is_org(listed);
}
