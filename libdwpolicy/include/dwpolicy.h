/*
 * dwpolicy.h — the public interface of libdwpolicy.
 *
 * libdwpolicy decides which benefits and services a child in difficulty (困境儿童) is
 * entitled to under 四川省 川办发〔2025〕53号, how much money (in integer 分), on what legal
 * basis and why. Cases and results are JSON documents; their shapes are documented in
 * SPEC.md (§2 case, §3 result) and in README.md.
 *
 * If a function, type or constant is not declared in this file, it is not part of the API.
 *
 * Conventions
 *  - Every function returns 0 on success or a negative DWP_E* status; status values are never
 *    renumbered or reused.
 *  - What the library returns through a `char **` out-parameter belongs to the caller and is
 *    released with dwp_free(). Strings returned as `const char *` are borrowed.
 *  - The library never prints and never aborts the process.
 *  - Money is an int64 number of 分 (fen) everywhere; no floating point is used for money.
 *
 * Threads
 *  - A dwp_engine is immutable once dwp_engine_open() has returned. Any number of threads may
 *    call dwp_eval_json() and dwp_params_json() on the same engine at the same time.
 *  - dwp_engine_close() must not run concurrently with any other use of that engine.
 *  - dwp_last_error() is per thread: it describes the last failure on the calling thread.
 *
 * Personal data: a case's child.id_number is validated and then forgotten; it never appears in
 * a result, an error message or anything else the library produces.
 */
#ifndef DWPOLICY_H
#define DWPOLICY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(DWP_BUILDING_SHARED)
#define DWP_API __declspec(dllexport)
#elif defined(__GNUC__) && defined(DWP_BUILDING)
#define DWP_API __attribute__((visibility("default")))
#else
#define DWP_API
#endif

/* ---- Version ---------------------------------------------------------------------------- */

#define DWP_VERSION_MAJOR 1
#define DWP_VERSION_MINOR 0
#define DWP_VERSION_PATCH 0
#define DWP_VERSION_STRING "1.0.0"
/** MAJOR * 10000 + MINOR * 100 + PATCH, for compile-time comparisons. */
#define DWP_VERSION_NUMBER 10000

/** The version of the library actually loaded, e.g. "1.0.0". Static storage; thread-safe. */
DWP_API const char *dwp_version(void);

/** The same as DWP_VERSION_NUMBER of the library actually loaded. Thread-safe. */
DWP_API int32_t dwp_version_number(void);

/* ---- Status codes ----------------------------------------------------------------------- */

#define DWP_OK        0
#define DWP_EINVAL   -1 /* a NULL or out-of-range argument */
#define DWP_EPARSE   -2 /* the case is not well-formed JSON */
#define DWP_ESCHEMA  -3 /* well-formed JSON that breaks the case contract (field, type, value) */
#define DWP_ERULES   -4 /* a rule file or parameter is wrong, or a parameter has no value */
#define DWP_ESCRIPT  -5 /* a Lua rule raised an error while deciding a benefit */
#define DWP_ELIMIT   -6 /* a Lua rule exceeded its instruction budget or memory cap */
#define DWP_ENOMEM   -7 /* out of memory */
#define DWP_EIO      -8 /* a file or directory could not be read */

/** A fixed English description of a status code ("invalid argument", …). Never NULL; an
 *  unknown code gives "unknown status". Static storage; thread-safe. */
DWP_API const char *dwp_status_str(int32_t status);

/** The message of the last failure on the calling thread: it names the field, file, line or
 *  region concerned, e.g. `child.education.level: expected one of none, preschool, …; got
 *  "phd"`. Empty string when there was none. dwp_free(), dwp_status_str(), dwp_version() and
 *  the dwp_result_* accessors leave it as it is; it stays valid until another library call on this
 *  thread. Language: that of the engine's options (Chinese unless English was asked for);
 *  failures before an engine exists are in the language of the options given to open. */
DWP_API const char *dwp_last_error(void);

/* ---- Engine ----------------------------------------------------------------------------- */

/** An opaque, loaded set of rules and parameters. Immutable and shareable between threads. */
typedef struct dwp_engine dwp_engine;

#define DWP_LANG_ZH 0 /* 简体中文 (default) */
#define DWP_LANG_EN 1 /* English */

/**
 * Options for dwp_engine_open_opts(). Set struct_size to sizeof(dwp_options) and every field
 * you do not care about to 0 (memset): 0 always means the default. Fields are only ever
 * appended; the library reads only those covered by struct_size.
 */
