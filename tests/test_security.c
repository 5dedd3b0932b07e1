/* test_security.c — runs every abuse case in tests/security (one .lua file each), one cmocka
 * test per file.
 *
 * Each file is a rule file a hostile 县 employee could hand in. Its first line states what
 * must happen:
 *   -- expect: error              the benefit it attacks ends with status "error" (DWP_ESCRIPT)
 *   -- expect: limit              status "error" because a limit struck (DWP_ELIMIT)
 *   -- expect: error-or-limit     either of those (where both are a clean failure, e.g. an
 *                                 argument the library may refuse or charge as too much work)
 *   -- expect: harmless           the attempt changes nothing: the result is byte-equal to the
 *                                 result of the embedded rules for the same case
 *   -- expect: result STATUS      the call succeeds and the benefit has that status
 *   -- expect: load-error TEXT    dwp_engine_open fails with DWP_ERULES, the message names the
 *                                 file and contains TEXT
 * and optional lines right after it:
 *   -- region: 510104             install the file as 510104.lua (the default: a 成都 district)
 *   -- message: TEXT              the benefit's error text must contain TEXT
 *   -- install: without-header    install only the bytes after the leading comment lines (for a
 *                                 file that must start with something other than a comment)
 *
 * For each file, in a forked child (so that a crash or a hang fails that file, not the run):
 * install it alone in a fresh directory, open an engine, evaluate a case that reaches the rule
 * and check the outcome; the call must return within 1 second of wall time, the other
 * benefits must still be decided, the result must be strict JSON (valid UTF-8, no duplicate
 * keys), and nothing may be printed. Then normal cases on the same engine must give exactly
 * the answers of SPEC §5/§5a (and the same bytes as the embedded rules), and the abuse case
 * run twice more must give the same result as the first time: nothing leaked between cases. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <dwpolicy.h>

#include "support/rules_fixture.h"

#define SECURITY_DIR DWP_SOURCE_DIR "/tests/security"
/* Sanitizer builds run the library several times slower; their job there is memory errors
 * and undefined behaviour, so the time bound is looser and the memory bound is off (ASan keeps
 * freed memory in quarantine). The plain build checks both. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DWP_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define DWP_SANITIZED 1
#endif
#endif
#ifdef DWP_SANITIZED
#define WALL_LIMIT_NS INT64_C(3000000000)
#else
#define WALL_LIMIT_NS INT64_C(1000000000) /* a bound on a hostile input, not a speed test */
#endif
/* Peak resident memory the whole check may add: a rule's Lua state is capped at 64 MiB (the
 * loader's too); the legitimate cases here peak below 96 MiB with both engines. */
#define RSS_LIMIT_KB (144L * 1024)
#define CHILD_TIMEOUT_S 20                /* a case still running after this has hung */
#define DEFAULT_REGION "510104"           /* 锦江区, 成都市 */
#define CAPTURE_NAME "captured-output.txt"
#define REPORT_NAME "report.txt"

typedef enum {
    EXPECT_ERROR,
    EXPECT_LIMIT,
    EXPECT_ERROR_OR_LIMIT,
    EXPECT_HARMLESS,
    EXPECT_RESULT,
    EXPECT_LOAD_ERROR
} expect_kind;

typedef struct abuse_case {
    char path[1024];
    const char *name; /* file name, into path */
    expect_kind kind;
    char expect_text[256]; /* load-error: text in the message; result: the status */
    char region[16];
    char message[256]; /* -- message: */
    char benefit[128]; /* the benefit the file attacks */
    bool without_header;
    char *source;
    size_t len;
    size_t body; /* offset of the first byte after the leading comment lines */
} abuse_case;

/* ---- Reading a case file -------------------------------------------------------------- */

/* Copy the rest of the line after `prefix` (trimmed) into out. */
static bool header_value(const char *line, size_t n, const char *prefix, char *out, size_t cap)
{
    size_t p = strlen(prefix);
    if (n < p || strncmp(line, prefix, p)) return false;
    const char *v = line + p;
    size_t len = n - p;
    while (len && (*v == ' ' || *v == '\t')) v++, len--;
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\r' || v[len - 1] == '\t')) len--;
    if (len >= cap) len = cap - 1;
    memcpy(out, v, len);
    out[len] = '\0';
    return true;
}

