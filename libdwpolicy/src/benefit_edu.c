/* benefit_edu.c — 教育资助 (川办发〔2025〕53号 (四)): for 困境儿童 in economic difficulty, the
 * living subsidy in compulsory education (half for day pupils), and in senior high and
 * secondary vocational school the state grant and the waiver of tuition and fees. */
#include "decision.h"
#include "money.h"

static const uint8_t compulsory[] = {DWP_LEVEL_PRIMARY, DWP_LEVEL_JUNIOR_SECONDARY, 0};
static const uint8_t senior[] = {DWP_LEVEL_ORDINARY_HIGH, DWP_LEVEL_SECONDARY_VOCATIONAL, 0};

void dwp_decide_edu_living_subsidy(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    dwp_fact_level_in(ev, d, compulsory);
    dwp_fact_economic_difficulty(ev, d);
    if (d->n_failed == 0 && c->child.boarding == DWP_TRI_UNKNOWN)
        dwp_missing_add(d, "child.education.boarding");
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    int64_t amount, nonboarding_bp = 10000;
    bool boarding = c->child.boarding == DWP_TRI_YES;
    if (!dwp_param_read(ev, d,
                        c->child.education_level == DWP_LEVEL_PRIMARY
                            ? DWP_P_EDU_LIVING_PRIMARY
                            : DWP_P_EDU_LIVING_JUNIOR_SECONDARY,
                        &amount))
        return;
    if (!boarding && !dwp_param_read(ev, d, DWP_P_EDU_LIVING_NONBOARDING_BP, &nonboarding_bp))
        return;
    char full[32], y[32];
    dwp_money_format_yuan(amount, full);
    d->amount = boarding ? amount : dwp_money_apply_bp(amount, nonboarding_bp);
    d->has_amount = true;
    dwp_money_format_yuan(d->amount, y);
    if (boarding)
        dwp_reason_addf(ev, d, "amount", true, "寄宿生：每年 %s 元", "boarding pupil: %s yuan a year",
                        y);
    else
        dwp_reason_addf(ev, d, "amount", true, "非寄宿生：寄宿生标准 %s 元 × %d%% = 每年 %s 元",
                        "day pupil: the boarding rate of %s yuan × %d%% = %s yuan a year",
                        full, (int)(nonboarding_bp / 100), y);
    dwp_decision_zero_is_ineligible(ev, d, DWP_T("本地标准为 0", "the local standard is 0"));
}

void dwp_decide_edu_grant(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    dwp_fact_level_in(ev, d, senior);
    dwp_fact_economic_difficulty(ev, d);
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    int64_t amount;
    if (!dwp_param_read(ev, d,
                        c->child.education_level == DWP_LEVEL_ORDINARY_HIGH
                            ? DWP_P_EDU_GRANT_ORDINARY_HIGH
                            : DWP_P_EDU_GRANT_SECONDARY_VOCATIONAL,
                        &amount))
        return;
    d->amount = amount;
    d->has_amount = true;
    char y[32];
    dwp_money_format_yuan(amount, y);
    dwp_reason_addf(ev, d, "amount", true, "国家助学金每年 %s 元", "state grant of %s yuan a year", y);
    dwp_decision_zero_is_ineligible(ev, d, DWP_T("本地标准为 0", "the local standard is 0"));
}

void dwp_decide_edu_tuition_waiver(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    dwp_fact_level_in(ev, d, senior);
    dwp_fact_economic_difficulty(ev, d);
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    dwp_param_id id = c->child.education_level == DWP_LEVEL_ORDINARY_HIGH
                          ? DWP_P_EDU_TUITION_ORDINARY_HIGH
                          : DWP_P_EDU_TUITION_SECONDARY_VOCATIONAL;
    int64_t amount;
    if (!dwp_param_read(ev, d, id, &amount)) return;
    d->amount = amount;
    d->has_amount = true;
    if (amount == 0) {
        /* The waiver stands whatever the fee: only its amount is unknown here. */
        dwp_amount_to_be_set_locally(ev, d, dwp_param_name(id));
        return;
    }
    char y[32];
    dwp_money_format_yuan(amount, y);
    dwp_reason_addf(ev, d, "amount", true, "免除学杂费每年 %s 元", "tuition and fees of %s yuan a year waived", y);
}
