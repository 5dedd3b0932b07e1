/* rules_fixture.h — helpers for tests that run regional rule files: temporary rules
 * directories, engines opened on them, timed evaluations, and reading a benefit's fields out of
 * a result document.
 *
 * Header-only (every function is static inline) because tests/test_*.c are built one file per
 * program: include it from each test that needs it. Nothing here asserts; the callers decide
 * what a failure means (a cmocka assert, or a counted check in a forked child). */
#ifndef DWP_TESTS_RULES_FIXTURE_H
#define DWP_TESTS_RULES_FIXTURE_H

/* mkdtemp, strdup, clock_gettime: the including file defines this before its first include. */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#error "define _POSIX_C_SOURCE 200809L before including rules_fixture.h (and any system header)"
#endif

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dwpolicy.h>

#include "json_dom.h"

/* ---- Cases used by several tests (SPEC §5a and the 成都 override, SPEC §5) -------------- */

/* SPEC §5a-1 in a region given by the caller: 17-year-old, seriously ill, 低保边缘, no income. */
#define RF_CASE_DIBAO(region)                                                                  \
    "{\"as_of\": \"2026-03-01\", \"region\": \"" region "\", \"area\": \"urban\","             \
    " \"child\": {\"birth_date\": \"2008-05-20\", \"serious_illness\": true,"                 \
    " \"monthly_income_fen\": 0}, \"household\": {\"status\": \"dibao_marginal\"}}"

/* A 19-year-old former orphan, full-time undergraduate, 特困 receiving 107400 a month; `within`
 * is the JSON literal for education.within_normal_duration. In 成都 the scattered-orphan
 * standard is 140000, so the province logic gives 140000 − 107400 = 32600; in 广元 it is the
 * provincial 120000, giving 12600 (SPEC §5a-2). */
#define RF_CASE_TOPUP(region, within)                                                          \
    "{\"as_of\": \"2026-03-01\", \"region\": \"" region "\", \"area\": \"urban\","             \
    " \"child\": {\"birth_date\": \"2006-05-01\", \"orphan\": true,"                          \
    " \"education\": {\"level\": \"undergraduate\", \"full_time\": true,"                     \
    " \"within_normal_duration\": " within "}},"                                              \
    " \"household\": {\"status\": \"tekun\", \"monthly_benefit_fen\": 107400}}"

/* SPEC §5a-2 exactly: 广元利州区, 2025-09-01. */
#define RF_CASE_5A2                                                                            \
    "{\"as_of\": \"2025-09-01\", \"region\": \"510802\", \"area\": \"urban\","                 \
    " \"child\": {\"birth_date\": \"2006-05-01\", \"orphan\": true,"                          \
    " \"education\": {\"level\": \"undergraduate\", \"full_time\": true}},"                   \
    " \"household\": {\"status\": \"tekun\", \"monthly_benefit_fen\": 107400}}"

/* SPEC §5a-3: 低保 child, 2,000,000 out of pocket at a designated institution → 1,400,000. */
#define RF_CASE_MEDICAL(region)                                                                \
    "{\"as_of\": \"2025-09-01\", \"region\": \"" region "\", \"area\": \"urban\","             \
    " \"child\": {\"birth_date\": \"2012-06-01\", \"orphan\": false,"                         \
    " \"de_facto_unsupported\": false}, \"household\": {\"status\": \"dibao\"},"              \
    " \"medical\": {\"policy_out_of_pocket_fen\": 2000000, \"designated_institution\": true," \
    " \"assisted_this_year_fen\": 0, \"deductible_paid_this_year_fen\": 0}}"

/* ---- Time ------------------------------------------------------------------------------ */

static inline int64_t rf_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- Files and directories ------------------------------------------------------------- */

/* Read a whole file; NULL when it cannot be read. *len (when not NULL) gets the size. The
 * buffer is NUL-terminated and released with free(). */
static inline char *rf_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
        if (cap - n - 1 == 0) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    bool err = ferror(f) != 0;
    fclose(f);
    if (!buf || err) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static inline bool rf_write_file(const char *dir, const char *name, const char *text, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(text, 1, len, f) == len;
    return (fclose(f) == 0) && ok;
}

/* A new empty directory under $TMPDIR (or /tmp); `out` gets its path. */
static inline bool rf_make_temp_dir(char *out, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(out, cap, "%s/dwp-rules-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(out) != NULL;
}

/* Copy every regular *.lua file of `src` into `dst`. */
static inline bool rf_copy_lua_files(const char *src, const char *dst)
{
    DIR *d = opendir(src);
    if (!d) return false;
    bool ok = true;
    struct dirent *ent;
    while (ok && (ent = readdir(d))) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".lua")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", src, ent->d_name);
        size_t len = 0;
        char *text = rf_read_file(path, &len);
        ok = text && rf_write_file(dst, ent->d_name, text, len);
        free(text);
    }
    closedir(d);
    return ok;
}

/* Remove a flat directory made by rf_make_temp_dir (files first). */
static inline void rf_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *ent;
        while ((ent = readdir(d))) {
            if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, "..")) continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* ---- Engines and evaluations ----------------------------------------------------------- */

/* Open an engine on `dir` (NULL: the embedded rules) with default options. */
static inline int rf_open(const char *dir, dwp_engine **out)
{
    return dwp_engine_open_opts(dir, NULL, out);
}

