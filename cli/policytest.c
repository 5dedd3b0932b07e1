/* policytest.c — runs policy test files (format in policytest.h) against an engine.
 *
 * A file is read and checked whole before any of its tests runs: a file with a typo in an
 * expectation is reported as broken rather than half-run, so "0 failed" always means every
 * expectation in it was compared. Only the public API of dwpolicy.h is used, so the runner
 * checks exactly what a platform vendor would see. */
#include "policytest.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json_dom.h"

#define PATH_MAX_TEXT 512

/* ---- status names ----------------------------------------------------------------------- */

static const struct {
    const char *name;
    int code;
} status_names[] = {
    {"DWP_OK", DWP_OK},         {"DWP_EINVAL", DWP_EINVAL}, {"DWP_EPARSE", DWP_EPARSE},
    {"DWP_ESCHEMA", DWP_ESCHEMA}, {"DWP_ERULES", DWP_ERULES}, {"DWP_ESCRIPT", DWP_ESCRIPT},
    {"DWP_ELIMIT", DWP_ELIMIT}, {"DWP_ENOMEM", DWP_ENOMEM}, {"DWP_EIO", DWP_EIO},
};
#define N_STATUS (sizeof status_names / sizeof status_names[0])

static bool status_parse(const char *name, int *code)
{
    for (size_t i = 0; i < N_STATUS; i++) {
        if (strcmp(status_names[i].name, name) == 0) {
            *code = status_names[i].code;
            return true;
        }
    }
    return false;
}

/* Print a status as the name a test file would use, e.g. "DWP_ERULES". */
static void print_status(FILE *f, int code)
{
    for (size_t i = 0; i < N_STATUS; i++) {
        if (status_names[i].code == code) {
            fprintf(f, "\"%s\"", status_names[i].name);
            return;
        }
    }
    fprintf(f, "%d (%s)", code, dwp_status_str(code));
}

/* Concatenate the NULL-terminated parts into out, cutting at cap: a path in a message. */
static void join(char *out, size_t cap, const char *const *parts)
{
    size_t n = 0;
    for (; *parts != NULL; parts++)
        for (const char *c = *parts; *c != '\0' && n + 1 < cap; c++)
            out[n++] = *c;
    out[n] = '\0';
}
#define JOIN(out, ...) join((out), sizeof(out), (const char *const[]){__VA_ARGS__, NULL})

/* ---- checking the file's shape ---------------------------------------------------------- */

typedef struct checker {
    FILE *report;
    const char *label;
} checker;

/* Report that the file is broken at line:col of `at`. Returns DWP_ESCHEMA. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static int broken_at(const checker *ck, int line, int col, const char *where, const char *fmt,
                     ...)
{
    va_list ap;
    fprintf(ck->report, "%s:%d:%d: %s: ", ck->label, line, col, where);
    va_start(ap, fmt);
    vfprintf(ck->report, fmt, ap);
    va_end(ap);
    fputc('\n', ck->report);
    return DWP_ESCHEMA;
}

#define BROKEN(ck, v, where, ...) broken_at((ck), (v)->line, (v)->col, (where), __VA_ARGS__)

static int need_type(const checker *ck, const jdom_value *v, jdom_type t, const char *where)
{
    if (v->type == t)
        return 0;
    return BROKEN(ck, v, where, "expected %s, found %s", jdom_type_name(t),
                  jdom_type_name(v->type));
}

/* Every key of object v must be in `allowed` (NULL-terminated). */
static int check_keys(const checker *ck, const jdom_value *v, const char *where,
                      const char *const *allowed)
{
    for (size_t i = 0; i < v->u.obj.count; i++) {
        const jdom_member *m = &v->u.obj.members[i];
        bool known = false;
        for (size_t k = 0; allowed[k] != NULL && !known; k++)
            known = strlen(allowed[k]) == m->key_len && strcmp(allowed[k], m->key) == 0;
        if (!known) {
            char list[PATH_MAX_TEXT] = "";
            for (size_t k = 0; allowed[k] != NULL; k++) {
                if (k > 0)
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
                strncat(list, allowed[k], sizeof list - strlen(list) - 1);
            }
            return broken_at(ck, m->line, m->col, where,
                             "unknown key \"%.80s\" (expected one of: %s)", m->key, list);
        }
    }
    return 0;
}