typedef struct dwp_options {
    size_t struct_size;
    int32_t lang; /* DWP_LANG_ZH or DWP_LANG_EN: texts of results and error messages */
    int32_t reserved; /* 0 */
    /* Limits for regional rule code (Lua), far above what a legitimate rule needs. A rule
     * that exceeds one gets status "error" and the call returns DWP_ELIMIT. */
    int64_t rule_instructions; /* per rule call; 0: 10,000,000 */
    int64_t rule_memory_bytes; /* per Lua state; 0: 64 MiB */
    int64_t rule_time_ms;      /* per rule call, wall clock; 0: 500 */
} dwp_options;

/**
 * Load the rules: the embedded Sichuan default, with the `*.lua` files of rules_dir (when not
 * NULL) layered over it — a file for a region replaces the embedded file for that region, a
 * file for another region is added. Files are named after their region: `510100.lua`.
 *
 * On success *out is a new engine, released with dwp_engine_close(). On failure *out is NULL
 * and dwp_last_error() names the file, line and problem.
 * Errors: DWP_EINVAL (out is NULL), DWP_EIO (rules_dir unreadable), DWP_ERULES (a rule file
 * is wrong), DWP_ENOMEM. Thread-safe (each call builds its own engine).
 */
DWP_API int dwp_engine_open(const char *rules_dir, dwp_engine **out);

/** dwp_engine_open() with options; opts may be NULL for all defaults. DWP_EINVAL when
 *  opts->struct_size is smaller than the first version of the struct or a field is out of
 *  range. */
DWP_API int dwp_engine_open_opts(const char *rules_dir, const dwp_options *opts,
                                 dwp_engine **out);

/**
 * Check a rules directory as dwp_engine_open_opts() would load it, but report every problem
 * instead of stopping at the first (dwpolicy check). *report_json (released with dwp_free())
 * is `{"ok":true|false,"ruleset":{"name":…,"sha256":…},"files":[…],"local_rules":[{"id":…,
 * "region":…,"file":…,"line":…}],"overrides":[…same…],"problems":[{"file":…,"line":N,
 * "message":…}]}`. Returns 0 when the check ran, whatever it found; DWP_EINVAL, DWP_EIO
 * (directory unreadable) or DWP_ENOMEM otherwise. Thread-safe.
 */
DWP_API int dwp_rules_check(const char *rules_dir, const dwp_options *opts, char **report_json);

/**
 * The same report for an open engine, plus its registered host functions
 * (`"host_functions":[{"name":…,"signature":"b(si)"}]`); `"host_calls"` lists every
 * `host.NAME` the rule files call (file, line, registered or not), and `"ok"` is false when a
 * rule calls a host function that is not registered. dwp_rules_check() lists the calls too,
 * with an empty host_functions. Released with dwp_free(). Thread-safe.
 */
DWP_API int dwp_engine_check(dwp_engine *e, char **report_json);

/** Release an engine. NULL is a no-op. Must not run while another thread uses the engine. */
DWP_API void dwp_engine_close(dwp_engine *e);

/* ---- Host functions ---------------------------------------------------------------------- */

/**
 * Let rule code call a function of the application: `host.NAME(...)` in Lua (for data only
 * the platform has, e.g. an enrolment lookup against the education records).
 *
 * `signature` is "R(A…)" with one letter per type — i int64_t, d double, b bool as int32_t
 * 0/1, s const char * (UTF-8, NUL-terminated) — and at most 8 arguments, e.g. "b(si)". `fn` is
 * called through libffi as `R fn(A1, …, void *userdata)` (cast it to void (*)(void) here); a
 * returned string stays the host's and is copied at once (NULL becomes nil). Rule code cannot
 * replace a host function, and arguments that do not match the signature raise an error in
 * that rule (status "error") before `fn` is called. `fn` may be called from any thread that
 * evaluates, concurrently: make it thread-safe.
 *
 * Register before the first evaluation and before sharing the engine between threads; later
 * calls fail with DWP_EINVAL. Also DWP_EINVAL for a bad name ([a-z0-9_], not starting with a
 * digit, ≤ 64), a bad
 * signature or a name already registered; DWP_ENOMEM.
 */
DWP_API int dwp_engine_register_fn(dwp_engine *e, const char *name, const char *signature,
                                   void (*fn)(void), void *userdata);

