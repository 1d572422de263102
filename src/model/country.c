/*
 * country.c — country names and codes as the lists write them, reduced to
 * ISO 3166-1 alpha-2 (lower case) so that a nationality from one list can be
 * compared with a query's country.
 *
 * The table is ISO 3166-1 (alpha-2, alpha-3, short name, official name and
 * common name, from the iso-codes project) plus the spellings sanctions
 * lists use that ISO does not ("Korea, North", "Burma", "Palestinian",
 * "Cote d Ivoire", ...).  Every name is compared as a key: ASCII letters
 * and digits lower-cased, Latin accents folded, apostrophes dropped, "&"
 * read as "and", "St" as "saint", any other punctuation a single space, and
 * a leading "the" dropped.  A name that is not found as written is tried
 * once more inverted at its comma or parenthesis ("Congo, Democratic
 * Republic of the" -> "Democratic Republic of the Congo"), the way lists
 * index names; OFAC's "Region: " in front of a place is skipped.  Nothing is guessed beyond that: an unknown text gives false.
 *
 * The keys are built once (pthread_once) into static storage and searched
 * by bisection, so lookups allocate nothing and are safe from many threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

struct iso_country {
    const char *alpha2, *alpha3, *name, *official, *common;
};

static const struct iso_country iso_countries[] = {
    {"ad", "and", "Andorra", "Principality of Andorra", NULL},
    {"ae", "are", "United Arab Emirates", NULL, NULL},
    {"af", "afg", "Afghanistan", "Islamic Republic of Afghanistan", NULL},
    {"ag", "atg", "Antigua and Barbuda", NULL, NULL},
    {"ai", "aia", "Anguilla", NULL, NULL},
    {"al", "alb", "Albania", "Republic of Albania", NULL},
    {"am", "arm", "Armenia", "Republic of Armenia", NULL},
    {"ao", "ago", "Angola", "Republic of Angola", NULL},
    {"aq", "ata", "Antarctica", NULL, NULL},
    {"ar", "arg", "Argentina", "Argentine Republic", NULL},
    {"as", "asm", "American Samoa", NULL, NULL},
    {"at", "aut", "Austria", "Republic of Austria", NULL},
    {"au", "aus", "Australia", NULL, NULL},
    {"aw", "abw", "Aruba", NULL, NULL},
    {"ax", "ala", "Åland Islands", NULL, NULL},
    {"az", "aze", "Azerbaijan", "Republic of Azerbaijan", NULL},
    {"ba", "bih", "Bosnia and Herzegovina", "Republic of Bosnia and Herzegovina", NULL},
    {"bb", "brb", "Barbados", NULL, NULL},
    {"bd", "bgd", "Bangladesh", "People's Republic of Bangladesh", NULL},
    {"be", "bel", "Belgium", "Kingdom of Belgium", NULL},
    {"bf", "bfa", "Burkina Faso", NULL, NULL},
    {"bg", "bgr", "Bulgaria", "Republic of Bulgaria", NULL},
    {"bh", "bhr", "Bahrain", "Kingdom of Bahrain", NULL},
    {"bi", "bdi", "Burundi", "Republic of Burundi", NULL},
    {"bj", "ben", "Benin", "Republic of Benin", NULL},
    {"bl", "blm", "Saint Barthélemy", NULL, NULL},
    {"bm", "bmu", "Bermuda", NULL, NULL},
    {"bn", "brn", "Brunei Darussalam", NULL, NULL},
    {"bo", "bol", "Bolivia, Plurinational State of", "Plurinational State of Bolivia", "Bolivia"},
    {"bq", "bes", "Bonaire, Sint Eustatius and Saba", NULL, NULL},
    {"br", "bra", "Brazil", "Federative Republic of Brazil", NULL},
    {"bs", "bhs", "Bahamas", "Commonwealth of the Bahamas", NULL},
    {"bt", "btn", "Bhutan", "Kingdom of Bhutan", NULL},
    {"bv", "bvt", "Bouvet Island", NULL, NULL},
    {"bw", "bwa", "Botswana", "Republic of Botswana", NULL},
    {"by", "blr", "Belarus", "Republic of Belarus", NULL},
    {"bz", "blz", "Belize", NULL, NULL},
    {"ca", "can", "Canada", NULL, NULL},
    {"cc", "cck", "Cocos (Keeling) Islands", NULL, NULL},
    {"cd", "cod", "Congo, The Democratic Republic of the", NULL, NULL},
    {"cf", "caf", "Central African Republic", NULL, NULL},
    {"cg", "cog", "Congo", "Republic of the Congo", NULL},
    {"ch", "che", "Switzerland", "Swiss Confederation", NULL},
    {"ci", "civ", "Côte d'Ivoire", "Republic of Côte d'Ivoire", NULL},
    {"ck", "cok", "Cook Islands", NULL, NULL},
    {"cl", "chl", "Chile", "Republic of Chile", NULL},
    {"cm", "cmr", "Cameroon", "Republic of Cameroon", NULL},
    {"cn", "chn", "China", "People's Republic of China", NULL},
    {"co", "col", "Colombia", "Republic of Colombia", NULL},
    {"cr", "cri", "Costa Rica", "Republic of Costa Rica", NULL},
    {"cu", "cub", "Cuba", "Republic of Cuba", NULL},
    {"cv", "cpv", "Cabo Verde", "Republic of Cabo Verde", NULL},
    {"cw", "cuw", "Curaçao", NULL, NULL},
    {"cx", "cxr", "Christmas Island", NULL, NULL},
    {"cy", "cyp", "Cyprus", "Republic of Cyprus", NULL},
    {"cz", "cze", "Czechia", "Czech Republic", NULL},
    {"de", "deu", "Germany", "Federal Republic of Germany", NULL},
    {"dj", "dji", "Djibouti", "Republic of Djibouti", NULL},
    {"dk", "dnk", "Denmark", "Kingdom of Denmark", NULL},
    {"dm", "dma", "Dominica", "Commonwealth of Dominica", NULL},
    {"do", "dom", "Dominican Republic", NULL, NULL},
    {"dz", "dza", "Algeria", "People's Democratic Republic of Algeria", NULL},
    {"ec", "ecu", "Ecuador", "Republic of Ecuador", NULL},
    {"ee", "est", "Estonia", "Republic of Estonia", NULL},
    {"eg", "egy", "Egypt", "Arab Republic of Egypt", NULL},
    {"eh", "esh", "Western Sahara", NULL, NULL},
    {"er", "eri", "Eritrea", "the State of Eritrea", NULL},
    {"es", "esp", "Spain", "Kingdom of Spain", NULL},
    {"et", "eth", "Ethiopia", "Federal Democratic Republic of Ethiopia", NULL},
    {"fi", "fin", "Finland", "Republic of Finland", NULL},
    {"fj", "fji", "Fiji", "Republic of Fiji", NULL},
    {"fk", "flk", "Falkland Islands (Malvinas)", NULL, NULL},
    {"fm", "fsm", "Micronesia, Federated States of", "Federated States of Micronesia", NULL},
    {"fo", "fro", "Faroe Islands", NULL, NULL},
    {"fr", "fra", "France", "French Republic", NULL},
    {"ga", "gab", "Gabon", "Gabonese Republic", NULL},
    {"gb", "gbr", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", NULL},
    {"gd", "grd", "Grenada", NULL, NULL},
    {"ge", "geo", "Georgia", NULL, NULL},
    {"gf", "guf", "French Guiana", NULL, NULL},
    {"gg", "ggy", "Guernsey", NULL, NULL},
    {"gh", "gha", "Ghana", "Republic of Ghana", NULL},
    {"gi", "gib", "Gibraltar", NULL, NULL},
    {"gl", "grl", "Greenland", NULL, NULL},
    {"gm", "gmb", "Gambia", "Republic of the Gambia", NULL},
    {"gn", "gin", "Guinea", "Republic of Guinea", NULL},
    {"gp", "glp", "Guadeloupe", NULL, NULL},
    {"gq", "gnq", "Equatorial Guinea", "Republic of Equatorial Guinea", NULL},
    {"gr", "grc", "Greece", "Hellenic Republic", NULL},
    {"gs", "sgs", "South Georgia and the South Sandwich Islands", NULL, NULL},
    {"gt", "gtm", "Guatemala", "Republic of Guatemala", NULL},
    {"gu", "gum", "Guam", NULL, NULL},
    {"gw", "gnb", "Guinea-Bissau", "Republic of Guinea-Bissau", NULL},
    {"gy", "guy", "Guyana", "Republic of Guyana", NULL},
    {"hk", "hkg", "Hong Kong", "Hong Kong Special Administrative Region of China", NULL},
    {"hm", "hmd", "Heard Island and McDonald Islands", NULL, NULL},
    {"hn", "hnd", "Honduras", "Republic of Honduras", NULL},
    {"hr", "hrv", "Croatia", "Republic of Croatia", NULL},
    {"ht", "hti", "Haiti", "Republic of Haiti", NULL},
    {"hu", "hun", "Hungary", NULL, NULL},
    {"id", "idn", "Indonesia", "Republic of Indonesia", NULL},
    {"ie", "irl", "Ireland", NULL, NULL},
    {"il", "isr", "Israel", "State of Israel", NULL},
    {"im", "imn", "Isle of Man", NULL, NULL},
    {"in", "ind", "India", "Republic of India", NULL},
    {"io", "iot", "British Indian Ocean Territory", NULL, NULL},
    {"iq", "irq", "Iraq", "Republic of Iraq", NULL},
    {"ir", "irn", "Iran, Islamic Republic of", "Islamic Republic of Iran", "Iran"},
    {"is", "isl", "Iceland", "Republic of Iceland", NULL},
    {"it", "ita", "Italy", "Italian Republic", NULL},
    {"je", "jey", "Jersey", NULL, NULL},
    {"jm", "jam", "Jamaica", NULL, NULL},
    {"jo", "jor", "Jordan", "Hashemite Kingdom of Jordan", NULL},
    {"jp", "jpn", "Japan", NULL, NULL},
    {"ke", "ken", "Kenya", "Republic of Kenya", NULL},
    {"kg", "kgz", "Kyrgyzstan", "Kyrgyz Republic", NULL},
    {"kh", "khm", "Cambodia", "Kingdom of Cambodia", NULL},
    {"ki", "kir", "Kiribati", "Republic of Kiribati", NULL},
    {"km", "com", "Comoros", "Union of the Comoros", NULL},
    {"kn", "kna", "Saint Kitts and Nevis", NULL, NULL},
    {"kp", "prk", "Korea, Democratic People's Republic of", "Democratic People's Republic of Korea", "North Korea"},
    {"kr", "kor", "Korea, Republic of", NULL, "South Korea"},
    {"kw", "kwt", "Kuwait", "State of Kuwait", NULL},
    {"ky", "cym", "Cayman Islands", NULL, NULL},
    {"kz", "kaz", "Kazakhstan", "Republic of Kazakhstan", NULL},
    {"la", "lao", "Lao People's Democratic Republic", NULL, "Laos"},
    {"lb", "lbn", "Lebanon", "Lebanese Republic", NULL},
    {"lc", "lca", "Saint Lucia", NULL, NULL},
    {"li", "lie", "Liechtenstein", "Principality of Liechtenstein", NULL},
    {"lk", "lka", "Sri Lanka", "Democratic Socialist Republic of Sri Lanka", NULL},
    {"lr", "lbr", "Liberia", "Republic of Liberia", NULL},
    {"ls", "lso", "Lesotho", "Kingdom of Lesotho", NULL},
    {"lt", "ltu", "Lithuania", "Republic of Lithuania", NULL},
    {"lu", "lux", "Luxembourg", "Grand Duchy of Luxembourg", NULL},
    {"lv", "lva", "Latvia", "Republic of Latvia", NULL},
    {"ly", "lby", "Libya", NULL, NULL},
    {"ma", "mar", "Morocco", "Kingdom of Morocco", NULL},
    {"mc", "mco", "Monaco", "Principality of Monaco", NULL},
    {"md", "mda", "Moldova, Republic of", "Republic of Moldova", "Moldova"},
    {"me", "mne", "Montenegro", NULL, NULL},
    {"mf", "maf", "Saint Martin (French part)", NULL, NULL},
    {"mg", "mdg", "Madagascar", "Republic of Madagascar", NULL},
    {"mh", "mhl", "Marshall Islands", "Republic of the Marshall Islands", NULL},
    {"mk", "mkd", "North Macedonia", "Republic of North Macedonia", NULL},
    {"ml", "mli", "Mali", "Republic of Mali", NULL},
    {"mm", "mmr", "Myanmar", "Republic of Myanmar", NULL},
    {"mn", "mng", "Mongolia", NULL, NULL},
    {"mo", "mac", "Macao", "Macao Special Administrative Region of China", NULL},
    {"mp", "mnp", "Northern Mariana Islands", "Commonwealth of the Northern Mariana Islands", NULL},
    {"mq", "mtq", "Martinique", NULL, NULL},
    {"mr", "mrt", "Mauritania", "Islamic Republic of Mauritania", NULL},
    {"ms", "msr", "Montserrat", NULL, NULL},
    {"mt", "mlt", "Malta", "Republic of Malta", NULL},
    {"mu", "mus", "Mauritius", "Republic of Mauritius", NULL},
    {"mv", "mdv", "Maldives", "Republic of Maldives", NULL},
    {"mw", "mwi", "Malawi", "Republic of Malawi", NULL},
    {"mx", "mex", "Mexico", "United Mexican States", NULL},
    {"my", "mys", "Malaysia", NULL, NULL},
    {"mz", "moz", "Mozambique", "Republic of Mozambique", NULL},
    {"na", "nam", "Namibia", "Republic of Namibia", NULL},
    {"nc", "ncl", "New Caledonia", NULL, NULL},
    {"ne", "ner", "Niger", "Republic of the Niger", NULL},
    {"nf", "nfk", "Norfolk Island", NULL, NULL},
    {"ng", "nga", "Nigeria", "Federal Republic of Nigeria", NULL},
    {"ni", "nic", "Nicaragua", "Republic of Nicaragua", NULL},
    {"nl", "nld", "Netherlands", "Kingdom of the Netherlands", NULL},
    {"no", "nor", "Norway", "Kingdom of Norway", NULL},
    {"np", "npl", "Nepal", "Federal Democratic Republic of Nepal", NULL},
    {"nr", "nru", "Nauru", "Republic of Nauru", NULL},
    {"nu", "niu", "Niue", NULL, NULL},
    {"nz", "nzl", "New Zealand", NULL, NULL},
    {"om", "omn", "Oman", "Sultanate of Oman", NULL},
    {"pa", "pan", "Panama", "Republic of Panama", NULL},
    {"pe", "per", "Peru", "Republic of Peru", NULL},
    {"pf", "pyf", "French Polynesia", NULL, NULL},
    {"pg", "png", "Papua New Guinea", "Independent State of Papua New Guinea", NULL},
    {"ph", "phl", "Philippines", "Republic of the Philippines", NULL},
    {"pk", "pak", "Pakistan", "Islamic Republic of Pakistan", NULL},
    {"pl", "pol", "Poland", "Republic of Poland", NULL},
    {"pm", "spm", "Saint Pierre and Miquelon", NULL, NULL},
    {"pn", "pcn", "Pitcairn", NULL, NULL},
    {"pr", "pri", "Puerto Rico", NULL, NULL},
    {"ps", "pse", "Palestine, State of", "the State of Palestine", NULL},
    {"pt", "prt", "Portugal", "Portuguese Republic", NULL},
    {"pw", "plw", "Palau", "Republic of Palau", NULL},
    {"py", "pry", "Paraguay", "Republic of Paraguay", NULL},
    {"qa", "qat", "Qatar", "State of Qatar", NULL},
    {"re", "reu", "Réunion", NULL, NULL},
    {"ro", "rou", "Romania", NULL, NULL},
    {"rs", "srb", "Serbia", "Republic of Serbia", NULL},
    {"ru", "rus", "Russian Federation", NULL, NULL},
    {"rw", "rwa", "Rwanda", "Rwandese Republic", NULL},
    {"sa", "sau", "Saudi Arabia", "Kingdom of Saudi Arabia", NULL},
    {"sb", "slb", "Solomon Islands", NULL, NULL},
    {"sc", "syc", "Seychelles", "Republic of Seychelles", NULL},
    {"sd", "sdn", "Sudan", "Republic of the Sudan", NULL},
    {"se", "swe", "Sweden", "Kingdom of Sweden", NULL},
    {"sg", "sgp", "Singapore", "Republic of Singapore", NULL},
    {"sh", "shn", "Saint Helena, Ascension and Tristan da Cunha", NULL, NULL},
    {"si", "svn", "Slovenia", "Republic of Slovenia", NULL},
    {"sj", "sjm", "Svalbard and Jan Mayen", NULL, NULL},
    {"sk", "svk", "Slovakia", "Slovak Republic", NULL},
    {"sl", "sle", "Sierra Leone", "Republic of Sierra Leone", NULL},
    {"sm", "smr", "San Marino", "Republic of San Marino", NULL},
    {"sn", "sen", "Senegal", "Republic of Senegal", NULL},
    {"so", "som", "Somalia", "Federal Republic of Somalia", NULL},
    {"sr", "sur", "Suriname", "Republic of Suriname", NULL},
    {"ss", "ssd", "South Sudan", "Republic of South Sudan", NULL},
    {"st", "stp", "Sao Tome and Principe", "Democratic Republic of Sao Tome and Principe", NULL},
    {"sv", "slv", "El Salvador", "Republic of El Salvador", NULL},
    {"sx", "sxm", "Sint Maarten (Dutch part)", NULL, NULL},
    {"sy", "syr", "Syrian Arab Republic", NULL, "Syria"},
    {"sz", "swz", "Eswatini", "Kingdom of Eswatini", NULL},
    {"tc", "tca", "Turks and Caicos Islands", NULL, NULL},
    {"td", "tcd", "Chad", "Republic of Chad", NULL},
    {"tf", "atf", "French Southern Territories", NULL, NULL},
    {"tg", "tgo", "Togo", "Togolese Republic", NULL},
    {"th", "tha", "Thailand", "Kingdom of Thailand", NULL},
    {"tj", "tjk", "Tajikistan", "Republic of Tajikistan", NULL},
    {"tk", "tkl", "Tokelau", NULL, NULL},
    {"tl", "tls", "Timor-Leste", "Democratic Republic of Timor-Leste", NULL},
    {"tm", "tkm", "Turkmenistan", NULL, NULL},
    {"tn", "tun", "Tunisia", "Republic of Tunisia", NULL},
    {"to", "ton", "Tonga", "Kingdom of Tonga", NULL},
    {"tr", "tur", "Türkiye", "Republic of Türkiye", NULL},
    {"tt", "tto", "Trinidad and Tobago", "Republic of Trinidad and Tobago", NULL},
    {"tv", "tuv", "Tuvalu", NULL, NULL},
    {"tw", "twn", "Taiwan, Province of China", NULL, "Taiwan"},
    {"tz", "tza", "Tanzania, United Republic of", "United Republic of Tanzania", "Tanzania"},
    {"ua", "ukr", "Ukraine", NULL, NULL},
    {"ug", "uga", "Uganda", "Republic of Uganda", NULL},
    {"um", "umi", "United States Minor Outlying Islands", NULL, NULL},
    {"us", "usa", "United States", "United States of America", NULL},
    {"uy", "ury", "Uruguay", "Eastern Republic of Uruguay", NULL},
    {"uz", "uzb", "Uzbekistan", "Republic of Uzbekistan", NULL},
    {"va", "vat", "Holy See (Vatican City State)", NULL, NULL},
    {"vc", "vct", "Saint Vincent and the Grenadines", NULL, NULL},
    {"ve", "ven", "Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela", "Venezuela"},
    {"vg", "vgb", "Virgin Islands, British", "British Virgin Islands", NULL},
    {"vi", "vir", "Virgin Islands, U.S.", "Virgin Islands of the United States", NULL},
    {"vn", "vnm", "Viet Nam", "Socialist Republic of Viet Nam", "Vietnam"},
    {"vu", "vut", "Vanuatu", "Republic of Vanuatu", NULL},
    {"wf", "wlf", "Wallis and Futuna", NULL, NULL},
    {"ws", "wsm", "Samoa", "Independent State of Samoa", NULL},
    {"ye", "yem", "Yemen", "Republic of Yemen", NULL},
    {"yt", "myt", "Mayotte", NULL, NULL},
    {"za", "zaf", "South Africa", "Republic of South Africa", NULL},
    {"zm", "zmb", "Zambia", "Republic of Zambia", NULL},
    {"zw", "zwe", "Zimbabwe", "Republic of Zimbabwe", NULL},
};

/* Spellings the lists use beyond ISO's three names. */
static const struct {
    const char *text, *alpha2;
} list_variants[] = {
    {"Korea, North", "kp"}, {"DPRK", "kp"}, {"D.P.R.K.", "kp"},
    {"DPR Korea", "kp"}, {"Korea DPR", "kp"}, {"Korea (North)", "kp"},
    {"Democratic Peoples Republic of Korea", "kp"},
    {"Korea, South", "kr"}, {"Republic of Korea", "kr"},
    {"Korea (South)", "kr"},
    {"Russia", "ru"},
    {"Burma", "mm"},
    {"Congo, Democratic Republic of the", "cd"},
    {"Democratic Republic of the Congo", "cd"}, {"DR Congo", "cd"},
    {"DRC", "cd"}, {"Congo-Kinshasa", "cd"}, {"Zaire", "cd"},
    {"Congo, Republic of the", "cg"}, {"Congo-Brazzaville", "cg"},
    {"Cote d Ivoire", "ci"}, {"Ivory Coast", "ci"},
    {"Palestinian", "ps"}, {"Palestine", "ps"},
    {"Palestinian Territories", "ps"},
    {"Occupied Palestinian Territory", "ps"}, {"West Bank", "ps"},
    {"Gaza", "ps"}, {"Gaza Strip", "ps"},
    {"Turkey", "tr"},
    {"Kosovo", "xk"},
    {"Netherlands Antilles", "an"},
    {"China, Hong Kong Special Administrative Region", "hk"},
    {"China, Macao Special Administrative Region", "mo"}, {"Macau", "mo"},
    {"Macedonia", "mk"}, {"Macedonia, The Former Yugoslav Republic of", "mk"},
    {"Former Yugoslav Republic of Macedonia", "mk"},
    {"Brunei", "bn"},
    {"PRC", "cn"}, {"P.R.C.", "cn"},
    {"Cape Verde", "cv"},
    {"East Timor", "tl"},
    {"Swaziland", "sz"},
    {"Vatican", "va"}, {"Vatican City", "va"}, {"Holy See", "va"},
    {"Czech Republic", "cz"},
    {"Great Britain", "gb"}, {"UK", "gb"}, {"U.K.", "gb"}, {"Britain", "gb"},
    {"United Kingdom of Great Britain and Northern Ireland", "gb"},
    {"USA", "us"}, {"U.S.A.", "us"}, {"U.S.", "us"},
    {"United States of America", "us"},
    {"UAE", "ae"}, {"U.A.E.", "ae"},
    {"Bosnia-Herzegovina", "ba"}, {"Bosnia", "ba"},
    {"Libyan Arab Jamahiriya", "ly"},
    {"Syria", "sy"}, {"Iran", "ir"}, {"Laos", "la"}, {"Vietnam", "vn"},
    {"Moldova", "md"}, {"Tanzania", "tz"}, {"Venezuela", "ve"},
    {"Bolivia", "bo"}, {"Micronesia", "fm"}, {"Taiwan", "tw"},
    {"Sao Tome", "st"}, {"Saint Helena", "sh"},
    {"The Gambia", "gm"}, {"Bahamas, The", "bs"},
    {"Kyrgyz Republic", "kg"}, {"Slovak Republic", "sk"},
};

