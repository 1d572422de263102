/* Shared by the index tests: a small fictional list built into a temporary
 * directory.  Every name and identifier here is invented. */
#ifndef TEST_INDEX_FIXTURE_H
#define TEST_INDEX_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index/index.h"

#define FIXTURE_UNUSED __attribute__((unused))

struct fixture_entity {
    const char *id;
    vigil_schema schema;
    const char *props[16][2]; /* {prop, value}, ended by {NULL} */
    const char *datasets[4];
};

FIXTURE_UNUSED static const struct fixture_entity fixture_first[] = {
    {"p-1", VIGIL_SCHEMA_PERSON,
     {{"name", "Kim Jong Un"}, {"alias", "Kim Jong-un"},
      {"alias", "Kim Jong Un"}, {"birthDate", "1984-01-08"},
      {"nationality", "KP"}, {"passportNumber", "No. 83-1 234"},
      {"program", "DPRK2"}, {NULL, NULL}},
     {"un-sc", "us-ofac", NULL}},
    {"o-1", VIGIL_SCHEMA_COMPANY,
     {{"name", "Bluefinch Maritime Trading Co., Ltd."},
      {"alias", "Bluefinch Shipping"}, {"country", "Panama"},
      {"imoNumber", "IMO 9123456"}, {NULL, NULL}},
     {"us-ofac", NULL}},
    {"p-2", VIGIL_SCHEMA_PERSON,
     {{"name", "Rostislava Montgomery-Quill"}, {"weakAlias", "Rosa"},
      {"birthDate", "1961"}, {"birthDate", "circa 1962"},
      {NULL, NULL}},
     {"un-sc", NULL}},
};

FIXTURE_UNUSED static const struct fixture_entity fixture_second[] = {
    /* Same id as in the first source: a separate entity. */
    {"p-1", VIGIL_SCHEMA_PERSON,
     {{"name", "Kim Jong Un"}, {"citizenship", "Korea, North"}, {NULL, NULL}},
     {"eu-fsf", NULL}},
    {"v-1", VIGIL_SCHEMA_VESSEL,
     {{"name", "Silver Heron"}, {"previousName", "Grey Heron"},
      {"flag", "PA"}, {NULL, NULL}},
     {"eu-fsf", NULL}},
};

FIXTURE_UNUSED static vigil_entity *fixture_make(const struct fixture_entity *f)
{
    vigil_entity *e = NULL;
    if (vigil_entity_new(&e) != VIGIL_OK) return NULL;
    vigil_status st = vigil_entity_set_id(e, f->id);
    vigil_entity_set_schema(e, f->schema);
    for (size_t i = 0; f->props[i][0] && st == VIGIL_OK; i++)
        st = vigil_entity_add(e, f->props[i][0], f->props[i][1]);
    for (size_t i = 0; f->datasets[i] && st == VIGIL_OK; i++)
        st = vigil_entity_add_dataset(e, f->datasets[i]);
    if (st != VIGIL_OK) {
        vigil_entity_free(e);
        return NULL;
    }
    return e;
}

FIXTURE_UNUSED static vigil_status fixture_add_all(vigil_builder *b,
                                    const struct fixture_entity *list,
                                    size_t n)
{
    for (size_t i = 0; i < n; i++) {
        vigil_entity *e = fixture_make(&list[i]);
        if (!e) return VIGIL_ENOMEM;
        vigil_status st = vigil_builder_add(b, e);
        vigil_entity_free(e);
        if (st != VIGIL_OK) return st;
    }
    return VIGIL_OK;
}

/* Fills a builder with both fixture sources. */
FIXTURE_UNUSED static vigil_status fixture_fill(vigil_builder *b)
{
    vigil_source_info first = {.name = "fictional-un", .location = "/lists/un.xml",
                               .published = "2026-01-02",
                               .retrieved = "2026-01-03T04:05:06Z",
                               .sha256 = "ab12", .format = "un-xml"};
    vigil_source_info second = {.name = "fictional-eu", .location = "eu.csv",
                                .published = "", .retrieved = "2026-01-04T00:00:00Z",
                                .sha256 = "cd34", .format = "csv"};
    vigil_status st = vigil_builder_add_source(b, &first);
    if (st == VIGIL_OK)
        st = fixture_add_all(b, fixture_first,
                             sizeof(fixture_first) / sizeof(fixture_first[0]));
    if (st == VIGIL_OK) st = vigil_builder_add_source(b, &second);
    if (st == VIGIL_OK)
        st = fixture_add_all(b, fixture_second,
                             sizeof(fixture_second) / sizeof(fixture_second[0]));
    return st;
}

FIXTURE_UNUSED static vigil_status fixture_write(const char *path)
{
    vigil_builder *b = NULL;
    vigil_status st = vigil_builder_new(&b);
    if (st == VIGIL_OK) st = fixture_fill(b);
    if (st == VIGIL_OK) st = vigil_builder_write(b, path, NULL);
    vigil_builder_free(b);
    return st;
}

FIXTURE_UNUSED static char *fixture_tmpdir(void)
{
    char tmpl[] = "/tmp/vigil-index-test-XXXXXX";
    char *dir = mkdtemp(tmpl);
    return dir ? strdup(dir) : NULL;
}

FIXTURE_UNUSED static char *fixture_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

FIXTURE_UNUSED static void fixture_rmdir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

#endif