/* The id after the first `override "` or `rule "` outside comments. */
static void find_target(abuse_case *c)
{
    static const char *const keys[] = {"override \"", "rule \""};
    const char *s = c->source + c->body, *end = c->source + c->len;
    while (s < end && !c->benefit[0]) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        const char *t = s;
        while (t < eol && (*t == ' ' || *t == '\t')) t++;
        if (!(eol - t >= 2 && t[0] == '-' && t[1] == '-')) {
            for (int k = 0; k < 2 && !c->benefit[0]; k++) {
                size_t kl = strlen(keys[k]);
                for (const char *q = t; q + kl < eol; q++) {
                    if (strncmp(q, keys[k], kl)) continue;
                    const char *id = q + kl, *close = memchr(id, '"', (size_t)(eol - id));
                    if (close && (size_t)(close - id) < sizeof c->benefit) {
                        memcpy(c->benefit, id, (size_t)(close - id));
                        c->benefit[close - id] = '\0';
                    }
                    break;
                }
            }
        }
        s = eol + 1;
    }
}

/* Parse the header of a case file; false (with a message in why) when it is malformed. */
static bool load_case(const char *path, abuse_case *c, char *why, size_t why_cap)
{
    memset(c, 0, sizeof *c);
    snprintf(c->path, sizeof c->path, "%s", path);
    c->name = strrchr(c->path, '/') + 1;
    snprintf(c->region, sizeof c->region, "%s", DEFAULT_REGION);
    c->source = rf_read_file(path, &c->len);
    if (!c->source) {
        snprintf(why, why_cap, "cannot read %s", path);
        return false;
    }
    bool have_expect = false;
    size_t pos = 0;
    for (int line_no = 1; pos < c->len; line_no++) {
        const char *line = c->source + pos;
        const char *eol = memchr(line, '\n', c->len - pos);
        size_t n = eol ? (size_t)(eol - line) : c->len - pos;
        if (n < 2 || line[0] != '-' || line[1] != '-') break;
        char value[256];
        if (header_value(line, n, "-- expect:", value, sizeof value)) {
            if (line_no != 1) {
                snprintf(why, why_cap, "%s: `-- expect:` must be the first line", c->name);
                return false;
            }
            have_expect = true;
            char *arg = strchr(value, ' ');
            if (arg) *arg++ = '\0';
            if (!strcmp(value, "error")) c->kind = EXPECT_ERROR;
            else if (!strcmp(value, "limit")) c->kind = EXPECT_LIMIT;
            else if (!strcmp(value, "error-or-limit")) c->kind = EXPECT_ERROR_OR_LIMIT;
            else if (!strcmp(value, "harmless")) c->kind = EXPECT_HARMLESS;
            else if (!strcmp(value, "result") && arg) c->kind = EXPECT_RESULT;
            else if (!strcmp(value, "load-error") && arg) c->kind = EXPECT_LOAD_ERROR;
            else {
                snprintf(why, why_cap, "%s: unknown expectation \"%s\"", c->name, value);
                return false;
            }
            snprintf(c->expect_text, sizeof c->expect_text, "%s", arg ? arg : "");
        } else if (header_value(line, n, "-- region:", value, sizeof value)) {
            if (strlen(value) != 6 || strspn(value, "0123456789") != 6) {
                snprintf(why, why_cap, "%s: `-- region:` needs a 6-digit code", c->name);
                return false;
            }
            memcpy(c->region, value, 7);
        } else if (header_value(line, n, "-- message:", value, sizeof value)) {
            snprintf(c->message, sizeof c->message, "%s", value);
        } else if (header_value(line, n, "-- install:", value, sizeof value)) {
            c->without_header = !strcmp(value, "without-header");
        }
        pos += n + (eol ? 1 : 0);
    }
    c->body = pos;
    if (!have_expect) {
        snprintf(why, why_cap, "%s: the first line must be `-- expect: …`", c->name);
        return false;
    }
    find_target(c);
    if (c->kind != EXPECT_LOAD_ERROR && !c->benefit[0]) {
        snprintf(why, why_cap, "%s: no override \"…\" or rule \"…\" to attack", c->name);
        return false;
    }
    /* The normal cases run in 青羊区, 成都市, the province and 广元: an abuse file there would
     * change their answers for a reason that is not a leak. */
    static const char *const reserved[] = {"510105", "510100", "510000", "510800", "510802"};
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (!strcmp(c->region, reserved[i])) {
            snprintf(why, why_cap, "%s: region %s is used by the normal cases", c->name, c->region);
            return false;
        }
    return true;
}

