/*
 * reply.c — what every endpoint shares: the JSON error shape, the one table
 * from library status to HTTP status, and strict reading of parameters.
 *
 * Invariant: every reply the server sends is JSON (or Prometheus text for
 * /metrics); an error is always {"error": {"status": N, "message": "..."}}
 * with N equal to the HTTP status.  Parameters are checked strictly
 * (unknown names and out-of-range values are 400) because a mistyped
 * parameter in a screening call would otherwise silently screen with
 * defaults.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "server.h"

/* Library status -> HTTP status.  ENOMEM is transient (503: retry); a
 * status the server never expects from a request ends as 500. */
static const struct {
    vigil_status status;
    unsigned http;
} status_table[] = {
    {VIGIL_OK, 200},           {VIGIL_ENOMEM, 503},    {VIGIL_EINVAL, 400},
    {VIGIL_EIO, 500},          {VIGIL_ECORRUPT, 500},  {VIGIL_EVERSION, 500},
    {VIGIL_ENOTFOUND, 404},    {VIGIL_EPARSE, 400},    {VIGIL_ELIMIT, 413},
    {VIGIL_EUNSUPPORTED, 501}, {VIGIL_EREFUSED, 409},  {VIGIL_ENETWORK, 502},
};

unsigned srv_http_status(vigil_status status)
{
    for (size_t i = 0; i < sizeof(status_table) / sizeof(status_table[0]); i++)
        if (status_table[i].status == status) return status_table[i].http;
    return 500;
}

static void reply_reset(struct srv_reply *reply)
{
    json_decref(reply->json);
    free(reply->text);
    memset(reply, 0, sizeof(*reply));
}

void srv_reply_json(struct srv_reply *reply, unsigned status, json_t *json)
{
    reply_reset(reply);
    if (!json) {
        srv_error(reply, 503, "out of memory");
        return;
    }
    reply->status = status;
    reply->json = json;
}

static void error_v(struct srv_reply *reply, unsigned status, const char *fmt,
                    va_list ap)
{
    char message[768];
    vsnprintf(message, sizeof(message), fmt, ap);
    srv_utf8_scrub(message);   /* messages quote what the client sent */
    reply_reset(reply);
    reply->status = status;
    /* When even this fails, http.c answers with a fixed text. */
    reply->json = json_pack("{s:{s:i,s:s}}", "error", "status", (int)status,
                            "message", message);
}

void srv_error(struct srv_reply *reply, unsigned status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_v(reply, status, fmt, ap);
    va_end(ap);
}

void srv_error_vigil(struct srv_reply *reply, vigil_status status,
                     const vigil_error *err)
{
    char text[VIGIL_ERROR_MESSAGE_SIZE + 400];
    if (err && err->message[0])
        vigil_error_format(err, text, sizeof(text));
    else
        snprintf(text, sizeof(text), "%s", vigil_strerror(status));
    srv_error(reply, srv_http_status(status), "%s", text);
}

/* ------------------------------------------------------------ UTF-8 */

size_t srv_utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;
    if (s[0] < 0x80) return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) { len = 2; cp = s[0] & 0x1Fu; }
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) { len = 3; cp = s[0] & 0x0Fu; }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) { len = 4; cp = s[0] & 0x07u; }
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

bool srv_utf8_valid(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len = srv_utf8_len((const unsigned char *)s + i, n - i);
        if (!len) return false;
        i += len;
    }
    return true;
}

void srv_utf8_scrub(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len = srv_utf8_len((const unsigned char *)s + i, n - i);
        if (len) {
            i += len;
        } else {
            s[i++] = '?';
        }
    }
}

/* ------------------------------------------------------------ parameters */

const char *srv_param(const struct srv_call *call, const char *key)
{
    for (size_t i = 0; i < call->param_count && i < SRV_MAX_PARAMS; i++)
        if (strcmp(call->params[i].key, key) == 0) return call->params[i].value;
    return NULL;
}

bool srv_params_known(const struct srv_call *call, const char *const *known,
                      struct srv_reply *reply)
{
    for (size_t i = 0; i < call->param_count && i < SRV_MAX_PARAMS; i++) {
        size_t k = 0;
        while (known[k] && strcmp(known[k], call->params[i].key) != 0) k++;
        if (!known[k]) {
            srv_error(reply, 400, "unknown parameter \"%.64s\"", call->params[i].key);
            return false;
        }
    }
    return true;
}

bool srv_param_size(const struct srv_call *call, const char *key, size_t min,
                    size_t max, size_t *out, struct srv_reply *reply)
{
    const char *text = srv_param(call, key);
    if (!text) return true;
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v < (long long)min || v > (long long)max) {
        srv_error(reply, 400, "%s: expected an integer from %zu to %zu", key, min, max);
        return false;
    }
    *out = (size_t)v;
    return true;
}

bool srv_param_score(const struct srv_call *call, const char *key, double *out,
                     struct srv_reply *reply)
{
    const char *text = srv_param(call, key);
    if (!text) return true;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v) || v < 0.0 || v > 1.0) {
        srv_error(reply, 400, "%s: expected a number from 0 to 1", key);
        return false;
    }
    *out = v;
    return true;
}

const char *srv_header(const struct srv_call *call, const char *name)
{
    return MHD_lookup_connection_value(call->connection, MHD_HEADER_KIND, name);
}

/* ------------------------------------------------------------ form bodies */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..n) in place ('+' is a space) and terminates it;
 * returns the decoded length.  A malformed escape is kept as it is. */
static size_t form_unescape(char *s, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            s[out++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && hex_value(s[i + 1]) >= 0 &&
                   hex_value(s[i + 2]) >= 0) {
            s[out++] = (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            s[out++] = s[i];
        }
    }
    s[out] = '\0';
    return out;
}

bool srv_parse_form(struct srv_call *call, struct srv_reply *reply)
{
    char *p = call->body, *end = call->body + call->body_len;
    while (p < end) {
        char *amp = memchr(p, '&', (size_t)(end - p));
        char *stop = amp ? amp : end;
        if (stop > p) {
            char *eq = memchr(p, '=', (size_t)(stop - p));
            size_t key_len = (size_t)((eq ? eq : stop) - p);
            const char *value = "";
            bool nul = form_unescape(p, key_len) != strlen(p);
            if (eq) {
                nul |= form_unescape(eq + 1, (size_t)(stop - eq - 1)) != strlen(eq + 1);
                value = eq + 1;
            }
            if (nul) {
                srv_error(reply, 400, "form field contains a NUL character");
                return false;
            }
            if (!srv_utf8_valid(p) || !srv_utf8_valid(value)) {
                srv_error(reply, 400, "form field is not valid UTF-8");
                return false;
            }
            if (call->param_count >= SRV_MAX_PARAMS) {
                srv_error(reply, 400, "too many parameters (at most %d)", SRV_MAX_PARAMS);
                return false;
            }
            call->params[call->param_count].key = p;
            call->params[call->param_count].value = value;
            call->param_count++;
        }
        p = stop + 1;
    }
    return true;
}
