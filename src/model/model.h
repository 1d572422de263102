/*
 * model.h — the list model shared by sources, index and matcher: property
 * classes of FollowTheMoney properties, and the normal forms of dates and
 * countries that secondary evidence is compared in.
 */
#ifndef VG_MODEL_H
#define VG_MODEL_H

#include "../util/vg.h"

/* What a property is for, in matching. */
enum vg_prop_class {
    VG_PROP_OTHER = 0,   /* kept for output only (program, notes, gender, ...) */
    VG_PROP_NAME,        /* name, alias, weakAlias, previousName */
    VG_PROP_BIRTH_DATE,  /* birthDate (persons), incorporationDate */
    VG_PROP_COUNTRY,     /* nationality, citizenship, country, jurisdiction, ... */
    VG_PROP_IDENTIFIER,  /* passportNumber, idNumber, imoNumber, registrationNumber, ... */
    VG_PROP_ADDRESS      /* address */
};

enum vg_prop_class vg_prop_class(const char *prop);

/* Name kinds, strongest first; weak aliases score lower. */
enum vg_name_kind {
    VG_NAME_PRIMARY = 0, /* name */
    VG_NAME_ALIAS,       /* alias */
    VG_NAME_PREVIOUS,    /* previousName */
    VG_NAME_WEAK         /* weakAlias */
};
/* Kind of a VG_PROP_NAME property; -1 for other properties. */
int vg_name_kind(const char *prop);
const char *vg_name_kind_prop(enum vg_name_kind kind); /* "name", "alias", ... */

/* Dates: "1984", "1984-01", "1984-01-08" (also with a time after it), and
 * the common list spellings ("08 Jan 1984", "8 January 1984", "Jan 1984",
 * "January 8, 1984", "01/08/1984" as US month/day/year, "08.01.1984" as
 * day.month.year, "circa 1984").  Impossible dates are refused.  month/day
 * 0 = unknown. */
struct vg_date {
    int year, month, day;
};
bool vg_date_parse(const char *text, struct vg_date *out);
/* ISO form of a parsed date ("1984", "1984-01", "1984-01-08"). */
void vg_date_format(const struct vg_date *date, char out[11]);

/* Countries: ISO 3166-1 alpha-2 code (lower case) from a code (alpha-2 or
 * alpha-3, any case) or an English name as the lists write it ("Korea,
 * North", "Democratic People's Republic of Korea", "DPRK", "Russian
 * Federation", ...).  False when unknown. */
bool vg_country_code(const char *text, char out[3]);

/* Identifiers compare after dropping a leading label word followed by a
 * separator and a digit ("No.", "Nr.", "Number", "#", "IMO"), removing
 * spaces, dashes, dots, slashes and colons, and upper-casing ASCII letters
 * ("No. 83-1 234" -> "831234", "IMO 9123456" -> "9123456", "NO831234"
 * stays).  Writes at most size-1 bytes; returns the length written. */
size_t vg_identifier_normalize(const char *text, char *out, size_t size);

/* Entity internals, shared with the index builder. */
struct vg_prop_value {
    const char *prop;  /* interned or arena-owned */
    const char *value;
};

struct vigil_entity {
    char *id;
    vigil_schema schema;
    struct vg_prop_value *props;
    size_t prop_count, prop_cap;
    const char **datasets;
    size_t dataset_count, dataset_cap;
    struct vg_arena arena; /* owns id, values and unknown property names */
};

/* Caption: first name, else first alias, else the id. */
const char *vg_entity_caption(const vigil_entity *entity);

#endif /* VG_MODEL_H */
