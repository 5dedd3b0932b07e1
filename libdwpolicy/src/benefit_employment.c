/* benefit_employment.c — 一次性求职创业补贴 (川办发〔2025〕53号 (九)): for 困境儿童 graduating this
 * year who are orphans, de facto unsupported, from 低保 or 特困 families, or disabled. */
#include "decision.h"
#include "money.h"

#define AGED_16_OR_OVER(n) n " 周岁，已满 16 周岁", "aged " n ": 16 or over"
#define UNDER_16(n) n " 周岁，未满 16 周岁", "aged " n ", under 16"

void dwp_decide_employment_job_seeking_subsidy(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    if (ev->age >= 16) dwp_check_age(ev, d, true, AGED_16_OR_OVER);
    else dwp_check_age(ev, d, false, UNDER_16);
    dwp_cond(ev, d, "child.graduating_this_year", c->child.graduating_this_year,
             "child.graduating_this_year", DWP_T("本年度毕业", "graduating this year"),
             DWP_T("不是本年度毕业生", "not graduating this year"));
    uint8_t hh = c->household.status;
    dwp_tri poor = hh == DWP_HH_UNSET ? DWP_TRI_UNKNOWN
                                      : dwp_tri_of(hh == DWP_HH_DIBAO || hh == DWP_HH_TEKUN);
    dwp_tri group = dwp_tri_or(dwp_tri_or(c->child.orphan, c->child.de_facto_unsupported),
                               dwp_tri_or(poor, dwp_tri_of(c->child.has_disability)));
    if (group == DWP_TRI_YES) {
        dwp_reason_add(ev, d, "child.group", true,
                       DWP_T("孤儿、事实无人抚养、低保或特困家庭、或残疾的毕业生",
                             "an orphan, de facto unsupported, from a dibao or tekun family, or disabled"));
    } else if (group == DWP_TRI_NO) {
        dwp_check_text(ev, d, "child.group", false,
                       DWP_T("不属于孤儿、事实无人抚养、低保或特困家庭、残疾毕业生",
                             "not an orphan, de facto unsupported, from a dibao or tekun family, or disabled"));
    } else {
        if (c->child.orphan == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.orphan");
        if (c->child.de_facto_unsupported == DWP_TRI_UNKNOWN)
            dwp_missing_add(d, "child.de_facto_unsupported");
        if (hh == DWP_HH_UNSET) dwp_missing_add(d, "household.status");
    }
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    int64_t amount;
    if (!dwp_param_read(ev, d, DWP_P_EMPLOYMENT_JOB_SEEKING_SUBSIDY, &amount)) return;
    d->amount = amount;
    d->has_amount = true;
    char y[32];
    dwp_money_format_yuan(amount, y);
    dwp_reason_addf(ev, d, "amount", true, "一次性发放 %s 元，并提供职业指导和岗位推荐",
                    "a one-off %s yuan, with career guidance and job referrals", y);
    dwp_decision_zero_is_ineligible(ev, d, DWP_T("本地标准为 0", "the local standard is 0"));
}
