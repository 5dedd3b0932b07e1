/* params.c — the parameter catalogue (params.def) and date-effective lookup. */
#include "params.h"

#include <string.h>

static const struct {
    const char *name;
    dwp_param_type type;
} catalogue[DWP_PARAM_COUNT] = {
#define X(id, name, type) {name, type},
#include "params.def"
#undef X
};

const char *dwp_param_name(dwp_param_id id) { return catalogue[id].name; }

dwp_param_type dwp_param_type_of(dwp_param_id id) { return catalogue[id].type; }

int dwp_param_lookup(const char *name, size_t len)
{
    for (int i = 0; i < DWP_PARAM_COUNT; i++)
        if (strlen(catalogue[i].name) == len && !memcmp(catalogue[i].name, name, len)) return i;
    return -1;
}

static const char *const confidence_names[] = {"official", "reported", "inferred",
                                               "placeholder"};

const char *dwp_confidence_name(int confidence) { return confidence_names[confidence]; }

int dwp_confidence_parse(const char *s, size_t len)
{
    for (int i = 0; i < 4; i++)
        if (strlen(confidence_names[i]) == len && !memcmp(confidence_names[i], s, len)) return i;
    return -1;
}

const dwp_param_entry *dwp_param_series_at(const dwp_param_series *s, dwp_date on)
{
    /* Series are a handful of entries long: a backwards scan beats a binary search. */
    for (uint32_t i = s->count; i > 0; i--)
        if (s->entries[i - 1].from <= on) return &s->entries[i - 1];
    return NULL;
}
