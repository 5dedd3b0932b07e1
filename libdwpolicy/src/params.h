/* params.h — the parameter catalogue and the date-effective parameter store.
 *
 * Resolution (SPEC §5): for a case in region R on date D, a parameter's value comes from the
 * most specific region in R's chain that defines the parameter at all, taking that region's
 * latest entry with from <= D. When that region has no entry on or before D, the parameter
 * has no value: an error naming the parameter, region and date (no silent fallback to a
 * coarser region, whose figure would be wrong for R). */
#ifndef DWP_PARAMS_H
#define DWP_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"

/* FEN money, BP basis points, INT a small whole number, BOOL true/false, CATEGORIES a set of
 * 困境儿童 category names (stored as DWP_CAT_* bits). */
typedef enum dwp_param_type {
    DWP_PT_FEN,
    DWP_PT_BP,
    DWP_PT_INT,
    DWP_PT_BOOL,
    DWP_PT_CATEGORIES
} dwp_param_type;

typedef enum dwp_param_id {
#define X(id, name, type) DWP_P_##id,
#include "params.def"
#undef X
    DWP_PARAM_COUNT
} dwp_param_id;

enum { DWP_CONF_OFFICIAL, DWP_CONF_REPORTED, DWP_CONF_INFERRED, DWP_CONF_PLACEHOLDER };

const char *dwp_param_name(dwp_param_id id);
dwp_param_type dwp_param_type_of(dwp_param_id id);
/* The id of a parameter name, or -1 when no parameter has that name. */
int dwp_param_lookup(const char *name, size_t len);
const char *dwp_confidence_name(int confidence);
/* DWP_CONF_* of a name, or -1. */
int dwp_confidence_parse(const char *s, size_t len);

/* One dated value of one parameter in one region. Immutable once the engine is open. */
typedef struct dwp_param_entry {
    dwp_date from; /* 0: in force from the start */
    int64_t value; /* BOOL: 0 or 1 */
    int32_t region;
    int32_t line;       /* line of the `param` declaration in `file` */
    uint8_t confidence; /* DWP_CONF_* */
    const char *source;
    const char *file;   /* the rule file, as shown in messages */
    const char *json;   /* this entry as the result's params[] object, pre-rendered */
    size_t json_len;
} dwp_param_entry;

/* All entries of one parameter in one region, ordered by `from` ascending. */
typedef struct dwp_param_series {
    dwp_param_entry *entries;
    uint32_t count;
} dwp_param_series;

/* The value in force on `on` in the series, or NULL when none is (series empty or starting
 * after `on`). */
const dwp_param_entry *dwp_param_series_at(const dwp_param_series *s, dwp_date on);

#endif