/* ---- Evaluation ------------------------------------------------------------------------- */

/**
 * Evaluate one case (SPEC §2 JSON, `len` bytes, need not be NUL-terminated; NULL with len 0 is
 * empty input, DWP_EPARSE) into a result
 * (SPEC §3 JSON, NUL-terminated, released with dwp_free()).
 *
 * Returns 0 when every benefit was decided. On DWP_EPARSE / DWP_ESCHEMA / DWP_EINVAL
 * *result_json is NULL and dwp_last_error() names the field path and what was expected, e.g.
 * `child.birth_date: expected a date YYYY-MM-DD; got "2025-02-30"`. On DWP_ERULES (a
 * parameter has no value for the case's region and date), DWP_ESCRIPT and DWP_ELIMIT the
 * result is still returned: the benefits that could not be decided have status "error" with
 * the message, the others are decided as usual.
 * Thread-safe: many threads may evaluate on one engine at once.
 */
DWP_API int dwp_eval_json(dwp_engine *e, const char *case_json, size_t len,
                          char **result_json);

/**
 * Evaluate `count` cases in one call, each exactly as dwp_eval_json() would: for hosts whose
 * cost per foreign call is large beside an evaluation of a few µs (Python's ctypes, JNA). The
 * cases are back to back in `cases`: case i is the bytes from case_ends[i-1] (0 for the first)
 * to case_ends[i].
 *
 * On DWP_OK, *out is one buffer (released with dwp_free(), NUL-terminated) holding for each
 * case its result JSON and then its error message, back to back: out_ends[2i] is where the
 * result of case i ends and out_ends[2i+1] where its message ends (each starts where the
 * previous piece ended). statuses[i] is what dwp_eval_json() returned for case i; an empty
 * result means it gave none (e.g. DWP_EPARSE), an empty message means status 0. The message
 * is what dwp_last_error() said after that case.
 *
 * Returns DWP_EINVAL (NULL arguments, case_ends decreasing) or DWP_ENOMEM, with *out NULL and
 * nothing evaluated or kept; else DWP_OK, whatever the cases' statuses, with the last error
 * cleared. Thread-safe like dwp_eval_json(); the cases of one call run one after another.
 */
DWP_API int dwp_eval_json_batch(dwp_engine *e, size_t count, const char *cases,
                                const size_t *case_ends, char **out, size_t *out_ends,
                                int32_t *statuses);

/**
 * The parameters in effect for a region on a date, as JSON:
 * `{"region":"510104","as_of":"2026-03-01","region_chain":[…],"params":[{"name":…,"value":…,
 * "region":…,"from":…,"source":…,"confidence":…,"file":…}, …]}` in catalogue order. A
 * parameter with no value on that date is listed with `"value":null` and an `"error"` text.
 * Errors: DWP_EINVAL, DWP_ESCHEMA (region not in the list, date invalid). Released with
 * dwp_free(). Thread-safe.
 */
DWP_API int dwp_params_json(dwp_engine *e, const char *region, const char *as_of,
                            char **out);

/* ---- Typed cases and results (for C/C++ hosts that do not want JSON) ------------------- */

/** A case under construction: fields set by their SPEC §2 path. Not thread-safe (one thread at
 *  a time); evaluating it does not change it, so it can be evaluated again. */
typedef struct dwp_case dwp_case;

/** A new, empty case, released with dwp_case_free(). DWP_EINVAL, DWP_ENOMEM. */
DWP_API int dwp_case_new(dwp_case **out);
/** Release a case. NULL is a no-op. */
DWP_API void dwp_case_free(dwp_case *c);

/**
 * Set a field by its dotted path, e.g. dwp_case_set_int(c, "child.monthly_income_fen", 0),
 * dwp_case_set_str(c, "household.status", "dibao_marginal"), dwp_case_set_bool(c,
 * "child.orphan", 1), dwp_case_set_date(c, "as_of", 2026, 3, 1). Setting a field again
 * replaces it. A path that is not a field, or a setter of the wrong type for it, is
 * DWP_ESCHEMA at once (`child.educaton: unknown field`); values are checked when the case is
 * evaluated, with the same messages as the JSON reader (an unknown enumeration name, a date
 * that does not exist, an amount out of range). Strings are UTF-8 and copied.
 */
