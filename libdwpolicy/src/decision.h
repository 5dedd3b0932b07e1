/* decision.h — the decision about one benefit for one case, and the helpers rules use to
 * build it: conditions (tri-state, so absent facts make a benefit indeterminate rather than
 * guessed), parameter reads (recorded with their provenance), reasons in both languages. */
#ifndef DWP_DECISION_H
#define DWP_DECISION_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "case.h"
#include "dwpolicy.h"
#include "params.h"
#include "regions.h"
#include "text.h"

typedef struct dwp_engine dwp_engine;

/* The public values (dwpolicy.h), so that accessors hand them out as they are. */
#define DWP_STATUS_ELIGIBLE DWP_BENEFIT_ELIGIBLE
#define DWP_STATUS_INELIGIBLE DWP_BENEFIT_INELIGIBLE
#define DWP_STATUS_INDETERMINATE DWP_BENEFIT_INDETERMINATE
#define DWP_STATUS_ERROR DWP_BENEFIT_ERROR

/* Services (SPEC §4), in the order they are listed in results. */
typedef enum dwp_service_id {
    DWP_SVC_MENTAL_HEALTH,
    DWP_SVC_GUARDIANSHIP,
    DWP_SVC_REHAB_SCREENING,
    DWP_SVC_PRESCHOOL,
    DWP_SVC_SCHOOL_ENROLLMENT,
    DWP_SVC_JUDICIAL_AID,
    DWP_SVC_FAMILY_EDUCATION,
    DWP_SVC_ADULT_TRANSITION,
    DWP_SVC_CROSS_REGION,
    DWP_SVC_APPLY_DIBAO,
    DWP_SERVICE_COUNT
} dwp_service_id;

/* A service: no money, something the child or family should be offered. */
typedef struct dwp_service {
    const char *id;
    dwp_text title;
    const char *basis;
    dwp_text text;
} dwp_service;
extern const dwp_service dwp_services[DWP_SERVICE_COUNT];
/* The services the facts of the case call for (those a benefit rule refers to are added
 * from its decision). */
struct dwp_eval;
uint32_t dwp_services_for_case(const struct dwp_eval *ev);

/* 困境儿童 categories (国发〔2016〕36号), as bits, in the order they are listed. */
enum {
    DWP_CAT_ORPHAN = 1u << 0,
    DWP_CAT_DE_FACTO_UNSUPPORTED = 1u << 1,
    DWP_CAT_POVERTY = 1u << 2,
    DWP_CAT_DISABILITY = 1u << 3,
    DWP_CAT_SERIOUS_ILLNESS = 1u << 4,
    DWP_CAT_GUARDIANSHIP = 1u << 5,
    DWP_CAT_CRIME_VICTIM = 1u << 6,
    /* listed, but not by themselves 困境儿童 */
    DWP_CAT_LEFT_BEHIND = 1u << 7,
    DWP_CAT_MIGRANT = 1u << 8,
};
#define DWP_CAT_DIFFICULTY_MASK 0x7Fu
#define DWP_CATEGORY_COUNT 9
const char *dwp_category_name(int bit_index);

#define DWP_MAX_REASONS 16
#define DWP_MAX_PARAMS_USED 16
#define DWP_MAX_MISSING 8

typedef struct dwp_reason {
    const char *code; /* static: "child.age", "household.status", … */
    const char *text; /* static or in the evaluation's arena */
    uint32_t text_len; /* strlen(text), known when it is added: writing needs no strlen */
    uint16_t code_len; /* strlen(code): the codes are literals, measured when compiled */
    bool ok;
    bool untrusted; /* text from rule code: must be escaped when written as JSON */
} dwp_reason;

/* Why a decision has status error: the call's return code follows from the worst. */
enum { DWP_ERRK_NONE, DWP_ERRK_RULES, DWP_ERRK_SCRIPT, DWP_ERRK_LIMIT };

struct dwp_benefit;

typedef struct dwp_decision {
    const struct dwp_benefit *benefit;
    int status;        /* DWP_STATUS_* */
    int64_t amount;    /* fen; meaningful when has_amount */
    bool has_amount;
    int32_t handling_region; /* code */
    int32_t decided_by;      /* code */
    uint32_t n_failed;       /* conditions found false */
    uint32_t n_reasons, n_params, n_missing;
    dwp_reason reasons[DWP_MAX_REASONS];
    const dwp_param_entry *params[DWP_MAX_PARAMS_USED];
    uint8_t param_ids[DWP_MAX_PARAMS_USED];
    const char *missing[DWP_MAX_MISSING]; /* field paths, static */
    const char *error;       /* status error: the message */
    uint8_t error_kind;      /* DWP_ERRK_* */
    const char *basis;       /* NULL: the benefit's own; else the basis as a rule gave it */
    uint32_t services;       /* bits of dwp_service_id this decision refers the child to */
} dwp_decision;

