/*
 * date.c — the dates lists write (ISO, "08 Jan 1984", "8 January 1984",
 * "Jan 1984", US "01/08/1984", "08.01.1984", "circa 1984", ISO timestamps)
 * parsed into one normal form, year plus optional month and day, so that a
 * birth date from one list can be compared with a query's.
 *
 * Invariant: a parsed date is always a real calendar date (month 1..12, day
 * within the month, February 29 only in leap years); anything else is
 * refused rather than guessed, because a wrong birth date would add false
 * evidence to a match.  The parser is a hand-written scanner over tokens
 * (numbers, words, separators), not sscanf, so that trailing junk is seen.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define MIN_YEAR 1000
#define MAX_YEAR 2999

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static bool valid_date(int year, int month, int day)
{
    if (year < MIN_YEAR || year > MAX_YEAR) return false;
    if (month == 0) return day == 0;
    if (month < 1 || month > 12) return false;
    return day == 0 || (day >= 1 && day <= days_in_month(year, month));
}

/* A month from its English name or an abbreviation of at least three
 * letters ("Jan", "Sept", "September"); 0 when not a month. */
static int month_from_word(const char *word, size_t len)
{
    if (len < 3) return 0;
    char lower[16];
    if (len >= sizeof(lower)) return 0;
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)tolower((unsigned char)word[i]);
    lower[len] = '\0';
    for (int m = 0; m < 12; m++)
        if (strncmp(month_names[m], lower, len) == 0) return m + 1;
    return 0;
}

/* Reads exactly `digits` digits (or 1..digits when `digits` is negative)
 * at *p; -1 when there are none or too many. */
static int read_number(const char **p, int digits)
{
    int max = digits < 0 ? -digits : digits;
    int value = 0, n = 0;
    const char *s = *p;
    while (isdigit((unsigned char)*s)) {
        if (++n > max) return -1;
        value = value * 10 + (*s - '0');
        s++;
    }
    if (n == 0 || (digits > 0 && n != digits)) return -1;
    *p = s;
    return value;
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* Leading qualifiers that say the date is approximate; the date itself is
 * still the best evidence there is. */
static const char *skip_qualifier(const char *s)
{
    static const char *const words[] = {"circa", "ca.", "c.", "approximately",
                                        "approx.", "about", "around"};
    for (size_t i = 0; i < VG_ARRAY_LEN(words); i++) {
        size_t n = strlen(words[i]);
        if (strncasecmp(s, words[i], n) == 0 &&
            (s[n] == ' ' || s[n] == '\t' || words[i][n - 1] == '.'))
            return skip_space(s + n);
    }
    return s;
}

static bool at_end(const char *s, const char *end)
{
    return skip_space(s) >= end;
}

static bool finish(struct vg_date *out, int year, int month, int day)
{
    if (!valid_date(year, month, day)) return false;
    *out = (struct vg_date){.year = year, .month = month, .day = day};
    return true;
}

/* "1984", "1984-01", "1984-01-08", "1984-01-08T...", "1984/01/08". */
static bool parse_iso(const char *s, const char *end, struct vg_date *out)
{
    int year = read_number(&s, 4);
    if (year < 0) return false;
    if (at_end(s, end)) return finish(out, year, 0, 0);
    char sep = *s;
    if (sep != '-' && sep != '/') return false;
    s++;
    int month = read_number(&s, 2);
    if (month < 0) return false;
    if (at_end(s, end)) return finish(out, year, month, 0);
    if (*s++ != sep) return false;
    int day = read_number(&s, 2);
    if (day < 0) return false;
    if (sep == '-' && (*s == 'T' || *s == ' ') && s[1] &&
        isdigit((unsigned char)s[1]))
        return finish(out, year, month, day); /* a timestamp's time part */
    return at_end(s, end) && finish(out, year, month, day);
}

/* "01/08/1984" (US month/day/year) and "08.01.1984" (day.month.year). */
static bool parse_numeric(const char *s, const char *end, struct vg_date *out)
{
    int first = read_number(&s, -2);
    if (first < 0 || (*s != '/' && *s != '.')) return false;
    char sep = *s++;
    int second = read_number(&s, -2);
    if (second < 0 || *s++ != sep) return false;
    int year = read_number(&s, 4);
    if (year < 0 || !at_end(s, end)) return false;
    return sep == '/' ? finish(out, year, first, second)
                      : finish(out, year, second, first);
}

static const char *read_word(const char *s, size_t *len)
{
    const char *start = s;
    while (isalpha((unsigned char)*s)) s++;
    *len = (size_t)(s - start);
    if (*s == '.') s++; /* "Sept." */
    return s;
}

/* "08 Jan 1984", "8 January 1984", "8-Jan-1984", "Jan 1984",
 * "January 8, 1984". */
static bool parse_words(const char *s, const char *end, struct vg_date *out)
{
    int day = 0;
    if (isdigit((unsigned char)*s)) {
        day = read_number(&s, -2);
        if (day <= 0) return false;
        if (*s == '-' || *s == ' ') s = skip_space(s + 1);
        else return false;
    }
    size_t len;
    const char *word = s;
    s = read_word(s, &len);
    int month = month_from_word(word, len);
    if (!month) return false;
    if (*s == '-') s++;
    s = skip_space(s);
    if (!day && isdigit((unsigned char)*s) && s[1] != '\0' &&
        (s[1] == ',' || s[2] == ',')) {
        day = read_number(&s, -2);
        if (day <= 0 || *s++ != ',') return false;
        s = skip_space(s);
    }
    int year = read_number(&s, 4);
    if (year < 0 || !at_end(s, end)) return false;
    return finish(out, year, month, day);
}

bool vg_date_parse(const char *text, struct vg_date *out)
{
    if (!text || !out) return false;
    const char *s = skip_qualifier(skip_space(text));
    const char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
                       end[-1] == '\n' || end[-1] == '.'))
        end--;
    if (s == end) return false;
    struct vg_date date;
    /* Each parser refuses what is not its shape, so order only matters for
     * shapes two could accept; there are none. */
    if (parse_iso(s, end, &date) || parse_numeric(s, end, &date) ||
        parse_words(s, end, &date)) {
        *out = date;
        return true;
    }
    return false;
}

void vg_date_format(const struct vg_date *date, char out[11])
{
    if (!date || date->year < MIN_YEAR || date->year > MAX_YEAR) {
        out[0] = '\0';
        return;
    }
    if (date->month >= 1 && date->month <= 12 && date->day >= 1 &&
        date->day <= 31)
        snprintf(out, 11, "%04d-%02d-%02d", date->year, date->month,
                 date->day);
    else if (date->month >= 1 && date->month <= 12)
        snprintf(out, 11, "%04d-%02d", date->year, date->month);
    else
        snprintf(out, 11, "%04d", date->year);
}