DWP_API int dwp_case_set_int(dwp_case *c, const char *path, int64_t value);
DWP_API int dwp_case_set_str(dwp_case *c, const char *path, const char *value);
DWP_API int dwp_case_set_bool(dwp_case *c, const char *path, int32_t value);
DWP_API int dwp_case_set_date(dwp_case *c, const char *path, int32_t year, int32_t month,
                              int32_t day);
/** Remove a field (absent again). DWP_ESCHEMA for an unknown path; 0 when it was not set. */
DWP_API int dwp_case_unset(dwp_case *c, const char *path);

/** The case as SPEC §2 JSON (what dwp_eval_json would be given), released with dwp_free(). */
DWP_API int dwp_case_to_json(const dwp_case *c, char **out);

/** An evaluated case: read through the accessors below. Immutable: any thread may read it. */
typedef struct dwp_result dwp_result;

/**
 * Evaluate a typed case. Return codes as dwp_eval_json(): on DWP_EPARSE / DWP_ESCHEMA /
 * DWP_EINVAL *out is NULL; on 0, DWP_ERULES, DWP_ESCRIPT and DWP_ELIMIT *out is the result.
 * The engine must outlive the result. Release with dwp_result_free(). Thread-safe.
 */
DWP_API int dwp_eval_case(dwp_engine *e, const dwp_case *c, dwp_result **out);
/** dwp_eval_json() into a result handle instead of a JSON string. */
DWP_API int dwp_eval_json_result(dwp_engine *e, const char *case_json, size_t len,
                                 dwp_result **out);
/** Release a result. NULL is a no-op. */
DWP_API void dwp_result_free(dwp_result *r);

/** The result as SPEC §3 JSON, byte-identical to dwp_eval_json(). Owned by the result. */
DWP_API const char *dwp_result_json(const dwp_result *r);

/* Benefit status, period and kind values of the accessors. */
#define DWP_BENEFIT_ELIGIBLE 0
#define DWP_BENEFIT_INELIGIBLE 1
#define DWP_BENEFIT_INDETERMINATE 2
#define DWP_BENEFIT_ERROR 3
#define DWP_PERIOD_MONTH 0
#define DWP_PERIOD_YEAR 1
#define DWP_PERIOD_ONCE 2
#define DWP_PERIOD_CLAIM 3
#define DWP_KIND_PAYMENT 0
#define DWP_KIND_CAP 1
#define DWP_KIND_WAIVER 2

/** Number of benefits in the result (the catalogue, then local rules). */
DWP_API size_t dwp_result_benefit_count(const dwp_result *r);
/** Index of the benefit with this id, or -1. */
DWP_API int32_t dwp_result_benefit_find(const dwp_result *r, const char *id);
/* Accessors of benefit i (0 ≤ i < count). Strings are owned by the result; an index out of
 * range gives NULL, -1 or DWP_EINVAL. Texts are in the engine's language. */
DWP_API const char *dwp_result_benefit_id(const dwp_result *r, size_t i);
DWP_API const char *dwp_result_benefit_title(const dwp_result *r, size_t i);
DWP_API int32_t dwp_result_benefit_status(const dwp_result *r, size_t i); /* DWP_BENEFIT_* */
/** The amount in fen when the benefit is eligible (0 when ineligible); DWP_EINVAL when it has
 *  none (indeterminate, error) or i is out of range. */
DWP_API int dwp_result_benefit_amount(const dwp_result *r, size_t i, int64_t *out);
DWP_API int32_t dwp_result_benefit_period(const dwp_result *r, size_t i); /* DWP_PERIOD_* */
DWP_API int32_t dwp_result_benefit_kind(const dwp_result *r, size_t i);   /* DWP_KIND_* */
DWP_API const char *dwp_result_benefit_basis(const dwp_result *r, size_t i);
DWP_API const char *dwp_result_benefit_decided_by(const dwp_result *r, size_t i);
DWP_API size_t dwp_result_reason_count(const dwp_result *r, size_t i);
DWP_API const char *dwp_result_reason_code(const dwp_result *r, size_t i, size_t k);
DWP_API const char *dwp_result_reason_text(const dwp_result *r, size_t i, size_t k);
/** 1 when reason k of benefit i is a condition met, 0 when not, -1 out of range. */
DWP_API int32_t dwp_result_reason_ok(const dwp_result *r, size_t i, size_t k);

/** Release what the library returned. NULL is a no-op. */
DWP_API void dwp_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* DWPOLICY_H */
