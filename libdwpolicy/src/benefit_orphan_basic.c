/* benefit_orphan_basic.c — 孤儿、事实无人抚养儿童基本生活费 (川办发〔2025〕53号 (二)，
 * 民发〔2019〕62号): monthly, at the institution or the scattered standard. */
#include "decision.h"
#include "money.h"

#define AGED_18_OR_OVER(n) n " 周岁，已满 18 周岁", "aged " n ": 18 or over"

void dwp_decide_orphan_basic_living(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    if (ev->age < 18) dwp_check_age(ev, d, true, DWP_AGE_UNDER_18);
    else dwp_check_age(ev, d, false, AGED_18_OR_OVER);
    dwp_fact_orphan_like(ev, d);
    if (d->n_failed == 0 && c->child.living_arrangement == DWP_LIVING_UNSET)
        dwp_missing_add(d, "child.living_arrangement");
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    bool institution = c->child.living_arrangement == DWP_LIVING_INSTITUTION;
    int64_t standard;
    if (!dwp_param_read(ev, d,
                        institution ? DWP_P_ORPHAN_STANDARD_INSTITUTION
                                    : DWP_P_ORPHAN_STANDARD_SCATTERED,
                        &standard))
        return;
    d->amount = standard;
    d->has_amount = true;
    char y[32];
    dwp_money_format_yuan(standard, y);
    if (institution)
        dwp_reason_addf(ev, d, "amount", true, "机构养育：按机构养育标准每月 %s 元",
                        "raised in an institution: the institution standard, %s yuan a month", y);
    else
        dwp_reason_addf(ev, d, "amount", true, "社会散居：按散居标准每月 %s 元",
                        "living with family or relatives: the scattered standard, %s yuan a month",
                        y);
    dwp_decision_zero_is_ineligible(ev, d, DWP_T("本地标准为 0", "the local standard is 0"));
}
