/* bench_eval.c — single-thread throughput of dwp_eval_json over varied, valid cases.
 *
 *   bench_eval [-n N] [--rounds K] [--set all|outside|chengdu] [--rules DIR] [--check]
 *
 * Each set of cases is timed K times (default 5) and the median and the fastest round are
 * printed: on a shared machine one round can be slowed by neighbours, and the median says
 * what a caller can expect. --set times one set only (for profilers).
 *
 * The cases are generated as JSON text before the clock starts, so what is timed is the
 * library (parse, decide, serialise) and dwp_free, not the generator. The generator is a
 * fixed-seed PRNG: two runs with the same N time the same inputs. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */

#include <dwpolicy.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_N 200000u
#define DEFAULT_ROUNDS 5u
#define MAX_ROUNDS 100u
#define CHECK_CASES 8u
#define MAX_REPORTED_FAILURES 5u

/* County-level codes from rules/sichuan/regions.csv across several 市州, including Chengdu's
 * inner (510104) and outer (510121, 510131, 510181, 510185) counties, which have their own
 * standards, and 广元利州区 (510802), which uses the provincial defaults. */
static const char *const regions[] = {
    "510104", "510107", "510116", "510121", "510131", "510181", "510185", "510302",
    "510402", "510502", "510524", "510603", "510703", "510802", "511102", "511302",
    "511402", "511523", "511725", "512002", "513201", "513301", "513401",
};
#define NREGIONS (sizeof regions / sizeof regions[0])

/* Which regions a run draws its cases from: all, only 成都 (whose override of
 * orphan.adult_student_topup puts Lua on the path of every case), or none of 成都 (pure C). */
enum region_set { REGIONS_ALL, REGIONS_CHENGDU, REGIONS_NOT_CHENGDU };
static enum region_set region_set = REGIONS_ALL;

static int in_set(const char *code)
{
    int chengdu = !strncmp(code, "5101", 4);
    return region_set == REGIONS_ALL || (region_set == REGIONS_CHENGDU) == chengdu;
}

static const char *pick_region(void);

static const char *const disability_types[] = {
    "visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple",
};

/* The three worked examples of SPEC §5a come first, so --check shows known answers. */
static const char *const fixed_cases[] = {
    "{\"case_id\":\"SPEC-5a-1\",\"as_of\":\"2026-03-01\",\"region\":\"510104\","
    "\"area\":\"urban\",\"child\":{\"birth_date\":\"2008-05-20\",\"serious_illness\":true,"
    "\"monthly_income_fen\":0,\"living_arrangement\":\"family\",\"guardianship\":\"adequate\"},"
    "\"household\":{\"status\":\"dibao_marginal\",\"size\":3,\"monthly_benefit_fen\":0}}",

    "{\"case_id\":\"SPEC-5a-2\",\"as_of\":\"2025-09-01\",\"region\":\"510802\","
    "\"area\":\"urban\",\"child\":{\"birth_date\":\"2006-03-15\",\"orphan\":true,"
    "\"living_arrangement\":\"scattered\",\"education\":{\"level\":\"undergraduate\","
    "\"full_time\":true,\"boarding\":true,\"within_normal_duration\":true}},"
    "\"household\":{\"status\":\"tekun\",\"size\":1,\"monthly_benefit_fen\":107400}}",

    "{\"case_id\":\"SPEC-5a-3\",\"as_of\":\"2025-09-01\",\"region\":\"510802\","
    "\"area\":\"urban\",\"child\":{\"birth_date\":\"2015-06-01\"},"
    "\"household\":{\"status\":\"dibao\",\"size\":3,\"monthly_benefit_fen\":82600},"
    "\"medical\":{\"policy_out_of_pocket_fen\":2000000,\"designated_institution\":true,"
    "\"assisted_this_year_fen\":0,\"deductible_paid_this_year_fen\":0}}",
};
#define NFIXED (sizeof fixed_cases / sizeof fixed_cases[0])

/* ---- PRNG (xorshift64*): fast, fixed seed, identical on every platform. ------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1du;
}

/* Uniform-enough integer in [lo, hi]; the modulo bias is irrelevant for a benchmark. */
static int64_t rng_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
}

/* true with probability pct/100. */
static int rng_pct(int pct) { return rng_range(0, 99) < pct; }

static const char *rng_pick(const char *const *v, size_t n) { return v[rng_next() % n]; }

static const char *json_bool(int b) { return b ? "true" : "false"; }

/* ---- All case texts in one buffer, so N cases cost N small headers, not N mallocs. ---------- */

typedef struct arena {
    char *data;
    size_t len, cap;
    size_t *start; /* start[i] = offset of case i; start[n] = end of the last one */
    size_t n;
} arena;

