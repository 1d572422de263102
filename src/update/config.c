/*
 * config.c — which lists `vigil update` keeps: the built-in official
 * sources and the INI file (DATA_DIR/sources.conf) that changes or extends
 * them.
 *
 * Invariant: every source in a parsed configuration has a valid name (it
 * becomes a directory), one to UPD_MAX_FILES locations of one kind (URLs or
 * local paths) and a distinct, safe file name for each.  The file only
 * overrides what it names, so enabling OpenSanctions is two lines and the
 * official URLs need no copying; unknown keys and formats are errors with a
 * line number, because a typo in a screening configuration must not
 * silently drop a list.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "update.h"

#define OFAC_SLS "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

struct builtin {
    const char *name;
    const char *format;
    bool enabled;
    uint64_t max_mib;
    const char *urls[5];
};

static const struct builtin builtins[] = {
    {"un", "un-xml", true, 0,
     {"https://scsanctions.un.org/resources/xml/en/consolidated.xml"}},
    {"ofac-sdn", "ofac-csv", true, 0,
     {OFAC_SLS "SDN.CSV", OFAC_SLS "ADD.CSV", OFAC_SLS "ALT.CSV",
      OFAC_SLS "SDN_COMMENTS.CSV"}},
    {"ofac-cons", "ofac-csv", true, 0,
     {OFAC_SLS "CONS_PRIM.CSV", OFAC_SLS "CONS_ADD.CSV",
      OFAC_SLS "CONS_ALT.CSV", OFAC_SLS "CONS_COMMENTS.CSV"}},
    {"bis-dpl", "bis-dpl", true, 0, {"https://media.bis.gov/dpl/dpl.txt"}},
    {"opensanctions", "ftm", false, 8192,
     {"https://data.opensanctions.org/datasets/latest/default/entities.ftm.json"}},
};

static const char *const known_formats[] = {
    "ftm", "csv", "un-xml", "ofac-csv", "bis-dpl", "opensanctions-nested",
};

static bool valid_name(const char *s)
{
    if (!*s || !(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
            *s != '-' && *s != '_' && *s != '.')
            return false;
    return true;
}

/* The name a location is saved under: its last path segment, without query
 * or fragment; lower-cased for URLs so that "SDN.CSV" is the loader's
 * "sdn.csv" and the layout matches the --from layout.  Characters that do
 * not belong in a portable file name become '_', and so does a leading dot
 * (the state file is the only dot file of a source directory). */
static bool file_name_of(const char *location, bool url, char *out,
                         size_t size)
{
    size_t end = strcspn(location, url ? "?#" : "");
    size_t start = end;
    while (start > 0 && location[start - 1] != '/') start--;
    size_t len = end - start;
    if (len == 0 || len >= size) return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)location[start + i];
        bool safe = isalnum(c) || c == '-' || c == '_' || (c == '.' && i > 0);
        out[i] = !safe ? '_' : url ? (char)tolower(c) : (char)c;
    }
    out[len] = '\0';
    return strcmp(out, "_") != 0 && strcmp(out, "_.") != 0;
}

static void clear_locations(struct upd_source *source)
{
    for (size_t i = 0; i < source->file_count; i++) {
        vg_free(source->locations[i]);
        source->locations[i] = NULL;
    }
    source->file_count = 0;
}

static vigil_status add_location(struct upd_source *source, const char *loc,
                                 bool local, const char *origin, long line,
                                 vigil_error *err)
{
    const char *key = local ? "path" : "url";
    if (source->file_count && source->local != local)
        return vg_fail(err, VIGIL_EINVAL, origin, line, key,
                       "source '%s' mixes url and path", source->name);
    if (source->file_count == UPD_MAX_FILES)
        return vg_fail(err, VIGIL_ELIMIT, origin, line, key,
                       "source '%s' has more than %d files", source->name,
                       UPD_MAX_FILES);
    if (!local && strncmp(loc, "http://", 7) != 0 &&
        strncmp(loc, "https://", 8) != 0)
        return vg_fail(err, VIGIL_EINVAL, origin, line, key,
                       "'%s' is not an http:// or https:// URL", loc);
    char name[UPD_FILE_NAME_SIZE];
    if (!file_name_of(loc, !local, name, sizeof(name)))
        return vg_fail(err, VIGIL_EINVAL, origin, line, key,
                       "cannot derive a safe file name from '%s'", loc);
    for (size_t i = 0; i < source->file_count; i++)
        if (strcmp(source->files[i], name) == 0)
            return vg_fail(err, VIGIL_EINVAL, origin, line, key,
                           "source '%s' has two files named '%s'",
                           source->name, name);
    char *copy = vg_strdup(loc);
    if (!copy) return vg_fail(err, VIGIL_ENOMEM, origin, line, key, NULL);
    source->local = local;
    source->locations[source->file_count] = copy;
    vg_strlcpy(source->files[source->file_count], name, UPD_FILE_NAME_SIZE);
    source->file_count++;
    return VIGIL_OK;
}