static void free_case(abuse_case *c)
{
    free(c->source);
    c->source = NULL;
}

/* ---- Checks in the child: counted and reported, not aborting ---------------------------- */

static FILE *report;  /* the child's report, read by the parent */
static int failures;
static bool verbose; /* DWP_SECURITY_VERBOSE=1: report every run's status and time */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void fail_check(int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(report, "    [test_security.c:%d] ", line);
    vfprintf(report, fmt, ap);
    fputc('\n', report);
    fflush(report);
    va_end(ap);
    failures++;
}

#define CHECK(cond, ...)                                                                         \
    do {                                                                                       \
        if (!(cond)) fail_check(__LINE__, __VA_ARGS__);                                        \
    } while (0)

/* ---- Nothing may be printed: stdout and stderr go to a file while the library runs ------ */

typedef struct capture {
    int saved_out, saved_err, fd;
} capture;

static bool capture_begin(capture *cap, const char *path)
{
    fflush(stdout);
    fflush(stderr);
    cap->fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    cap->saved_out = dup(1);
    cap->saved_err = dup(2);
    if (cap->fd < 0 || cap->saved_out < 0 || cap->saved_err < 0) return false;
    dup2(cap->fd, 1);
    dup2(cap->fd, 2);
    return true;
}

static void capture_end(capture *cap)
{
    fflush(stdout);
    fflush(stderr);
    dup2(cap->saved_out, 1);
    dup2(cap->saved_err, 2);
    close(cap->saved_out);
    close(cap->saved_err);
    close(cap->fd);
}

/* ---- The normal cases: exact answers, and the same bytes as the embedded rules ---------- */

typedef struct normal_case {
    const char *name;
    const char *json;
    const char *benefit;
    const char *status;
    int64_t amount; /* -1: null */
    const char *decided_by;
} normal_case;

static const normal_case normal_cases[] = {
    {"SPEC 5a-2 (广元利州区)", RF_CASE_5A2, "orphan.adult_student_topup", "eligible", 12600,
     "510000"},
    {"成都 override, beyond normal duration (青羊区)", RF_CASE_TOPUP("510105", "false"),
     "orphan.adult_student_topup", "ineligible", 0, "510100"},
    {"成都 override, within normal duration (青羊区)", RF_CASE_TOPUP("510105", "true"),
     "orphan.adult_student_topup", "eligible", 32600, "510000"},
    {"SPEC 5a-1 (青羊区)", RF_CASE_DIBAO("510105"), "dibao.single_person", "eligible", 112000,
     "510000"},
    {"SPEC 5a-3 (广元利州区)", RF_CASE_MEDICAL("510802"), "medical.assistance", "eligible",
     1400000, "510000"},
};

