/*
 * synth.c — writes a synthetic watch list of N entities as FollowTheMoney
 * JSON lines, for the speed and memory benchmarks (bench.sh).
 *
 *   synth [--count N] [--seed S] [--out FILE]
 *
 * Persons and companies from eight naming cultures (nameparts.h) with
 * aliases, birth dates, nationalities and some passport numbers.  Name parts
 * are drawn with a skew towards the front of each table, so that common
 * tokens ("Muhammad", "Kim", "Trading") have long posting lists as in real
 * lists.  The output depends only on N and the seed: the same command writes
 * the same bytes on every machine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "nameparts.h"

/* Share of each culture in the corpus, in percent. */
static const unsigned culture_weight[NP_CULTURE_COUNT] = {
    [NP_ANGLO] = 15, [NP_HISPANIC] = 15, [NP_SLAVIC] = 15, [NP_ARABIC] = 20,
    [NP_KOREAN] = 8, [NP_CHINESE] = 12, [NP_TURKIC] = 8, [NP_AFRICAN] = 7,
};

/* Syllables for invented brand names ("Tekrovan"). */
static const char *const brand_syllables[] = {
    "tek", "ro", "va", "lin", "mar", "sol", "den", "ka", "tra", "vi", "no",
    "zen", "al", "ber", "cor", "dia", "el", "fin", "gal", "hel", "ion", "jet",
    "kor", "lum", "mon", "nor", "or", "pro", "quar", "ra", "sen", "tor", "ul",
    "ven", "wes", "xa", "yor", "zan", "ami", "bel",
};

static enum np_culture pick_culture(struct rng *r)
{
    unsigned total = 0;
    for (int c = 0; c < NP_CULTURE_COUNT; c++) total += culture_weight[c];
    unsigned x = rng_below(r, total);
    for (int c = 0; c < NP_CULTURE_COUNT; c++) {
        if (x < culture_weight[c]) return (enum np_culture)c;
        x -= culture_weight[c];
    }
    return NP_ANGLO;
}

#define ZPICK(r, table) ((table)[rng_zipfish((r), (uint32_t)NP_LEN(table))])

/* A person's name parts in display order, plus the surname position. */
struct person {
    struct str name;   /* primary name */
    struct str alias1; /* another spelling or order, may be empty */
    struct str alias2;
    bool female;
};

static void slavic_surname(struct rng *r, bool female, struct str *out)
{
    const char *root = ZPICK(r, np_slavic_root);
    const char *suffix = ZPICK(r, np_slavic_suffix);
    size_t rl = strlen(root);
    /* Roots that already end in a surname suffix take none. */
    bool complete = rl > 2 && (strcmp(root + rl - 2, "ov") == 0 || strcmp(root + rl - 2, "ev") == 0 ||
                               strcmp(root + rl - 2, "in") == 0);
    str_puts(out, root);
    if (!complete) str_puts(out, suffix);
    if (!female) return;
    size_t n = out->len;
    if (n > 4 && strcmp(out->p + n - 4, "skiy") == 0) {
        out->len -= 2;
        str_puts(out, "aya");
    } else if (n > 2 && (strcmp(out->p + n - 2, "ov") == 0 || strcmp(out->p + n - 2, "ev") == 0 ||
                         strcmp(out->p + n - 2, "in") == 0 || strcmp(out->p + n - 2, "yn") == 0)) {
        str_putc(out, 'a');
    }
}

static void slavic_patronymic(struct rng *r, bool female, struct str *out)
{
    const char *father = ZPICK(r, np_slavic_first_m);
    size_t n = strlen(father);
    /* Drop a final -iy/-y/-o/-a before the suffix (Sergey -> Sergeyevich
     * keeps y; Dmitriy -> Dmitriyevich keeps it; Petro -> Petrovich). */
    if (n > 1 && (father[n - 1] == 'o' || father[n - 1] == 'a')) n--;
    str_putn(out, father, n);
    bool soft = father[n - 1] == 'y';
    str_puts(out, female ? (soft ? "evna" : "ovna") : (soft ? "evich" : "ovich"));
}

/* One alternative romanization of a BGN token sequence: the families of
 * names.md section 2 (y -> i, kh -> h, -ov -> -off). */
static void slavic_respell(const char *in, struct str *out)
{
    for (const char *p = in; *p; p++) {
        if (p[0] == 'i' && p[1] == 'y' && (p[2] == ' ' || p[2] == '\0')) {
            str_putc(out, 'i');
            p++;
        } else if (p[0] == 'k' && p[1] == 'h') {
            str_putc(out, 'h');
            p++;
        } else if (p[0] == 'Y' && p[1] == 'e') {
            str_putc(out, 'E');
            p++;
        } else if (p[0] == 'o' && p[1] == 'v' && (p[2] == ' ' || p[2] == '\0')) {
            str_puts(out, "off");
            p++;
        } else {
            str_putc(out, *p);
        }
    }
}

