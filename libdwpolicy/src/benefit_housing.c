/* benefit_housing.c — 住房保障 (川办发〔2025〕53号 (九)): a family that meets the local urban
 * housing-support conditions gets public rental housing or a rent subsidy. */
#include "decision.h"
#include "money.h"

void dwp_decide_housing_support(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    dwp_cond(ev, d, "household.housing_eligible", c->household.housing_eligible,
             "household.housing_eligible",
             DWP_T("家庭符合当地城镇住房保障条件", "the family meets the local housing-support conditions"),
             DWP_T("家庭不符合当地城镇住房保障条件",
                   "the family does not meet the local housing-support conditions"));
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    int64_t rent;
    if (!dwp_param_read(ev, d, DWP_P_HOUSING_RENT_SUBSIDY, &rent)) return;
    d->amount = rent;
    d->has_amount = true;
    if (rent == 0) {
        dwp_amount_to_be_set_locally(ev, d, dwp_param_name(DWP_P_HOUSING_RENT_SUBSIDY));
        return;
    }
    char y[32];
    dwp_money_format_yuan(rent, y);
    dwp_reason_addf(ev, d, "amount", true, "公共租赁住房，或租赁补贴每月 %s 元",
                    "public rental housing, or a rent subsidy of %s yuan a month", y);
}