static void check_normal_cases(dwp_engine *e, dwp_engine *reference, const char *when)
{
    for (size_t i = 0; i < sizeof normal_cases / sizeof normal_cases[0]; i++) {
        const normal_case *n = &normal_cases[i];
        char *got = NULL, *want = NULL;
        int rc = rf_eval(e, n->json, &got, NULL);
        int rc_ref = rf_eval(reference, n->json, &want, NULL);
        CHECK(rc == DWP_OK, "%s, normal case \"%s\": rc %d (%s)", when, n->name, rc,
              dwp_last_error());
        CHECK(rc_ref == DWP_OK, "reference engine failed on \"%s\"", n->name);
        jdom_error jerr;
        jdom_value *doc = rf_parse(got, &jerr);
        CHECK(doc != NULL, "%s, normal case \"%s\": result is not strict JSON", when, n->name);
        if (doc) {
            const jdom_value *b = rf_benefit(doc, n->benefit);
            CHECK(b != NULL, "%s, \"%s\": no benefit %s", when, n->name, n->benefit);
            CHECK(!strcmp(rf_field(b, "status"), n->status), "%s, \"%s\": %s status %s, want %s",
                  when, n->name, n->benefit, rf_field(b, "status"), n->status);
            CHECK(rf_amount(b) == n->amount, "%s, \"%s\": %s amount %lld, want %lld", when,
                  n->name, n->benefit, (long long)rf_amount(b), (long long)n->amount);
            CHECK(!strcmp(rf_field(b, "decided_by"), n->decided_by),
                  "%s, \"%s\": %s decided_by %s, want %s", when, n->name, n->benefit,
                  rf_field(b, "decided_by"), n->decided_by);
            CHECK(rf_error_count(doc) == 0, "%s, \"%s\": %d benefits in error", when, n->name,
                  rf_error_count(doc));
            jdom_free(doc);
        }
        /* The abuse file lives in another region: nothing here may differ from the embedded
         * rules but the digest of the rule sources. */
        char *a = rf_without_digest(got), *r = rf_without_digest(want);
        CHECK(a && r && !strcmp(a, r), "%s, \"%s\": result differs from the embedded rules':\n"
              "      got  %.600s\n      want %.600s", when, n->name, a ? a : "", r ? r : "");
        free(a);
        free(r);
        dwp_free(got);
        dwp_free(want);
    }
}

/* ---- One abuse case --------------------------------------------------------------------- */

static const char *kind_name(expect_kind k)
{
    static const char *const names[] = {"error",    "limit",  "error-or-limit",
                                        "harmless", "result", "load-error"};
    return names[k];
}

static void install(const abuse_case *c, const char *dir)
{
    char name[64];
    snprintf(name, sizeof name, "%s.lua", c->region);
    size_t from = c->without_header ? c->body : 0;
    CHECK(rf_write_file(dir, name, c->source + from, c->len - from), "cannot write %s/%s", dir,
          name);
}

static void run_load_error(const abuse_case *c, const char *dir, const char *capture_path)
{
    char first[1024] = "";
    for (int round = 0; round < 3; round++) {
        dwp_engine *e = NULL;
        capture cap;
        CHECK(capture_begin(&cap, capture_path), "cannot capture output");
        int64_t t0 = rf_now_ns();
        int rc = rf_open(dir, &e);
        int64_t ns = rf_now_ns() - t0;
        capture_end(&cap);
        const char *msg = dwp_last_error();
        CHECK(rc == DWP_ERULES, "open: rc %d (%s), want DWP_ERULES; message: %s", rc,
              dwp_status_str(rc), msg);
        if (rc == DWP_OK) dwp_engine_close(e);
        CHECK(strstr(msg, c->expect_text) != NULL, "open: message does not contain \"%s\": %s",
              c->expect_text, msg);
        char file[32];
        snprintf(file, sizeof file, "%s.lua", c->region);
        CHECK(strstr(msg, file) != NULL, "open: message does not name the file %s: %s", file, msg);
        CHECK(ns < WALL_LIMIT_NS, "open took %.3f s (bound: %.0f s)", (double)ns / 1e9,
              (double)WALL_LIMIT_NS / 1e9);
        if (verbose) fprintf(report, "    open %d: rc %d, %.3f s\n", round + 1, rc, (double)ns / 1e9);
        if (round == 0) snprintf(first, sizeof first, "%s", msg);
        else CHECK(!strcmp(first, msg), "open #%d: message changed: %s", round + 1, msg);
    }
    /* Nothing process-wide was damaged: engines still open and decide correctly. */
    dwp_engine *e = NULL, *reference = NULL;
    CHECK(rf_open(NULL, &e) == DWP_OK, "embedded engine no longer opens: %s", dwp_last_error());
    CHECK(rf_open(NULL, &reference) == DWP_OK, "reference engine does not open");
    if (e && reference) check_normal_cases(e, reference, "after the failed open");
    dwp_engine_close(e);
    dwp_engine_close(reference);
}