/* Per-evaluation scratch memory: everything allocated is released at the end of the call. */
typedef struct dwp_arena {
    char *block;
    size_t used, cap;
    struct dwp_arena_chunk *chunks; /* overflow blocks */
    bool failed;
} dwp_arena;

void dwp_arena_init(dwp_arena *a, char *initial, size_t cap);
void *dwp_arena_alloc(dwp_arena *a, size_t n); /* NULL on out of memory (a->failed set) */
void dwp_arena_release(dwp_arena *a);
/* Give back the tail of the latest allocation p, keeping n bytes. */
void dwp_arena_shrink_last(dwp_arena *a, void *p, size_t n);
/* Longest reason text, in bytes. */
#define DWP_REASON_MAX 512

/* What every benefit rule sees. */
typedef struct dwp_eval {
    const dwp_engine *engine;
    const dwp_facts *c;
    int lang;
    int32_t age;
    int chain[DWP_CHAIN_MAX]; /* region indices, case region first */
    int chain_len;
    /* Code of the chain's last region (the province): every decision starts as decided by
     * it, so it is looked up once per evaluation rather than once per decision. */
    int32_t default_decider;
    uint32_t categories; /* DWP_CAT_* */
    dwp_arena *arena;
    /* The decisions made so far in this evaluation, in catalogue order: a benefit that builds
     * on another (明天计划 on 医疗救助) reads its final decision, overrides included. */
    const struct dwp_decision *decided;
    size_t n_decided;
} dwp_eval;

/* Start a decision: eligible until a condition fails, handled in the case region, decided
 * by the province default. */
void dwp_decision_begin(const dwp_eval *ev, dwp_decision *d);

/* The functions that add a reason take its code with its length. The codes are string
 * literals, so the macros below pass strlen(code), which the compiler folds to a constant:
 * result writing then needs no strlen per reason. (A code that is not a literal still works,
 * measured at run time; the macros evaluate `code` twice, so it must have no side effects.) */
#define DWP_CODE_LEN(code) (code), (uint16_t)strlen(code)

/* Add a reason with a ready text of len bytes (0: measure it). */
void dwp_reason_put(dwp_decision *d, const char *code, uint16_t code_len, bool ok,
                    const char *text, uint32_t len);
void dwp_missing_add(dwp_decision *d, const char *field);

/* The functions that take a dwp_text are inline: a text from DWP_T is then never passed as a
 * struct, and its length is a constant. */

/* Add a reason with a ready text. */
static inline void dwp_reason_add_l(const dwp_eval *ev, dwp_decision *d, const char *code,
                                    uint16_t code_len, bool ok, dwp_text text)
{
    bool en = ev->lang == DWP_LANG_EN;
    dwp_reason_put(d, code, code_len, ok, en ? text.en : text.zh, en ? text.en_len : text.zh_len);
}
#define dwp_reason_add(ev, d, code, ...) dwp_reason_add_l((ev), (d), DWP_CODE_LEN(code), __VA_ARGS__)

/* Record a condition: YES adds reason `yes` (ok), NO adds `no` (not ok) and counts a failure,
 * UNKNOWN lists `field` as missing. Returns v. */
static inline dwp_tri dwp_cond_l(const dwp_eval *ev, dwp_decision *d, const char *code,
                                 uint16_t code_len, dwp_tri v, const char *field, dwp_text yes,
                                 dwp_text no)
{
    if (v == DWP_TRI_UNKNOWN) {
        dwp_missing_add(d, field);
    } else if (v == DWP_TRI_YES) {
        dwp_reason_add_l(ev, d, code, code_len, true, yes);
    } else {
        dwp_reason_add_l(ev, d, code, code_len, false, no);
        d->n_failed++;
    }
    return v;
}
#define dwp_cond(ev, d, code, ...) dwp_cond_l((ev), (d), DWP_CODE_LEN(code), __VA_ARGS__)

/* Add a reason; the formats take the same arguments in the same order. */
void dwp_reason_addf_l(const dwp_eval *ev, dwp_decision *d, const char *code, uint16_t code_len,
                       bool ok, const char *zh_fmt, const char *en_fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 8), format(printf, 7, 8)))
