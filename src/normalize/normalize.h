/*
 * normalize.h — turns a name as written, in any script, into tokens that the
 * index stores and the matcher compares.  The same function runs on listed
 * names at build time and on queries at match time, so both sides always
 * agree on forms and keys.
 *
 * Pipeline (docs/normalization.md): NFKC + case fold, punctuation and spacing
 * folded, per-token script detection, transliteration to Latin (translit/),
 * variant folding into keys, legal-form and generic-word tagging.
 */
#ifndef VG_NORMALIZE_H
#define VG_NORMALIZE_H

#include "../util/vg.h"

enum norm_script {
    NORM_SCRIPT_LATIN = 0,
    NORM_SCRIPT_CYRILLIC,
    NORM_SCRIPT_HANGUL,
    NORM_SCRIPT_ARABIC,
    NORM_SCRIPT_HAN,
    NORM_SCRIPT_GREEK,
    NORM_SCRIPT_OTHER
};

enum norm_class {
    NORM_WORD = 0,      /* an ordinary name part */
    NORM_LEGAL_FORM,    /* "Co., Ltd.", "LLC", "OOO", "주식회사": weighs little */
    NORM_GENERIC,       /* "Trading", "Korea", "International": weighs little */
    NORM_PARTICLE,      /* "al", "bin", "de", "van": weighs little, never dropped */
    NORM_INITIAL,       /* a single letter: "J." */
    NORM_NUMBER         /* digits */
};

#define NORM_F_KOREAN 0x01 /* key is a Korean romanization-neutral key */
#define NORM_F_JOINED 0x02 /* token came from joining adjacent parts */
#define NORM_F_KOREAN_SURNAME 0x04 /* NORM_F_KOREAN, and the key is one of
                                      the commonest Korean surnames' */

struct norm_token {
    const char *orig;   /* as written (NFC, original case), e.g. "Чен" */
    const char *latin;  /* lower-case ASCII transliteration, e.g. "chen" */
    const char *key;    /* variant-folded key, lower-case ASCII, e.g. "chong":
                           tokens with equal keys are one name in two
                           spellings; for legal forms the canonical class
                           ("llc", "jsc", "coltd", "corp", ...) */
    const char *path;   /* "" for Latin input, else how latin was reached:
                           "Korean from Cyrillic", "Korean from Hangul",
                           "Russian (BGN/PCGN)", "Ukrainian", "Arabic",
                           "Chinese (pinyin)", "ICU Any-Latin" */
    enum norm_script script;
    enum norm_class cls;
    unsigned flags;     /* NORM_F_* */
};

struct norm_name {
    struct norm_token *tokens;
    size_t count;
};

/* Normalizes `text` (UTF-8; invalid bytes are replaced, never fatal) for a
 * name of the given schema (Person names and organization names fold
 * differently: a Hangul person name splits its surname syllable off).
 * Everything it returns lives in `arena`.  Thread-safe: ICU objects are
 * cached per thread.  An empty or all-punctuation name gives count 0. */
vigil_status norm_name(const char *text, vigil_schema schema,
                       struct vg_arena *arena, struct norm_name *out);

/* The consonant skeleton of a token's latin form: consonants only, with
 * markers for an initial vowel and the class of the final one, as Arabic
 * script writes a name ("Rustam", "Rrustem" and رستم -> "rstm"; "Pelarak"
 * and بلرك -> "blrk").  Meant as a second retrieval term for Arabic-script
 * queries against Latin listings, not as the key: keys stay as they are
 * (docs/normalization.md, "Consonant skeleton").  False, out unspecified,
 * for tokens with digits or fewer than two consonants. */
bool norm_skeleton(const char *latin, char *out, size_t size);

/* The variant key of one word's latin form (lowercase ASCII letters and
 * digits), as norm_name keys a word that is no particle, generic word or
 * legal form; no ICU, so cheap enough to key many respellings of a query
 * word.  The same latin always gives the same key. */
void norm_key(const char *latin, char *out, size_t size, unsigned *flags);

/* Releases the calling thread's cached ICU objects (optional; for tools that
 * check for leaks). */
void norm_thread_cleanup(void);

#endif /* VG_NORMALIZE_H */