/* An array whose items are all strings. */
static int need_string_list(const checker *ck, const jdom_value *v, const char *where)
{
    if (need_type(ck, v, JDOM_ARRAY, where) != 0)
        return DWP_ESCHEMA;
    for (size_t i = 0; i < v->u.arr.count; i++)
        if (need_type(ck, v->u.arr.items[i], JDOM_STRING, where) != 0)
            return DWP_ESCHEMA;
    return 0;
}

/* An object whose members are all of type t; `where` names it, and a member is named as
 * where.key. */
static int need_object_of(const checker *ck, const jdom_value *v, jdom_type t, const char *where)
{
    if (need_type(ck, v, JDOM_OBJECT, where) != 0)
        return DWP_ESCHEMA;
    for (size_t i = 0; i < v->u.obj.count; i++) {
        char sub[PATH_MAX_TEXT];
        JOIN(sub, where, ".", v->u.obj.members[i].key);
        if (need_type(ck, v->u.obj.members[i].value, t, sub) != 0)
            return DWP_ESCHEMA;
    }
    return 0;
}

static const char *const benefit_keys[] = {
    "status", "amount_fen", "title", "basis", "period", "kind", "discretionary",
    "decided_by", "handling_region", "missing", "params", "reasons", NULL};

static int check_benefit(const checker *ck, const jdom_value *b, const char *where)
{
    static const char *const statuses[] = {"eligible", "ineligible", "indeterminate", "error"};
    char sub[PATH_MAX_TEXT];
    const jdom_value *v;

    if (need_type(ck, b, JDOM_OBJECT, where) != 0 || check_keys(ck, b, where, benefit_keys) != 0)
        return DWP_ESCHEMA;
    if ((v = jdom_get(b, "status")) != NULL) {
        bool ok = false;
        for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
            ok = ok || (v->type == JDOM_STRING && strcmp(v->u.str.text, statuses[i]) == 0);
        if (!ok) {
            JOIN(sub, where, ".status");
            return BROKEN(ck, v, sub, "expected one of \"eligible\", \"ineligible\", "
                                      "\"indeterminate\", \"error\"");
        }
    }
    if ((v = jdom_get(b, "missing")) != NULL) {
        JOIN(sub, where, ".missing");
        if (need_string_list(ck, v, sub) != 0)
            return DWP_ESCHEMA;
    }
    if ((v = jdom_get(b, "params")) != NULL) {
        JOIN(sub, where, ".params");
        if (need_object_of(ck, v, JDOM_OBJECT, sub) != 0)
            return DWP_ESCHEMA;
    }
    if ((v = jdom_get(b, "reasons")) != NULL) {
        JOIN(sub, where, ".reasons");
        if (need_object_of(ck, v, JDOM_BOOL, sub) != 0)
            return DWP_ESCHEMA;
    }
    return 0;
}