#endif
    ;
#define dwp_reason_addf(ev, d, code, ...) dwp_reason_addf_l((ev), (d), DWP_CODE_LEN(code), __VA_ARGS__)

/* Record a yes/no condition with a formatted reason; a false one counts as a failure. */
void dwp_check_l(const dwp_eval *ev, dwp_decision *d, const char *code, uint16_t code_len,
                 bool ok, const char *zh_fmt, const char *en_fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 8), format(printf, 7, 8)))
#endif
    ;
#define dwp_check(ev, d, code, ...) dwp_check_l((ev), (d), DWP_CODE_LEN(code), __VA_ARGS__)

/* The same with a ready text. */
static inline void dwp_check_text_l(const dwp_eval *ev, dwp_decision *d, const char *code,
                                    uint16_t code_len, bool ok, dwp_text text)
{
    dwp_reason_add_l(ev, d, code, code_len, ok, text);
    if (!ok) d->n_failed++;
}
#define dwp_check_text(ev, d, code, ...) dwp_check_text_l((ev), (d), DWP_CODE_LEN(code), __VA_ARGS__)

static inline dwp_tri dwp_tri_of(bool b) { return b ? DWP_TRI_YES : DWP_TRI_NO; }
/* Kleene "or": yes if either is yes, no if both are no, else unknown. */
static inline dwp_tri dwp_tri_or(dwp_tri a, dwp_tri b)
{
    if (a == DWP_TRI_YES || b == DWP_TRI_YES) return DWP_TRI_YES;
    if (a == DWP_TRI_NO && b == DWP_TRI_NO) return DWP_TRI_NO;
    return DWP_TRI_UNKNOWN;
}

/* Read a parameter for the case's region (or the chain of `region_index`, for a handling
 * region elsewhere) on the case's as_of, and record it in the decision. When it has no
 * value, sets the decision to status error with a message naming the parameter, region and
 * date, and returns false. */
bool dwp_param_read(const dwp_eval *ev, dwp_decision *d, dwp_param_id id, int64_t *value);
bool dwp_param_read_in(const dwp_eval *ev, dwp_decision *d, int region_index,
                       dwp_param_id id, int64_t *value);

/* Settle the status from the conditions: any failed → ineligible; else any missing →
 * indeterminate; else eligible. Does not touch an error status. Returns the status. */
int dwp_decision_settle(dwp_decision *d);

/* An eligible payment whose amount came out 0 from the case's own facts is not an
 * entitlement: make it ineligible with `why`. */
void dwp_decision_zero_is_ineligible(const dwp_eval *ev, dwp_decision *d, dwp_text why);

/* A benefit of the catalogue (SPEC §4). */
typedef struct dwp_benefit {
    const char *id;
    dwp_text title;
    const char *basis;
    uint8_t period; /* DWP_PERIOD_* */
    uint8_t kind;   /* DWP_KIND_* */
    bool discretionary;
    bool untrusted_text; /* title and basis come from a rule file: escape them in JSON */
    void (*decide)(const dwp_eval *ev, dwp_decision *d); /* NULL for local rules (Lua) */
} dwp_benefit;

extern const dwp_benefit dwp_catalogue[];
extern const size_t dwp_catalogue_count;

