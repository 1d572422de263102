/*
 * fetch.c — downloads one list file with libcurl: conditional requests so
 * that an unchanged publication is not fetched again, connect and total
 * timeouts, retries with exponential back-off on transient failures (5xx,
 * 429, timeouts, dropped connections), a size ceiling, and a body that
 * lands under its final name only when it is complete.
 *
 * Invariant: `dest` either does not change or is the complete body of one
 * 2xx response, fsynced; partial bodies stay in dest.part and are removed.
 * Validators are taken from the last response of a redirect chain, the one
 * whose body was saved.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "update.h"

#define MAX_BACKOFF_MS 60000L

struct transfer {
    int fd;
    uint64_t bytes;
    uint64_t max_bytes;
    bool too_big;
    bool write_failed;
    struct upd_file_state *got;
};

static size_t on_body(char *data, size_t size, size_t count, void *ctx)
{
    struct transfer *t = ctx;
    size_t len = size * count;
    if (t->max_bytes && t->bytes + len > t->max_bytes) {
        t->too_big = true;
        return 0;
    }
    if (vg_write_all(t->fd, data, len, "download", NULL) != VIGIL_OK) {
        t->write_failed = true;
        return 0;
    }
    t->bytes += len;
    return len;
}

/* Copies a header value, refusing control characters and values that do
 * not fit (a validator that cannot be sent back intact is worse than none). */
static void keep_header(const char *value, size_t len, char *out, size_t size)
{
    while (len && (value[len - 1] == '\r' || value[len - 1] == '\n' ||
                   value[len - 1] == ' '))
        len--;
    while (len && *value == ' ') value++, len--;
    out[0] = '\0';
    if (len >= size) return;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f) return;
    memcpy(out, value, len);
    out[len] = '\0';
}

static bool header_is(const char *line, size_t len, const char *name)
{
    size_t n = strlen(name);
    if (len <= n || line[n] != ':') return false;
    for (size_t i = 0; i < n; i++) {
        char c = line[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != name[i]) return false;
    }
    return true;
}

static size_t on_header(char *line, size_t size, size_t count, void *ctx)
{
    struct transfer *t = ctx;
    size_t len = size * count;
    if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        t->got->etag[0] = '\0';
        t->got->last_modified[0] = '\0';
    } else if (header_is(line, len, "etag")) {
        keep_header(line + 5, len - 5, t->got->etag, sizeof(t->got->etag));
    } else if (header_is(line, len, "last-modified")) {
        keep_header(line + 14, len - 14, t->got->last_modified,
                    sizeof(t->got->last_modified));
    }
    return len;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

static struct curl_slist *conditional_headers(const struct upd_file_state *c)
{
    struct curl_slist *list = NULL, *next;
    char line[UPD_ETAG_SIZE + 32];
    if (c && c->etag[0]) {
        snprintf(line, sizeof(line), "If-None-Match: %s", c->etag);
        if (!(next = curl_slist_append(list, line))) goto fail;
        list = next;
    }
    if (c && c->last_modified[0]) {
        snprintf(line, sizeof(line), "If-Modified-Since: %s",
                 c->last_modified);
        if (!(next = curl_slist_append(list, line))) goto fail;
        list = next;
    }
    return list;
fail:
    curl_slist_free_all(list);
    return NULL;
}

static bool setup(CURL *curl, const char *url,
                  const struct upd_fetch_params *p, struct transfer *t,
                  struct curl_slist *headers, char *errbuf)
{
    return curl_easy_setopt(curl, CURLOPT_URL, url) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, p->connect_timeout) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, p->timeout) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "vigil/" VIGIL_VERSION_STRING) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                         (curl_off_t)p->max_bytes) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, t) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, t) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf) == CURLE_OK;
}

