/*
 * results_json.h — the one JSON shape of results, entities and index
 * metadata, shared by `vigil match`, `vigil screen --format json` and
 * `vigil serve`, so the command line and the API always agree.
 * Every function returns a new reference (NULL only on out of memory).
 */
#ifndef VIGIL_CLI_RESULTS_JSON_H
#define VIGIL_CLI_RESULTS_JSON_H

#include <jansson.h>

#include "vigil.h"

/* Flags for json_dumps/json_dumpf of these objects: one line, UTF-8 kept,
 * keys in insertion order; scores are already rounded to four decimals, so
 * ten significant digits print them exactly ("0.8125", not
 * "0.81250000000000000"). */
#define CLI_JSON_DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))
/* The same, indented for a person to read. */
#define CLI_JSON_PRETTY_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

/* {"id", "score", "match", "schema", "caption", "datasets", "source",
 *  "explanation": {"matched_name", "name_kind", "name_score", "tokens": [...],
 *  "evidence": [...], "summary", "list": {"source", "published", "sha256",
 *  "index_version"}}} */
json_t *cli_json_hit(const vigil_index *index, const vigil_hit *hit);
/* Array of cli_json_hit, best first. */
json_t *cli_json_results(const vigil_index *index, const vigil_results *results);
/* The full listed entity: {"id", "schema", "caption", "properties": {...},
 * "datasets": [...], "source": {...}} */
json_t *cli_json_entity(const vigil_index *index, uint32_t entity);
/* {"version", "built", "entities", "names", "sources": [{...}]} */
json_t *cli_json_index_info(const vigil_index *index);
/* Fills `query` from an FtM-shaped object ({"id", "schema", "properties":
 * {"name": [...], ...}}), also accepting the flat keys "name", "alias",
 * "birth_date", "country", "nationality", "id_number", "passport",
 * "registration_number" and "imo" (a string or an array of strings each);
 * a query needs at least one name or alias.  On failure writes a reason into errbuf and returns
 * VIGIL_EINVAL. */
vigil_status cli_json_to_query(const json_t *object, vigil_entity *query,
                               char *errbuf, size_t errbuf_size);

#endif