#define KEY_MAX 96
#define KEY_POOL (VG_ARRAY_LEN(iso_countries) * 5 + VG_ARRAY_LEN(list_variants))

struct country_key {
    char key[KEY_MAX];
    const char *alpha2;
};

static struct country_key keys[KEY_POOL];
static size_t key_count;
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

/* Latin-1 Supplement letters U+00C0..U+00FF folded to ASCII ("" = drop). */
static const char *const latin1_fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
    "i", "i", "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u",
    "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e",
    "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",
    "o", "u", "u", "u", "u", "y", "th", "y"};

struct key_writer {
    char *out;
    size_t len, size;
    bool space;   /* a separator is pending */
    bool overflow;
};

static void key_put(struct key_writer *w, const char *s)
{
    if (!*s) return;
    if (w->space && w->len) {
        if (w->len + 1 >= w->size) w->overflow = true;
        else w->out[w->len++] = ' ';
    }
    w->space = false;
    size_t n = strlen(s);
    if (w->len + n >= w->size) {
        w->overflow = true;
        return;
    }
    memcpy(w->out + w->len, s, n);
    w->len += n;
}

/* Appends the words of text[0..n) to the key being written. */
static void key_words(struct key_writer *w, const char *text, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t step = vg_utf8_decode(text + i, n - i, &cp);
        char one[2] = {0, 0};
        if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
            one[0] = (char)cp;
            key_put(w, one);
        } else if (cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp - 'A' + 'a');
            key_put(w, one);
        } else if (cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '`') {
            /* "People's" = "Peoples" */
        } else if (cp == '&') {
            w->space = true;
            key_put(w, "and");
            w->space = true;
        } else if (cp >= 0xC0 && cp <= 0xFF) {
            key_put(w, latin1_fold[cp - 0xC0]);
        } else if (cp >= 0x80 && cp != 0xFFFD) {
            key_put(w, ""); /* other scripts: no English name to match */
            w->overflow = true;
        } else {
            w->space = true;
        }
        i += step;
    }
}

