/* consumer.c — evaluates SPEC §5a example 1 through an installed libdwpolicy and prints the
 * version, to prove the installed header, library and package files work together. */
#include <dwpolicy.h>

#include <stdio.h>
#include <string.h>

static const char case_json[] =
    "{\"case_id\":\"consumer-1\",\"as_of\":\"2026-03-01\",\"region\":\"510104\","
    "\"area\":\"urban\",\"child\":{\"birth_date\":\"2008-05-20\",\"serious_illness\":true,"
    "\"monthly_income_fen\":0},"
    "\"household\":{\"status\":\"dibao_marginal\",\"size\":3,\"monthly_benefit_fen\":0}}";

int main(void)
{
    dwp_engine *e = NULL;
    int rc = dwp_engine_open(NULL, &e);
    if (rc != 0) {
        fprintf(stderr, "dwp_engine_open: %d (%s): %s\n", rc, dwp_status_str(rc),
                dwp_last_error());
        return 1;
    }
    char *result = NULL;
    rc = dwp_eval_json(e, case_json, sizeof case_json - 1, &result);
    if (rc != 0 || result == NULL) {
        fprintf(stderr, "dwp_eval_json: %d (%s): %s\n", rc, dwp_status_str(rc),
                dwp_last_error());
        dwp_free(result);
        dwp_engine_close(e);
        return 1;
    }
    int ok = strstr(result, "\"dibao.single_person\"") != NULL;
    if (!ok) fprintf(stderr, "result lacks dibao.single_person:\n%s\n", result);
    printf("libdwpolicy %s (built against %s): evaluated consumer-1, %zu bytes of result\n",
           dwp_version(), DWP_VERSION_STRING, strlen(result));
    if (strcmp(dwp_version(), DWP_VERSION_STRING) != 0) {
        fprintf(stderr, "loaded library %s is not the installed header's %s\n", dwp_version(),
                DWP_VERSION_STRING);
        ok = 0;
    }
    dwp_free(result);
    dwp_engine_close(e);
    return ok ? 0 : 1;
}
