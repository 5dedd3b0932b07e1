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

/* ---- Evaluations ---------------------------------------------------------------------------
 * An evaluation is too large for the stack (it holds up to DWP_DECISIONS_MAX decisions, more
 * than the small stacks some hosts give their threads), and allocating and freeing it cost
 * more than the rest of writing a result's JSON. So the engine keeps one finished evaluation
 * for its next call, in an atomic slot: a thread takes it with one exchange and gives it back
 * with one compare-and-swap; when threads race, the loser allocates or frees as before. The
 * engine frees the spare when it closes. An evaluation behind a dwp_result handle is the
 * handle's, freed with it (the engine may be closed by then). */
static dwp_evaluation *evaluation_take(dwp_engine *e)
{
    dwp_evaluation *x = atomic_exchange_explicit(&e->spare_evaluation, NULL, memory_order_acquire);
    return x ? x : malloc(sizeof *x);
}

static void evaluation_give_back(dwp_engine *e, dwp_evaluation *x)
{
    dwp_evaluation_release(x);
    dwp_evaluation *empty = NULL;
    if (!atomic_compare_exchange_strong_explicit(&e->spare_evaluation, &empty, x,
                                                 memory_order_release, memory_order_relaxed))
        free(x);
}

/* Evaluate a case and append its result JSON to b. Returns what dwp_eval_json returns; *x is
 * the evaluation when a result was written (the caller gives it back or keeps it), else NULL. */