/* Rewrites whole words of the finished key: "st" -> "saint", and drops a
 * leading "the". */
static void key_tidy(char *key)
{
    if (strncmp(key, "the ", 4) == 0) memmove(key, key + 4, strlen(key + 4) + 1);
    char tmp[KEY_MAX];
    size_t out = 0;
    for (const char *w = key; *w;) {
        const char *end = strchr(w, ' ');
        size_t n = end ? (size_t)(end - w) : strlen(w);
        const char *word = w;
        size_t wn = n;
        if (n == 2 && strncmp(w, "st", 2) == 0) {
            word = "saint";
            wn = 5;
        }
        if (out + wn + 2 > sizeof(tmp)) return; /* leave it as it was */
        if (out) tmp[out++] = ' ';
        memcpy(tmp + out, word, wn);
        out += wn;
        w += n;
        if (*w == ' ') w++;
    }
    tmp[out] = '\0';
    vg_strlcpy(key, tmp, KEY_MAX);
}

/* The key of text[0..n), or of its inverted form when `invert` (the part
 * after the first comma or opening parenthesis first).  False when the
 * text has no key (empty, too long, another script) or cannot be
 * inverted. */
static bool make_key(const char *text, size_t n, bool invert, char key[KEY_MAX])
{
    struct key_writer w = {.out = key, .size = KEY_MAX};
    if (invert) {
        const char *cut = NULL;
        for (size_t i = 0; i < n && !cut; i++)
            if (text[i] == ',' || text[i] == '(') cut = text + i;
        if (!cut) return false;
        size_t head = (size_t)(cut - text);
        const char *rest = cut + 1;
        size_t rest_n = n - head - 1;
        if (*cut == '(') {
            const char *close = memchr(rest, ')', rest_n);
            if (close) rest_n = (size_t)(close - rest);
        }
        key_words(&w, rest, rest_n);
        w.space = true;
        key_words(&w, text, head);
    } else {
        key_words(&w, text, n);
    }
    key[w.len] = '\0';
    if (w.overflow || w.len == 0) return false;
    key_tidy(key);
    return key[0] != '\0';
}