/* The outcome of one evaluation of the abuse case. */
static void check_outcome(const abuse_case *c, int rc, const char *result, const char *reference,
                          int64_t ns, int round)
{
    jdom_error jerr;
    jdom_value *doc = rf_parse(result, &jerr);
    CHECK(result != NULL, "run %d: no result JSON (rc %d: %s)", round, rc, dwp_last_error());
    CHECK(result == NULL || doc != NULL,
          "run %d: result is not strict JSON (%d:%d %s): %.400s", round, jerr.line, jerr.col,
          jerr.message, result ? result : "");
    CHECK(ns < WALL_LIMIT_NS, "run %d: evaluation took %.3f s (bound: %.0f s)", round,
          (double)ns / 1e9, (double)WALL_LIMIT_NS / 1e9);
    if (verbose) fprintf(report, "    run %d: rc %d, %.3f s\n", round, rc, (double)ns / 1e9);
    const jdom_value *target = doc ? rf_benefit(doc, c->benefit) : NULL;
    CHECK(doc == NULL || target != NULL, "run %d: no benefit %s in the result", round, c->benefit);
    const char *status = rf_field(target, "status");
    const char *error = rf_field(target, "error");
    switch (c->kind) {
    case EXPECT_ERROR:
    case EXPECT_LIMIT:
    case EXPECT_ERROR_OR_LIMIT: {
        int want = c->kind == EXPECT_LIMIT ? DWP_ELIMIT : DWP_ESCRIPT;
        bool rc_ok = rc == want || (c->kind == EXPECT_ERROR_OR_LIMIT && rc == DWP_ELIMIT);
        CHECK(rc_ok, "run %d: rc %d (%s), want %s%s; %s: %s %s", round, rc, dwp_status_str(rc),
              dwp_status_str(want), c->kind == EXPECT_ERROR_OR_LIMIT ? " or DWP_ELIMIT" : "",
              c->benefit, status, error);
        CHECK(!strcmp(status, "error"), "run %d: %s has status %s, want error", round, c->benefit,
              status);
        CHECK(*error, "run %d: %s has no error text", round, c->benefit);
        if (c->message[0])
            CHECK(strstr(error, c->message) != NULL, "run %d: error text lacks \"%s\": %s", round,
                  c->message, error);
        if (rc == DWP_ESCRIPT || rc == DWP_ELIMIT)
            CHECK(strstr(dwp_last_error(), c->benefit) != NULL,
                  "run %d: dwp_last_error() does not name %s: %s", round, c->benefit,
                  dwp_last_error());
        break;
    }
    case EXPECT_HARMLESS: {
        CHECK(rc == DWP_OK, "run %d: rc %d (%s): %s", round, rc, dwp_status_str(rc),
              dwp_last_error());
        char *a = rf_without_digest(result), *r = rf_without_digest(reference);
        CHECK(a && r && !strcmp(a, r),
              "run %d: result differs from the embedded rules' (the attempt had an effect):\n"
              "      got  %.900s\n      want %.900s", round, a ? a : "", r ? r : "");
        free(a);
        free(r);
        break;
    }
    case EXPECT_RESULT:
        CHECK(rc == DWP_OK, "run %d: rc %d (%s): %s", round, rc, dwp_status_str(rc),
              dwp_last_error());
        CHECK(!strcmp(status, c->expect_text), "run %d: %s has status %s, want %s", round,
              c->benefit, status, c->expect_text);
        break;
    case EXPECT_LOAD_ERROR:
        break;
    }
    /* The other benefits were still decided. */
    const jdom_value *list = jdom_get(doc, "benefits");
    for (size_t i = 0; i < jdom_count(list); i++) {
        const jdom_value *b = jdom_at(list, i);
        if (b == target) continue;
        CHECK(strcmp(rf_field(b, "status"), "error") != 0, "run %d: other benefit %s has status "
              "error: %s", round, rf_field(b, "id"), rf_field(b, "error"));
    }
    jdom_free(doc);
}