static void die(const char *what)
{
    fprintf(stderr, "bench_eval: %s\n", what);
    exit(2);
}

static void arena_reserve(arena *a, size_t more)
{
    if (a->cap - a->len > more) return;
    size_t cap = a->cap ? a->cap : 1u << 20;
    while (cap - a->len <= more) {
        if (cap > SIZE_MAX / 2) die("out of memory");
        cap *= 2;
    }
    char *p = realloc(a->data, cap);
    if (!p) die("out of memory");
    a->data = p;
    a->cap = cap;
}

static void put(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(arena *a, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = a->cap - a->len;
        int k = vsnprintf(a->data ? a->data + a->len : NULL, room, fmt, ap);
        va_end(ap);
        if (k < 0) die("formatting failed");
        if ((size_t)k < room) {
            a->len += (size_t)k;
            return;
        }
        arena_reserve(a, (size_t)k + 1);
    }
}

/* GB 11643 check character of the first 17 digits. */
static char id_check_char(const char *d17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (d17[i] - '0') * w[i];
    return "10X98765432"[sum % 11];
}

static const char *education_level(int age)
{
    if (age < 3) return "none";
    if (age < 6) return rng_pct(80) ? "preschool" : "none";
    /* A few school-age children out of school, which raises the 控辍保学 alert. */
    if (age <= 15 && rng_pct(4)) return "none";
    if (age < 12) return "primary";
    if (age < 15) return "junior_secondary";
    if (age < 18) return rng_pct(60) ? "ordinary_high" : "secondary_vocational";
    static const char *const adult[] = {"higher_vocational", "undergraduate", "undergraduate",
                                        "master", "ordinary_high", "none"};
    return rng_pick(adult, sizeof adult / sizeof adult[0]);
}

/* Append one random, valid case (SPEC §2). Every random draw is its own statement: the order
 * in which function arguments are evaluated is unspecified, and the cases must not depend on
 * the compiler. */
static void gen_case(arena *a, size_t index)
{
    int as_y = (int)rng_range(2025, 2026);
    int as_m = (int)rng_range(1, 12);
    int as_d = (int)rng_range(1, 28);
    int age = (int)rng_range(0, 22);
    /* Born a year earlier than the nominal age, so the birth date is always before as_of and
     * the completed age is age or age + 1. */
    int b_y = as_y - age - 1;
    int b_m = (int)rng_range(1, 12);
    int b_d = (int)rng_range(1, 28);
    const char *region = pick_region();
    const char *hukou = rng_pct(80) ? region : rng_pick(regions, NREGIONS);
    const char *area = rng_pct(50) ? "urban" : "rural";

    put(a, "{\"case_id\":\"BENCH-%07zu\",\"as_of\":\"%04d-%02d-%02d\",\"region\":\"%s\","
           "\"area\":\"%s\",",
        index, as_y, as_m, as_d, region, area);

    int orphan = rng_pct(8);
    int de_facto = !orphan && rng_pct(5);
    const char *living = "family";
    if (orphan || de_facto)
        living = rng_pct(40) ? "institution" : "scattered";
    else if (rng_pct(10))
        living = "scattered";

    put(a, "\"child\":{\"birth_date\":\"%04d-%02d-%02d\",", b_y, b_m, b_d);
    if (rng_pct(50)) {
        char id[32];
        int seq = (int)rng_range(0, 999);
        snprintf(id, sizeof id, "%s%04d%02d%02d%03d", hukou, b_y, b_m, b_d, seq);
        id[17] = id_check_char(id);
        id[18] = '\0';
        put(a, "\"id_number\":\"%s\",", id);
    }
    put(a, "\"hukou_region\":\"%s\",\"orphan\":%s,\"de_facto_unsupported\":%s,"
           "\"living_arrangement\":\"%s\",",
        hukou, json_bool(orphan), json_bool(de_facto), living);
    if (rng_pct(20)) {
        int grade = (int)rng_range(1, 4);
        const char *type =
            rng_pick(disability_types, sizeof disability_types / sizeof disability_types[0]);
        put(a, "\"disability\":{\"grade\":%d,\"type\":\"%s\"},", grade, type);
    }
    static const char *const guardianships[] = {"adequate", "adequate", "adequate", "adequate",
                                                "adequate", "adequate", "adequate", "adequate",
                                                "absent",   "inadequate"};
    int autism = rng_pct(3);
    int ill = rng_pct(15);
    long long income = rng_pct(10) ? (long long)rng_range(0, 150000) : 0;
    const char *level = education_level(age);
    int full_time = rng_pct(85);
    int boarding = rng_pct(40);
    int normal_duration = rng_pct(90);
    const char *guardianship =
        rng_pick(guardianships, sizeof guardianships / sizeof guardianships[0]);
    int left_behind = rng_pct(15);
    int victim = rng_pct(2);
    int graduating = age >= 16 && rng_pct(20);
    put(a, "\"autism\":%s,\"serious_illness\":%s,\"monthly_income_fen\":%lld,"
           "\"education\":{\"level\":\"%s\",\"full_time\":%s,\"boarding\":%s,"
           "\"within_normal_duration\":%s},"
           "\"guardianship\":\"%s\",\"left_behind\":%s,\"crime_victim\":%s,"
           "\"graduating_this_year\":%s},",
        json_bool(autism), json_bool(ill), income, level, json_bool(full_time),
        json_bool(boarding), json_bool(normal_duration), guardianship, json_bool(left_behind),
        json_bool(victim), json_bool(graduating));

    static const char *const statuses[] = {"none",  "none",           "none",
                                           "none",  "dibao",          "dibao",
                                           "dibao", "dibao_marginal", "dibao_marginal",
                                           "tekun"};
    const char *status = rng_pick(statuses, sizeof statuses / sizeof statuses[0]);
    long long benefit = 0;
    if (!strcmp(status, "dibao")) benefit = rng_range(40000, 112000);
    if (!strcmp(status, "tekun")) benefit = rng_range(80000, 135000);
    int size = (int)rng_range(1, 6);
    int housing = rng_pct(10);
    put(a, "\"household\":{\"status\":\"%s\",\"size\":%d,\"monthly_benefit_fen\":%lld,"
           "\"housing_eligible\":%s}",
        status, size, benefit, json_bool(housing));

    if (rng_pct(40)) {
        long long oop = rng_range(0, 5000000);
        int designated = rng_pct(85);
        long long assisted = rng_pct(30) ? (long long)rng_range(0, 5000000) : 0;
        long long deductible = rng_pct(30) ? (long long)rng_range(0, 300000) : 0;
        put(a, ",\"medical\":{\"policy_out_of_pocket_fen\":%lld,\"designated_institution\":%s,"
               "\"assisted_this_year_fen\":%lld,\"deductible_paid_this_year_fen\":%lld}",
            oop, json_bool(designated), assisted, deductible);
    }
    if (rng_pct(15)) {
        const char *kind = rng_pct(50) ? "expense" : "urgent";
        const char *where = rng_pct(70) ? region : rng_pick(regions, NREGIONS);
        long long received = rng_pct(20) ? (long long)rng_range(0, 500000) : 0;
        put(a, ",\"emergency\":{\"kind\":\"%s\",\"occurred_region\":\"%s\","
               "\"received_this_year_fen\":%lld}",
            kind, where, received);
    }
    put(a, "}");
}

