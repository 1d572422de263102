/*
 * arabic.c — Arabic script to Latin for names.  Arabic writes consonants
 * and long vowels only, so no letter-by-letter transliteration gives the
 * spelling a list uses ("محمد" is m-h-m-d, the list writes Muhammad).
 *
 * A word is first folded the way names.md §3 says spellings vary (alef
 * forms, ة/ه, ى/ي, Persian letters, harakat dropped), then looked up in a
 * table of common name words; a word not in the table gets a reading of
 * its skeleton: long vowels from ا و ي and one guessed short vowel, so
 * that برزان -> "barzan" keys like the list's "Barzan".
 * The article ال is split off by the caller (script.c) as "al".
 */
#include <stdlib.h>
#include <string.h>

#include "translit.h"

struct arabic_name {
    uint32_t cps[9];
    size_t n;
    const char *latin;
};

/* Folded spellings, sorted by code points (bsearch). */
static const struct arabic_name names[] = {
    /* ابراهيم */
    {{0x0627, 0x0628, 0x0631, 0x0627, 0x0647, 0x064A, 0x0645}, 7, "ibrahim"},
    {{0x0627, 0x0628, 0x0646}, 3, "ibn"}, /* ابن */
    {{0x0627, 0x0628, 0x0648}, 3, "abu"}, /* ابو */
    {{0x0627, 0x062D, 0x0645, 0x062F}, 4, "ahmad"}, /* احمد */
    {{0x0627, 0x0633, 0x0627, 0x0645, 0x0647}, 5, "usama"}, /* اسامه */
    {{0x0627, 0x0633, 0x062D, 0x0627, 0x0642}, 5, "ishaq"}, /* اسحاق */
    {{0x0627, 0x0633, 0x062F}, 3, "asad"}, /* اسد */
    /* اسماعيل */
    {{0x0627, 0x0633, 0x0645, 0x0627, 0x0639, 0x064A, 0x0644}, 7, "ismail"},
    {{0x0627, 0x0644, 0x0644, 0x0647}, 4, "allah"}, /* الله */
    {{0x0627, 0x0645, 0x064A, 0x0646}, 4, "amin"}, /* امين */
    {{0x0627, 0x0646, 0x0648, 0x0631}, 4, "anwar"}, /* انور */
    {{0x0628, 0x0634, 0x0627, 0x0631}, 4, "bashar"}, /* بشار */
    {{0x0628, 0x0634, 0x064A, 0x0631}, 4, "bashir"}, /* بشير */
    {{0x0628, 0x0643, 0x0631}, 3, "bakr"}, /* بكر */
    {{0x0628, 0x0644, 0x0627, 0x0644}, 4, "bilal"}, /* بلال */
    {{0x0628, 0x0646}, 2, "bin"}, /* بن */
    {{0x0628, 0x0646, 0x062A}, 3, "bint"}, /* بنت */
    {{0x062A, 0x0631, 0x0643, 0x064A}, 4, "turki"}, /* تركي */
    /* تكريتي */
    {{0x062A, 0x0643, 0x0631, 0x064A, 0x062A, 0x064A}, 6, "tikriti"},
    {{0x062C, 0x0628, 0x0627, 0x0631}, 4, "jabbar"}, /* جبار */
    {{0x062C, 0x0639, 0x0641, 0x0631}, 4, "jafar"}, /* جعفر */
    {{0x062C, 0x0644, 0x064A, 0x0644}, 4, "jalil"}, /* جليل */
    {{0x062C, 0x0645, 0x0627, 0x0644}, 4, "jamal"}, /* جمال */
    {{0x062C, 0x0648, 0x0627, 0x062F}, 4, "jawad"}, /* جواد */
    {{0x062C, 0x0648, 0x0647, 0x0631}, 4, "jawhar"}, /* جوهر */
    {{0x062D, 0x0627, 0x0641, 0x0638}, 4, "hafiz"}, /* حافظ */
    {{0x062D, 0x0627, 0x0645, 0x062F}, 4, "hamid"}, /* حامد */
    {{0x062D, 0x0633, 0x0646}, 3, "hasan"}, /* حسن */
    {{0x062D, 0x0633, 0x064A, 0x0646}, 4, "husayn"}, /* حسين */
    {{0x062D, 0x0643, 0x0645, 0x062A}, 4, "hikmat"}, /* حكمت */
    {{0x062D, 0x0645, 0x0632, 0x0647}, 4, "hamza"}, /* حمزه */
    {{0x062D, 0x0645, 0x064A, 0x062F}, 4, "hamid"}, /* حميد */
    {{0x062D, 0x064A, 0x062F, 0x0631}, 4, "haydar"}, /* حيدر */
    {{0x062E, 0x0627, 0x0644, 0x062F}, 4, "khalid"}, /* خالد */
    {{0x062E, 0x062F, 0x064A, 0x062C, 0x0647}, 5, "khadija"}, /* خديجه */
    {{0x062E, 0x0636, 0x0631}, 3, "khadr"}, /* خضر */
    {{0x062E, 0x0644, 0x064A, 0x0644}, 4, "khalil"}, /* خليل */
    {{0x062F, 0x0627, 0x0648, 0x062F}, 4, "dawud"}, /* داود */
    {{0x062F, 0x0648, 0x0631, 0x064A}, 4, "duri"}, /* دوري */
    {{0x062F, 0x064A, 0x0646}, 3, "din"}, /* دين */
    {{0x0631, 0x0627, 0x0641, 0x0639}, 4, "rafi"}, /* رافع */
    {{0x0631, 0x0627, 0x0648, 0x064A}, 4, "rawi"}, /* راوي */
    {{0x0631, 0x062D, 0x0645, 0x0646}, 4, "rahman"}, /* رحمن */
    {{0x0631, 0x062D, 0x064A, 0x0645}, 4, "rahim"}, /* رحيم */
    {{0x0631, 0x0634, 0x064A, 0x062F}, 4, "rashid"}, /* رشيد */
    {{0x0631, 0x0636, 0x0627}, 3, "rida"}, /* رضا */
    {{0x0631, 0x0645, 0x0636, 0x0627, 0x0646}, 5, "ramadan"}, /* رمضان */
    {{0x0631, 0x0646, 0x0627}, 3, "rana"}, /* رنا */
    {{0x0632, 0x0643, 0x0631, 0x064A, 0x0627}, 5, "zakariya"}, /* زكريا */
    {{0x0632, 0x064A, 0x062F}, 3, "zayd"}, /* زيد */
    {{0x0632, 0x064A, 0x0646, 0x0628}, 4, "zaynab"}, /* زينب */
    /* سبعاوي */
    {{0x0633, 0x0628, 0x0639, 0x0627, 0x0648, 0x064A}, 6, "sabawi"},
    {{0x0633, 0x062A, 0x0627, 0x0631}, 4, "sattar"}, /* ستار */
    {{0x0633, 0x0639, 0x062F}, 3, "saad"}, /* سعد */
    {{0x0633, 0x0639, 0x064A, 0x062F}, 4, "said"}, /* سعيد */
    {{0x0633, 0x0644, 0x0637, 0x0627, 0x0646}, 5, "sultan"}, /* سلطان */
    {{0x0633, 0x0644, 0x0645, 0x0627, 0x0646}, 5, "salman"}, /* سلمان */
    /* سليمان */
    {{0x0633, 0x0644, 0x064A, 0x0645, 0x0627, 0x0646}, 6, "sulayman"},
    {{0x0633, 0x064A, 0x062F}, 3, "sayyid"}, /* سيد */
    {{0x0633, 0x064A, 0x0641}, 3, "sayf"}, /* سيف */
    {{0x0634, 0x0631, 0x064A, 0x0641}, 4, "sharif"}, /* شريف */
    {{0x0634, 0x0639, 0x0628, 0x0627, 0x0646}, 5, "shaban"}, /* شعبان */
    {{0x0635, 0x0627, 0x0644, 0x062D}, 4, "salih"}, /* صالح */
    {{0x0635, 0x062F, 0x0627, 0x0645}, 4, "saddam"}, /* صدام */
    {{0x0637, 0x0627, 0x0631, 0x0642}, 4, "tariq"}, /* طارق */
    {{0x0637, 0x0627, 0x0647, 0x0631}, 4, "tahir"}, /* طاهر */
    {{0x0637, 0x0647}, 2, "taha"}, /* طه */
    {{0x0639, 0x0627, 0x062F, 0x0644}, 4, "adil"}, /* عادل */
    {{0x0639, 0x0627, 0x064A, 0x0634, 0x0647}, 5, "aisha"}, /* عايشه */
    {{0x0639, 0x0628, 0x062F}, 3, "abd"}, /* عبد */
    /* عبدالعزيز */
    {{0x0639, 0x0628, 0x062F, 0x0627, 0x0644, 0x0639, 0x0632, 0x064A, 0x0632}, 9, "abdulaziz"},
    /* عبدالله */
    {{0x0639, 0x0628, 0x062F, 0x0627, 0x0644, 0x0644, 0x0647}, 7, "abdullah"},
    {{0x0639, 0x0628, 0x064A, 0x062F}, 4, "ubayd"}, /* عبيد */
    {{0x0639, 0x0628, 0x064A, 0x062F, 0x064A}, 5, "ubaydi"}, /* عبيدي */
    {{0x0639, 0x062B, 0x0645, 0x0627, 0x0646}, 5, "uthman"}, /* عثمان */
    {{0x0639, 0x062F, 0x0646, 0x0627, 0x0646}, 5, "adnan"}, /* عدنان */
    {{0x0639, 0x062F, 0x064A}, 3, "uday"}, /* عدي */
    {{0x0639, 0x0632, 0x062A}, 3, "izzat"}, /* عزت */
    {{0x0639, 0x0632, 0x064A, 0x0632}, 4, "aziz"}, /* عزيز */
    {{0x0639, 0x0644, 0x0627, 0x0621}, 4, "ala"}, /* علاء */
    {{0x0639, 0x0644, 0x064A}, 3, "ali"}, /* علي */
    {{0x0639, 0x0645, 0x0631}, 3, "umar"}, /* عمر */
    {{0x0639, 0x064A, 0x0633, 0x064A}, 4, "isa"}, /* عيسي */
    {{0x063A, 0x0641, 0x0627, 0x0631}, 4, "ghaffar"}, /* غفار */
    {{0x063A, 0x0641, 0x0648, 0x0631}, 4, "ghafur"}, /* غفور */
    {{0x0641, 0x0627, 0x0637, 0x0645, 0x0647}, 5, "fatima"}, /* فاطمه */
    {{0x0641, 0x0647, 0x062F}, 3, "fahd"}, /* فهد */
    {{0x0641, 0x064A, 0x0635, 0x0644}, 4, "faysal"}, /* فيصل */
    {{0x0642, 0x0627, 0x0633, 0x0645}, 4, "qasim"}, /* قاسم */
    {{0x0642, 0x0635, 0x064A}, 3, "qusay"}, /* قصي */
    {{0x0643, 0x0631, 0x064A, 0x0645}, 4, "karim"}, /* كريم */
    {{0x0643, 0x0645, 0x0627, 0x0644}, 4, "kamal"}, /* كمال */
    {{0x0644, 0x0627, 0x062F, 0x0646}, 4, "ladin"}, /* لادن */
    {{0x0644, 0x0637, 0x064A, 0x0641}, 4, "latif"}, /* لطيف */
    {{0x0645, 0x0627, 0x062C, 0x062F}, 4, "majid"}, /* ماجد */
    {{0x0645, 0x0627, 0x0644, 0x0643}, 4, "malik"}, /* مالك */
    {{0x0645, 0x062C, 0x0627, 0x0647, 0x062F}, 5, "mujahid"}, /* مجاهد */
    {{0x0645, 0x062C, 0x064A, 0x062F}, 4, "majid"}, /* مجيد */
    {{0x0645, 0x062D, 0x0633, 0x0646}, 4, "muhsin"}, /* محسن */
    {{0x0645, 0x062D, 0x0645, 0x062F}, 4, "muhammad"}, /* محمد */
    {{0x0645, 0x062D, 0x0645, 0x0648, 0x062F}, 5, "mahmud"}, /* محمود */
    {{0x0645, 0x0631, 0x064A, 0x0645}, 4, "maryam"}, /* مريم */
    {{0x0645, 0x0632, 0x0627, 0x062D, 0x0645}, 5, "muzahim"}, /* مزاحم */
    {{0x0645, 0x0635, 0x0637, 0x0641, 0x064A}, 5, "mustafa"}, /* مصطفي */
    {{0x0645, 0x0635, 0x0639, 0x0628}, 4, "musab"}, /* مصعب */
    {{0x0645, 0x0646, 0x0635, 0x0648, 0x0631}, 5, "mansur"}, /* منصور */
    {{0x0645, 0x0647, 0x062F, 0x064A}, 4, "mahdi"}, /* مهدي */
    {{0x0645, 0x0648, 0x0633, 0x064A}, 4, "musa"}, /* موسي */
    {{0x0646, 0x0627, 0x0635, 0x0631}, 4, "nasir"}, /* ناصر */
    {{0x0646, 0x0627, 0x064A, 0x0641}, 4, "nayif"}, /* نايف */
    {{0x0646, 0x0635, 0x0631}, 3, "nasr"}, /* نصر */
    {{0x0646, 0x0648, 0x0631}, 3, "nur"}, /* نور */
    {{0x0647, 0x0627, 0x062F, 0x064A}, 4, "hadi"}, /* هادي */
    {{0x0647, 0x0627, 0x0634, 0x0645}, 4, "hashim"}, /* هاشم */
    {{0x0647, 0x062F, 0x064A}, 3, "huda"}, /* هدي */
    {{0x0648, 0x0637, 0x0628, 0x0627, 0x0646}, 5, "watban"}, /* وطبان */
    {{0x064A, 0x0627, 0x0633, 0x0631}, 4, "yasir"}, /* ياسر */
    {{0x064A, 0x0627, 0x0633, 0x064A, 0x0646}, 5, "yasin"}, /* ياسين */
    {{0x064A, 0x062D, 0x064A, 0x064A}, 4, "yahya"}, /* يحيي */
    {{0x064A, 0x0639, 0x0642, 0x0648, 0x0628}, 5, "yaqub"}, /* يعقوب */
    {{0x064A, 0x0648, 0x0633, 0x0641}, 4, "yusuf"}, /* يوسف */
    {{0x064A, 0x0648, 0x0646, 0x0633}, 4, "yunis"}, /* يونس */
};

