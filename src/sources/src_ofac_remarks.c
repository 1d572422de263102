/*
 * src_ofac_remarks.c — the facts OFAC writes into the Remarks column of its
 * legacy CSV files: "DOB 12 Jan 1960; alt. DOB 1961; POB Tehran, Iran;
 * nationality Iran; Passport A123 (Iran); Linked To: X.; a.k.a. 'Y'."
 *
 * Invariant: a remark item becomes a property only when its label is one
 * this table knows; every other item is kept whole as "notes", so nothing
 * the list says is lost and no guess becomes evidence.  Items are split at
 * ';' (no quoted a.k.a. in the lists contains one).  "alt. " in front of a
 * label means another value of the same fact.  Identifier values lose the
 * issuing country in parentheses and "issued ..."/"expires ..." tails; a
 * value that starts with "IMO " is an IMO number whatever the label.
 */
#include <string.h>

#include "sources.h"

enum fact_kind {
    FACT_TEXT,   /* the value as written */
    FACT_DATE,   /* one date, or "A to B" giving both */
    FACT_ID,     /* a document or registry number */
    FACT_ALIAS,  /* a quoted name */
    FACT_WALLET, /* "Digital Currency Address - XBT <address>" */
};

/* Longer labels first where one is a prefix of another. */
static const struct fact {
    const char *label;
    enum fact_kind kind;
    const char *prop;
} facts[] = {
    {"DOB", FACT_DATE, "birthDate"},
    {"POB", FACT_TEXT, "birthPlace"},
    {"nationality", FACT_TEXT, "nationality"},
    {"citizen", FACT_TEXT, "citizenship"},
    {"Gender", FACT_TEXT, "gender"},
    {"Linked To:", FACT_TEXT, "linkedTo"},
    {"a.k.a.", FACT_ALIAS, "weakAlias"},
    {"f.k.a.", FACT_ALIAS, "previousName"},
    {"n.k.a.", FACT_ALIAS, "alias"},
    {"Website", FACT_TEXT, "website"},
    {"Email Address", FACT_TEXT, "email"},
    {"Phone Number", FACT_TEXT, "phone"},
    {"Telephone", FACT_TEXT, "phone"},
    {"Title", FACT_TEXT, "title"},
    {"Organization Established Date", FACT_DATE, "incorporationDate"},
    {"Organization Type:", FACT_TEXT, "sector"},
    {"Vessel Year of Build", FACT_DATE, "buildDate"},
    {"Former Vessel Flag", FACT_TEXT, "pastFlags"},
    {"Other Vessel Flag", FACT_TEXT, "flag"},
    {"Vessel Registration Identification", FACT_ID, "imoNumber"},
    {"MMSI", FACT_ID, "mmsi"},
    {"Aircraft Manufacture Date", FACT_DATE, "buildDate"},
    {"Aircraft Model", FACT_TEXT, "model"},
    {"Aircraft Operator", FACT_TEXT, "operator"},
    {"Aircraft Tail Number", FACT_ID, "registrationNumber"},
    {"Aircraft Manufacturer's Serial Number (MSN)", FACT_ID, "serialNumber"},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)", FACT_ID,
     "serialNumber"},
    {"Digital Currency Address -", FACT_WALLET, "cryptoWallet"},
    {"Diplomatic Passport", FACT_ID, "passportNumber"},
    {"Passport", FACT_ID, "passportNumber"},
    {"National ID No.", FACT_ID, "idNumber"},
    {"Identification Number", FACT_ID, "idNumber"},
    {"Cedula No.", FACT_ID, "idNumber"},
    {"D.N.I.", FACT_ID, "idNumber"},
    {"C.U.R.P.", FACT_ID, "idNumber"},
    {"CURP #", FACT_ID, "idNumber"},
    {"Electoral Registry No.", FACT_ID, "idNumber"},
    {"SSN", FACT_ID, "idNumber"},
    {"Driver's License No.", FACT_ID, "idNumber"},
    {"Personal ID Card", FACT_ID, "idNumber"},
    {"Residency Number", FACT_ID, "idNumber"},
    {"Birth Certificate Number", FACT_ID, "idNumber"},
    {"Refugee ID Card", FACT_ID, "idNumber"},
    {"Kenyan ID No.", FACT_ID, "idNumber"},
    {"Stateless Person ID Card", FACT_ID, "idNumber"},
    {"Travel Document Number", FACT_ID, "idNumber"},
    {"Turkish Identification Number", FACT_ID, "idNumber"},
    {"Public Security and Immigration No.", FACT_ID, "idNumber"},
    {"Tax ID No.", FACT_ID, "taxNumber"},
    {"NIT #", FACT_ID, "taxNumber"},
    {"RUC #", FACT_ID, "taxNumber"},
    {"RFC", FACT_ID, "taxNumber"},
    {"RIF #", FACT_ID, "taxNumber"},
    {"CUIT", FACT_ID, "taxNumber"},
    {"Italian Fiscal Code", FACT_ID, "taxNumber"},
    {"V.A.T. Number", FACT_ID, "vatCode"},
    {"Legal Entity Number", FACT_ID, "leiCode"},
    {"SWIFT/BIC", FACT_ID, "swiftBic"},
    {"D-U-N-S Number", FACT_ID, "dunsCode"},
    {"ISIN", FACT_ID, "isinCode"},
    {"Equity Ticker", FACT_TEXT, "ticker"},
    {"Registration ID", FACT_ID, "registrationNumber"},
    {"Registration Number", FACT_ID, "registrationNumber"},
    {"Company Number", FACT_ID, "registrationNumber"},
    {"Commercial Registry Number", FACT_ID, "registrationNumber"},
    {"Business Registration Number", FACT_ID, "registrationNumber"},
    {"Business Registration Document #", FACT_ID, "registrationNumber"},
    {"Business Number", FACT_ID, "registrationNumber"},
    {"Folio Mercantil No.", FACT_ID, "registrationNumber"},
    {"Matricula Mercantil No", FACT_ID, "registrationNumber"},
    {"Trade License No.", FACT_ID, "registrationNumber"},
    {"C.R. No.", FACT_ID, "registrationNumber"},
    {"Government Gazette Number", FACT_ID, "registrationNumber"},
    {"Unified Social Credit Code (USCC)", FACT_ID, "registrationNumber"},
    {"Chamber of Commerce Number", FACT_ID, "registrationNumber"},
    {"Certificate of Incorporation Number", FACT_ID, "registrationNumber"},
    {"Enterprise Number", FACT_ID, "registrationNumber"},
    {"Public Registration Number", FACT_ID, "registrationNumber"},
    {"Registration Certificate Number", FACT_ID, "registrationNumber"},
    {"UK Company Number", FACT_ID, "registrationNumber"},
    {"Registered Charity No.", FACT_ID, "registrationNumber"},
    {"Branch Unit Number", FACT_ID, "registrationNumber"},
    {"National Foreign ID Number", FACT_ID, "idNumber"},
    {"Cartilla de Servicio Militar Nacional", FACT_ID, "idNumber"},
    {"Numero de Identidad", FACT_ID, "idNumber"},
    {"Citizen's Card Number", FACT_ID, "idNumber"},
    {"Credencial electoral", FACT_ID, "idNumber"},
    {"I.F.E.", FACT_ID, "idNumber"},
    {"US FEIN", FACT_ID, "taxNumber"},
    {"C.U.I.T.", FACT_ID, "taxNumber"},
    {"RTN", FACT_ID, "taxNumber"},
    {"Fax", FACT_TEXT, "fax"},
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trims white space and one final '.' (the remarks end with one, and
 * "Linked To: NAME." ends its item with one).  Works on [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1])) (*n)--;
    if (*n && (*s)[*n - 1] == '.') (*n)--;
    while (*n && is_space((*s)[*n - 1])) (*n)--;
}