static void run_eval_case(const abuse_case *c, const char *dir, const char *capture_path)
{
    capture cap;
    dwp_engine *e = NULL, *reference = NULL;
    CHECK(capture_begin(&cap, capture_path), "cannot capture output");
    int rc = rf_open(dir, &e);
    capture_end(&cap);
    CHECK(rc == DWP_OK, "open: rc %d (%s): %s", rc, dwp_status_str(rc), dwp_last_error());
    CHECK(rf_open(NULL, &reference) == DWP_OK, "reference engine does not open");
    if (!e || !reference) {
        dwp_engine_close(e);
        dwp_engine_close(reference);
        return;
    }
    char abuse_json[512];
    snprintf(abuse_json, sizeof abuse_json,
             "{\"as_of\": \"2026-03-01\", \"region\": \"%s\", \"area\": \"urban\", \"child\": "
             "{\"birth_date\": \"2008-05-20\", \"serious_illness\": true, \"monthly_income_fen\": "
             "0}, \"household\": {\"status\": \"dibao_marginal\"}}",
             c->region);
    char *want = NULL;
    CHECK(rf_eval(reference, abuse_json, &want, NULL) == DWP_OK, "reference evaluation failed");

    char *first = NULL, *first_cmp = NULL;
    for (int round = 1; round <= 3; round++) {
        char *result = NULL;
        int64_t ns = 0;
        CHECK(capture_begin(&cap, capture_path), "cannot capture output");
        int rc2 = rf_eval(e, abuse_json, &result, &ns);
        capture_end(&cap);
        check_outcome(c, rc2, result, want, ns, round);
        /* Limits may strike at another instruction once the state has other garbage in it;
         * everything else must be the same bytes every time. */
        char *cmp = c->kind == EXPECT_LIMIT || c->kind == EXPECT_ERROR_OR_LIMIT
                        ? rf_without_error_texts(result)
                        : rf_without_digest(result);
        if (round == 1) {
            first = result;
            first_cmp = cmp;
            result = NULL;
            cmp = NULL;
            capture_begin(&cap, capture_path);
            check_normal_cases(e, reference, "after the abuse case");
            capture_end(&cap);
        } else {
            CHECK(first_cmp && cmp && !strcmp(first_cmp, cmp),
                  "run %d differs from run 1 (something leaked between cases):\n"
                  "      run 1 %.900s\n      run %d %.900s", round, first_cmp ? first_cmp : "",
                  round, cmp ? cmp : "");
        }
        free(cmp);
        dwp_free(result);
    }
    capture_begin(&cap, capture_path);
    check_normal_cases(e, reference, "at the end");
    capture_end(&cap);
    free(first_cmp);
    dwp_free(first);
    dwp_free(want);
    dwp_engine_close(e);
    dwp_engine_close(reference);
}

/* In the child: run everything, return the number of failed checks. */
static int child_main(const abuse_case *c, const char *dir)
{
    char report_path[1100], capture_path[1100];
    snprintf(report_path, sizeof report_path, "%s/" REPORT_NAME, dir);
    snprintf(capture_path, sizeof capture_path, "%s/" CAPTURE_NAME, dir);
    report = fopen(report_path, "w");
    if (!report) return 1;
    failures = 0;
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    install(c, dir);
    if (c->kind == EXPECT_LOAD_ERROR) run_load_error(c, dir, capture_path);
    else run_eval_case(c, dir, capture_path);
    /* Memory the library allocates for rule code counts against the rule's cap: a rule must
     * not be able to make the host grow by hundreds of MiB. */
    getrusage(RUSAGE_SELF, &after);
    long grown_kb = after.ru_maxrss - before.ru_maxrss;
    if (verbose) fprintf(report, "    peak memory grew by %ld KiB\n", grown_kb);
#ifndef DWP_SANITIZED
    CHECK(grown_kb < RSS_LIMIT_KB, "peak resident memory grew by %ld MiB (bound: %ld MiB)",
          grown_kb / 1024, RSS_LIMIT_KB / 1024);
#endif
    /* The library never prints (STYLE.md); neither may rule code. */
    size_t n = 0;
    char *printed = rf_read_file(capture_path, &n);
    CHECK(n == 0, "%zu bytes were printed to stdout/stderr: %.600s", n, printed ? printed : "");
    free(printed);
    fclose(report);
    return failures;
}

