/*
 * src_un.c — the UN Security Council Consolidated List XML ("un-xml"):
 * <CONSOLIDATED_LIST dateGenerated=...> with INDIVIDUALS/INDIVIDUAL and
 * ENTITIES/ENTITY records.
 *
 * Invariant: the file is read with libxml2's streaming xmlTextReader; only
 * one record at a time is expanded into a small tree (xmlTextReaderExpand)
 * and freed when the reader moves on, so memory does not grow with the
 * list.  A record over SRC_RECORD_MAX bytes, or without a DATAID, is
 * rejected.  An XML error is charged to the record whose lines hold it;
 * libxml2's reader cannot go past a well-formedness error, so the records
 * before it load and what follows is reported as one rejected tail (a
 * truncated file loses only its cut record).  The parser never touches
 * the network and never loads external entities.
 *
 * Mapping: id "un-<DATAID>"; FIRST..FOURTH_NAME joined as the name;
 * NAME_ORIGINAL_SCRIPT as alias; alias QUALITY Good/a.k.a. -> alias,
 * Low -> weakAlias, f.k.a. -> previousName; UN_LIST_TYPE -> program;
 * dates of birth as ISO dates (BETWEEN gives both years); passports ->
 * passportNumber, other documents -> idNumber; designations -> position.
 */
#include <errno.h>
#include <libxml/xmlreader.h>
#include <limits.h>
#include <string.h>

#include "sources.h"

struct un_xml_error {
    long line;
    char message[200];
};

struct un_parse {
    struct src_load *ld;
    const char *path;
    xmlTextReaderPtr reader;
    FILE *file;
    struct un_xml_error errors[64]; /* in the order the parser met them */
    size_t error_count, error_next;
    bool too_many_errors;
    vigil_entity *held;      /* the other entity: pending or scratch */
    bool pending;            /* a record waits for its errors to be known */
    bool pending_ok;         /* ... and was built (not already rejected) */
    long pending_line;
    char pending_element[16];
    char pending_id[96];
};

static bool is(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0;
}

/* The text of an element with its white space collapsed (the list wraps
 * long values over several lines), in `buf`; "" when empty. */
static const char *text_of(const xmlNode *node, struct vg_buf *buf)
{
    vg_buf_reset(buf);
    bool space = false;
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
            continue;
        for (const char *s = (const char *)c->content; s && *s; s++) {
            if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
                space = buf->len > 0;
                continue;
            }
            if ((space && vg_buf_putc(buf, ' ') != VIGIL_OK) ||
                vg_buf_putc(buf, *s) != VIGIL_OK)
                return buf->data ? buf->data : "";
            space = false;
        }
    }
    return buf->data ? buf->data : "";
}

/* Text of the first child element called `name`, or "". */
static const char *child_text(const xmlNode *node, const char *name,
                              struct vg_buf *buf)
{
    for (const xmlNode *c = node->children; c; c = c->next)
        if (is(c, name)) return text_of(c, buf);
    return "";
}

/* Adds every VALUE child of a NATIONALITY / DESIGNATION / TITLE group. */
static vigil_status add_values(struct src_load *ld, const xmlNode *group,
                               const char *prop, struct vg_buf *buf)
{
    for (const xmlNode *c = group->children; c; c = c->next)
        if (is(c, "VALUE")) VG_TRY(src_add(ld, prop, text_of(c, buf)));
    return VIGIL_OK;
}

static vigil_status add_alias(struct src_load *ld, const xmlNode *alias,
                              struct vg_buf *buf)
{
    char quality[32];
    vg_strlcpy(quality, child_text(alias, "QUALITY", buf), sizeof(quality));
    const char *prop = "alias";
    if (vg_strcasecmp(quality, "Low") == 0) prop = "weakAlias";
    else if (vg_strcasecmp(quality, "f.k.a.") == 0) prop = "previousName";
    VG_TRY(src_add(ld, prop, child_text(alias, "ALIAS_NAME", buf)));
    const char *dob = child_text(alias, "DATE_OF_BIRTH", buf);
    return *dob ? src_add_date(ld, "birthDate", dob) : VIGIL_OK;
}