static void make_person(struct rng *r, enum np_culture c, struct person *p)
{
    str_reset(&p->name);
    str_reset(&p->alias1);
    str_reset(&p->alias2);
    p->female = rng_chance(r, 0.3);
    struct str a = {0}, b = {0}, d = {0};
    switch (c) {
    case NP_ANGLO:
        str_puts(&a, ZPICK(r, np_anglo_first));
        str_puts(&d, ZPICK(r, np_anglo_last));
        str_printf(&p->name, "%s", a.p);
        if (rng_chance(r, 0.5)) {
            str_puts(&b, ZPICK(r, np_anglo_first));
            str_printf(&p->name, " %s", b.p);
            str_printf(&p->alias1, "%s %c. %s", a.p, b.p[0], d.p);
        }
        str_printf(&p->name, " %s", d.p);
        break;
    case NP_HISPANIC:
        str_puts(&a, ZPICK(r, np_hispanic_first));
        str_puts(&b, ZPICK(r, np_hispanic_last));
        str_puts(&d, ZPICK(r, np_hispanic_last));
        str_printf(&p->name, "%s %s %s", a.p, b.p, d.p);
        str_printf(&p->alias1, "%s %s", a.p, b.p);
        break;
    case NP_SLAVIC: {
        bool ukr = rng_chance(r, 0.2);
        if (p->female)
            str_puts(&a, ZPICK(r, np_slavic_first_f));
        else
            str_puts(&a, ukr ? RNG_PICK(r, np_slavic_first_m) : ZPICK(r, np_slavic_first_m));
        slavic_patronymic(r, p->female, &b);
        slavic_surname(r, p->female, &d);
        str_printf(&p->name, "%s %s %s", a.p, b.p, d.p);
        str_printf(&d, " %s %s", a.p, b.p);
        slavic_respell(d.p, &p->alias1);
        break;
    }
    case NP_ARABIC: {
        str_puts(&a, p->female ? RNG_PICK(r, np_arabic_first_f) : ZPICK(r, np_arabic_first));
        str_puts(&b, ZPICK(r, np_arabic_first));
        str_puts(&d, ZPICK(r, np_arabic_family));
        if (rng_chance(r, 0.5)) {
            const char *grand = ZPICK(r, np_arabic_first);
            str_printf(&p->name, "%s %s %s %s", a.p, b.p, grand, d.p);
        } else {
            str_printf(&p->name, "%s %s %s", a.p, b.p, d.p);
        }
        str_printf(&p->alias1, "%s %s %s %s", a.p, p->female ? "bint" : "bin", b.p, d.p);
        if (rng_chance(r, 0.3)) str_printf(&p->alias2, "Abu %s", ZPICK(r, np_arabic_first));
        break;
    }
    case NP_KOREAN: {
        const char *s = ZPICK(r, np_korean_surname);
        const char *g1 = ZPICK(r, np_korean_given), *g2 = ZPICK(r, np_korean_given);
        str_printf(&p->name, "%s %s %s", s, g1, g2);
        str_printf(&p->alias1, "%s %s-", s, g1);
        str_putc(&p->alias1, (char)tolower((unsigned char)g2[0]));
        str_puts(&p->alias1, g2 + 1);
        break;
    }
    case NP_CHINESE: {
        const char *s = ZPICK(r, np_chinese_surname);
        str_puts(&a, ZPICK(r, np_chinese_given));
        if (rng_chance(r, 0.7)) {
            const char *g2 = ZPICK(r, np_chinese_given);
            str_putc(&a, (char)tolower((unsigned char)g2[0]));
            str_puts(&a, g2 + 1);
        }
        str_printf(&p->name, "%s %s", s, a.p);
        str_printf(&p->alias1, "%s %s", a.p, s);
        break;
    }
    case NP_TURKIC:
        str_printf(&p->name, "%s %s", ZPICK(r, np_turkic_first), ZPICK(r, np_turkic_last));
        if (rng_chance(r, 0.3)) str_printf(&p->alias1, "%s %s", ZPICK(r, np_turkic_first), ZPICK(r, np_turkic_last));
        break;
    case NP_AFRICAN:
    default:
        str_puts(&a, ZPICK(r, np_african_first));
        str_puts(&d, ZPICK(r, np_african_last));
        if (rng_chance(r, 0.4))
            str_printf(&p->name, "%s %s %s", a.p, ZPICK(r, np_african_first), d.p);
        else
            str_printf(&p->name, "%s %s", a.p, d.p);
        str_printf(&p->alias1, "%s %s", d.p, a.p);
        break;
    }
    str_free(&a);
    str_free(&b);
    str_free(&d);
}

