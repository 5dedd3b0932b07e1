/* engine.h — the loaded engine (internal). Immutable after dwp_engine_open() returns. */
#ifndef DWP_ENGINE_H
#define DWP_ENGINE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "dwpolicy.h"
#include "params.h"
#include "regions.h"
#include "decision.h"
#include "text.h"

/* One rule source that was loaded (embedded or from a directory). */
typedef struct dwp_rule_source {
    char *name;    /* "510100.lua" */
    char *display; /* as shown in messages: "sichuan/510100.lua" or the file's path */
    char *text;
    size_t len;
    int32_t region;
} dwp_rule_source;

/* A local benefit declared with rule "id" {…} (SPEC §6). */
typedef struct dwp_local_rule {
    dwp_benefit info; /* title.en is the zh title when the file gives no title_en */
    int region_index; /* the rule applies to cases whose region chain contains this region */
    int slot;         /* its eval function in every rules state */
    const char *file;
    int line;
} dwp_local_rule;

/* override "id" (fn) in one region. */
typedef struct dwp_override {
    const char *benefit_id;
    int benefit; /* index: catalogue first, then local rules */
    int region_index;
    int slot; /* fn in every rules state */
    const char *file;
    int line;
} dwp_override;

/* A problem found in the rules, for dwpolicy check (rules_load.c). */
typedef struct dwp_problem {
    const char *file;
    int line;
    const char *message;
} dwp_problem;

/* Limits for rule code at evaluation time (from dwp_options). */
typedef struct dwp_limits {
    int64_t instructions; /* per rule call */
    int64_t memory_bytes; /* per Lua state */
    int64_t time_ms;      /* per rule call, wall clock */
} dwp_limits;

struct dwp_rules_pool; /* lua_rules.c */
struct lua_State;

struct dwp_engine {
    int lang;
    dwp_limits limits;
    dwp_regions regions;
    /* series[region_index * DWP_PARAM_COUNT + param_id] */
    dwp_param_series *series;
    /* param_definer[region_index * DWP_PARAM_COUNT + param_id]: the most specific region of
     * the chain that defines the parameter, or -1 (see dwp_engine_param_at) */
    int32_t *param_definer;
    dwp_rule_source *sources;
    size_t source_count;
    char ruleset_name[32];
    char ruleset_sha256[65];
    struct dwp_string_block *strings; /* what dwp_engine_strdup() copied */

    dwp_local_rule *local_rules;
    size_t local_rule_count;
    dwp_override *overrides;
    size_t override_count;
    int slot_count; /* functions each rules state holds: overrides and rule evals */
    /* override_slot[benefit * regions.count + region_index]: slot, or -1 */
    int *override_slot;
    /* overridden_here[region_index]: bit b set when catalogue benefit b has an override in
     * that region. Evaluation ORs them along the chain, so the benefits no rule file touches
     * (nearly all) go straight to their C rule. */
    uint64_t *overridden_here;
    size_t benefit_count; /* catalogue + local rules */

    dwp_problem *problems; /* found while loading; open fails when there are any */
    size_t problem_count;

    /* Lua states for rule code, one checked out per evaluation that needs one. The only
     * mutable part of an engine, behind its own lock. */
    struct dwp_rules_pool *pool;

    /* Pre-rendered pieces of result JSON (result_json.c). */
    struct dwp_result_pieces *result_pieces;
    /* A finished evaluation kept for the next call (api.c), or NULL. */
    _Atomic(struct dwp_evaluation *) spare_evaluation;

    /* Host functions (host_fn.c), registered before the first evaluation. */
    struct dwp_host_fn *host_fns;
    size_t host_fn_count;
    atomic_bool in_use; /* set by the first evaluation: registration is closed from then on */
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

/* Record a problem (message copied); DWP_ENOMEM when it cannot be. */
int dwp_engine_add_problem(struct dwp_engine *e, const char *file, int line, const char *msg);

/* A pre-rendered piece of result JSON. */
typedef struct dwp_json_piece {
    const char *text;
    size_t len;
} dwp_json_piece;

/* Render what results say the same for every case: benefits, services, the ruleset
 * (result_json.c); DWP_ENOMEM. Freed by dwp_result_pieces_free (the texts with the engine). */
typedef struct dwp_result_pieces dwp_result_pieces;
int dwp_result_pieces_build(struct dwp_engine *e);
void dwp_result_pieces_free(struct dwp_engine *e);

/* Load the embedded ruleset and, when dir is not NULL, the *.lua files of dir over it
 * (rules_load.c). Fills regions, series, sources, the digest, local rules and overrides, and
 * records every problem found in e->problems. Returns DWP_OK (problems or not), or
 * DWP_EIO / DWP_ENOMEM / DWP_ERULES when the sources themselves could not be gathered. */
int dwp_rules_load(struct dwp_engine *e, const char *dir);
void dwp_rules_free(struct dwp_engine *e);

/* Run every rule file in `L` (a sandbox state) for evaluation: region{} and param{} do
 * nothing, override and rule store their functions in the table at stack top, by slot. */
int dwp_rules_define_functions(const struct dwp_engine *e, struct lua_State *L, int fn_table,
                               int globals);

/* yuan(n) for rule code: whole yuan or a decimal string → fen (rules_load.c). */
int dwp_lua_yuan(struct lua_State *L);

/* At most this many local rules per region, so that one case's results stay bounded. */
#define DWP_LOCAL_RULES_PER_REGION 16

/* The engine of the evaluation running in L (lua_rules.c); raises outside an evaluation. */
const struct dwp_engine *dwp_lua_current_engine(struct lua_State *L);

/* The rules-state pool (lua_rules.c). */
int dwp_rules_pool_create(struct dwp_engine *e);
void dwp_rules_pool_destroy(struct dwp_engine *e);

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
