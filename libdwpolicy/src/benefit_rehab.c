/* benefit_rehab.c — 残疾儿童康复救助 (川办发〔2025〕53号 (七)): children aged 6 and under with a
 * disability or autism, up to the annual training cap; surgery and assistive devices have caps
 * of their own, listed as reasons. */
#include "decision.h"
#include "money.h"

void dwp_decide_rehab_disabled_child(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    int64_t max_age;
    if (!dwp_param_read(ev, d, DWP_P_REHAB_MAX_AGE, &max_age)) return;
    if (ev->age <= max_age)
        dwp_check(ev, d, "child.age", true, "%d 周岁，在 %d 周岁及以下", "aged %d: %d or under",
                  (int)ev->age, (int)max_age);
    else
        dwp_check(ev, d, "child.age", false, "%d 周岁，超过康复救助年龄（%d 周岁及以下）",
                  "aged %d: above the rehabilitation age limit of %d", (int)ev->age, (int)max_age);
    dwp_tri need = dwp_tri_or(dwp_tri_of(c->child.has_disability), c->child.autism);
    if (need == DWP_TRI_YES)
        dwp_reason_add(ev, d, "child.disability", true,
                       c->child.has_disability ? DWP_T("残疾儿童", "disabled child")
                                               : DWP_T("孤独症儿童", "child with autism"));
    else if (need == DWP_TRI_NO)
        dwp_check_text(ev, d, "child.disability", false,
                       DWP_T("无残疾，也无孤独症", "no disability and no autism"));
    else
        dwp_missing_add(d, "child.autism");
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    int64_t training, surgery, devices;
    if (!dwp_param_read(ev, d, DWP_P_REHAB_TRAINING_ANNUAL_CAP, &training) ||
        !dwp_param_read(ev, d, DWP_P_REHAB_SURGERY_CAP, &surgery) ||
        !dwp_param_read(ev, d, DWP_P_REHAB_DEVICES_CAP, &devices))
        return;
    d->amount = training;
    d->has_amount = true;
    char t[32], s[32], v[32];
    dwp_money_format_yuan(training, t);
    dwp_money_format_yuan(surgery, s);
    dwp_money_format_yuan(devices, v);
    dwp_reason_addf(ev, d, "amount", true, "康复训练每年最高 %s 元（在定点康复机构）",
                    "rehabilitation training up to %s yuan a year (at designated centres)", t);
    dwp_reason_addf(ev, d, "rehab.surgery.cap", true, "另：康复手术最高 %s 元", "also: surgery up to %s yuan", s);
    dwp_reason_addf(ev, d, "rehab.devices.cap", true, "另：辅助器具适配最高 %s 元",
                    "also: assistive devices up to %s yuan", v);
    dwp_decision_zero_is_ineligible(ev, d, DWP_T("本地标准为 0", "the local standard is 0"));
}