static void brand_name(struct rng *r, struct str *out)
{
    size_t start = out->len;
    unsigned parts = 2 + rng_below(r, 2);
    for (unsigned i = 0; i < parts; i++) str_puts(out, RNG_PICK(r, brand_syllables));
    out->p[start] = (char)toupper((unsigned char)out->p[start]);
}

static void make_company(struct rng *r, enum np_culture c, struct str *name, struct str *alias)
{
    str_reset(name);
    str_reset(alias);
    uint32_t kind = rng_below(r, 3);
    if (kind == 0) {
        str_puts(name, np_company_root[c][rng_zipfish(r, 24)]);
    } else if (kind == 1) {
        brand_name(r, name);
    } else {
        struct person p = {0};
        make_person(r, c, &p);
        const char *last = strrchr(str_cstr(&p.name), ' ');
        str_puts(name, last ? last + 1 : str_cstr(&p.name));
        str_free(&p.name);
        str_free(&p.alias1);
        str_free(&p.alias2);
    }
    str_printf(name, " %s", ZPICK(r, np_company_activity));
    size_t bare = name->len;
    str_printf(name, " %s", np_company_legal[c][rng_below(r, 4)]);
    if (rng_chance(r, 0.4)) str_putn(alias, name->p, bare);
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void json_prop(FILE *f, bool *first, const char *prop, const char *value)
{
    if (!value || !*value) return;
    fprintf(f, "%s\"%s\":[", *first ? "" : ",", prop);
    json_string(f, value);
    fputc(']', f);
    *first = false;
}

static void json_prop2(FILE *f, bool *first, const char *prop, const char *v1, const char *v2)
{
    if (!v2 || !*v2) {
        json_prop(f, first, prop, v1);
        return;
    }
    if (!v1 || !*v1) {
        json_prop(f, first, prop, v2);
        return;
    }
    fprintf(f, "%s\"%s\":[", *first ? "" : ",", prop);
    json_string(f, v1);
    fputc(',', f);
    json_string(f, v2);
    fputc(']', f);
    *first = false;
}

static void write_entity(FILE *f, struct rng *r, uint64_t n)
{
    enum np_culture c = pick_culture(r);
    const char *country = np_countries[c][rng_below(r, 5)];
    bool first = true;
    if (rng_chance(r, 0.65)) {
        static struct person p;
        make_person(r, c, &p);
        char date[16], passport[16];
        snprintf(date, sizeof date, "%04u-%02u-%02u", 1940 + rng_below(r, 62), 1 + rng_below(r, 12),
                 1 + rng_below(r, 28));
        if (rng_chance(r, 0.2)) date[4] = '\0'; /* year only, as lists often give */
        snprintf(passport, sizeof passport, "%c%08u", 'A' + rng_below(r, 26), rng_below(r, 100000000));
        fprintf(f, "{\"id\":\"synth-p%llu\",\"schema\":\"Person\",\"properties\":{", (unsigned long long)n);
        json_prop(f, &first, "name", str_cstr(&p.name));
        json_prop2(f, &first, "alias", str_cstr(&p.alias1), str_cstr(&p.alias2));
        if (rng_chance(r, 0.8)) json_prop(f, &first, "birthDate", date);
        json_prop(f, &first, "nationality", country);
        if (rng_chance(r, 0.15)) json_prop(f, &first, "passportNumber", passport);
        json_prop(f, &first, "gender", p.female ? "female" : "male");
    } else {
        static struct str name, alias;
        make_company(r, c, &name, &alias);
        char reg[16];
        snprintf(reg, sizeof reg, "%u", 1000000 + rng_below(r, 9000000));
        fprintf(f, "{\"id\":\"synth-c%llu\",\"schema\":\"Company\",\"properties\":{", (unsigned long long)n);
        json_prop(f, &first, "name", str_cstr(&name));
        json_prop(f, &first, "alias", str_cstr(&alias));
        json_prop(f, &first, "jurisdiction", country);
        if (rng_chance(r, 0.3)) json_prop(f, &first, "registrationNumber", reg);
    }
    fputs("},\"datasets\":[\"synth\"]}\n", f);
}

int main(int argc, char **argv)
{
    unsigned long long count = 1000000, seed = 1;
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else {
            fprintf(stderr, "usage: synth [--count N] [--seed S] [--out FILE]\n");
            return 2;
        }
    }
    FILE *f = out_path ? fopen(out_path, "w") : stdout;
    if (!f) bench_die("%s: %s", out_path, strerror(errno));
    struct rng r;
    rng_seed(&r, seed);
    for (unsigned long long n = 1; n <= count; n++) write_entity(f, &r, n);
    if (fflush(f) != 0 || (out_path && fclose(f) != 0)) bench_die("write failed: %s", strerror(errno));
    return 0;
}