static const struct fact *find_fact(const char *item, size_t n, size_t *label_len)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(facts); i++) {
        size_t ln = strlen(facts[i].label);
        if (ln <= n && strncmp(item, facts[i].label, ln) == 0 &&
            (ln == n || is_space(item[ln]))) {
            *label_len = ln;
            return &facts[i];
        }
    }
    return NULL;
}

/* Cuts "(Country)" and "issued .../expires ..." tails off an identifier. */
static size_t identifier_length(const char *v, size_t n)
{
    static const char *const tails[] = {" issued ", " expires ", " (", " Issue Date"};
    size_t end = n;
    for (size_t i = 0; i < VG_ARRAY_LEN(tails); i++) {
        size_t tl = strlen(tails[i]);
        for (size_t k = 0; k + tl <= end; k++)
            if (strncmp(v + k, tails[i], tl) == 0) {
                end = k;
                break;
            }
    }
    while (end && (is_space(v[end - 1]) || v[end - 1] == ',')) end--;
    return end;
}

static vigil_status add_date_text(struct src_load *ld, const char *prop,
                                  const char *v, size_t n)
{
    char date[64];
    if (n >= sizeof(date)) return src_add_n(ld, prop, v, n);
    memcpy(date, v, n);
    date[n] = '\0';
    return src_add_date(ld, prop, date);
}