/* Joins the non-empty texts of the named children with ", ". */
static vigil_status join_children(const xmlNode *node,
                                  const char *const *names, size_t count,
                                  struct vg_buf *out, struct vg_buf *buf)
{
    vg_buf_reset(out);
    for (size_t i = 0; i < count; i++) {
        const char *t = child_text(node, names[i], buf);
        if (!*t) continue;
        if (out->len) VG_TRY(vg_buf_puts(out, ", "));
        VG_TRY(vg_buf_puts(out, t));
    }
    return VIGIL_OK;
}

static vigil_status add_address(struct src_load *ld, const xmlNode *addr,
                                struct vg_buf *buf)
{
    static const char *const parts[] = {"STREET", "CITY", "STATE_PROVINCE",
                                        "ZIP_CODE", "COUNTRY"};
    struct vg_buf full;
    vg_buf_init(&full, SRC_RECORD_MAX);
    vigil_status st = join_children(addr, parts, VG_ARRAY_LEN(parts), &full, buf);
    if (st == VIGIL_OK && full.data) st = src_add(ld, "address", full.data);
    vg_buf_free(&full);
    VG_TRY(st);
    return src_add(ld, "country", child_text(addr, "COUNTRY", buf));
}

static vigil_status add_birth_place(struct src_load *ld, const xmlNode *pob,
                                    struct vg_buf *buf)
{
    static const char *const parts[] = {"CITY", "STATE_PROVINCE", "COUNTRY"};
    struct vg_buf full;
    vg_buf_init(&full, SRC_RECORD_MAX);
    vigil_status st = join_children(pob, parts, VG_ARRAY_LEN(parts), &full, buf);
    if (st == VIGIL_OK && full.data) st = src_add(ld, "birthPlace", full.data);
    vg_buf_free(&full);
    VG_TRY(st);
    return src_add(ld, "birthCountry", child_text(pob, "COUNTRY", buf));
}

/* EXACT / APPROXIMATELY give DATE or YEAR; BETWEEN gives both years. */
static vigil_status add_birth_date(struct src_load *ld, const xmlNode *dob,
                                   struct vg_buf *buf)
{
    static const char *const parts[] = {"DATE", "YEAR", "FROM_YEAR", "TO_YEAR"};
    for (size_t i = 0; i < VG_ARRAY_LEN(parts); i++) {
        const char *t = child_text(dob, parts[i], buf);
        if (*t) VG_TRY(src_add_date(ld, "birthDate", t));
    }
    return VIGIL_OK;
}

/* Passport in English, Spanish and French as the list writes it. */
static bool is_passport(const char *type)
{
    return strcasestr(type, "passport") || strcasestr(type, "pasaporte") ||
           strcasestr(type, "passeport");
}

/* The number in a NUMBER element, which sometimes holds a description
 * ("national identity card number 5802098444", "CAR diplomatic passport
 * no. D00000898", "Diplomatic Passport: Z30321794", "issued in
 * Sarajevo"): the text after the last label ("number ", "no. ", ": ")
 * that a digit follows; NULL when there is no digit at all, so that prose
 * never becomes an identifier. */
static const char *document_number(const char *text)
{
    static const char *const labels[] = {"number ", "no. ", ": "};
    if (!strpbrk(text, "0123456789")) return NULL;
    const char *number = text;
    for (size_t i = 0; i < VG_ARRAY_LEN(labels); i++) {
        size_t n = strlen(labels[i]);
        for (const char *s = text; (s = strcasestr(s, labels[i])) != NULL; s += n)
            if (s + n > number && strpbrk(s + n, "0123456789")) number = s + n;
    }
    return number;
}

static vigil_status add_document(struct src_load *ld, const xmlNode *doc,
                                 struct vg_buf *buf)
{
    char type[128];
    vg_strlcpy(type, child_text(doc, "TYPE_OF_DOCUMENT", buf), sizeof(type));
    const char *text = child_text(doc, "NUMBER", buf);
    const char *number = document_number(text);
    if (!number) return src_add(ld, "notes", text);
    /* "381110042 (Expired 25 Jan. 2016)": the remark is not the number */
    const char *paren = strstr(number, " (");
    size_t len = paren ? (size_t)(paren - number) : strlen(number);
    return src_add_n(ld, is_passport(type) ? "passportNumber" : "idNumber",
                     number, len);
}