static int check_expect(const checker *ck, const jdom_value *x, const char *where)
{
    static const char *const keys[] = {"benefits", "services", "categories", "age",
                                       "region_chain", "warnings", "status_code", "error",
                                       NULL};
    static const char *const error_keys[] = {"status", "message_contains", NULL};
    char sub[PATH_MAX_TEXT];
    const jdom_value *v;
    int code;

    if (need_type(ck, x, JDOM_OBJECT, where) != 0 || check_keys(ck, x, where, keys) != 0)
        return DWP_ESCHEMA;
    if ((v = jdom_get(x, "benefits")) != NULL) {
        JOIN(sub, where, ".benefits");
        if (need_type(ck, v, JDOM_OBJECT, sub) != 0)
            return DWP_ESCHEMA;
        for (size_t i = 0; i < v->u.obj.count; i++) {
            JOIN(sub, where, ".benefits.", v->u.obj.members[i].key);
            if (check_benefit(ck, v->u.obj.members[i].value, sub) != 0)
                return DWP_ESCHEMA;
        }
    }
    static const char *const lists[] = {"services", "categories", "region_chain", "warnings"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        if ((v = jdom_get(x, lists[i])) != NULL) {
            JOIN(sub, where, ".", lists[i]);
            if (need_string_list(ck, v, sub) != 0)
                return DWP_ESCHEMA;
        }
    }
    if ((v = jdom_get(x, "age")) != NULL) {
        JOIN(sub, where, ".age");
        if (need_type(ck, v, JDOM_INT, sub) != 0)
            return DWP_ESCHEMA;
    }
    if ((v = jdom_get(x, "status_code")) != NULL) {
        JOIN(sub, where, ".status_code");
        if (need_type(ck, v, JDOM_STRING, sub) != 0)
            return DWP_ESCHEMA;
        if (!status_parse(v->u.str.text, &code))
            return BROKEN(ck, v, sub, "unknown status \"%.40s\" (use a name from dwpolicy.h, "
                                      "e.g. \"DWP_ERULES\")", v->u.str.text);
    }
    if ((v = jdom_get(x, "error")) != NULL) {
        const jdom_value *s, *m;
        JOIN(sub, where, ".error");
        if (need_type(ck, v, JDOM_OBJECT, sub) != 0 || check_keys(ck, v, sub, error_keys) != 0)
            return DWP_ESCHEMA;
        /* A failed evaluation has no result, so nothing else can be compared with it. */
        if (x->u.obj.count != 1)
            return BROKEN(ck, v, sub, "\"error\" cannot be combined with other expectations "
                                      "(a failed evaluation has no result)");
        s = jdom_get(v, "status");
        if (s == NULL)
            return BROKEN(ck, v, sub, "\"status\" is required (e.g. \"DWP_ESCHEMA\")");
        JOIN(sub, where, ".error.status");
        if (need_type(ck, s, JDOM_STRING, sub) != 0)
            return DWP_ESCHEMA;
        if (!status_parse(s->u.str.text, &code) || code == DWP_OK)
            return BROKEN(ck, s, sub, "expected a failure status from dwpolicy.h (e.g. "
                                      "\"DWP_ESCHEMA\"), found \"%.40s\"", s->u.str.text);
        if ((m = jdom_get(v, "message_contains")) != NULL) {
            JOIN(sub, where, ".error.message_contains");
            if (need_type(ck, m, JDOM_STRING, sub) != 0)
                return DWP_ESCHEMA;
        }
    }
    return 0;
}

static int check_test(const checker *ck, const jdom_value *t, size_t index)
{
    static const char *const keys[] = {"name", "note", "case", "case_text", "expect", NULL};
    char where[64];
    const jdom_value *name, *c, *ct, *x, *note;

    snprintf(where, sizeof where, "test %zu", index + 1);
    if (need_type(ck, t, JDOM_OBJECT, where) != 0 || check_keys(ck, t, where, keys) != 0)
        return DWP_ESCHEMA;
    name = jdom_get(t, "name");
    if (name == NULL)
        return BROKEN(ck, t, where, "\"name\" is required");
    if (need_type(ck, name, JDOM_STRING, where) != 0)
        return DWP_ESCHEMA;
    if (name->u.str.len == 0)
        return BROKEN(ck, name, where, "\"name\" must not be empty");
    if ((note = jdom_get(t, "note")) != NULL && need_type(ck, note, JDOM_STRING, where) != 0)
        return DWP_ESCHEMA;
    c = jdom_get(t, "case");
    ct = jdom_get(t, "case_text");
    if ((c == NULL) == (ct == NULL))
        return BROKEN(ck, t, where, "give exactly one of \"case\" and \"case_text\"");
    if (ct != NULL && need_type(ck, ct, JDOM_STRING, where) != 0)
        return DWP_ESCHEMA;
    /* "case" may be any JSON value: a case that is not an object is itself a useful test. */
    x = jdom_get(t, "expect");
    if (x == NULL)
        return BROKEN(ck, t, where, "\"expect\" is required");
    snprintf(where, sizeof where, "test %zu: expect", index + 1);
    return check_expect(ck, x, where);
}

/* ---- running one test ------------------------------------------------------------------- */

typedef struct run {
    FILE *report;
    const char *label;
    const jdom_value *name;
    int failures;
} run;

static void begin_line(run *r)
{
    fprintf(r->report, "%s: ", r->label);
    jdom_print(r->report, r->name);
    fputs(": ", r->report);
    r->failures++;
}

/* A problem that is not a comparison: "label: "name": text". */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void problem(run *r, const char *fmt, ...)
{
    va_list ap;
    begin_line(r);
    va_start(ap, fmt);
    vfprintf(r->report, fmt, ap);
    va_end(ap);
    fputc('\n', r->report);
}