static bool transient_curl(CURLcode res)
{
    switch (res) {
    case CURLE_OPERATION_TIMEDOUT: case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

/* Interprets a finished transfer; *transient says whether to try again. */
static vigil_status judge(CURL *curl, CURLcode res, const struct transfer *t,
                          const char *url, const struct upd_fetch_params *p,
                          const char *errbuf, bool *not_modified,
                          bool *transient, vigil_error *err)
{
    long code = 0;
    curl_off_t expected = -1;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
    *transient = transient_curl(res);
    unsigned long long mib = (unsigned long long)(p->max_bytes / UPD_MIB);
    if (t->too_big || res == CURLE_FILESIZE_EXCEEDED)
        return vg_fail(err, VIGIL_ELIMIT, url, 0, NULL,
                       "larger than the ceiling of %llu MiB", mib);
    if (t->write_failed)
        return vg_fail(err, VIGIL_EIO, url, 0, NULL,
                       "cannot write the download: %s", strerror(errno));
    if (res == CURLE_OPERATION_TIMEDOUT)
        return vg_fail(err, VIGIL_ENETWORK, url, 0, NULL,
                       "timed out (connect %lds, total %lds): %s",
                       p->connect_timeout, p->timeout, errbuf);
    if (res == CURLE_PARTIAL_FILE ||
        (res == CURLE_OK && code / 100 == 2 && expected >= 0 &&
         (uint64_t)expected != t->bytes))
        return vg_fail(err, VIGIL_ENETWORK, url, 0, NULL,
                       "body truncated: got %llu of %lld bytes "
                       "(Content-Length)", (unsigned long long)t->bytes,
                       (long long)expected);
    if (res != CURLE_OK)
        return vg_fail(err, VIGIL_ENETWORK, url, 0, NULL, "%s",
                       errbuf[0] ? errbuf : curl_easy_strerror(res));
    if (code == 304) {
        *not_modified = true;
        return VIGIL_OK;
    }
    if (code / 100 != 2) {
        *transient = code >= 500 || code == 429 || code == 408;
        return vg_fail(err, VIGIL_ENETWORK, url, 0, NULL, "HTTP %ld", code);
    }
    return VIGIL_OK;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static vigil_status attempt(CURL *curl, const char *url, const char *part,
                            const struct upd_fetch_params *p,
                            struct upd_file_state *got, char *errbuf,
                            bool *not_modified, bool *transient,
                            vigil_error *err)
{
    int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        *transient = false;
        return vg_fail(err, VIGIL_EIO, part, 0, NULL, "cannot create: %s",
                       strerror(errno));
    }
    struct transfer t = {fd, 0, p->max_bytes, false, false, got};
    errbuf[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    CURLcode res = curl_easy_perform(curl);
    vigil_status st = judge(curl, res, &t, url, p, errbuf, not_modified,
                            transient, err);
    if (st == VIGIL_OK && !*not_modified && fsync(fd) != 0)
        st = vg_fail(err, VIGIL_EIO, part, 0, NULL, "fsync: %s",
                     strerror(errno));
    if (close(fd) != 0 && st == VIGIL_OK)
        st = vg_fail(err, VIGIL_EIO, part, 0, NULL, "close: %s",
                     strerror(errno));
    return st;
}

static vigil_status fetch_with_retries(CURL *curl, const char *url,
                                       const char *part,
                                       const struct upd_fetch_params *p,
                                       struct upd_file_state *got,
                                       char *errbuf, bool *not_modified,
                                       vigil_error *err)
{
    long delay = p->retry_delay_ms;
    for (int i = 0;; i++) {
        bool transient = false;
        *not_modified = false;
        vigil_status st = attempt(curl, url, part, p, got, errbuf,
                                  not_modified, &transient, err);
        if (st == VIGIL_OK || !transient || i >= p->retries) {
            if (st != VIGIL_OK && i > 0 && err) {
                size_t n = strlen(err->message);
                snprintf(err->message + n, sizeof(err->message) - n,
                         " (after %d attempts)", i + 1);
            }
            return st;
        }
        sleep_ms(delay);
        delay = VG_MIN(delay * 2, MAX_BACKOFF_MS);
    }
}

vigil_status upd_fetch(const char *url, const char *dest,
                       const struct upd_fetch_params *params,
                       const struct upd_file_state *cond,
                       struct upd_file_state *got, bool *not_modified,
                       vigil_error *err)
{
    char part[UPD_PATH_SIZE];
    VG_TRY(upd_path(part, sizeof(part), err, "%s.part", dest));
    pthread_once(&curl_once, curl_init);
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = conditional_headers(cond);
    bool want_headers = cond && (cond->etag[0] || cond->last_modified[0]);
    struct transfer t = {-1, 0, 0, false, false, got};
    char errbuf[CURL_ERROR_SIZE] = "";
    vigil_status st = VIGIL_OK;
    if (!curl || (want_headers && !headers) ||
        !setup(curl, url, params, &t, headers, errbuf))
        st = vg_fail(err, VIGIL_ENOMEM, url, 0, NULL,
                     "cannot set up the download");
    if (st == VIGIL_OK)
        st = fetch_with_retries(curl, url, part, params, got, errbuf,
                                not_modified, err);
    if (st == VIGIL_OK && *not_modified && !want_headers)
        st = vg_fail(err, VIGIL_ENETWORK, url, 0, NULL,
                     "HTTP 304 to an unconditional request");
    if (st == VIGIL_OK && !*not_modified && rename(part, dest) != 0)
        st = vg_fail(err, VIGIL_EIO, dest, 0, NULL, "rename: %s",
                     strerror(errno));
    if (st != VIGIL_OK || *not_modified) unlink(part);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return st;
}
