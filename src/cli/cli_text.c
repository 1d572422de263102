/*
 * cli_text.c — hits rendered for a person at a terminal: a table, best
 * first, then each hit's explanation (which query token met which listed
 * token and how, the evidence for and against, the list it came from).
 *
 * Columns are measured in display cells, not bytes, so Hangul and Cyrillic
 * names line up; long cells are cut with an ellipsis, never wrapped.
 */
#include <string.h>

#include "cli.h"

/* East Asian wide and fullwidth ranges that take two terminal cells. */
static int wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Decodes one character at s; returns its byte length (1 for a stray byte). */
static size_t next_char(const unsigned char *s, unsigned *cp)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    unsigned v = len == 1 ? s[0] : s[0] & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

static size_t char_width(unsigned cp)
{
    if (cp >= 0x300 && cp <= 0x36F) return 0; /* combining marks */
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF) return 0;
    return wide(cp) ? 2 : 1;
}

size_t cli_display_width(const char *s)
{
    size_t width = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned cp;
        p += next_char(p, &cp);
        width += char_width(cp);
    }
    return width;
}

void cli_print_cell(FILE *out, const char *s, size_t width, int pad)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t used = 0;
    int cut = cli_display_width(s) > width;
    size_t room = cut && width ? width - 1 : width;
    while (*p) {
        unsigned cp;
        size_t len = next_char(p, &cp);
        size_t w = char_width(cp);
        if (used + w > room) break;
        /* Control characters from a list never reach the terminal. */
        if (cp < 0x20 || cp == 0x7F) fputc(' ', out);
        else fwrite(p, 1, len, out);
        used += w;
        p += len;
    }
    if (cut && width) {
        fputs("\xE2\x80\xA6", out);
        used++;
    }
    while (pad && used < width) {
        fputc(' ', out);
        used++;
    }
}

const char *cli_list_label(const vigil_index *index, uint32_t entity, char *buf,
                           size_t size)
{
    vigil_source_info src;
    memset(&src, 0, sizeof(src));
    buf[0] = '\0';
    if (!index || vigil_index_source(index, vigil_index_entity_source(index, entity),
                                     &src) != VIGIL_OK)
        return buf;
    /* The date is what a reader compares; the time of day is in index info. */
    if (src.published && src.published[0])
        snprintf(buf, size, "%s %.10s", src.name ? src.name : "", src.published);
    else
        snprintf(buf, size, "%s", src.name ? src.name : "");
    return buf;
}

enum { COL_ID, COL_SCHEMA, COL_CAPTION, COL_MATCHED, COL_LIST, COL_COUNT };
static const size_t col_max[COL_COUNT] = {24, 12, 34, 34, 28};
static const char *const col_title[COL_COUNT] = {"id", "schema", "caption",
                                                 "matched name", "list"};

static void hit_cells(const vigil_index *index, const vigil_hit *hit,
                      const char *cells[COL_COUNT], char *list, size_t list_size)
{
    int listed = index && hit->entity != UINT32_MAX;
    cells[COL_ID] = listed ? vigil_index_entity_id(index, hit->entity) : "-";
    cells[COL_SCHEMA] = listed
        ? vigil_schema_name(vigil_index_entity_schema(index, hit->entity)) : "-";
    cells[COL_CAPTION] = listed ? vigil_index_entity_caption(index, hit->entity) : "-";
    cells[COL_MATCHED] = hit->matched_name ? hit->matched_name : "";
    cells[COL_LIST] = listed ? cli_list_label(index, hit->entity, list, list_size) : "-";
}