static vigil_status add_name(struct src_load *ld, const xmlNode *record,
                             struct vg_buf *buf)
{
    static const char *const parts[] = {"FIRST_NAME", "SECOND_NAME",
                                        "THIRD_NAME", "FOURTH_NAME"};
    struct vg_buf name;
    vg_buf_init(&name, SRC_RECORD_MAX);
    vigil_status st = VIGIL_OK;
    for (size_t i = 0; i < VG_ARRAY_LEN(parts) && st == VIGIL_OK; i++) {
        const char *t = child_text(record, parts[i], buf);
        if (!*t) continue;
        if (name.len) st = vg_buf_putc(&name, ' ');
        if (st == VIGIL_OK) st = vg_buf_puts(&name, t);
    }
    if (st == VIGIL_OK && name.data) st = src_add(ld, "name", name.data);
    vg_buf_free(&name);
    return st;
}

/* Simple elements that map to one property each. */
static const struct {
    const char *element;
    const char *prop;
} simple_fields[] = {
    {"UN_LIST_TYPE", "program"},      {"REFERENCE_NUMBER", "referenceNumber"},
    {"LISTED_ON", "listingDate"},     {"GENDER", "gender"},
    {"COMMENTS1", "notes"},           {"NAME_ORIGINAL_SCRIPT", "alias"},
};

static vigil_status add_child(struct src_load *ld, const xmlNode *c,
                              struct vg_buf *buf)
{
    for (size_t i = 0; i < VG_ARRAY_LEN(simple_fields); i++)
        if (is(c, simple_fields[i].element))
            return src_add(ld, simple_fields[i].prop, text_of(c, buf));
    if (is(c, "NATIONALITY")) return add_values(ld, c, "nationality", buf);
    if (is(c, "DESIGNATION")) return add_values(ld, c, "position", buf);
    if (is(c, "TITLE")) return add_values(ld, c, "title", buf);
    if (is(c, "INDIVIDUAL_ALIAS") || is(c, "ENTITY_ALIAS"))
        return add_alias(ld, c, buf);
    if (is(c, "INDIVIDUAL_ADDRESS") || is(c, "ENTITY_ADDRESS"))
        return add_address(ld, c, buf);
    if (is(c, "INDIVIDUAL_DATE_OF_BIRTH")) return add_birth_date(ld, c, buf);
    if (is(c, "INDIVIDUAL_PLACE_OF_BIRTH")) return add_birth_place(ld, c, buf);
    if (is(c, "INDIVIDUAL_DOCUMENT")) return add_document(ld, c, buf);
    return VIGIL_OK;
}

static vigil_status build_record(struct src_load *ld, const xmlNode *record,
                                 struct vg_buf *buf, const char **why)
{
    const char *dataid = child_text(record, "DATAID", buf);
    if (!*dataid) {
        *why = "no DATAID";
        return VIGIL_EPARSE;
    }
    char id[96];
    snprintf(id, sizeof(id), "un-%s", dataid);
    VG_TRY(vigil_entity_set_id(ld->entity, id));
    vigil_entity_set_schema(ld->entity, is(record, "INDIVIDUAL")
                                            ? VIGIL_SCHEMA_PERSON
                                            : VIGIL_SCHEMA_ORGANIZATION);
    VG_TRY(add_name(ld, record, buf));
    for (const xmlNode *c = record->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) VG_TRY(add_child(ld, c, buf));
    return vigil_entity_add_dataset(ld->entity, "un_sc_sanctions");
}

/* Feeds the parser in small slices, so that it never runs far ahead of
 * the reader: the records before a damaged spot are delivered before the
 * damage stops the reader, however small the file. */
static int read_slice(void *ctx, char *buffer, int len)
{
    struct un_parse *p = ctx;
    size_t n = fread(buffer, 1, (size_t)VG_MIN(len, 512), p->file);
    if (n == 0 && ferror(p->file)) return -1;
    return (int)n;
}

/* ------------------------------------------------------- error places */

/* XML errors are reported by the parser, which runs ahead of the reader:
 * by the time the next record's start tag is delivered, every error inside
 * the previous record is known.  So each record is held back until the
 * next one starts (or the file ends) and rejected if an error fell within
 * its lines. */
