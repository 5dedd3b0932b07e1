/* evaluate.h — one evaluation: the case, its derived facts and every benefit's decision. */
#ifndef DWP_EVALUATE_H
#define DWP_EVALUATE_H

#include "case.h"
#include "decision.h"
#include "strbuf.h"

/* The catalogue, then at most DWP_LOCAL_RULES_PER_REGION local rules for each region of the
 * chain. */
#define DWP_DECISIONS_MAX 64

typedef struct dwp_evaluation {
    dwp_facts c;
    dwp_eval ev;
    dwp_arena arena;
    char arena_initial[4096];
    dwp_decision decisions[DWP_DECISIONS_MAX]; /* catalogue order, then local rules */
    uint16_t benefit_index[DWP_DECISIONS_MAX]; /* of each decision: catalogue, then local */
    size_t count;
    uint32_t services; /* bits of dwp_service_id */
} dwp_evaluation;

/* Read and check the case, then decide every benefit. On DWP_OK the evaluation is complete
 * (some decisions may have status error); otherwise the last error names the problem.
 * Release with dwp_evaluation_release() in both cases. */
int dwp_evaluate(const dwp_engine *e, const char *json, size_t len, dwp_evaluation *out);
void dwp_evaluation_release(dwp_evaluation *x);

/* The status dwp_eval_json() returns for a complete evaluation: DWP_OK, or for the worst
 * failed decision DWP_ELIMIT (a rule hit a limit), DWP_ESCRIPT (a rule raised an error),
 * DWP_ERULES (a parameter has no value); the last error then describes that decision. */
int dwp_evaluation_status(const dwp_evaluation *x);

/* SPEC §3 result JSON. */
void dwp_result_write(const dwp_evaluation *x, dwp_strbuf *out);

#endif
