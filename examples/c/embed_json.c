/* embed_json.c — the smallest embedding: open the embedded rules, evaluate one case as JSON,
 * print the result. Build: cc embed_json.c $(pkg-config --cflags --libs dwpolicy) */
#include <dwpolicy.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    dwp_engine *engine;
    if (dwp_engine_open(NULL, &engine) != DWP_OK) { /* NULL: the embedded Sichuan rules */
        fprintf(stderr, "%s\n", dwp_last_error());
        return 1;
    }
    const char *case_json =
        "{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"area\":\"urban\","
        "\"child\":{\"birth_date\":\"2008-05-20\",\"serious_illness\":true,"
        "\"monthly_income_fen\":0},\"household\":{\"status\":\"dibao_marginal\"}}";
    char *result = NULL;
    int rc = dwp_eval_json(engine, case_json, strlen(case_json), &result);
    if (result) puts(result);
    else fprintf(stderr, "%s: %s\n", dwp_status_str(rc), dwp_last_error());
    dwp_free(result);
    dwp_engine_close(engine);
    return rc == DWP_OK ? 0 : 1;
}
