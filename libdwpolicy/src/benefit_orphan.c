/* benefit_orphan.c — 孤儿、事实无人抚养儿童年满 18 周岁后在校补差 (川办发〔2025〕53号 (二)):
 * while still studying and covered by 低保/特困, the monthly benefit is topped up to the
 * 社会散居孤儿 standard. "各地可…": discretionary, switched by a parameter. */
#include "case.h"
#include "decision.h"
#include "money.h"

#define MINOR(n)                                                                                  \
    n " 周岁，未满 18 周岁（未成年孤儿按孤儿基本生活费保障）",                                    \
        "aged " n ", under 18 (minors are covered by the orphan allowance instead)"
#define ADULT(n) "已满 18 周岁（" n " 周岁）", "aged " n ": 18 or over"

#define FULL_TIME(zh, en) DWP_T_INIT("全日制就读（" zh "）", "full-time in " en),
#define NOT_FULL_TIME(zh, en) DWP_T_INIT("非全日制就读（" zh "），不在补差范围", "not full-time (" en "): only full-time students qualify"),
#define NOT_SENIOR(zh, en) DWP_T_INIT(zh "，未就读普通高中、中职、高职、本科或硕士研究生", en ": not in senior high, vocational, undergraduate or master's study"),
static const dwp_text full_time[] = {DWP_T_INIT("", ""), DWP_LEVEL_NAMES(FULL_TIME)};
static const dwp_text not_full_time[] = {DWP_T_INIT("", ""), DWP_LEVEL_NAMES(NOT_FULL_TIME)};
static const dwp_text not_senior[] = {DWP_T_INIT("", ""), DWP_LEVEL_NAMES(NOT_SENIOR)};

/* 普通高中 in any mode; 中职、高职、本科、硕士 only full-time; 博士 never. */
static void education_condition(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    if (!c->child.has_education) {
        dwp_missing_add(d, "child.education.level");
        return;
    }
    int level = c->child.education_level;
    switch (level) {
    case DWP_LEVEL_ORDINARY_HIGH:
        dwp_check_text(ev, d, "child.education", true,
                       DWP_T("就读于普通高中", "studying at an ordinary senior high school"));
        break;
    case DWP_LEVEL_SECONDARY_VOCATIONAL:
    case DWP_LEVEL_HIGHER_VOCATIONAL:
    case DWP_LEVEL_UNDERGRADUATE:
    case DWP_LEVEL_MASTER:
        if (c->child.full_time == DWP_TRI_UNKNOWN)
            dwp_missing_add(d, "child.education.full_time");
        else if (c->child.full_time == DWP_TRI_YES)
            dwp_check_text(ev, d, "child.education", true, full_time[level]);
        else
            dwp_check_text(ev, d, "child.education", false, not_full_time[level]);
        break;
    case DWP_LEVEL_DOCTORAL:
        dwp_check_text(ev, d, "child.education", false,
                       DWP_T("博士研究生不在补差范围", "doctoral students are not covered"));
        break;
    default:
        dwp_check_text(ev, d, "child.education", false, not_senior[level]);
    }
}

void dwp_decide_orphan_adult_student_topup(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    int64_t enabled, max_age;
    if (!dwp_param_read(ev, d, DWP_P_ORPHAN_TOPUP_ENABLED, &enabled)) return;
    if (!enabled)
        dwp_check_text(ev, d, "policy.enabled", false,
                       DWP_T("本地区未开展此项补差", "this region does not grant the top-up"));

    dwp_fact_orphan_like(ev, d);

    if (ev->age < 18) {
        dwp_check_age(ev, d, false, MINOR);
    } else {
        if (!dwp_param_read(ev, d, DWP_P_ORPHAN_TOPUP_MAX_AGE, &max_age)) return;
        if (max_age > 0 && ev->age > max_age)
            dwp_check(ev, d, "child.age", false, "%d 周岁，超过本地规定的 %d 周岁上限",
                      "aged %d, above the local limit of %d", (int)ev->age, (int)max_age);
        else
            dwp_check_age(ev, d, true, ADULT);
    }

    education_condition(ev, d);

    bool needs_coverage = false;
    switch (c->household.status) {
    case DWP_HH_DIBAO:
    case DWP_HH_TEKUN:
        dwp_reason_add(ev, d, "household.status", true,
                       c->household.status == DWP_HH_DIBAO
                           ? DWP_T("已纳入城乡最低生活保障", "covered by dibao (minimum living allowance)")
                           : DWP_T("已纳入特困人员救助供养", "covered by tekun (extreme-poverty support)"));
        break;
    case DWP_HH_NONE:
    case DWP_HH_DIBAO_MARGINAL:
        dwp_reason_add(ev, d, "household.status", false,
                       DWP_T("尚未纳入城乡低保或特困供养：补差以纳入为前提，请先申请",
                             "not covered by dibao or tekun support: the top-up builds on that "
                             "coverage, so apply for it first"));
        d->n_failed++;
        needs_coverage = true;
        break;
    default:
        dwp_missing_add(d, "household.status");
    }
    /* Refer to 低保/特困 only when that coverage is all that stands in the way. */
    if (needs_coverage && d->n_failed == 1) d->services |= 1u << DWP_SVC_APPLY_DIBAO;

    if (d->n_failed == 0 && !c->household.monthly_benefit_fen.present)
        dwp_missing_add(d, "household.monthly_benefit_fen");
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;

    int64_t standard;
    if (!dwp_param_read(ev, d, DWP_P_ORPHAN_STANDARD_SCATTERED, &standard)) return;
    int64_t current = c->household.monthly_benefit_fen.value;
    d->amount = dwp_money_max(0, standard - current);
    d->has_amount = true;
    char std_y[32], cur_y[32], amt_y[32];
    dwp_money_format_yuan(standard, std_y);
    dwp_money_format_yuan(current, cur_y);
    dwp_money_format_yuan(d->amount, amt_y);
    if (d->amount == 0) {
        dwp_check(ev, d, "amount", false,
                  "现领取 %s 元/月，不低于社会散居孤儿基本生活最低养育标准 %s 元，无差额可补",
                  "the current benefit of %s yuan a month is not below the scattered-orphan "
                  "standard of %s yuan: there is no gap to top up",
                  cur_y, std_y);
        dwp_decision_settle(d);
        return;
    }
    dwp_reason_addf(ev, d, "amount", true,
                    "按月补差：散居孤儿标准 %s 元 − 现领取 %s 元 = %s 元",
                    "monthly top-up: scattered-orphan standard %s yuan − current benefit %s "
                    "yuan = %s yuan",
                    std_y, cur_y, amt_y);
}