void cli_print_hits_table(FILE *out, const vigil_index *index,
                          const vigil_results *results)
{
    size_t n = vigil_results_count(results);
    size_t width[COL_COUNT];
    char list[320];
    for (int c = 0; c < COL_COUNT; c++) width[c] = strlen(col_title[c]);
    for (size_t i = 0; i < n; i++) {
        const char *cells[COL_COUNT];
        hit_cells(index, vigil_results_hit(results, i), cells, list, sizeof(list));
        for (int c = 0; c < COL_COUNT; c++) {
            size_t w = cli_display_width(cells[c]);
            if (w > col_max[c]) w = col_max[c];
            if (w > width[c]) width[c] = w;
        }
    }
    fprintf(out, "%3s  %-6s %-5s  ", "#", "score", "match");
    for (int c = 0; c < COL_COUNT; c++) {
        cli_print_cell(out, col_title[c], width[c], c + 1 < COL_COUNT);
        if (c + 1 < COL_COUNT) fputs("  ", out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < n; i++) {
        const vigil_hit *hit = vigil_results_hit(results, i);
        const char *cells[COL_COUNT];
        hit_cells(index, hit, cells, list, sizeof(list));
        fprintf(out, "%3zu  %-6.3f %-5s  ", i + 1, hit->score, hit->match ? "MATCH" : "-");
        for (int c = 0; c < COL_COUNT; c++) {
            cli_print_cell(out, cells[c], width[c], c + 1 < COL_COUNT);
            if (c + 1 < COL_COUNT) fputs("  ", out);
        }
        fputc('\n', out);
    }
}

/* "Ким (kim, Korean from Cyrillic)": the query token, with its Latin form
 * and transliteration path when they differ from what was typed. */
static void token_label(char *buf, size_t size, const vigil_token_match *t)
{
    const char *token = t->query_token ? t->query_token : "";
    const char *form = t->query_form ? t->query_form : "";
    const char *path = t->path ? t->path : "";
    int show_form = form[0] && strcmp(form, token) != 0;
    if (show_form && path[0]) snprintf(buf, size, "%s (%s, %s)", token, form, path);
    else if (show_form) snprintf(buf, size, "%s (%s)", token, form);
    else if (path[0]) snprintf(buf, size, "%s (%s)", token, path);
    else snprintf(buf, size, "%s", token);
}

static void print_tokens(FILE *out, const vigil_hit *hit)
{
    char label[512];
    size_t qw = strlen("query"), lw = strlen("listed");
    for (size_t i = 0; i < hit->token_count; i++) {
        token_label(label, sizeof(label), &hit->tokens[i]);
        size_t w = cli_display_width(label);
        if (w > qw) qw = w;
        w = cli_display_width(hit->tokens[i].listed_token);
        if (w > lw) lw = w;
    }
    if (qw > 40) qw = 40;
    if (lw > 30) lw = 30;
    fputs("     ", out);
    cli_print_cell(out, "query", qw, 1);
    fputs("  ", out);
    cli_print_cell(out, "listed", lw, 1);
    fputs("  how          similarity  weight\n", out);
    for (size_t i = 0; i < hit->token_count; i++) {
        const vigil_token_match *t = &hit->tokens[i];
        token_label(label, sizeof(label), t);
        fputs("     ", out);
        cli_print_cell(out, label[0] ? label : "-", qw, 1);
        fputs("  ", out);
        cli_print_cell(out, t->listed_token && t->listed_token[0] ? t->listed_token : "-",
                       lw, 1);
        fprintf(out, "  %-12s %-10.2f  %.2f\n", vigil_token_how_name(t->how),
                t->similarity, t->weight);
    }
}

static void print_evidence(FILE *out, const vigil_hit *hit)
{
    for (size_t i = 0; i < hit->evidence_count; i++) {
        const vigil_evidence *e = &hit->evidence[i];
        const char *effect = e->effect > 0 ? "agrees" : e->effect < 0 ? "conflicts" : "noted";
        fprintf(out, "   evidence: %s %s (%+.2f): query ", e->feature ? e->feature : "",
                effect, e->delta);
        cli_print_cell(out, e->query_value && e->query_value[0] ? e->query_value : "-",
                       60, 0);
        fputs(", listed ", out);
        cli_print_cell(out, e->listed_value && e->listed_value[0] ? e->listed_value : "-",
                       60, 0);
        fputc('\n', out);
    }
}

static void print_list(FILE *out, const vigil_index *index, uint32_t entity)
{
    vigil_source_info src;
    memset(&src, 0, sizeof(src));
    if (vigil_index_source(index, vigil_index_entity_source(index, entity), &src) != VIGIL_OK)
        return;
    fprintf(out, "   list: %s", src.name ? src.name : "");
    if (src.published && src.published[0]) fprintf(out, ", published %s", src.published);
    if (src.sha256 && src.sha256[0]) fprintf(out, ", sha256 %.16s", src.sha256);
    fprintf(out, ", index %s\n", vigil_index_version(index));
}

void cli_print_explanation(FILE *out, const vigil_index *index, const vigil_hit *hit,
                           size_t rank)
{
    int listed = index && hit->entity != UINT32_MAX;
    fprintf(out, "%zu. ", rank);
    if (listed) {
        cli_print_cell(out, vigil_index_entity_caption(index, hit->entity), 80, 0);
        fputs(" [", out);
        cli_print_cell(out, vigil_index_entity_id(index, hit->entity), 60, 0);
        fputs("]", out);
    }
    fprintf(out, "%sscore %.3f%s, name score %.3f\n", listed ? "  " : "", hit->score,
            hit->match ? " MATCH" : "", hit->name_score);
    fputs("   matched name: ", out);
    cli_print_cell(out, hit->matched_name, 100, 0);
    if (hit->name_kind && hit->name_kind[0]) fprintf(out, " (%s)", hit->name_kind);
    fputc('\n', out);
    print_tokens(out, hit);
    print_evidence(out, hit);
    if (hit->summary && hit->summary[0]) {
        fputs("   summary: ", out);
        cli_print_cell(out, hit->summary, 400, 0);
        fputc('\n', out);
    }
    if (listed) print_list(out, index, hit->entity);
}