static void on_xml_error(void *ctx, const xmlError *error)
{
    struct un_parse *p = ctx;
    if (!error || error->level < XML_ERR_ERROR) return;
    if (p->error_count == VG_ARRAY_LEN(p->errors)) {
        p->too_many_errors = true;
        return;
    }
    struct un_xml_error *e = &p->errors[p->error_count++];
    e->line = error->line;
    snprintf(e->message, sizeof(e->message), "%s",
             error->message ? error->message : "XML error");
    size_t n = strlen(e->message);
    while (n && e->message[n - 1] == '\n') e->message[--n] = '\0';
}

/* The first unconsumed error before line `end`, consumed; NULL if none. */
static const struct un_xml_error *take_error_before(struct un_parse *p, long end)
{
    if (p->error_next < p->error_count && p->errors[p->error_next].line < end)
        return &p->errors[p->error_next++];
    return NULL;
}

/* Settles the held-back record now that the next starts at `next_line`. */
static vigil_status settle_pending(struct un_parse *p, long next_line,
                                   vigil_error *err)
{
    struct src_load *ld = p->ld;
    const struct un_xml_error *e;
    /* errors before the pending record lie between records */
    while (p->error_next < p->error_count &&
           p->errors[p->error_next].line < (p->pending ? p->pending_line : next_line)) {
        e = take_error_before(p, next_line);
        src_reject(ld, p->path, e->line, NULL, "XML error: %s", e->message);
    }
    if (!p->pending) return VIGIL_OK;
    p->pending = false;
    if (!p->pending_ok) { /* already rejected: its errors add nothing */
        while (take_error_before(p, next_line)) {
        }
        return VIGIL_OK;
    }
    e = take_error_before(p, next_line);
    if (e) {
        src_reject(ld, p->path, e->line, p->pending_element,
                   "%s: XML error in this record: %s", p->pending_id, e->message);
        while (take_error_before(p, next_line)) {
        }
        return VIGIL_OK;
    }
    vigil_entity *built = p->held;
    p->held = ld->entity;
    ld->entity = built;
    return src_emit(ld, p->path, p->pending_line, err);
}

static vigil_status load_record(struct un_parse *p, struct vg_buf *buf,
                                vigil_error *err)
{
    struct src_load *ld = p->ld;
    xmlNodePtr node = xmlTextReaderCurrentNode(p->reader);
    long line = node ? xmlGetLineNo(node) : 0;
    VG_TRY(settle_pending(p, line, err));
    long start = xmlTextReaderByteConsumed(p->reader);
    ld->stats.processed++;
    xmlNodePtr record = xmlTextReaderExpand(p->reader);
    if (!record) { /* an XML error inside: the reader cannot go on */
        const struct un_xml_error *e = take_error_before(p, LONG_MAX);
        src_reject(ld, p->path, e ? e->line : line, (const char *)node->name,
                   "XML error in this record: %s", e ? e->message : "unreadable");
        while (take_error_before(p, LONG_MAX)) {
        }
        return VIGIL_EPARSE;
    }
    p->pending = true;
    p->pending_ok = false;
    p->pending_line = line;
    vg_strlcpy(p->pending_element, (const char *)record->name,
               sizeof(p->pending_element));
    vg_strlcpy(p->pending_id, "", sizeof(p->pending_id));
    if (xmlTextReaderByteConsumed(p->reader) - start > (long)SRC_RECORD_MAX) {
        src_reject(ld, p->path, line, p->pending_element,
                   "record longer than %zu bytes", SRC_RECORD_MAX);
        return VIGIL_OK;
    }
    vigil_entity_clear(ld->entity);
    const char *why = NULL;
    vigil_status st = build_record(ld, record, buf, &why);
    vg_strlcpy(p->pending_id, vigil_entity_id(ld->entity), sizeof(p->pending_id));
    if (st == VIGIL_EPARSE || st == VIGIL_ELIMIT) {
        src_reject(ld, p->path, line, p->pending_element, "%s",
                   why ? why : "value too long");
        return VIGIL_OK;
    }
    if (st != VIGIL_OK) return vg_fail(err, st, p->path, line, NULL, NULL);
    /* hold the built entity back until its errors, if any, are known */
    vigil_entity *built = ld->entity;
    ld->entity = p->held;
    p->held = built;
    p->pending_ok = true;
    return VIGIL_OK;
}