/* The benefit rules, one file per family (benefit_<family>.c). */
void dwp_decide_dibao_single_person(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_orphan_basic_living(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_orphan_adult_student_topup(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_relief_temporary(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_edu_living_subsidy(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_edu_grant(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_edu_tuition_waiver(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_medical_premium_subsidy(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_medical_assistance(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_medical_tomorrow_plan(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_rehab_disabled_child(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_employment_job_seeking_subsidy(const dwp_eval *ev, dwp_decision *d);
void dwp_decide_housing_support(const dwp_eval *ev, dwp_decision *d);

/* Shared tests of the case, used by several rules (rule_facts.c). Each records its reason
 * (or its missing fields) in d and counts a failure when false. */
/* Orphan or de facto unsupported (事实无人抚养), reason code "child.orphan". */
dwp_tri dwp_fact_orphan_like(const dwp_eval *ev, dwp_decision *d);
/* A 困境儿童 (any of the seven categories), reason code "child.categories"; unknown while a
 * fact that could add a category is absent. */
dwp_tri dwp_fact_in_difficulty(const dwp_eval *ev, dwp_decision *d);
/* A 困境儿童 in economic difficulty (教育资助): 低保/低保边缘/特困 family, orphan, de facto
 * unsupported, or disabled; reason code "child.difficulty". */
dwp_tri dwp_fact_economic_difficulty(const dwp_eval *ev, dwp_decision *d);
/* The child's education level is one of `levels` (a 0-terminated list), reason code
 * "child.education"; absent education is missing child.education.level. */
dwp_tri dwp_fact_level_in(const dwp_eval *ev, dwp_decision *d, const uint8_t *levels);
/* Education levels after DWP_LEVEL_UNSET, in DWP_LEVEL_* order, as X(zh, en). The names are
 * literals so that a reason naming a level is one literal too, e.g.
 *     #define STUDYING(zh, en) DWP_T_INIT("就读阶段：" zh, "studying: " en),
 *     static const dwp_text studying[] = {DWP_T_INIT("", ""), DWP_LEVEL_NAMES(STUDYING)};
 * a table the compiler builds, indexed by the level: nothing to format per case. */
#define DWP_LEVEL_NAMES(X)                                                                        \
    X("未入学", "not in education")                                                               \
    X("学前教育", "preschool")                                                                    \
    X("小学", "primary school")                                                                   \
    X("初中", "junior secondary school")                                                          \
    X("普通高中", "ordinary senior high school")                                                  \
    X("中职（含技工）", "secondary vocational school")                                            \
    X("高职（大专）", "higher vocational college")                                                \
    X("本科", "undergraduate study")                                                              \
    X("硕士研究生", "a master's programme")                                                       \
    X("博士研究生", "a doctoral programme")

/* Reasons about the child's age are in most decisions. A wording is written once, as a macro
 * W(n) of the age n given as a string literal that yields the zh and en texts, e.g.
 *     #define UNDER_16(n) n " 周岁，未满 16 周岁", "aged " n ", under 16"
 * dwp_check_age() then takes the text for ages 0 to DWP_AGE_TABULATED from a table the
 * compiler builds from W("0") … W("25"), and formats only older ages, with W("%d"). */
#define DWP_AGE_TABULATED 25
#define DWP_AGE_ROW_(...) DWP_T_INIT(__VA_ARGS__)
#define DWP_AGE_TEXTS(W)                                                                          \
    {DWP_AGE_ROW_(W("0")),  DWP_AGE_ROW_(W("1")),  DWP_AGE_ROW_(W("2")),  DWP_AGE_ROW_(W("3")),   \
     DWP_AGE_ROW_(W("4")),  DWP_AGE_ROW_(W("5")),  DWP_AGE_ROW_(W("6")),  DWP_AGE_ROW_(W("7")),   \
     DWP_AGE_ROW_(W("8")),  DWP_AGE_ROW_(W("9")),  DWP_AGE_ROW_(W("10")), DWP_AGE_ROW_(W("11")),  \
     DWP_AGE_ROW_(W("12")), DWP_AGE_ROW_(W("13")), DWP_AGE_ROW_(W("14")), DWP_AGE_ROW_(W("15")),  \
     DWP_AGE_ROW_(W("16")), DWP_AGE_ROW_(W("17")), DWP_AGE_ROW_(W("18")), DWP_AGE_ROW_(W("19")),  \
     DWP_AGE_ROW_(W("20")), DWP_AGE_ROW_(W("21")), DWP_AGE_ROW_(W("22")), DWP_AGE_ROW_(W("23")),  \
     DWP_AGE_ROW_(W("24")), DWP_AGE_ROW_(W("25"))}
/* Record the age condition `ok` (reason code "child.age") in the wording W. */
#define dwp_check_age(ev, d, ok, W)                                                               \
    do {                                                                                          \
        static const dwp_text age_texts_[DWP_AGE_TABULATED + 1] = DWP_AGE_TEXTS(W);               \
        if ((ev)->age >= 0 && (ev)->age <= DWP_AGE_TABULATED)                                     \
            dwp_check_text((ev), (d), "child.age", (ok), age_texts_[(ev)->age]);                  \
        else                                                                                      \
            dwp_check((ev), (d), "child.age", (ok), W("%d"), (int)(ev)->age);                     \
    } while (0)
/* Wordings several rules share. */
#define DWP_AGE_UNDER_18(n) n " 周岁，未满 18 周岁", "aged " n ", under 18"

/* A money amount is a placeholder 0 (the local figure is not set): eligible, with a reason
 * saying so; the placeholder warning follows from the parameter's confidence. */
void dwp_amount_to_be_set_locally(const dwp_eval *ev, dwp_decision *d, const char *param);

#endif