/* ---- The cmocka test: fork, wait with a timeout, report -------------------------------- */

static void test_security__case(void **state)
{
    const char *path = *state;
    abuse_case c;
    char why[512] = "";
    bool ok = load_case(path, &c, why, sizeof why);
    if (!ok) {
        free_case(&c);
        fail_msg("%s", why);
    }
    char dir[512];
    assert_true(rf_make_temp_dir(dir, sizeof dir));
    printf("%s: expect %s%s%s, benefit %s, region %s\n", c.name, kind_name(c.kind),
           c.expect_text[0] ? " " : "", c.expect_text, c.benefit[0] ? c.benefit : "-", c.region);
    fflush(stdout);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) _exit(child_main(&c, dir) ? 1 : 0);

    int status = 0;
    bool hung = true;
    int64_t deadline = rf_now_ns() + (int64_t)CHILD_TIMEOUT_S * 1000000000;
    while (rf_now_ns() < deadline) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) {
            hung = false;
            break;
        }
        struct timespec nap = {0, 10 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (hung) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    char rp[1100], cp[1100];
    snprintf(rp, sizeof rp, "%s/" REPORT_NAME, dir);
    snprintf(cp, sizeof cp, "%s/" CAPTURE_NAME, dir);
    char *reported = rf_read_file(rp, NULL);
    char *captured = rf_read_file(cp, NULL);
    bool passed = !hung && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (passed && verbose && reported && *reported) printf("%s", reported);
    if (!passed) {
        printf("  FAILED: %s\n", c.name);
        if (reported && *reported) printf("%s", reported);
        if (hung) printf("    did not finish within %d s: killed (a hang)\n", CHILD_TIMEOUT_S);
        else if (WIFSIGNALED(status))
            printf("    the process died of signal %d (%s)\n", WTERMSIG(status),
                   strsignal(WTERMSIG(status)));
        if (captured && *captured) printf("    output captured while the library ran:\n%.3000s\n", captured);
    }
    fflush(stdout);
    free(reported);
    free(captured);
    rf_remove_dir(dir);
    free_case(&c);
    assert_true(passed);
}

/* ---- The driver checked on itself: a header parser that accepted anything would let a
 * misspelt expectation pass silently. ------------------------------------------------------ */

static void write_temp(const char *dir, const char *name, const char *text, char *path, size_t cap)
{
    assert_true(rf_write_file(dir, name, text, strlen(text)));
    snprintf(path, cap, "%s/%s", dir, name);
}

static void test_security__headers_are_parsed(void **state)
{
    (void)state;
    char dir[512], path[1100], why[512];
    abuse_case c;
    assert_true(rf_make_temp_dir(dir, sizeof dir));

    write_temp(dir, "a.lua", "-- expect: load-error 未知参数\n-- region: 510521\n"
               "-- message: boom\nregion { code = \"510521\" }\n", path, sizeof path);
    assert_true(load_case(path, &c, why, sizeof why));
    assert_int_equal(c.kind, EXPECT_LOAD_ERROR);
    assert_string_equal(c.expect_text, "未知参数");
    assert_string_equal(c.region, "510521");
    assert_string_equal(c.message, "boom");
    free_case(&c);

    write_temp(dir, "b.lua", "-- expect: limit\n-- override \"in.a.comment\"\n"
               "override \"medical.assistance\" (function () end)\n", path, sizeof path);
    assert_true(load_case(path, &c, why, sizeof why));
    assert_int_equal(c.kind, EXPECT_LIMIT);
    assert_string_equal(c.region, DEFAULT_REGION);
    assert_string_equal(c.benefit, "medical.assistance");
    free_case(&c);

    write_temp(dir, "c.lua", "-- expect: harmles\noverride \"x.y\" (f)\n", path, sizeof path);
    assert_false(load_case(path, &c, why, sizeof why));
    free_case(&c);

    write_temp(dir, "d.lua", "-- why\n-- expect: error\noverride \"x.y\" (f)\n", path, sizeof path);
    assert_false(load_case(path, &c, why, sizeof why));
    free_case(&c);

    write_temp(dir, "e.lua", "-- expect: error\nlocal x = 1\n", path, sizeof path);
    assert_false(load_case(path, &c, why, sizeof why));
    free_case(&c);

    write_temp(dir, "f.lua", "-- expect: error\n-- region: 510105\noverride \"x.y\" (f)\n", path,
               sizeof path);
    assert_false(load_case(path, &c, why, sizeof why));
    free_case(&c);
    rf_remove_dir(dir);
}