static struct upd_source *find_source(struct upd_config *config,
                                      const char *name)
{
    for (size_t i = 0; i < config->count; i++)
        if (strcmp(config->sources[i].name, name) == 0)
            return &config->sources[i];
    return NULL;
}

static struct upd_source *new_source(struct upd_config *config,
                                     const char *name)
{
    if (config->count == UPD_MAX_SOURCES) return NULL;
    struct upd_source *source = &config->sources[config->count++];
    memset(source, 0, sizeof(*source));
    vg_strlcpy(source->name, name, sizeof(source->name));
    source->enabled = true;
    return source;
}

vigil_status upd_config_defaults(struct upd_config *config, vigil_error *err)
{
    config->count = 0;
    for (size_t i = 0; i < VG_ARRAY_LEN(builtins); i++) {
        const struct builtin *b = &builtins[i];
        struct upd_source *source = new_source(config, b->name);
        vg_strlcpy(source->format, b->format, sizeof(source->format));
        source->enabled = b->enabled;
        source->max_bytes = b->max_mib * UPD_MIB;
        for (size_t j = 0; j < VG_ARRAY_LEN(b->urls) && b->urls[j]; j++) {
            vigil_status st = add_location(source, b->urls[j], false,
                                           "built-in sources", 0, err);
            if (st != VIGIL_OK) {
                upd_config_free(config);
                return st;
            }
        }
    }
    return VIGIL_OK;
}

void upd_config_free(struct upd_config *config)
{
    for (size_t i = 0; i < config->count; i++)
        clear_locations(&config->sources[i]);
    config->count = 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < VG_ARRAY_LEN(yes); i++) {
        if (vg_strcasecmp(v, yes[i]) == 0) return (*out = true), true;
        if (vg_strcasecmp(v, no[i]) == 0) return (*out = false), true;
    }
    return false;
}

static bool parse_positive(const char *v, uint64_t limit, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end || n == 0 || n > limit || *v == '-')
        return false;
    *out = n;
    return true;
}

static vigil_status set_format(struct upd_source *source, const char *v,
                               const char *origin, long line,
                               vigil_error *err)
{
    if (vg_strcasecmp(v, "auto") == 0) {
        source->format[0] = '\0';
        return VIGIL_OK;
    }
    for (size_t i = 0; i < VG_ARRAY_LEN(known_formats); i++)
        if (strcmp(v, known_formats[i]) == 0) {
            vg_strlcpy(source->format, v, sizeof(source->format));
            return VIGIL_OK;
        }
    return vg_fail(err, VIGIL_EUNSUPPORTED, origin, line, "format",
                   "unknown format '%s' (ftm, csv, un-xml, ofac-csv, "
                   "bis-dpl, opensanctions-nested or auto)", v);
}

/* Parser state: the section being read and whether it has already replaced
 * the locations it inherited. */
struct parse {
    struct upd_config *config;
    struct upd_source *source;
    bool locations_reset;
    const char *origin;
    long line;
    vigil_error *err;
};

static vigil_status parse_section(struct parse *p, char *s)
{
    char *close = strchr(s, ']');
    if (!close || !vg_is_blank(close + 1))
        return vg_fail(p->err, VIGIL_EPARSE, p->origin, p->line, NULL,
                       "section header must be [name]");
    *close = '\0';
    char *name = trim(s + 1);
    if (!valid_name(name) || strlen(name) >= UPD_NAME_SIZE)
        return vg_fail(p->err, VIGIL_EINVAL, p->origin, p->line, NULL,
                       "bad source name '%s' (lower-case letters, digits, "
                       "'-', '_' and '.')", name);
    p->source = find_source(p->config, name);
    if (!p->source) p->source = new_source(p->config, name);
    if (!p->source)
        return vg_fail(p->err, VIGIL_ELIMIT, p->origin, p->line, NULL,
                       "more than %d sources", UPD_MAX_SOURCES);
    p->locations_reset = false;
    return VIGIL_OK;
}