size_t tl_arabic_fold(uint32_t *cps, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        switch (c) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: c = 0x0627; break;
        case 0x0629: c = 0x0647; break;                 /* ة -> ه */
        case 0x0649: case 0x06CC: case 0x0626: c = 0x064A; break;
        case 0x06A9: c = 0x0643; break;                 /* ک -> ك */
        case 0x0624: c = 0x0648; break;                 /* ؤ -> و */
        default: break;
        }
        if (c >= 0x0660 && c <= 0x0669) c = '0' + (c - 0x0660);
        else if (c >= 0x06F0 && c <= 0x06F9) c = '0' + (c - 0x06F0);
        bool drop = c == 0x0640 || c == 0x0621 || (c >= 0x064B && c <= 0x065F) ||
                    c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
                    c == 0x200C || c == 0x200D;
        if (!drop) cps[m++] = c;
    }
    return m;
}

static int compare_name(const void *key, const void *elem)
{
    const struct arabic_name *a = key, *b = elem;
    for (size_t i = 0; i < a->n && i < b->n; i++)
        if (a->cps[i] != b->cps[i]) return a->cps[i] < b->cps[i] ? -1 : 1;
    return (a->n > b->n) - (a->n < b->n);
}

/* Consonants; ا و ي are vowels or glides, handled by position. */
static const char *consonant(uint32_t c)
{
    switch (c) {
    case 0x0628: return "b";  case 0x062A: return "t";  case 0x062B: return "th";
    case 0x062C: return "j";  case 0x062D: return "h";  case 0x062E: return "kh";
    case 0x062F: return "d";  case 0x0630: return "dh"; case 0x0631: return "r";
    case 0x0632: return "z";  case 0x0633: return "s";  case 0x0634: return "sh";
    case 0x0635: return "s";  case 0x0636: return "d";  case 0x0637: return "t";
    case 0x0638: return "z";  case 0x0639: return "";   case 0x063A: return "gh";
    case 0x0641: return "f";  case 0x0642: return "q";  case 0x0643: return "k";
    case 0x0644: return "l";  case 0x0645: return "m";  case 0x0646: return "n";
    case 0x0647: return "h";  case 0x067E: return "p";  case 0x0686: return "ch";
    case 0x0698: return "zh"; case 0x06AF: return "g";
    default: return NULL;
    }
}

