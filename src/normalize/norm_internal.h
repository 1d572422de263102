/*
 * norm_internal.h — the pieces of normalize/ that norm_name() strings
 * together: variant keys (keys.c, korean_key.c), word classes (classes.c)
 * and the per-script front end (script.c).  Not used outside the module.
 */
#ifndef VG_NORM_INTERNAL_H
#define VG_NORM_INTERNAL_H

#include "normalize.h"

/* Ceilings on what one name may feed the normalizer: longer input is cut at
 * a code point boundary, further tokens are ignored.  Real names stay far
 * below (the longest listed name is about 300 bytes). */
#define NORM_MAX_INPUT 2048
#define NORM_MAX_TOKENS 48
#define NORM_MAX_WORD 128   /* bytes of one token's latin form or key */

/* One token while norm_name() works on it. */
struct norm_part {
    const char *orig;        /* span in the input as written */
    size_t orig_len;
    char *latin;             /* arena; lowercase ASCII letters and digits */
    const char *path;        /* static string */
    const char *fixed_key;   /* set by a script stage that already knows the
                                class of the word (Hangul "주식회사"): the
                                key, or for a generic word the English word
                                whose key it takes (贸易 -> "trade") */
    enum norm_script script;
    enum norm_class fixed_cls;
    unsigned flags;
    bool parens;             /* written alone in parentheses: "(주)" */
};

struct norm_work {
    struct norm_part parts[NORM_MAX_TOKENS];
    size_t count;
    vigil_schema schema;
    struct vg_arena *arena;
};

/* -------------------------------------------------------- lexicon */

/* A hashed index over a static table whose entries start with their word
 * (a `const char *` first member).  Built once, read-only afterwards. */
#define NORM_LEXICON_SLOTS 1024
struct norm_lexicon {
    const void *entries;
    size_t count, stride;
    uint16_t slots[NORM_LEXICON_SLOTS]; /* entry index + 1, 0 = empty */
};

void norm_lexicon_build(struct norm_lexicon *lx, const void *entries,
                        size_t count, size_t stride);
/* The entry whose word equals `word`, or NULL. */
const void *norm_lexicon_find(const struct norm_lexicon *lx, const char *word);

/* ----------------------------------------------------------- keys */

/* Writes the variant key of one latin token (lowercase ASCII letters and
 * digits) into out (size bytes, NUL-terminated, truncated at size - 1).
 * Adds NORM_F_KOREAN to *flags when the Korean romanization fold was used.
 * Context-free: the same latin always gives the same key. */
void norm_key(const char *latin, char *out, size_t size, unsigned *flags);

/* The Korean strict key of `s` if it parses as 1-3 romanized Korean
 * syllables (List, McCune-Reischauer without marks, Revised, common
 * informal spellings); false otherwise. */
bool norm_korean_key(const char *s, char *out, size_t size);

/* Whether a Korean key is that of one of the commonest Korean surnames
 * (names.md §1.5 and the next forty): a Korean person's name holds one. */
bool norm_korean_surname_key(const char *key);

/* The key of a Chinese name part written in pinyin or Wade-Giles (Zhang
 * and Chang, Xu and Hsu meet), when the token shows a mark of either
 * system and reads as its syllables; false otherwise. */
bool norm_chinese_key(const char *s, char *out, size_t size);

/* --------------------------------------------------------- classes */

/* Tags the parts (legal forms, generic words, particles, initials, numbers),
 * collapses multi-word legal forms into one part, and fills `out`. */
vigil_status norm_finish(struct norm_work *work, const char *text,
                         struct norm_name *out);

/* ---------------------------------------------------- script front end */

/* Splits non-ASCII text into parts, transliterating each non-Latin part;
 * text is valid UTF-8 (norm_name() replaced invalid bytes). */
vigil_status norm_split_unicode(struct norm_work *work, const char *text,
                                size_t len);

#endif /* VG_NORM_INTERNAL_H */