static const char *pick_region(void)
{
    for (;;) {
        const char *r = rng_pick(regions, NREGIONS);
        if (in_set(r)) return r;
    }
}

static void generate(arena *a, size_t n)
{
    a->start = malloc((n + 1) * sizeof *a->start);
    if (!a->start) die("out of memory");
    a->n = n;
    for (size_t i = 0; i < n; i++) {
        a->start[i] = a->len;
        if (i < NFIXED && region_set == REGIONS_ALL)
            put(a, "%s", fixed_cases[i]);
        else
            gen_case(a, i);
    }
    a->start[n] = a->len;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report_failure(const arena *a, size_t i, int rc)
{
    fprintf(stderr, "bench_eval: case %zu: %d (%s): %s\n  input: %.*s\n", i, rc,
            dwp_status_str(rc), dwp_last_error(), (int)(a->start[i + 1] - a->start[i]),
            a->data + a->start[i]);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: bench_eval [-n N] [--rounds K] [--set all|outside|chengdu] [--rules DIR] "
               "[--check]\n"
               "  -n N         number of cases to time (default %u)\n"
               "  --rounds K   time each set K times, print median and fastest (default %u)\n"
               "  --set NAME   time one set: all regions, outside 成都, or 成都 only\n"
               "  --rules DIR  layer the rule files of DIR over the embedded default\n"
               "  --check      evaluate a few cases and print the first input and result\n",
            DEFAULT_N, DEFAULT_ROUNDS);
}

static int parse_count(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || s[0] == '-' || v > SIZE_MAX / 2) return -1;
    *out = (size_t)v;
    return 0;
}

static int run_check(dwp_engine *e, const arena *a)
{
    int failed = 0;
    for (size_t i = 0; i < a->n; i++) {
        const char *in = a->data + a->start[i];
        size_t len = a->start[i + 1] - a->start[i];
        char *out = NULL;
        int rc = dwp_eval_json(e, in, len, &out);
        printf("case %zu: %d (%s)%s%s\n", i, rc, dwp_status_str(rc), rc ? ": " : "",
               rc ? dwp_last_error() : "");
        if (i == 0) printf("input: %.*s\nresult: %s\n", (int)len, in, out ? out : "(none)");
        if (rc) failed = 1;
        dwp_free(out);
    }
    return failed;
}

