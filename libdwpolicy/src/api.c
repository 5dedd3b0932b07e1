/* api.c — the public entry points that are not about opening an engine. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "error.h"
#include "evaluate.h"

DWP_API const char *dwp_version(void) { return DWP_VERSION_STRING; }

DWP_API int32_t dwp_version_number(void) { return DWP_VERSION_NUMBER; }

DWP_API const char *dwp_status_str(int32_t status)
{
    switch (status) {
    case DWP_OK: return "success";
    case DWP_EINVAL: return "invalid argument";
    case DWP_EPARSE: return "the case is not well-formed JSON";
    case DWP_ESCHEMA: return "the case does not follow the case schema";
    case DWP_ERULES: return "rule files or parameters are wrong or incomplete";
    case DWP_ESCRIPT: return "a rule script failed";
    case DWP_ELIMIT: return "a rule script exceeded its instruction or memory limit";
    case DWP_ENOMEM: return "out of memory";
    case DWP_EIO: return "input/output error";
    default: return "unknown status";
    }
}

DWP_API void dwp_free(void *p) { free(p); }

DWP_API int dwp_eval_json(dwp_engine *e, const char *case_json, size_t len, char **result_json)
{
    dwp_error_clear();
    if (result_json) *result_json = NULL;
    if (!e || !case_json || !result_json)
        return dwp_error_set(DWP_EINVAL, e ? e->lang : DWP_LANG_ZH,
                             "dwp_eval_json：engine、case_json 和 result_json 不能为 NULL",
                             "dwp_eval_json: engine, case_json and result_json must not be NULL");
    /* On the heap: an evaluation holds up to DWP_DECISIONS_MAX decisions, too much for the
     * small stacks some hosts give their threads. */
    dwp_evaluation *x = malloc(sizeof *x);
    if (!x) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    int status = dwp_evaluate(e, case_json, len, x);
    if (status == DWP_OK) {
        dwp_strbuf b;
        dwp_strbuf_init(&b);
        dwp_result_write(x, &b);
        *result_json = dwp_strbuf_take(&b);
        status = *result_json ? dwp_evaluation_status(x)
                              : dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    dwp_evaluation_release(x);
    free(x);
    return status;
}