static int evaluate_into(dwp_engine *e, const char *case_json, size_t len, dwp_strbuf *b,
                         dwp_evaluation **x)
{
    *x = NULL;
    dwp_evaluation *ev = evaluation_take(e);
    if (!ev) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    int status = dwp_evaluate(e, case_json, len, ev);
    if (status == DWP_OK) {
        dwp_result_write(ev, b);
        if (!b->failed) {
            *x = ev;
            return dwp_evaluation_status(ev);
        }
        status = dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    evaluation_give_back(e, ev);
    return status;
}

/* Evaluate and write the result JSON. On success (or a result with failed decisions) *x and
 * *json are set and owned by the caller; otherwise both are NULL. */
static int evaluate(dwp_engine *e, const char *case_json, size_t len, dwp_evaluation **x,
                    char **json)
{
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    int status = evaluate_into(e, case_json, len, &b, x);
    *json = *x ? dwp_strbuf_take(&b) : NULL;
    if (*x && !*json) {
        evaluation_give_back(e, *x);
        *x = NULL;
        return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    dwp_strbuf_free(&b);
    return status;
}

DWP_API int dwp_eval_json(dwp_engine *e, const char *case_json, size_t len, char **result_json)
{
    dwp_error_clear();
    if (result_json) *result_json = NULL;
    /* FFI layers pass an empty buffer as NULL: (NULL, 0) is empty input, a parse error. */
    if (!case_json && len == 0) case_json = "";
    if (!e || !case_json || !result_json)
        return dwp_error_set(DWP_EINVAL, e ? e->lang : DWP_LANG_ZH,
                             "dwp_eval_json：engine、case_json 和 result_json 不能为 NULL",
                             "dwp_eval_json: engine, case_json and result_json must not be NULL");
    dwp_evaluation *x;
    int status = evaluate(e, case_json, len, &x, result_json);
    if (x) evaluation_give_back(e, x);
    return status;
}

/* Room reserved before each result of a batch, so that the buffer grows by doubling (the
 * writer's own first reservation is exact, for a buffer of one result). */
#define BATCH_RESULT_ROOM (20 * 1024)

DWP_API int dwp_eval_json_batch(dwp_engine *e, size_t count, const char *cases,
                                const size_t *case_ends, char **out, size_t *out_ends,
                                int32_t *statuses)
{
    dwp_error_clear();
    if (out) *out = NULL;
    int lang = e ? e->lang : DWP_LANG_ZH;
    if (!e || !out || (count && (!case_ends || !out_ends || !statuses)))
        return dwp_error_set(DWP_EINVAL, lang, "dwp_eval_json_batch：参数不能为 NULL",
                             "dwp_eval_json_batch: arguments must not be NULL");
    for (size_t i = 1; i < count; i++)
        if (case_ends[i] < case_ends[i - 1])
            return dwp_error_set(DWP_EINVAL, lang,
                                 "dwp_eval_json_batch：case_ends[%zu] 小于前一项",
                                 "dwp_eval_json_batch: case_ends[%zu] is less than the one before",
                                 i);
    /* As in dwp_eval_json, an empty buffer may come as NULL. */
    if (!cases && (count == 0 || case_ends[count - 1] == 0)) cases = "";
    if (!cases)
        return dwp_error_set(DWP_EINVAL, lang, "dwp_eval_json_batch：cases 不能为 NULL",
                             "dwp_eval_json_batch: cases must not be NULL");
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    size_t start = 0;
    for (size_t i = 0; i < count && !b.failed; i++) {
        dwp_evaluation *x;
        if (!dwp_strbuf_reserve(&b, BATCH_RESULT_ROOM)) break;
        statuses[i] = evaluate_into(e, cases + start, case_ends[i] - start, &b, &x);
        if (x) evaluation_give_back(e, x);
        out_ends[2 * i] = b.len;
        if (statuses[i] != DWP_OK) dwp_strbuf_puts(&b, dwp_last_error());
        out_ends[2 * i + 1] = b.len;
        start = case_ends[i];
        dwp_error_clear();
    }
    *out = dwp_strbuf_take(&b);
    if (!*out) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    return DWP_OK;
}

/* ---- Result handles ----------------------------------------------------------------------- */

struct dwp_result {
    dwp_evaluation *x; /* its arena holds the texts the accessors hand out */
    char *json;
};

DWP_API int dwp_eval_json_result(dwp_engine *e, const char *case_json, size_t len,
                                 dwp_result **out)
{
    dwp_error_clear();
    if (out) *out = NULL;
    if (!case_json && len == 0) case_json = "";
    if (!e || !case_json || !out)
        return dwp_error_set(DWP_EINVAL, e ? e->lang : DWP_LANG_ZH, "参数不能为 NULL",
                             "arguments must not be NULL");
    dwp_result *r = calloc(1, sizeof *r);
    if (!r) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    int status = evaluate(e, case_json, len, &r->x, &r->json);
    if (!r->x) {
        free(r);
        return status;
    }
    *out = r;
    return status;
}

DWP_API int dwp_eval_case(dwp_engine *e, const dwp_case *c, dwp_result **out)
{
    dwp_error_clear();
    if (out) *out = NULL;
    if (!e || !c || !out)
        return dwp_error_set(DWP_EINVAL, e ? e->lang : DWP_LANG_ZH, "参数不能为 NULL",
                             "arguments must not be NULL");
    char *json;
    int status = dwp_case_builder_json(c, &json);
    if (status != DWP_OK) return status;
    status = dwp_eval_json_result(e, json, strlen(json), out);
    free(json);
    return status;
}

DWP_API void dwp_result_free(dwp_result *r)
{
    if (!r) return;
    dwp_evaluation_release(r->x);
    free(r->x);
    free(r->json);
    free(r);
}

DWP_API const char *dwp_result_json(const dwp_result *r) { return r ? r->json : NULL; }

DWP_API size_t dwp_result_benefit_count(const dwp_result *r) { return r ? r->x->count : 0; }

static const dwp_decision *decision_at(const dwp_result *r, size_t i)
{
    return r && i < r->x->count ? &r->x->decisions[i] : NULL;
}

DWP_API int32_t dwp_result_benefit_find(const dwp_result *r, const char *id)
{
    for (size_t i = 0; r && id && i < r->x->count; i++)
        if (!strcmp(r->x->decisions[i].benefit->id, id)) return (int32_t)i;
    return -1;
}

DWP_API const char *dwp_result_benefit_id(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? d->benefit->id : NULL;
}

DWP_API const char *dwp_result_benefit_title(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? dwp_text_in(d->benefit->title, r->x->ev.lang) : NULL;
}

DWP_API int32_t dwp_result_benefit_status(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? d->status : -1;
}

DWP_API int dwp_result_benefit_amount(const dwp_result *r, size_t i, int64_t *out)
{
    const dwp_decision *d = decision_at(r, i);
    if (!d || !out) return DWP_EINVAL;
    /* The same rule as the JSON: the amount when eligible, 0 when ineligible, else none. */
    if (d->status == DWP_STATUS_ELIGIBLE && d->has_amount) *out = d->amount;
    else if (d->status == DWP_STATUS_INELIGIBLE) *out = 0;
    else return DWP_EINVAL;
    return DWP_OK;
}

DWP_API int32_t dwp_result_benefit_period(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? d->benefit->period : -1;
}

DWP_API int32_t dwp_result_benefit_kind(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? d->benefit->kind : -1;
}

DWP_API const char *dwp_result_benefit_basis(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? (d->basis ? d->basis : d->benefit->basis) : NULL;
}

DWP_API const char *dwp_result_benefit_decided_by(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    if (!d) return NULL;
    const dwp_engine *e = r->x->ev.engine;
    int index = dwp_regions_find(&e->regions, d->decided_by);
    return index >= 0 ? e->regions.list[index].code_text : NULL;
}

DWP_API size_t dwp_result_reason_count(const dwp_result *r, size_t i)
{
    const dwp_decision *d = decision_at(r, i);
    return d ? d->n_reasons : 0;
}

static const dwp_reason *reason_at(const dwp_result *r, size_t i, size_t k)
{
    const dwp_decision *d = decision_at(r, i);
    return d && k < d->n_reasons ? &d->reasons[k] : NULL;
}

DWP_API const char *dwp_result_reason_code(const dwp_result *r, size_t i, size_t k)
{
    const dwp_reason *reason = reason_at(r, i, k);
    return reason ? reason->code : NULL;
}

DWP_API const char *dwp_result_reason_text(const dwp_result *r, size_t i, size_t k)
{
    const dwp_reason *reason = reason_at(r, i, k);
    return reason ? reason->text : NULL;
}

DWP_API int32_t dwp_result_reason_ok(const dwp_result *r, size_t i, size_t k)
{
    const dwp_reason *reason = reason_at(r, i, k);
    return reason ? reason->ok : -1;
}
