/*
 * translit.h — script-to-Latin conversions used by normalize/: our own
 * Hangul tables (DPRK list spelling), Korean names written in Cyrillic
 * (reverse Kontsevich), Arabic letter folds, and ICU transliterators and
 * normalizers behind a per-thread cache.
 *
 * Code points travel as uint32_t arrays; Latin output is lowercase ASCII.
 * Every function is thread-safe: ICU transliterators (which are not) are
 * created lazily once per thread and freed by tl_thread_cleanup() or when
 * the thread exits.
 */
#ifndef VG_TRANSLIT_H
#define VG_TRANSLIT_H

#include "../util/vg.h"

/* ------------------------------------------------------------- Hangul */

static inline bool tl_is_hangul_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Writes the DPRK/UN list spelling of a run of Hangul syllables as one
 * word ("정은" -> "jongun", "평양" -> "phyongyang"): initials voiced
 * between voiced sounds, ㄹ always r, aspirates th/ph.  `assimilated`
 * spells consonant clusters as the lists do in place and company words
 * (압록강 -> amnokgang); person names are spelled syllable by syllable
 * (국렬 -> kukryol, as "Kuk Ryol").  Non-syllables are skipped.  Returns the
 * length written (out is NUL-terminated, truncated at size - 1). */
size_t tl_hangul_latin(const uint32_t *cps, size_t n, bool assimilated,
                       char *out, size_t size);

/* Whether the first two syllables form a two-syllable surname (남궁, 황보,
 * 선우, 제갈, ...). */
bool tl_hangul_double_surname(const uint32_t *cps, size_t n);

/* --------------------------------------------------- Korean in Cyrillic */

/* Reads a lowercase Cyrillic token as Korean syllables written in
 * Kontsevich or the traditional Russian press spelling ("чен" -> "jong",
 * "чхоль" -> "chol", "цой" -> "choe") and writes the list spelling.
 * Returns the number of syllables, 0 when the token does not parse. */
size_t tl_cyrillic_korean(const uint32_t *cps, size_t n, char *out,
                          size_t size);

/* Whether the lowercase Cyrillic token is a common Korean surname (Ким,
 * Пак, Ли, Чхве, Цой, ...). */
bool tl_cyrillic_korean_surname(const uint32_t *cps, size_t n);

/* ------------------------------------------------------------- Arabic */

/* In place: the letter folds of names.md §3 (alef forms -> ا, ة -> ه,
 * ى ی ئ -> ي, ک -> ك, ؤ -> و), Arabic-Indic digits -> ASCII, and removal
 * of tatweel, hamza, harakat, Quranic marks and ZWNJ.  Returns the new
 * length. */
size_t tl_arabic_fold(uint32_t *cps, size_t n);

/* Latin for one folded Arabic word: a table of common name words (محمد ->
 * "muhammad"), else the consonant skeleton with guessed vowels.
 * `initial_i`: the word was written with إ (alef with hamza below), whose
 * vowel is i (إدريس -> idris); the fold has made it a plain ا. */
size_t tl_arabic_latin(const uint32_t *cps, size_t n, bool initial_i,
                       char *out, size_t size);

/* Whether the word as written (before the fold), after an optional
 * article ال, starts with إ. */
bool tl_arabic_initial_i(const uint32_t *cps, size_t n);

/* ---------------------------------------------------------------- ICU */

enum tl_transform {
    TL_RUSSIAN,     /* Russian-Latin/BGN */
    TL_UKRAINIAN,   /* Ukrainian-Latin/BGN */
    TL_HAN,         /* Han-Latin/Names */
    TL_ANY,         /* Any-Latin */
    TL_LATIN_ASCII, /* Latin-ASCII only */
    TL_TRANSFORM_COUNT
};

/* Transliterates `cps` with the thread's cached transform; what is left
 * non-ASCII loses its marks, then goes through Latin-ASCII and Any-Latin.
 * Keeps only ASCII letters and digits, lowercased.  Returns the length
 * written, or 0 on any ICU failure. */
size_t tl_transform(enum tl_transform id, const uint32_t *cps, size_t n,
                    char *out, size_t size);

/* The pinyin of one Han character without tones ("金" -> "jin"), from a
 * per-thread cache in front of Han-Latin/Names. */
size_t tl_han_pinyin(uint32_t cp, char *out, size_t size);

/* NFKC + full case fold of UTF-8 `s` into code points (at most max);
 * returns the count. */
size_t tl_fold(const char *s, size_t len, uint32_t *out, size_t max);

/* NFD of `cps` without combining marks, into out (at most max). */
size_t tl_strip_marks(const uint32_t *cps, size_t n, uint32_t *out,
                      size_t max);

/* NFC copy of UTF-8 `s` in the arena (a plain copy when ASCII). */
char *tl_nfc(const char *s, size_t len, struct vg_arena *arena);

/* General category helpers over ICU's properties. */
bool tl_is_word_char(uint32_t cp);   /* letter, digit, mark, enclosed */
bool tl_is_mark(uint32_t cp);

/* Frees the calling thread's cached transliterators. */
void tl_thread_cleanup(void);

#endif /* VG_TRANSLIT_H */
