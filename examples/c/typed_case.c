/* typed_case.c — build a case with setters instead of JSON and read the decisions through
 * accessors (SPEC §5a example 3: medical assistance for a child of a 低保 family). */
#include <dwpolicy.h>
#include <inttypes.h>
#include <stdio.h>

static int fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, dwp_last_error());
    return 1;
}

int main(void)
{
    dwp_engine *engine;
    dwp_case *c;
    if (dwp_engine_open(NULL, &engine) != DWP_OK) return fail("open");
    if (dwp_case_new(&c) != DWP_OK) return fail("case");
    int rc = dwp_case_set_date(c, "as_of", 2025, 9, 1);
    rc = rc ? rc : dwp_case_set_str(c, "region", "510802");
    rc = rc ? rc : dwp_case_set_date(c, "child.birth_date", 2015, 6, 1);
    rc = rc ? rc : dwp_case_set_bool(c, "child.orphan", 0);
    rc = rc ? rc : dwp_case_set_bool(c, "child.de_facto_unsupported", 0);
    rc = rc ? rc : dwp_case_set_str(c, "household.status", "dibao");
    rc = rc ? rc : dwp_case_set_int(c, "medical.policy_out_of_pocket_fen", 2000000);
    rc = rc ? rc : dwp_case_set_bool(c, "medical.designated_institution", 1);
    rc = rc ? rc : dwp_case_set_int(c, "medical.assisted_this_year_fen", 0);
    rc = rc ? rc : dwp_case_set_int(c, "medical.deductible_paid_this_year_fen", 0);
    if (rc) return fail("set");

    dwp_result *r;
    rc = dwp_eval_case(engine, c, &r);
    if (!r) return fail("evaluate");
    int32_t i = dwp_result_benefit_find(r, "medical.assistance");
    int64_t fen = 0;
    if (i < 0 || dwp_result_benefit_status(r, (size_t)i) != DWP_BENEFIT_ELIGIBLE ||
        dwp_result_benefit_amount(r, (size_t)i, &fen) != DWP_OK)
        return fail("medical.assistance");
    printf("%s: %" PRId64 " fen (%s)\n", dwp_result_benefit_title(r, (size_t)i), fen,
           dwp_result_benefit_basis(r, (size_t)i));
    for (size_t k = 0; k < dwp_result_reason_count(r, (size_t)i); k++)
        printf("  %s %s\n", dwp_result_reason_ok(r, (size_t)i, k) ? "+" : "-",
               dwp_result_reason_text(r, (size_t)i, k));
    dwp_result_free(r);
    dwp_case_free(c);
    dwp_engine_close(engine);
    return fen == 1400000 ? 0 : 1;
}
