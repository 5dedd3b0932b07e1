/* engine.h — the loaded engine (internal). Immutable after dwp_engine_open() returns. */
#ifndef DWP_ENGINE_H
#define DWP_ENGINE_H

#include <stddef.h>

#include "dwpolicy.h"
#include "params.h"
#include "regions.h"

/* One rule source that was loaded (embedded or from a directory). */
typedef struct dwp_rule_source {
    char *name;    /* "510100.lua" */
    char *display; /* as shown in messages: "sichuan/510100.lua" or the file's path */
    char *text;
    size_t len;
    int32_t region;
} dwp_rule_source;

struct dwp_engine {
    int lang;
    dwp_regions regions;
    /* series[region_index * DWP_PARAM_COUNT + param_id] */
    dwp_param_series *series;
    dwp_rule_source *sources;
    size_t source_count;
    char ruleset_name[32];
    char ruleset_sha256[65];
    struct dwp_string_block *strings; /* what dwp_engine_strdup() copied */
};

static inline const dwp_param_series *dwp_engine_series(const struct dwp_engine *e,
                                                        int region_index, int param_id)
{
    return &e->series[(size_t)region_index * DWP_PARAM_COUNT + (size_t)param_id];
}

/* Resolve a parameter for a region on a date (SPEC §5; see params.h). Returns the entry in
 * force, or NULL; *defined_by is the index of the most specific region in the chain that
 * defines the parameter at all (-1 when none does) — with NULL, that region's first entry
 * starts after `on`. */
const dwp_param_entry *dwp_engine_param_at(const struct dwp_engine *e, int region_index,
                                           dwp_param_id id, dwp_date on, int *defined_by);

/* Explain why a parameter has no value (after dwp_engine_param_at returned NULL). */
void dwp_param_missing_text(const struct dwp_engine *e, int region_index, dwp_param_id id,
                            dwp_date on, int defined_by, int lang, char *buf, size_t size);

/* Load the embedded ruleset and, when dir is not NULL, the *.lua files of dir over it
 * (rules_load.c). Fills regions, series, sources and the digest. */
int dwp_rules_load(struct dwp_engine *e, const char *dir);
void dwp_rules_free(struct dwp_engine *e);

/* Copy a string into the engine's lifetime (freed with the engine); NULL on out of memory. */
char *dwp_engine_strdup(struct dwp_engine *e, const char *s, size_t len);

/* The embedded ruleset, generated at build time from rules/ (embedded_rules.c). */
typedef struct dwp_embedded_file {
    const char *name; /* "510000.lua", "regions.csv" */
    const char *text;
    size_t len;
} dwp_embedded_file;
extern const dwp_embedded_file dwp_embedded_rules[];
extern const size_t dwp_embedded_rules_count;
extern const char dwp_embedded_ruleset_name[];

#endif
