/*
 * list_parse.c — fuzz target for vigil_load(): the first byte picks the
 * format (or detection), the rest is written to a temporary file and
 * loaded.  For the OFAC set the rest is split at each pair of NUL bytes
 * into sdn.csv, add.csv, alt.csv and sdn_comments.csv, so that joins
 * between the files are exercised too.  The load must return, whatever it
 * returns; ASan and UBSan catch the rest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil.h"

static const char *const formats[] = {
    NULL, "ftm", "opensanctions-nested", "csv", "un-xml", "ofac-csv", "bis-dpl",
};

/* File names that also steer detection when the format is NULL. */
static const char *const file_names[] = {
    "list.data", "list.ftm.json", "targets.nested.json", "watchlist.csv",
    "consolidated.xml", "sdn.csv", "dpl.txt",
};

static const char *const ofac_files[] = {"sdn.csv", "add.csv", "alt.csv",
                                         "sdn_comments.csv"};

static char dir[64];

static void remove_dir(void)
{
    char path[128];
    for (size_t i = 0; i < sizeof(file_names) / sizeof(file_names[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, file_names[i]);
        unlink(path);
    }
    for (size_t i = 0; i < sizeof(ofac_files) / sizeof(ofac_files[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, ofac_files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void write_file(const char *name, const uint8_t *data, size_t size)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    if (size) fwrite(data, 1, size, f);
    fclose(f);
}

/* Splits data at "\0\0" into the four OFAC files. */
static void write_ofac_set(const uint8_t *data, size_t size)
{
    size_t start = 0, part = 0;
    for (size_t i = 0; i + 1 < size && part < 3; i++) {
        if (data[i] == 0 && data[i + 1] == 0) {
            write_file(ofac_files[part++], data + start, i - start);
            start = i + 2;
            i++;
        }
    }
    write_file(ofac_files[part++], data + start, size - start);
    for (; part < 4; part++) write_file(ofac_files[part], NULL, 0);
}

static vigil_status ignore_entity(void *ctx, const vigil_entity *entity)
{
    (void)ctx;
    (void)entity;
    return VIGIL_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (!dir[0]) {
        snprintf(dir, sizeof(dir), "/tmp/vigil-fuzz-XXXXXX");
        if (!mkdtemp(dir)) return 0;
        atexit(remove_dir);
    }
    size_t pick = data[0] % (sizeof(formats) / sizeof(formats[0]));
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, file_names[pick]);
    if (formats[pick] && strcmp(formats[pick], "ofac-csv") == 0)
        write_ofac_set(data + 1, size - 1);
    else
        write_file(file_names[pick], data + 1, size - 1);
    vigil_load_options options = {.format = formats[pick]};
    vigil_load_stats stats;
    vigil_source_info info;
    vigil_error err;
    vigil_load(path, &options, ignore_entity, &stats, &info, &err);
    unlink(path);
    return 0;
}
