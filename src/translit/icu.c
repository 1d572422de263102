/*
 * icu.c — the ICU side of transliteration: normalizers (shared; ICU makes
 * them thread-safe) and transliterators (one per thread and transform,
 * because a UTransliterator must not be used by two threads at once).
 *
 * The per-thread cache is reached through a _Thread_local pointer and also
 * registered with a pthread key whose destructor frees it, so threads that
 * exit without calling tl_thread_cleanup() do not leak.  Creating a
 * compound transliterator costs milliseconds, using one microseconds: the
 * cache is what makes non-ASCII names affordable.
 */
#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "translit.h"

/* The first step of each transform.  Letters it leaves non-ASCII (tone
 * marks, ʹ, Kazakh ә in a Russian name) go through mark stripping, then
 * Latin-ASCII, then Any-Latin, only when present: a compound ID would run
 * all three on every word and costs several times more. */
static const char *const transform_ids[TL_TRANSFORM_COUNT] = {
    [TL_RUSSIAN] = "Russian-Latin/BGN",
    [TL_UKRAINIAN] = "Ukrainian-Latin/BGN",
    [TL_HAN] = "Han-Latin/Names",
    [TL_ANY] = "Any-Latin",
    [TL_LATIN_ASCII] = "Latin-ASCII",
};

#define TL_MAX_UNITS 2048 /* UTF-16 units of one token before or after */

#define TL_HAN_BITS 11 /* 2048 cached Han readings per thread */

struct tl_han_entry {
    uint32_t cp;        /* 0: empty */
    char pinyin[12];
};

struct tl_cache {
    UTransliterator *trans[TL_TRANSFORM_COUNT];
    bool failed[TL_TRANSFORM_COUNT]; /* do not retry a transform ICU lacks */
    struct tl_han_entry han[1u << TL_HAN_BITS];
};

static _Thread_local struct tl_cache *thread_cache;
static pthread_key_t cache_key;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;

static void free_cache(void *ptr)
{
    struct tl_cache *cache = ptr;
    if (!cache) return;
    for (int i = 0; i < TL_TRANSFORM_COUNT; i++)
        if (cache->trans[i]) utrans_close(cache->trans[i]);
    vg_free(cache);
}

static void make_cache_key(void)
{
    (void)pthread_key_create(&cache_key, free_cache);
}

static struct tl_cache *get_cache(void)
{
    if (thread_cache) return thread_cache;
    pthread_once(&cache_key_once, make_cache_key);
    thread_cache = vg_calloc(1, sizeof(*thread_cache));
    if (thread_cache) (void)pthread_setspecific(cache_key, thread_cache);
    return thread_cache;
}

void tl_thread_cleanup(void)
{
    if (!thread_cache) return;
    (void)pthread_setspecific(cache_key, NULL);
    free_cache(thread_cache);
    thread_cache = NULL;
}

static UTransliterator *get_transform(enum tl_transform id)
{
    struct tl_cache *cache = get_cache();
    if (!cache || cache->failed[id]) return NULL;
    if (cache->trans[id]) return cache->trans[id];
    UChar uid[128];
    u_uastrncpy(uid, transform_ids[id], (int32_t)VG_ARRAY_LEN(uid));
    UErrorCode status = U_ZERO_ERROR;
    cache->trans[id] = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL,
                                    &status);
    if (U_FAILURE(status)) {
        cache->trans[id] = NULL;
        cache->failed[id] = true;
    }
    return cache->trans[id];
}

/* Code points to UTF-16; returns the unit count (0 when it does not fit). */
static int32_t to_utf16(const uint32_t *cps, size_t n, UChar *out,
                        int32_t cap)
{
    int32_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (len + 2 > cap) return 0;
        U16_APPEND_UNSAFE(out, len, (UChar32)cps[i]);
    }
    return len;
}

/* Keeps ASCII letters and digits, lowercased; with `spaces`, also one
 * space between words. */
static size_t ascii_alnum(const UChar *s, int32_t len, bool spaces,
                          char *out, size_t size)
{
    size_t at = 0;
    for (int32_t i = 0; i < len && at + 1 < size; i++) {
        UChar c = s[i];
        if (c >= 'A' && c <= 'Z') out[at++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[at++] = (char)c;
        else if (spaces && c == ' ' && at > 0 && out[at - 1] != ' ')
            out[at++] = ' ';
    }
    if (at > 0 && out[at - 1] == ' ') at--;
    if (size) out[at] = '\0';
    return at;
}

static bool all_ascii(const UChar *s, int32_t len)
{
    for (int32_t i = 0; i < len; i++)
        if (s[i] >= 0x80) return false;
    return true;
}

/* Runs one cached transform over buf in place; false on failure. */
static bool run(enum tl_transform id, UChar *buf, int32_t *len, int32_t cap)
{
    UTransliterator *trans = get_transform(id);
    if (!trans) return false;
    int32_t limit = *len;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(trans, buf, len, cap, 0, &limit, &status);
    return U_SUCCESS(status);
}

/* NFD without combining marks, in place. */
static void strip_marks_utf16(UChar *buf, int32_t *len, int32_t cap)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    UChar tmp[TL_MAX_UNITS];
    int32_t n = 0;
    if (U_SUCCESS(status))
        n = unorm2_normalize(nfd, buf, *len, tmp, TL_MAX_UNITS, &status);
    if (U_FAILURE(status)) return;
    int32_t at = 0;
    for (int32_t i = 0; i < n && at < cap;) {
        UChar32 c;
        U16_NEXT(tmp, i, n, c);
        if (!tl_is_mark((uint32_t)c)) U16_APPEND_UNSAFE(buf, at, c);
    }
    *len = at;
}

