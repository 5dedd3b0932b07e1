/* case.c — the JSON names of the case model's enumerations (SPEC §2).
 *
 * Index 0 of every table is the "absent" value and has no name, so that the numbers match the
 * DWP_*_UNSET = 0 enums in case.h. The tables are const: no mutable state. */
#include "case.h"

#include <string.h>

typedef struct enum_name {
    const char *s;
    size_t len; /* kept so that parsing needs no strlen per candidate */
} enum_name;

typedef struct enum_table {
    const enum_name *names; /* names[1..count]; names[0] is the unnamed "absent" value */
    int count;
    const char *list; /* the names joined with ", " for messages */
} enum_table;

#define N(s) {s, sizeof(s) - 1}
#define UNSET {NULL, 0}

static const enum_name area_names[] = {UNSET, N("urban"), N("rural")};
static const enum_name living_names[] = {UNSET, N("family"), N("scattered"), N("institution")};
static const enum_name disability_names[] = {UNSET,           N("visual"),   N("hearing"),
                                             N("speech"),     N("physical"), N("intellectual"),
                                             N("mental"),     N("multiple")};
static const enum_name level_names[] = {UNSET,
                                        N("none"),
                                        N("preschool"),
                                        N("primary"),
                                        N("junior_secondary"),
                                        N("ordinary_high"),
                                        N("secondary_vocational"),
                                        N("higher_vocational"),
                                        N("undergraduate"),
                                        N("master"),
                                        N("doctoral")};
static const enum_name guardianship_names[] = {UNSET, N("adequate"), N("absent"),
                                               N("inadequate")};
static const enum_name household_names[] = {UNSET, N("none"), N("dibao"), N("dibao_marginal"),
                                            N("tekun")};
static const enum_name emergency_names[] = {UNSET, N("expense"), N("urgent")};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

/* Indexed by dwp_enum_kind. */
static const enum_table tables[DWP_ENUM_KIND_COUNT] = {
    [DWP_ENUM_AREA] = {area_names, COUNT(area_names), "urban, rural"},
    [DWP_ENUM_LIVING] = {living_names, COUNT(living_names), "family, scattered, institution"},
    [DWP_ENUM_DISABILITY_TYPE] = {disability_names, COUNT(disability_names),
                                  "visual, hearing, speech, physical, intellectual, mental, "
                                  "multiple"},
    [DWP_ENUM_LEVEL] = {level_names, COUNT(level_names),
                        "none, preschool, primary, junior_secondary, ordinary_high, "
                        "secondary_vocational, higher_vocational, undergraduate, master, "
                        "doctoral"},
    [DWP_ENUM_GUARDIANSHIP] = {guardianship_names, COUNT(guardianship_names),
                               "adequate, absent, inadequate"},
    [DWP_ENUM_HOUSEHOLD_STATUS] = {household_names, COUNT(household_names),
                                   "none, dibao, dibao_marginal, tekun"},
    [DWP_ENUM_EMERGENCY_KIND] = {emergency_names, COUNT(emergency_names), "expense, urgent"},
};

/* The enums in case.h must keep the order of these tables; a mismatch would silently swap
 * meanings (e.g. dibao and tekun), so check the counts at compile time at least. */
_Static_assert(DWP_AREA_RURAL == 2, "area order");
_Static_assert(DWP_LIVING_INSTITUTION == 3, "living order");
_Static_assert(DWP_DIS_MULTIPLE == 7, "disability order");
_Static_assert(DWP_LEVEL_DOCTORAL == 10, "level order");
_Static_assert(DWP_GUARD_INADEQUATE == 3, "guardianship order");
_Static_assert(DWP_HH_TEKUN == 4, "household order");
_Static_assert(DWP_EMERG_URGENT == 2, "emergency order");

static const enum_table *table_of(dwp_enum_kind kind)
{
    if ((int)kind < 0 || kind >= DWP_ENUM_KIND_COUNT) return NULL;
    return &tables[kind];
}

const char *dwp_enum_name(dwp_enum_kind kind, int v)
{
    const enum_table *t = table_of(kind);
    if (!t || v < 1 || v > t->count) return NULL;
    return t->names[v].s;
}

/* memcmp(a, b, n) == 0 for the short names here, inline (a memcmp call costs more than these
 * compares): whole words, the last one overlapping the one before (memcpy loads: no alignment
 * assumptions). */
static inline bool same_prefix(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, v;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        if (u != v) return false;
        memcpy(&u, a + n - 4, 4);
        memcpy(&v, b + n - 4, 4);
        return u == v;
    }
    for (; n; n--)
        if (*a++ != *b++) return false;
    return true;
}

int dwp_enum_parse(dwp_enum_kind kind, const char *s, size_t len)
{
    const enum_table *t = table_of(kind);
    if (!t || !s) return 0;
    /* Most candidates differ in length; the rest are compared in place. */
    for (int v = 1; v <= t->count; v++)
        if (t->names[v].len == len && same_prefix(t->names[v].s, s, len)) return v;
    return 0;
}

int dwp_enum_match(dwp_enum_kind kind, const char *s, size_t avail, char end, size_t *len)
{
    const enum_table *t = table_of(kind);
    if (!t || !s) return 0;
    for (int v = 1; v <= t->count; v++) {
        size_t n = t->names[v].len;
        if (n < avail && s[n] == end && same_prefix(t->names[v].s, s, n)) {
            *len = n;
            return v;
        }
    }
    return 0;
}

const char *dwp_enum_list(dwp_enum_kind kind)
{
    const enum_table *t = table_of(kind);
    return t ? t->list : "";
}