static vigil_status parse_key(struct parse *p, const char *key, const char *v)
{
    struct upd_source *src = p->source;
    uint64_t n;
    if (strcmp(key, "url") == 0 || strcmp(key, "path") == 0) {
        if (!p->locations_reset) clear_locations(src);
        p->locations_reset = true;
        return add_location(src, v, key[0] == 'p', p->origin, p->line, p->err);
    }
    if (strcmp(key, "format") == 0)
        return set_format(src, v, p->origin, p->line, p->err);
    if (strcmp(key, "enabled") == 0) {
        if (parse_bool(v, &src->enabled)) return VIGIL_OK;
    } else if (strcmp(key, "max_size") == 0) {
        if (parse_positive(v, 1024 * 1024, &n)) {
            src->max_bytes = n * UPD_MIB;
            return VIGIL_OK;
        }
    } else if (strcmp(key, "timeout") == 0) {
        if (parse_positive(v, 86400, &n)) {
            src->timeout = (long)n;
            return VIGIL_OK;
        }
    } else {
        return vg_fail(p->err, VIGIL_EINVAL, p->origin, p->line, key,
                       "unknown key (url, path, format, enabled, max_size, "
                       "timeout)");
    }
    return vg_fail(p->err, VIGIL_EINVAL, p->origin, p->line, key,
                   "bad value '%s'", v);
}

static vigil_status parse_line(struct parse *p, char *line)
{
    char *s = trim(line);
    if (!*s || *s == '#' || *s == ';') return VIGIL_OK;
    if (*s == '[') return parse_section(p, s);
    char *eq = strchr(s, '=');
    if (!eq)
        return vg_fail(p->err, VIGIL_EPARSE, p->origin, p->line, NULL,
                       "expected [name] or key = value");
    *eq = '\0';
    char *key = trim(s), *value = trim(eq + 1);
    if (!p->source)
        return vg_fail(p->err, VIGIL_EPARSE, p->origin, p->line, key,
                       "key outside a [source] section");
    if (!*value)
        return vg_fail(p->err, VIGIL_EINVAL, p->origin, p->line, key,
                       "empty value");
    return parse_key(p, key, value);
}

static vigil_status check_sources(const struct upd_config *config,
                                  const char *origin, vigil_error *err)
{
    for (size_t i = 0; i < config->count; i++)
        if (config->sources[i].file_count == 0)
            return vg_fail(err, VIGIL_EINVAL, origin, 0,
                           config->sources[i].name,
                           "source has no url or path");
    return VIGIL_OK;
}

vigil_status upd_config_parse(struct upd_config *config, const char *text,
                              const char *origin, vigil_error *err)
{
    struct parse p = {config, NULL, false, origin, 0, err};
    const char *s = text;
    char line[UPD_PATH_SIZE];
    while (*s) {
        size_t len = strcspn(s, "\n");
        p.line++;
        if (len >= sizeof(line))
            return vg_fail(err, VIGIL_ELIMIT, origin, p.line, NULL,
                           "line longer than %zu bytes", sizeof(line) - 1);
        memcpy(line, s, len);
        line[len] = '\0';
        VG_TRY(parse_line(&p, line));
        s += len;
        if (*s == '\n') s++;
    }
    return check_sources(config, origin, err);
}

vigil_status upd_config_load(struct upd_config *config, const char *path,
                             vigil_error *err)
{
    VG_TRY(upd_config_defaults(config, err));
    if (!path) return VIGIL_OK;
    char *text = NULL;
    vigil_status st = vg_read_file(path, UPD_CONFIG_MAX, &text, NULL, err);
    if (st == VIGIL_OK) st = upd_config_parse(config, text, path, err);
    vg_free(text);
    if (st != VIGIL_OK) upd_config_free(config);
    return st;
}

void upd_source_location(const struct upd_source *source, char *out,
                         size_t size)
{
    struct vg_buf buf;
    vg_buf_init(&buf, size - 1);
    for (size_t i = 0; i < source->file_count; i++) {
        if ((i && vg_buf_putc(&buf, ' ') != VIGIL_OK) ||
            vg_buf_puts(&buf, source->locations[i]) != VIGIL_OK)
            break;
    }
    vg_strlcpy(out, buf.data ? buf.data : "", size);
    vg_buf_free(&buf);
}