static bool is_year(const char *v)
{
    for (int i = 0; i < 4; i++)
        if (v[i] < '0' || v[i] > '9') return false;
    return true;
}

/* "DOB 1960 to 1962", "DOB 01 Jan 1960 to 31 Dec 1962" and "DOB circa
 * 1979-1982" give both ends. */
static vigil_status add_dates(struct src_load *ld, const char *prop,
                              const char *v, size_t n)
{
    for (size_t k = 0; k + 4 <= n; k++)
        if (strncmp(v + k, " to ", 4) == 0) {
            VG_TRY(add_date_text(ld, prop, v, k));
            return add_date_text(ld, prop, v + k + 4, n - k - 4);
        }
    if (n >= 6 && strncmp(v, "circa ", 6) == 0) v += 6, n -= 6;
    if (n == 9 && is_year(v) && v[4] == '-' && is_year(v + 5)) {
        VG_TRY(add_date_text(ld, prop, v, 4));
        return add_date_text(ld, prop, v + 5, 4);
    }
    return add_date_text(ld, prop, v, n);
}

static vigil_status add_fact(struct src_load *ld, const struct fact *f,
                             const char *v, size_t n)
{
    if (!n) return VIGIL_OK;
    switch (f->kind) {
    case FACT_DATE:
        return add_dates(ld, f->prop, v, n);
    case FACT_ALIAS:
        if (n >= 2 && v[0] == '\'' && v[n - 1] == '\'') v++, n -= 2;
        else if (n >= 1 && v[0] == '\'') v++, n--; /* the final "." went first */
        return src_add_n(ld, f->prop, v, n);
    case FACT_WALLET:
        return src_add_n(ld, f->prop, v, n);
    case FACT_ID: {
        const char *prop = f->prop;
        if (n > 4 && strncmp(v, "IMO ", 4) == 0) {
            prop = "imoNumber";
            v += 4;
            n -= 4;
        }
        return src_add_n(ld, prop, v, identifier_length(v, n));
    }
    case FACT_TEXT:
    default:
        return src_add_n(ld, f->prop, v, n);
    }
}

static vigil_status add_item(struct src_load *ld, const char *item, size_t n)
{
    trim(&item, &n);
    if (!n) return VIGIL_OK;
    const char *label = item;
    size_t label_n = n;
    if (label_n > 5 && strncmp(label, "alt. ", 5) == 0) label += 5, label_n -= 5;
    size_t ln;
    const struct fact *f = find_fact(label, label_n, &ln);
    if (!f) return src_add_n(ld, "notes", item, n);
    const char *v = label + ln;
    size_t vn = label_n - ln;
    trim(&v, &vn);
    return add_fact(ld, f, v, vn);
}

vigil_status src_ofac_remarks(struct src_load *ld, const char *remarks)
{
    const char *s = remarks;
    while (*s) {
        const char *end = strchr(s, ';');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        VG_TRY(add_item(ld, s, n));
        if (!end) break;
        s = end + 1;
    }
    return VIGIL_OK;
}
