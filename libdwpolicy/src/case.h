/* case.h — the case model (dwp_facts): the facts of one child's case, as read from SPEC §2 JSON.
 *
 * Every optional fact is tri-state or carries a `present` flag: a rule that needs an absent
 * fact answers "indeterminate" and names the field, rather than guessing. */
#ifndef DWP_CASE_H
#define DWP_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"

/* A yes/no fact that may be absent. */
typedef int8_t dwp_tri;
#define DWP_TRI_UNKNOWN ((dwp_tri)-1)
#define DWP_TRI_NO ((dwp_tri)0)
#define DWP_TRI_YES ((dwp_tri)1)

/* An integer fact that may be absent. */
typedef struct dwp_opt_int {
    int64_t value;
    bool present;
} dwp_opt_int;

/* Enumerations: 0 is always "absent"; the order of the others is that of SPEC §2 and of the
 * name tables in case.c (dwp_enum_tables). */
enum { DWP_AREA_UNSET, DWP_AREA_URBAN, DWP_AREA_RURAL };
enum { DWP_LIVING_UNSET, DWP_LIVING_FAMILY, DWP_LIVING_SCATTERED, DWP_LIVING_INSTITUTION };
enum {
    DWP_DIS_UNSET, DWP_DIS_VISUAL, DWP_DIS_HEARING, DWP_DIS_SPEECH, DWP_DIS_PHYSICAL,
    DWP_DIS_INTELLECTUAL, DWP_DIS_MENTAL, DWP_DIS_MULTIPLE
};
enum {
    DWP_LEVEL_UNSET, DWP_LEVEL_NONE, DWP_LEVEL_PRESCHOOL, DWP_LEVEL_PRIMARY,
    DWP_LEVEL_JUNIOR_SECONDARY, DWP_LEVEL_ORDINARY_HIGH, DWP_LEVEL_SECONDARY_VOCATIONAL,
    DWP_LEVEL_HIGHER_VOCATIONAL, DWP_LEVEL_UNDERGRADUATE, DWP_LEVEL_MASTER, DWP_LEVEL_DOCTORAL
};
enum { DWP_GUARD_UNSET, DWP_GUARD_ADEQUATE, DWP_GUARD_ABSENT, DWP_GUARD_INADEQUATE };
enum { DWP_HH_UNSET, DWP_HH_NONE, DWP_HH_DIBAO, DWP_HH_DIBAO_MARGINAL, DWP_HH_TEKUN };
enum { DWP_EMERG_UNSET, DWP_EMERG_EXPENSE, DWP_EMERG_URGENT };

/* Which name table dwp_enum_name() / dwp_enum_parse() use. */
typedef enum dwp_enum_kind {
    DWP_ENUM_AREA,
    DWP_ENUM_LIVING,
    DWP_ENUM_DISABILITY_TYPE,
    DWP_ENUM_LEVEL,
    DWP_ENUM_GUARDIANSHIP,
    DWP_ENUM_HOUSEHOLD_STATUS,
    DWP_ENUM_EMERGENCY_KIND,
    DWP_ENUM_KIND_COUNT
} dwp_enum_kind;

/* The JSON names of one enumeration (case.c), exported so that the case reader can match a
 * name in place. A name is kept NUL-padded in a fixed array, to be compared a word at a time. */
#define DWP_ENUM_NAME_MIN 4  /* the reader compares the first 4 bytes as one word */
#define DWP_ENUM_NAME_MAX 23
typedef struct dwp_enum_entry {
    char s[DWP_ENUM_NAME_MAX + 1]; /* NUL-terminated, zero-padded */
    size_t len;
} dwp_enum_entry;
typedef struct dwp_enum_table {
    const dwp_enum_entry *names; /* names[1..count]; names[0] is the unnamed "absent" value */
    int count;
    const char *list; /* the names joined with ", " for messages */
} dwp_enum_table;
/* Indexed by dwp_enum_kind. */
extern const dwp_enum_table dwp_enum_tables[DWP_ENUM_KIND_COUNT];

