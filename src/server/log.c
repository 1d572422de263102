/*
 * log.c — the access log: one JSON object per line, on stderr or in the
 * --access-log file.
 *
 * Invariant: each line reaches the file in a single write(2) of the whole
 * line (the file is opened O_APPEND), so lines from many threads never
 * interleave and no lock is needed.  Names are personal data: what a
 * request asked for is logged only with --log-queries (http.c decides).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "../cli/results_json.h"
#include "server.h"

void srv_time_iso(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             ts.tv_nsec / 1000000L);
}

void srv_log_json(struct srv_server *server, json_t *line)
{
    if (!line || server->log_fd < 0) return;
    char *text = json_dumps(line, CLI_JSON_DUMP_FLAGS);
    if (!text) return;
    size_t len = strlen(text);
    text[len] = '\n';   /* json_dumps leaves room: we replace the NUL */
    const char *p = text;
    size_t left = len + 1;
    while (left > 0) {
        ssize_t n = write(server->log_fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;   /* a full disk must not stop the service */
        p += n;
        left -= (size_t)n;
    }
    free(text);
}