static void mismatch(run *r, const char *path, const jdom_value *expected, const jdom_value *got)
{
    begin_line(r);
    fprintf(r->report, "%s: expected ", path);
    jdom_print(r->report, expected);
    fputs(", got ", r->report);
    if (got == NULL)
        fputs("nothing (no such field in the result)", r->report);
    else
        jdom_print(r->report, got);
    fputc('\n', r->report);
}

/* Expected null also matches an absent field: a result may leave out what does not apply. */
static void compare(run *r, const char *path, const jdom_value *expected, const jdom_value *got)
{
    if (got == NULL && expected->type == JDOM_NULL)
        return;
    if (!jdom_equal(expected, got))
        mismatch(r, path, expected, got);
}

/* Collect the string `field` of every object in array `arr` (for service ids, warning codes);
 * a bare string item counts as itself. Returns the count; *out is malloc'd (NULL if none). */
static size_t collect(const jdom_value *arr, const char *field, const jdom_value ***out)
{
    size_t n = 0, total = jdom_count(arr);
    *out = NULL;
    if (arr == NULL || arr->type != JDOM_ARRAY || total == 0)
        return 0;
    *out = malloc(total * sizeof **out);
    if (*out == NULL)
        return 0;
    for (size_t i = 0; i < total; i++) {
        const jdom_value *item = jdom_at(arr, i);
        const jdom_value *s = field != NULL && item->type == JDOM_OBJECT ? jdom_get(item, field)
                                                                         : item;
        if (s != NULL && s->type == JDOM_STRING)
            (*out)[n++] = s;
    }
    return n;
}

static void print_list(FILE *f, const jdom_value *const *items, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc(',', f);
        jdom_print(f, items[i]);
    }
    fputc(']', f);
}

