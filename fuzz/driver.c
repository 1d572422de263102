/*
 * driver.c — replays a fuzz target's corpus without libFuzzer, so that
 * `make check` runs every saved input (and every crash found earlier) with
 * any compiler.  Prints one TAP line per input.  With libFuzzer, build the
 * target alone with -fsanitize=fuzzer instead of this file.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path, int n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("not ok %d - %s: cannot open\n", n, path);
        return 1;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *bigger = realloc(buf, cap * 2);
            if (!bigger) break;
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) return 1;
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    printf("ok %d - %s\n", n, path);
    return 0;
}


int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", argv[0]);
        return 2;
    }
    int n = 0, failures = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            printf("not ok %d - %s: missing\n", ++n, argv[i]);
            failures++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            failures += replay_file(argv[i], ++n);
            continue;
        }
        struct dirent **entries;
        int count = scandir(argv[i], &entries, NULL, alphasort);
        for (int j = 0; j < count; j++) {
            char path[4096];
            if (entries[j]->d_name[0] != '.') {
                snprintf(path, sizeof(path), "%s/%s", argv[i], entries[j]->d_name);
                failures += replay_file(path, ++n);
            }
            free(entries[j]);
        }
        if (count >= 0) free(entries);
    }
    return failures ? 1 : 0;
}