/* The JSON name of enumeration value v (1..), or NULL when v is out of range. */
const char *dwp_enum_name(dwp_enum_kind kind, int v);
/* The value (1..) of the JSON name s, or 0 when s is not one of the names. */
int dwp_enum_parse(dwp_enum_kind kind, const char *s, size_t len);
/* "none, preschool, primary, …": the allowed names, for error messages. */
const char *dwp_enum_list(dwp_enum_kind kind);

#define DWP_CASE_ID_MAX 128      /* bytes of case_id */
#define DWP_HOUSEHOLD_SIZE_MAX 99

typedef struct dwp_facts {
    char case_id[DWP_CASE_ID_MAX + 1]; /* UTF-8 without U+0000, NUL-terminated; echoed */
    bool has_case_id;
    dwp_date as_of;     /* required */
    int32_t region;     /* required; a 6-digit code, membership checked by the engine */
    uint8_t area;       /* DWP_AREA_* */

    struct {
        dwp_date birth_date; /* required */
        bool id_number_checked; /* the id_number itself is never kept */
        int32_t hukou_region; /* 0 = absent */
        dwp_tri orphan;
        dwp_tri de_facto_unsupported;
        uint8_t living_arrangement; /* DWP_LIVING_* */
        bool has_disability;        /* absent `disability` = no disability */
        uint8_t disability_grade;   /* 1..4 when has_disability */
        uint8_t disability_type;    /* DWP_DIS_*, may be UNSET */
        dwp_tri autism;
        dwp_tri serious_illness;
        dwp_opt_int monthly_income_fen;
        bool has_education;
        uint8_t education_level; /* DWP_LEVEL_*, set when has_education */
        dwp_tri full_time;
        dwp_tri boarding;
        dwp_tri within_normal_duration;
        uint8_t guardianship; /* DWP_GUARD_* */
        dwp_tri left_behind;
        dwp_tri crime_victim;
        dwp_tri graduating_this_year;
    } child;

    struct {
        bool present;
        uint8_t status; /* DWP_HH_* */
        dwp_opt_int size;
        dwp_opt_int monthly_benefit_fen;
        dwp_tri housing_eligible;
    } household;

    struct {
        bool present;
        dwp_opt_int policy_out_of_pocket_fen;
        dwp_tri designated_institution;
        dwp_opt_int assisted_this_year_fen;
        dwp_opt_int deductible_paid_this_year_fen;
    } medical;

    struct {
        bool present;
        uint8_t kind;            /* DWP_EMERG_* */
        int32_t occurred_region; /* 0 = absent */
        dwp_opt_int received_this_year_fen;
    } emergency;
} dwp_facts;

/*
 * Read SPEC §2 case JSON straight into *out (no intermediate tree). Strict: RFC 8259 plus no
 * duplicate keys, no unknown fields, nesting at most 64, integers exact and in range, dates
 * real, enumerations known, money within 0..DWP_MONEY_MAX, child.id_number checked (GB 11643
 * check digit, birth date equal to child.birth_date) and then forgotten.
 * Returns DWP_OK, or DWP_EPARSE (not JSON) / DWP_ESCHEMA (not a case) with the thread's last
 * error set, in `lang`, naming the field path and what was expected and found.
 * Region membership and date order (birth_date <= as_of) are checked by the engine.
 */
int dwp_facts_read_json(const char *json, size_t len, int lang, dwp_facts *out);

/* What JSON type the case field at a dotted path holds (DWP_FIELD_*), or -1 when no field has
 * that path. Dates, enumerations and region codes are strings. */
enum { DWP_FIELD_BOOL, DWP_FIELD_INT, DWP_FIELD_STRING, DWP_FIELD_OBJECT };
int dwp_case_field_kind(const char *path, size_t len);

/* The JSON of a typed case (case_builder.c), for the reader. */
struct dwp_case;
int dwp_case_builder_json(const struct dwp_case *c, char **out);

/* GB 11643-1999: 18 characters, 17 digits and a check character (0-9 or X) that matches.
 * *birth is set to the embedded birth date (characters 7..14) whenever the shape and that date
 * are valid, even when the check character is wrong, so callers can tell the two apart.
 * Returns true when the number is well-formed and its check character is right. */
bool dwp_id_number_valid(const char *s, size_t len, dwp_date *birth);

#endif