/* Evaluate a NUL-terminated case; *ns (when not NULL) gets the wall time of the call. */
static inline int rf_eval(dwp_engine *e, const char *json, char **result, int64_t *ns)
{
    *result = NULL;
    int64_t t0 = rf_now_ns();
    int rc = dwp_eval_json(e, json, strlen(json), result);
    if (ns) *ns = rf_now_ns() - t0;
    return rc;
}

/* A copy of a result with the ruleset digest blanked, so that results from engines with
 * different rule files can be compared byte for byte. Released with free(). */
static inline char *rf_without_digest(const char *json)
{
    char *copy = strdup(json ? json : "");
    if (!copy) return NULL;
    char *p = strstr(copy, "\"sha256\":\"");
    if (p) {
        p += strlen("\"sha256\":\"");
        while (*p && *p != '"') *p++ = '0';
    }
    return copy;
}

/* A copy of a result with every error text blanked (the "error" of each benefit and the texts
 * of the "errors" list), for comparing results whose only difference may be where a limit
 * struck. Released with free(). */
static inline char *rf_without_error_texts(const char *json)
{
    char *copy = rf_without_digest(json);
    if (!copy) return NULL;
    static const char *const keys[] = {"\"error\":\"", "\"text\":\""};
    for (int k = 0; k < 2; k++) {
        /* the second pass starts at the errors list, found after the first pass moved text */
        char *p = k == 0 ? copy : strstr(copy, "\"errors\":[");
        while (p && (p = strstr(p, keys[k]))) {
            p += strlen(keys[k]);
            char *w = p;
            while (*p && *p != '"') p += *p == '\\' && p[1] ? 2 : 1;
            /* close the gap: keep the quotes, drop the text */
            memmove(w, p, strlen(p) + 1);
            p = w + 1;
        }
    }
    return copy;
}

/* ---- Reading results ------------------------------------------------------------------- */

/* Parse a result strictly (valid UTF-8, no duplicate keys); NULL when it is not JSON. */
static inline jdom_value *rf_parse(const char *json, jdom_error *err)
{
    jdom_value *doc = NULL;
    if (!json || jdom_parse(json, strlen(json), &doc, err) != 0) return NULL;
    return doc;
}

/* The benefit with this id in a parsed result, or NULL. */
static inline const jdom_value *rf_benefit(const jdom_value *doc, const char *id)
{
    const jdom_value *list = jdom_get(doc, "benefits");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const char *bid = jdom_string(jdom_get(jdom_at(list, i), "id"));
        if (bid && !strcmp(bid, id)) return jdom_at(list, i);
    }
    return NULL;
}

/* Index of the benefit in the result's list, or -1. */
static inline int rf_benefit_index(const jdom_value *doc, const char *id)
{
    const jdom_value *list = jdom_get(doc, "benefits");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const char *bid = jdom_string(jdom_get(jdom_at(list, i), "id"));
        if (bid && !strcmp(bid, id)) return (int)i;
    }
    return -1;
}

/* A string field of a benefit ("" when absent or not a string, so it can go into printf). */
static inline const char *rf_field(const jdom_value *benefit, const char *field)
{
    const char *s = jdom_string(jdom_get(benefit, field));
    return s ? s : "";
}

/* amount_fen: the integer, or -1 when null or absent. */
static inline int64_t rf_amount(const jdom_value *benefit)
{
    const jdom_value *v = jdom_get(benefit, "amount_fen");
    return v && v->type == JDOM_INT ? v->u.integer : -1;
}

/* True when some reason has this code and ok, and its text contains `text`. */
static inline bool rf_has_reason(const jdom_value *benefit, const char *code, bool ok,
                                 const char *text)
{
    const jdom_value *list = jdom_get(benefit, "reasons");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const jdom_value *r = jdom_at(list, i);
        const jdom_value *okv = jdom_get(r, "ok");
        const char *c = jdom_string(jdom_get(r, "code"));
        const char *t = jdom_string(jdom_get(r, "text"));
        if (c && t && okv && okv->type == JDOM_BOOL && okv->u.boolean == ok && !strcmp(c, code) &&
            strstr(t, text))
            return true;
    }
    return false;
}

/* The params[] entry with this name, or NULL. */
static inline const jdom_value *rf_param(const jdom_value *benefit, const char *name)
{
    const jdom_value *list = jdom_get(benefit, "params");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const char *n = jdom_string(jdom_get(jdom_at(list, i), "name"));
        if (n && !strcmp(n, name)) return jdom_at(list, i);
    }
    return NULL;
}

/* True when missing[] lists this field. */
static inline bool rf_has_missing(const jdom_value *benefit, const char *field)
{
    const jdom_value *list = jdom_get(benefit, "missing");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const char *m = jdom_string(jdom_at(list, i));
        if (m && !strcmp(m, field)) return true;
    }
    return false;
}

/* How many benefits have status "error". */
static inline int rf_error_count(const jdom_value *doc)
{
    const jdom_value *list = jdom_get(doc, "benefits");
    int n = 0;
    for (size_t i = 0; i < jdom_count(list); i++)
        n += !strcmp(rf_field(jdom_at(list, i), "status"), "error");
    return n;
}

#endif
