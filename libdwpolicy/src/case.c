/* case.c — the JSON names of the case model's enumerations (SPEC §2).
 *
 * Index 0 of every table is the "absent" value and has no name, so that the numbers match the
 * DWP_*_UNSET = 0 enums in case.h. The tables are const: no mutable state. */
#include "case.h"

#include <string.h>

/* A name of DWP_ENUM_NAME_MIN..DWP_ENUM_NAME_MAX bytes; another length is a compile error (the
 * array size turns negative). */
#define N(s)                                                                                   \
    {s, sizeof(s) - 1 +                                                                        \
            0 * sizeof(char[sizeof(s) - 1 >= DWP_ENUM_NAME_MIN &&                              \
                                    sizeof(s) - 1 <= DWP_ENUM_NAME_MAX                         \
                                ? 1                                                            \
                                : -1])}
#define UNSET {"", 0}

static const dwp_enum_entry area_names[] = {UNSET, N("urban"), N("rural")};
static const dwp_enum_entry living_names[] = {UNSET, N("family"), N("scattered"), N("institution")};
static const dwp_enum_entry disability_names[] = {UNSET,           N("visual"),   N("hearing"),
                                             N("speech"),     N("physical"), N("intellectual"),
                                             N("mental"),     N("multiple")};
static const dwp_enum_entry level_names[] = {UNSET,
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
static const dwp_enum_entry guardianship_names[] = {UNSET, N("adequate"), N("absent"),
                                               N("inadequate")};
static const dwp_enum_entry household_names[] = {UNSET, N("none"), N("dibao"), N("dibao_marginal"),
                                            N("tekun")};
static const dwp_enum_entry emergency_names[] = {UNSET, N("expense"), N("urgent")};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

const dwp_enum_table dwp_enum_tables[DWP_ENUM_KIND_COUNT] = {
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

static const dwp_enum_table *table_of(dwp_enum_kind kind)
{
    if ((int)kind < 0 || kind >= DWP_ENUM_KIND_COUNT) return NULL;
    return &dwp_enum_tables[kind];
}

const char *dwp_enum_name(dwp_enum_kind kind, int v)
{
    const dwp_enum_table *t = table_of(kind);
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
    const dwp_enum_table *t = table_of(kind);
    if (!t || !s) return 0;
    /* Most candidates differ in length; the rest are compared in place. */
    for (int v = 1; v <= t->count; v++)
        if (t->names[v].len == len && same_prefix(t->names[v].s, s, len)) return v;
    return 0;
}

const char *dwp_enum_list(dwp_enum_kind kind)
{
    const dwp_enum_table *t = table_of(kind);
    return t ? t->list : "";
}