/* Time one round over all cases of a (what the clock sees: dwp_eval_json and dwp_free);
 * returns seconds and counts failures. */
static double time_round(dwp_engine *e, const arena *a, size_t *failures)
{
    *failures = 0;
    double t0 = now_seconds();
    for (size_t i = 0; i < a->n; i++) {
        char *out = NULL;
        int rc = dwp_eval_json(e, a->data + a->start[i], a->start[i + 1] - a->start[i], &out);
        if (rc) {
            if (*failures < MAX_REPORTED_FAILURES) report_failure(a, i, rc);
            (*failures)++;
        }
        dwp_free(out);
    }
    return now_seconds() - t0;
}

/* Total bytes of the results, in an untimed pass: measuring 9 KB per case is the benchmark's
 * bookkeeping, not the library's work. */
static size_t result_bytes(dwp_engine *e, const arena *a)
{
    size_t total = 0;
    for (size_t i = 0; i < a->n; i++) {
        char *out = NULL;
        dwp_eval_json(e, a->data + a->start[i], a->start[i + 1] - a->start[i], &out);
        if (out) total += strlen(out);
        dwp_free(out);
    }
    return total;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const struct {
    enum region_set set;
    const char *name;
    const char *label;
} sets[] = {{REGIONS_ALL, "all", "all regions"},
            {REGIONS_NOT_CHENGDU, "outside", "no override on the path (outside 成都)"},
            {REGIONS_CHENGDU, "chengdu", "成都 override on the path (Lua runs per case)"}};
#define NSETS (sizeof sets / sizeof sets[0])

int main(int argc, char **argv)
{
    size_t n = DEFAULT_N, rounds = DEFAULT_ROUNDS;
    const char *rules = NULL;
    int check = 0, n_given = 0, only = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc) {
            if (parse_count(argv[++i], &n)) {
                fprintf(stderr, "bench_eval: -n: expected a positive count; got \"%s\"\n",
                        argv[i]);
                return 2;
            }
            n_given = 1;
        } else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
            if (parse_count(argv[++i], &rounds) || rounds > MAX_ROUNDS) {
                fprintf(stderr, "bench_eval: --rounds: expected 1 to %u; got \"%s\"\n",
                        MAX_ROUNDS, argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
            i++;
            for (size_t s = 0; s < NSETS; s++)
                if (!strcmp(argv[i], sets[s].name)) only = (int)s;
            if (only < 0) {
                fprintf(stderr, "bench_eval: --set: expected all, outside or chengdu; got \"%s\"\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--rules") && i + 1 < argc) {
            rules = argv[++i];
        } else if (!strcmp(argv[i], "--check")) {
            check = 1;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (check && !n_given) n = CHECK_CASES;

    dwp_engine *e = NULL;
    int rc = dwp_engine_open(rules, &e);
    if (rc) {
        fprintf(stderr, "bench_eval: dwp_engine_open: %d (%s): %s\n", rc, dwp_status_str(rc),
                dwp_last_error());
        return 2;
    }

    int status = 0;
    if (check) {
        arena a = {0};
        generate(&a, n);
        status = run_check(e, &a);
        free(a.data);
        free(a.start);
    } else {
        for (size_t s = 0; s < NSETS; s++) {
            if (only >= 0 && (size_t)only != s) continue;
            region_set = sets[s].set;
            arena a = {0};
            generate(&a, n);
            double seconds[MAX_ROUNDS];
            size_t failures = 0;
            for (size_t r = 0; r < rounds; r++) {
                seconds[r] = time_round(e, &a, &failures);
                if (failures) break;
            }
            if (failures) {
                fprintf(stderr, "bench_eval: %zu of %zu cases failed\n", failures, n);
                status = 1;
            } else {
                qsort(seconds, rounds, sizeof seconds[0], cmp_double);
                /* The median round: for an even count, the faster of the middle two. */
                double median = seconds[(rounds - 1) / 2], best = seconds[0];
                size_t out_bytes = result_bytes(e, &a);
                printf("%-48s cases: %zu x %zu rounds  median: %.0f cases/s %.2f us/case  "
                       "fastest: %.0f cases/s %.2f us/case  mean in: %.0f B  mean out: %.0f B\n",
                       sets[s].label, n, rounds, (double)n / median, median * 1e6 / (double)n,
                       (double)n / best, best * 1e6 / (double)n, (double)a.len / (double)n,
                       (double)out_bytes / (double)n);
            }
            free(a.data);
            free(a.start);
        }
    }

    dwp_engine_close(e);
    return status;
}
