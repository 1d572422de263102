/*
 * utf8.c — minimal UTF-8 decoding for scanners that must not trust input:
 * invalid bytes decode as U+FFFD one byte at a time, so loops always advance.
 */
#include "vg.h"

size_t vg_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    *cp = 0xFFFD;
    if (!len) return 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t min, v;
    if ((c & 0xE0) == 0xC0) { need = 2; min = 0x80; v = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { need = 3; min = 0x800; v = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { need = 4; min = 0x10000; v = c & 0x07; }
    else return 1;
    if (len < need) return 1;
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80) return 1;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 1;
    *cp = v;
    return need;
}

size_t vg_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool vg_utf8_valid(const char *s, size_t len)
{
    while (len) {
        uint32_t cp;
        size_t n = vg_utf8_decode(s, len, &cp);
        if (cp == 0xFFFD && !(n == 3 && (unsigned char)s[0] == 0xEF)) return false;
        s += n;
        len -= n;
    }
    return true;
}