struct out {
    char *data;
    size_t len, size;
};

static void put(struct out *o, const char *s)
{
    for (; *s && o->len + 1 < o->size; s++) o->data[o->len++] = *s;
    o->data[o->len] = '\0';
}

static bool is_letter_vowel(uint32_t c)
{
    return c == 0x0627 || c == 0x0648 || c == 0x064A;
}

/* The skeleton read with one guessed short vowel.  Arabic never starts a
 * word with two consonants, so an "a" goes after a word-initial consonant
 * when another follows (برزان -> barzan, خضر -> khadr); a word that starts
 * with alef already has its vowel (ادريس -> adris, إدريس -> idris), and
 * elsewhere a short vowel is as likely absent as present (Barzan, Mizban,
 * Adnan), so none is guessed.  و and ي are consonants at the start and
 * after a vowel, long vowels after a consonant (يونس -> yuns). */
static void vocalise(const uint32_t *cps, size_t n, bool initial_i,
                     struct out *o)
{
    bool prev_vowel = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        bool first = i == 0, last = i + 1 == n;
        if (c == 0x0627) {
            put(o, first && initial_i ? "i" : "a");
            prev_vowel = true;
            continue;
        }
        if ((c == 0x0648 || c == 0x064A) && !first && !prev_vowel) {
            put(o, c == 0x0648 ? "u" : "i");
            prev_vowel = true;
            continue;
        }
        if (c == 0x0647 && last && !first) { /* taa marbuta */
            put(o, "a");
            continue;
        }
        if (c >= '0' && c <= '9') {
            char d[2] = {(char)c, '\0'};
            put(o, d);
            prev_vowel = false;
            continue;
        }
        const char *lat = c == 0x0648 ? "w" : c == 0x064A ? "y" : consonant(c);
        if (!lat) continue;
        put(o, first && c == 0x0639 ? "a" : lat); /* initial ع: a vowel */
        prev_vowel = first && c == 0x0639;
        bool next_consonant = !last && !is_letter_vowel(cps[i + 1]) &&
                              consonant(cps[i + 1]) &&
                              !(i + 2 == n && cps[i + 1] == 0x0647);
        if (first && next_consonant && !prev_vowel) {
            put(o, "a");
            prev_vowel = true;
        }
    }
}

bool tl_arabic_initial_i(const uint32_t *cps, size_t n)
{
    size_t i = 0;
    if (n > 3 && cps[0] == 0x0627 && cps[1] == 0x0644) i = 2; /* article */
    return i < n && cps[i] == 0x0625;
}

size_t tl_arabic_latin(const uint32_t *cps, size_t n, bool initial_i,
                       char *out, size_t size)
{
    if (size == 0) return 0;
    struct out o = {out, 0, size};
    out[0] = '\0';
    struct arabic_name key = {{0}, n, NULL};
    if (n <= VG_ARRAY_LEN(key.cps)) {
        memcpy(key.cps, cps, n * sizeof(uint32_t));
        const struct arabic_name *hit = bsearch(&key, names, VG_ARRAY_LEN(names),
                                                sizeof(names[0]), compare_name);
        if (hit) {
            put(&o, hit->latin);
            return o.len;
        }
    }
    vocalise(cps, n, initial_i, &o);
    return o.len;
}