static size_t transform(enum tl_transform id, const uint32_t *cps, size_t n,
                        bool spaces, char *out, size_t size)
{
    if (size) out[0] = '\0';
    UChar buf[TL_MAX_UNITS];
    int32_t len = to_utf16(cps, n, buf, TL_MAX_UNITS / 4);
    if (!len || !run(id, buf, &len, TL_MAX_UNITS)) return 0;
    if (!all_ascii(buf, len)) strip_marks_utf16(buf, &len, TL_MAX_UNITS / 2);
    if (!all_ascii(buf, len) && id != TL_LATIN_ASCII)
        run(TL_LATIN_ASCII, buf, &len, TL_MAX_UNITS);
    if (!all_ascii(buf, len) && id != TL_ANY &&
        run(TL_ANY, buf, &len, TL_MAX_UNITS))
        run(TL_LATIN_ASCII, buf, &len, TL_MAX_UNITS);
    return ascii_alnum(buf, len, spaces, out, size);
}

size_t tl_transform(enum tl_transform id, const uint32_t *cps, size_t n,
                    char *out, size_t size)
{
    return transform(id, cps, n, false, out, size);
}

/* Han readings cached per thread: Han-Latin costs several microseconds a
 * character, and the characters of Chinese names repeat. */
size_t tl_han_pinyin(uint32_t cp, char *out, size_t size)
{
    struct tl_cache *cache = get_cache();
    struct tl_han_entry *e =
        cache ? &cache->han[(cp * 2654435761u) >> (32 - TL_HAN_BITS)] : NULL;
    if (e && e->cp == cp) {
        vg_strlcpy(out, e->pinyin, size);
        return strlen(out);
    }
    size_t n = transform(TL_HAN, &cp, 1, false, out, size);
    if (e && n < sizeof(e->pinyin)) {
        e->cp = cp;
        vg_strlcpy(e->pinyin, out, sizeof(e->pinyin));
    }
    return n;
}

static size_t utf16_to_cps(const UChar *s, int32_t len, uint32_t *out,
                           size_t max)
{
    size_t n = 0;
    for (int32_t i = 0; i < len && n < max;) {
        UChar32 c;
        U16_NEXT(s, i, len, c);
        out[n++] = (uint32_t)c;
    }
    return n;
}

size_t tl_fold(const char *s, size_t len, uint32_t *out, size_t max)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return 0;
    UChar src[TL_MAX_UNITS / 2], dst[TL_MAX_UNITS];
    int32_t src_len = 0;
    u_strFromUTF8WithSub(src, (int32_t)VG_ARRAY_LEN(src), &src_len, s,
                         (int32_t)VG_MIN(len, VG_ARRAY_LEN(src) / 4),
                         0xFFFD, NULL, &status);
    if (U_FAILURE(status)) return 0;
    int32_t dst_len = unorm2_normalize(nfkc_cf, src, src_len, dst,
                                       (int32_t)VG_ARRAY_LEN(dst), &status);
    if (U_FAILURE(status)) return 0;
    return utf16_to_cps(dst, dst_len, out, max);
}

size_t tl_strip_marks(const uint32_t *cps, size_t n, uint32_t *out,
                      size_t max)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) return 0;
    UChar src[TL_MAX_UNITS / 2], dst[TL_MAX_UNITS];
    int32_t src_len = to_utf16(cps, n, src, (int32_t)VG_ARRAY_LEN(src));
    int32_t dst_len = unorm2_normalize(nfd, src, src_len, dst,
                                       (int32_t)VG_ARRAY_LEN(dst), &status);
    if (U_FAILURE(status)) return 0;
    size_t count = 0;
    for (int32_t i = 0; i < dst_len && count < max;) {
        UChar32 c;
        U16_NEXT(dst, i, dst_len, c);
        if (!tl_is_mark((uint32_t)c)) out[count++] = (uint32_t)c;
    }
    return count;
}

char *tl_nfc(const char *s, size_t len, struct vg_arena *arena)
{
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) return vg_arena_strndup(arena, s, len);
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    UChar src[TL_MAX_UNITS / 2], dst[TL_MAX_UNITS];
    int32_t src_len = 0, dst_len = 0, out_len = 0;
    u_strFromUTF8WithSub(src, (int32_t)VG_ARRAY_LEN(src), &src_len, s,
                         (int32_t)VG_MIN(len, VG_ARRAY_LEN(src) / 4),
                         0xFFFD, NULL, &status);
    if (U_SUCCESS(status))
        dst_len = unorm2_normalize(nfc, src, src_len, dst,
                                   (int32_t)VG_ARRAY_LEN(dst), &status);
    if (U_FAILURE(status)) return vg_arena_strndup(arena, s, len);
    char *out = vg_arena_alloc(arena, (size_t)dst_len * 3 + 1);
    if (!out) return NULL;
    u_strToUTF8(out, dst_len * 3 + 1, &out_len, dst, dst_len, &status);
    if (U_FAILURE(status)) return vg_arena_strndup(arena, s, len);
    out[out_len] = '\0';
    return out;
}

bool tl_is_mark(uint32_t cp)
{
    return (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK) != 0;
}

bool tl_is_word_char(uint32_t cp)
{
    uint32_t mask = U_GET_GC_MASK((UChar32)cp);
    if (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) return true;
    /* enclosed forms that NFKC turns into letters: ㈜, ①, 🄰 */
    return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x3200 && cp <= 0x33FF) ||
           (cp >= 0x1F100 && cp <= 0x1F1FF);
}