static void read_published(struct un_parse *p)
{
    xmlChar *date = xmlTextReaderGetAttribute(p->reader, BAD_CAST "dateGenerated");
    if (date) {
        vg_strlcpy(p->ld->published, (const char *)date, sizeof(p->ld->published));
        xmlFree(date);
    }
}

static bool is_record_start(int depth, const char *name)
{
    return depth == 2 &&
           (strcmp(name, "INDIVIDUAL") == 0 || strcmp(name, "ENTITY") == 0);
}

/* Walks the document; records are the INDIVIDUAL and ENTITY elements two
 * levels below the root. */
static vigil_status walk(struct un_parse *p, vigil_error *err)
{
    struct vg_buf buf;
    vg_buf_init(&buf, SRC_RECORD_MAX);
    bool root_seen = false;
    vigil_status st = VIGIL_OK;
    int ret = xmlTextReaderRead(p->reader);
    while (ret == 1 && st == VIGIL_OK && !p->too_many_errors) {
        int depth = xmlTextReaderDepth(p->reader);
        const char *name = (const char *)xmlTextReaderConstName(p->reader);
        if (xmlTextReaderNodeType(p->reader) != XML_READER_TYPE_ELEMENT || !name) {
            ret = xmlTextReaderRead(p->reader);
        } else if (depth == 0 && !root_seen) {
            if (strcmp(name, "CONSOLIDATED_LIST") != 0) {
                st = vg_fail(err, VIGIL_EPARSE, p->path,
                             xmlTextReaderGetParserLineNumber(p->reader), name,
                             "not a UN consolidated list (root <%s>)", name);
                break;
            }
            root_seen = true;
            read_published(p);
            ret = xmlTextReaderRead(p->reader);
        } else if (is_record_start(depth, name)) {
            st = load_record(p, &buf, err);
            if (st == VIGIL_EPARSE) st = VIGIL_OK, ret = -1;
            else ret = xmlTextReaderNext(p->reader);
        } else {
            ret = xmlTextReaderRead(p->reader);
        }
    }
    vg_buf_free(&buf);
    if (st != VIGIL_OK) return st;
    if (!root_seen)
        return vg_fail(err, VIGIL_EPARSE, p->path,
                       p->error_count ? p->errors[0].line : 0, NULL,
                       "not a UN consolidated list: %s",
                       p->error_count ? p->errors[0].message : "no root element");
    VG_TRY(settle_pending(p, LONG_MAX, err));
    if (ret < 0 || p->too_many_errors)
        src_reject(p->ld, p->path, xmlTextReaderGetParserLineNumber(p->reader),
                   NULL, "the XML cannot be read past this point%s",
                   p->too_many_errors ? " (too many errors)" : "");
    return VIGIL_OK;
}

vigil_status src_load_un(struct src_load *ld, const char *path,
                         vigil_error *err)
{
    VG_TRY(src_hash_file(ld, path, err));
    struct un_parse *p = vg_calloc(1, sizeof(*p));
    if (!p || vigil_entity_new(&p->held) != VIGIL_OK) {
        vg_free(p);
        return vg_fail(err, VIGIL_ENOMEM, path, 0, NULL, NULL);
    }
    p->ld = ld;
    p->path = path;
    vigil_status st = VIGIL_OK;
    p->file = fopen(path, "rb");
    if (!p->file)
        st = vg_fail(err, VIGIL_EIO, path, 0, NULL, "cannot open: %s",
                     strerror(errno));
    else
        p->reader = xmlReaderForIO(read_slice, NULL, p, path, NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOCDATA |
                                       XML_PARSE_BIG_LINES);
    if (st == VIGIL_OK && !p->reader) {
        st = vg_fail(err, VIGIL_ENOMEM, path, 0, NULL, "cannot start the XML reader");
    } else if (st == VIGIL_OK) {
        xmlTextReaderSetStructuredErrorHandler(
            p->reader, (xmlStructuredErrorFunc)on_xml_error, p);
        st = walk(p, err);
        xmlFreeTextReader(p->reader);
    }
    if (p->file) fclose(p->file);
    vigil_entity_free(p->held);
    vg_free(p);
    return st;
}