static void add_key(const char *text, const char *alpha2)
{
    if (!text || key_count >= KEY_POOL) return;
    if (make_key(text, strlen(text), false, keys[key_count].key)) {
        keys[key_count].alpha2 = alpha2;
        key_count++;
    }
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(((const struct country_key *)a)->key,
                  ((const struct country_key *)b)->key);
}

static void build_keys(void)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(iso_countries); i++) {
        const struct iso_country *c = &iso_countries[i];
        add_key(c->alpha2, c->alpha2);
        add_key(c->alpha3, c->alpha2);
        add_key(c->name, c->alpha2);
        add_key(c->official, c->alpha2);
        add_key(c->common, c->alpha2);
    }
    for (size_t i = 0; i < VG_ARRAY_LEN(list_variants); i++)
        add_key(list_variants[i].text, list_variants[i].alpha2);
    qsort(keys, key_count, sizeof(keys[0]), compare_keys);
}

static const char *find_key(const char *key)
{
    size_t lo = 0, hi = key_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, keys[mid].key);
        if (c == 0) return keys[mid].alpha2;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

bool vg_country_code(const char *text, char out[3])
{
    if (!text) return false;
    pthread_once(&keys_once, build_keys);
    /* OFAC writes places inside a country as "Region: Gaza" */
    if (strncasecmp(text, "Region:", 7) == 0) text += 7;
    size_t n = strlen(text);
    char key[KEY_MAX];
    const char *code = NULL;
    if (make_key(text, n, false, key)) code = find_key(key);
    if (!code && make_key(text, n, true, key)) code = find_key(key);
    if (!code) return false;
    vg_strlcpy(out, code, 3);
    return true;
}