/* The same strings, each as often, in any order. */
static bool same_multiset(const jdom_value *expected, const jdom_value *const *got, size_t n)
{
    size_t m = jdom_count(expected);
    bool used[64] = {false};
    if (m != n)
        return false;
    if (n > sizeof used / sizeof used[0])
        return false; /* far beyond any real list; report as a difference */
    for (size_t i = 0; i < m; i++) {
        bool found = false;
        for (size_t j = 0; j < n && !found; j++) {
            if (!used[j] && jdom_equal(jdom_at(expected, i), got[j]))
                used[j] = found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

static void compare_set(run *r, const char *path, const jdom_value *expected,
                        const jdom_value *arr, const char *field)
{
    const jdom_value **got;
    size_t n = collect(arr, field, &got);
    if (!same_multiset(expected, got, n)) {
        begin_line(r);
        fprintf(r->report, "%s: expected ", path);
        jdom_print(r->report, expected);
        fputs(" (in any order), got ", r->report);
        print_list(r->report, got, n);
        fputc('\n', r->report);
    }
    free(got);
}

/* The item of array `arr` whose string member `field` equals `value`. */
static const jdom_value *find_by(const jdom_value *arr, const char *field, const char *value,
                                 size_t value_len)
{
    for (size_t i = 0; i < jdom_count(arr); i++) {
        const jdom_value *s = jdom_get(jdom_at(arr, i), field);
        if (s != NULL && s->type == JDOM_STRING && s->u.str.len == value_len &&
            memcmp(s->u.str.text, value, value_len) == 0)
            return jdom_at(arr, i);
    }
    return NULL;
}

static void compare_benefit(run *r, const char *id, const jdom_value *expected,
                            const jdom_value *benefits)
{
    char path[PATH_MAX_TEXT];
    const jdom_value *got = find_by(benefits, "id", id, strlen(id));
    int before = r->failures;

    if (got == NULL) {
        problem(r, "benefits.%s: no such benefit in the result", id);
        return;
    }
    for (size_t i = 0; i < expected->u.obj.count; i++) {
        const jdom_member *m = &expected->u.obj.members[i];
        JOIN(path, "benefits.", id, ".", m->key);
        if (strcmp(m->key, "missing") == 0) {
            compare_set(r, path, m->value, jdom_get(got, "missing"), NULL);
        } else if (strcmp(m->key, "params") == 0) {
            const jdom_value *params = jdom_get(got, "params");
            for (size_t p = 0; p < m->value->u.obj.count; p++) {
                const jdom_member *pm = &m->value->u.obj.members[p];
                const jdom_value *gp = find_by(params, "name", pm->key, pm->key_len);
                if (gp == NULL) {
                    problem(r, "benefits.%s.params.%s: the rule did not read this parameter",
                            id, pm->key);
                    continue;
                }
                for (size_t f = 0; f < pm->value->u.obj.count; f++) {
                    const jdom_member *fm = &pm->value->u.obj.members[f];
                    JOIN(path, "benefits.", id, ".params.", pm->key, ".", fm->key);
                    compare(r, path, fm->value, jdom_get(gp, fm->key));
                }
            }
        } else if (strcmp(m->key, "reasons") == 0) {
            const jdom_value *reasons = jdom_get(got, "reasons");
            for (size_t k = 0; k < m->value->u.obj.count; k++) {
                const jdom_member *rm = &m->value->u.obj.members[k];
                const jdom_value *gr = find_by(reasons, "code", rm->key, rm->key_len);
                if (gr == NULL) {
                    problem(r, "benefits.%s.reasons.%s: no reason with this code", id, rm->key);
                    continue;
                }
                JOIN(path, "benefits.", id, ".reasons.", rm->key, ".ok");
                compare(r, path, rm->value, jdom_get(gr, "ok"));
            }
        } else {
            compare(r, path, m->value, jdom_get(got, m->key));
        }
    }
    /* Show the whole decision once, so the reader sees why without re-running the case. */
    if (r->failures > before) {
        fputs("    the result's benefit: ", r->report);
        jdom_print(r->report, got);
        fputc('\n', r->report);
    }
}

static void compare_result(run *r, const jdom_value *x, const jdom_value *res)
{
    const jdom_value *v;
    static const char *const fields[] = {"age", "categories", "region_chain"};

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if ((v = jdom_get(x, fields[i])) != NULL)
            compare(r, fields[i], v, jdom_get(res, fields[i]));
    if ((v = jdom_get(x, "services")) != NULL)
        compare_set(r, "services", v, jdom_get(res, "services"), "id");
    if ((v = jdom_get(x, "warnings")) != NULL) {
        const jdom_value **codes;
        size_t n = collect(jdom_get(res, "warnings"), "code", &codes);
        for (size_t i = 0; i < v->u.arr.count; i++) {
            bool found = false;
            for (size_t j = 0; j < n && !found; j++)
                found = jdom_equal(v->u.arr.items[i], codes[j]);
            if (!found) {
                begin_line(r);
                fputs("warnings: expected ", r->report);
                jdom_print(r->report, v->u.arr.items[i]);
                fputs(" among the warnings, got ", r->report);
                print_list(r->report, codes, n);
                fputc('\n', r->report);
            }
        }
        free(codes);
    }
    if ((v = jdom_get(x, "benefits")) != NULL)
        for (size_t i = 0; i < v->u.obj.count; i++)
            compare_benefit(r, v->u.obj.members[i].key, v->u.obj.members[i].value,
                            jdom_get(res, "benefits"));
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s != NULL ? s : "");
    char *p = malloc(n + 1);
    if (p != NULL)
        memcpy(p, s != NULL ? s : "", n + 1);
    return p;
}

/* Run one (already checked) test; true when it passed. */
static bool run_test(dwp_engine *e, FILE *report, const char *label, const jdom_value *t,
                     const char *file_text)
{
    run r = {report, label, jdom_get(t, "name"), 0};
    const jdom_value *c = jdom_get(t, "case"), *x = jdom_get(t, "expect");
    const jdom_value *want_error = jdom_get(x, "error"), *want_code = jdom_get(x, "status_code");
    const char *text;
    size_t len;
    char *result = NULL;
    char *message;
    int rc, expected_rc = DWP_OK;

    if (c != NULL) {
        /* The case exactly as written in the file, so the engine sees the author's bytes. */
        text = file_text + c->start;
        len = c->end - c->start;
    } else {
        const jdom_value *ct = jdom_get(t, "case_text");
        text = ct->u.str.text;
        len = ct->u.str.len;
    }
    rc = dwp_eval_json(e, text, len, &result);
    /* dwp_last_error() is only valid until the next library call: keep a copy. */
    message = copy_string(dwp_last_error());

    if (want_error != NULL) {
        const jdom_value *ws = jdom_get(want_error, "status");
        const jdom_value *wm = jdom_get(want_error, "message_contains");
        status_parse(ws->u.str.text, &expected_rc);
        if (rc != expected_rc) {
            begin_line(&r);
            fputs("error.status: expected ", report);
            print_status(report, expected_rc);
            fputs(", got ", report);
            print_status(report, rc);
            if (rc != DWP_OK)
                fprintf(report, " (%s)", message != NULL ? message : "");
            fputc('\n', report);
        } else if (wm != NULL && (message == NULL || strstr(message, wm->u.str.text) == NULL)) {
            begin_line(&r);
            fputs("error.message_contains: expected the message to contain ", report);
            jdom_print(report, wm);
            fprintf(report, ", got \"%s\"\n", message != NULL ? message : "");
        }
        goto done;
    }

    if (want_code != NULL)
        status_parse(want_code->u.str.text, &expected_rc);
    if (rc != expected_rc) {
        begin_line(&r);
        fputs("status_code: expected ", report);
        print_status(report, expected_rc);
        fputs(", got ", report);
        print_status(report, rc);
        if (rc != DWP_OK)
            fprintf(report, " (%s)", message != NULL ? message : "");
        fputc('\n', report);
    }
    if (result == NULL) {
        if (rc == expected_rc) /* a status without its promised result */
            problem(&r, "dwp_eval_json returned no result");
        goto done;
    }
    {
        jdom_value *res = NULL;
        jdom_error err;
        if (jdom_parse(result, strlen(result), &res, &err) != 0)
            problem(&r, "the result is not valid JSON (%d:%d: %s)", err.line, err.col,
                    err.message);
        else if (res->type != JDOM_OBJECT)
            problem(&r, "the result is %s, not an object", jdom_type_name(res->type));
        else
            compare_result(&r, x, res);
        jdom_free(res);
    }

done:
    dwp_free(result);
    free(message);
    return r.failures == 0;
}

/* ---- files ------------------------------------------------------------------------------ */

int dwp_ptest_run_text(dwp_engine *e, const char *label, const char *text, size_t len,
                       FILE *report, dwp_ptest_counts *counts)
{
    checker ck = {report, label};
    jdom_value *doc = NULL;
    jdom_error err;
    const jdom_value *const *tests;
    const jdom_value *one;
    size_t n;
    int rc;

    rc = jdom_parse(text, len, &doc, &err);
    if (rc != 0) {
        fprintf(report, "%s:%d:%d: %s\n", label, err.line, err.col, err.message);
        return rc == -2 ? DWP_ENOMEM : DWP_EPARSE;
    }
    if (doc->type == JDOM_ARRAY) {
        tests = (const jdom_value *const *)doc->u.arr.items;
        n = doc->u.arr.count;
        if (n == 0) {
            BROKEN(&ck, doc, "file", "no tests (an empty array)");
            jdom_free(doc);
            return DWP_ESCHEMA;
        }
    } else if (doc->type == JDOM_OBJECT) {
        one = doc;
        tests = &one;
        n = 1;
    } else {
        BROKEN(&ck, doc, "file", "expected a test object or an array of them, found %s",
               jdom_type_name(doc->type));
        jdom_free(doc);
        return DWP_ESCHEMA;
    }
    for (size_t i = 0; i < n; i++) {
        if (check_test(&ck, tests[i], i) != 0) {
            jdom_free(doc);
            return DWP_ESCHEMA;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (run_test(e, report, label, tests[i], text))
            counts->passed++;
        else
            counts->failed++;
    }
    jdom_free(doc);
    return 0;
}

int dwp_ptest_run_file(dwp_engine *e, const char *path, FILE *report, dwp_ptest_counts *counts)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0;
    int rc;

    if (f == NULL) {
        fprintf(report, "%s: cannot open: %s\n", path, strerror(errno));
        return DWP_EIO;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *p = realloc(data, ncap);
            if (p == NULL) {
                fprintf(report, "%s: out of memory\n", path);
                free(data);
                fclose(f);
                return DWP_ENOMEM;
            }
            data = p;
            cap = ncap;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(report, "%s: cannot read: %s\n", path, strerror(errno));
        free(data);
        fclose(f);
        return DWP_EIO;
    }
    fclose(f);
    rc = dwp_ptest_run_text(e, path, data, len, report, counts);
    free(data);
    return rc;
}
