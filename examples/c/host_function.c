/* host_function.c — a county rule that asks the platform (through a registered host
 * function) whether a child is enrolled in school: 部门间数据比对 with the education records.
 * The rules directory host_rules/ holds 510104.lua, which calls host.enrolment_status(). */
#include <dwpolicy.h>
#include <stdio.h>
#include <string.h>

/* The platform's lookup. Here a table; in production a query against the 学籍 database.
 * Signature "b(si)": returns bool, takes the case id and a school year. */
static int32_t enrolment_status(const char *case_id, int64_t year, void *userdata)
{
    const char *const *enrolled = userdata;
    for (; *enrolled; enrolled++)
        if (!strcmp(*enrolled, case_id)) return year >= 2025;
    return 0;
}

int main(int argc, char **argv)
{
    const char *rules = argc > 1 ? argv[1] : "examples/c/host_rules";
    static const char *const enrolled[] = {"SC-2026-ENROLLED", NULL};
    dwp_engine *engine;
    if (dwp_engine_open(rules, &engine) != DWP_OK) {
        fprintf(stderr, "%s\n", dwp_last_error());
        return 1;
    }
    if (dwp_engine_register_fn(engine, "enrolment_status", "b(si)",
                               (void (*)(void))enrolment_status, (void *)enrolled) != DWP_OK) {
        fprintf(stderr, "%s\n", dwp_last_error());
        return 1;
    }
    int failures = 0;
    const char *ids[] = {"SC-2026-ENROLLED", "SC-2026-NOT-ENROLLED"};
    for (int k = 0; k < 2; k++) {
        char json[512];
        snprintf(json, sizeof json,
                 "{\"case_id\":\"%s\",\"as_of\":\"2026-03-01\",\"region\":\"510104\","
                 "\"child\":{\"birth_date\":\"2015-06-01\",\"orphan\":true,"
                 "\"education\":{\"level\":\"primary\"}}}", ids[k]);
        dwp_result *r;
        int rc = dwp_eval_json_result(engine, json, strlen(json), &r);
        if (!r) {
            fprintf(stderr, "%s\n", dwp_last_error());
            return 1;
        }
        int32_t i = dwp_result_benefit_find(r, "jinjiang.school_supplies");
        int32_t status = i < 0 ? -1 : dwp_result_benefit_status(r, (size_t)i);
        printf("%s: %s — %s\n", ids[k], status == DWP_BENEFIT_ELIGIBLE ? "grant paid" : "no grant",
               i < 0 ? "(no such benefit)" : dwp_result_reason_text(r, (size_t)i, 0));
        failures += rc != DWP_OK || status != (k == 0 ? DWP_BENEFIT_ELIGIBLE : DWP_BENEFIT_INELIGIBLE);
        dwp_result_free(r);
    }
    dwp_engine_close(engine);
    return failures ? 1 : 0;
}