/* A case that does nothing wrong must fail as "error", "limit" and "load-error", and pass as
 * "harmless": otherwise the checks above prove nothing. */
static void test_security__driver_fails_wrong_expectations(void **state)
{
    (void)state;
    static const char body[] = "region { code = \"510104\", name = \"锦江区\" }\n"
                               "override \"dibao.single_person\" (function (case, base)\n"
                               "  return base()\nend)\n";
    static const char *const heads[] = {"-- expect: harmless\n", "-- expect: error\n",
                                        "-- expect: limit\n", "-- expect: result ineligible\n",
                                        "-- expect: load-error x\n"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        char dir[512], path[1100], why[512];
        assert_true(rf_make_temp_dir(dir, sizeof dir));
        char text[1024];
        snprintf(text, sizeof text, "%s%s", heads[i], body);
        write_temp(dir, "case.lua", text, path, sizeof path);
        abuse_case c;
        assert_true(load_case(path, &c, why, sizeof why));
        char run_dir[512];
        assert_true(rf_make_temp_dir(run_dir, sizeof run_dir));
        fflush(stdout);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) _exit(child_main(&c, run_dir) ? 1 : 0);
        int status = 0;
        waitpid(pid, &status, 0);
        bool passed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        assert_int_equal(passed, i == 0);
        rf_remove_dir(run_dir);
        rf_remove_dir(dir);
        free_case(&c);
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    static const struct CMUnitTest self_tests[] = {
        cmocka_unit_test(test_security__headers_are_parsed),
        cmocka_unit_test(test_security__driver_fails_wrong_expectations),
    };
    const size_t n_self = sizeof self_tests / sizeof self_tests[0];
    DIR *d = opendir(SECURITY_DIR);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", SECURITY_DIR);
        return 1;
    }
    char **paths = NULL;
    size_t n = 0, cap = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        if (len <= 4 || strcmp(ent->d_name + len - 4, ".lua")) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(paths, cap * sizeof *paths);
            if (!grown) return 1;
            paths = grown;
        }
        paths[n] = malloc(sizeof SECURITY_DIR + 1 + len);
        if (!paths[n]) return 1;
        sprintf(paths[n], "%s/%s", SECURITY_DIR, ent->d_name);
        n++;
    }
    closedir(d);
    if (n < 45) {
        fprintf(stderr, "%s: %zu abuse cases; at least 45 are expected\n", SECURITY_DIR, n);
        return 1;
    }
    qsort(paths, n, sizeof *paths, by_name);
    struct CMUnitTest *tests = calloc(n_self + n, sizeof *tests);
    if (!tests) return 1;
    memcpy(tests, self_tests, sizeof self_tests);
    for (size_t i = 0; i < n; i++) {
        tests[n_self + i].name = strrchr(paths[i], '/') + 1; /* ctest output names the file */
        tests[n_self + i].test_func = test_security__case;
        tests[n_self + i].initial_state = paths[i];
    }
    verbose = getenv("DWP_SECURITY_VERBOSE") && *getenv("DWP_SECURITY_VERBOSE");
    /* A selection for quick runs: DWP_SECURITY_ONLY=substring */
    const char *only = getenv("DWP_SECURITY_ONLY");
    size_t kept = n_self;
    if (only && *only) {
        kept = 0;
        for (size_t i = 0; i < n_self + n; i++)
            if (strstr(tests[i].name, only)) tests[kept++] = tests[i];
    } else {
        kept = n_self + n;
    }
    int failed = _cmocka_run_group_tests("security", tests, kept, NULL, NULL);
    for (size_t i = 0; i < n; i++) free(paths[i]);
    free(paths);
    free(tests);
    return failed;
}
