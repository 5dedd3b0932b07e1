/* benefit_medical.c — 医疗救助 (川办发〔2025〕53号 (六)): policy-range self-pay at a designated
 * institution, less what is left of the deductible, times the class's ratio, within what is
 * left of the annual cap. */
#include "case.h"
#include "decision.h"
#include "money.h"

typedef struct assistance_class {
    const char *name;
    dwp_text reason; /* "救助类别：…", a whole literal: nothing to format per case */
    dwp_param_id deductible, ratio_bp, annual_cap;
} assistance_class;

#define CLASS_REASON(zh, en) DWP_T_INIT("救助类别：" zh, "assistance class: " en)
static const assistance_class classes[] = {
    {"tekun", CLASS_REASON("特困供养人员", "tekun (extreme-poverty support)"),
     DWP_P_MED_TEKUN_DEDUCTIBLE, DWP_P_MED_TEKUN_RATIO_BP, DWP_P_MED_TEKUN_ANNUAL_CAP},
    {"orphan", CLASS_REASON("孤儿（含事实无人抚养儿童）", "orphan (incl. de facto unsupported)"),
     DWP_P_MED_ORPHAN_DEDUCTIBLE, DWP_P_MED_ORPHAN_RATIO_BP, DWP_P_MED_ORPHAN_ANNUAL_CAP},
    {"dibao", CLASS_REASON("低保对象", "dibao (minimum living allowance)"),
     DWP_P_MED_DIBAO_DEDUCTIBLE, DWP_P_MED_DIBAO_RATIO_BP, DWP_P_MED_DIBAO_ANNUAL_CAP},
    {"dibao_marginal", CLASS_REASON("低保边缘家庭成员", "dibao-marginal (near-poverty) household"),
     DWP_P_MED_MARGINAL_DEDUCTIBLE, DWP_P_MED_MARGINAL_RATIO_BP, DWP_P_MED_MARGINAL_ANNUAL_CAP},
};

/* Whether the case belongs to class i; unknown when the deciding fact is absent. */
static dwp_tri in_class(const dwp_facts *c, size_t i, const char **missing)
{
    uint8_t hh = c->household.status;
    *missing = "household.status";
    switch (i) {
    case 0:
        return hh == DWP_HH_UNSET ? DWP_TRI_UNKNOWN : dwp_tri_of(hh == DWP_HH_TEKUN);
    case 1:
        *missing = NULL; /* both orphan facts are listed by the caller */
        return dwp_tri_or(c->child.orphan, c->child.de_facto_unsupported);
    case 2:
        return hh == DWP_HH_UNSET ? DWP_TRI_UNKNOWN : dwp_tri_of(hh == DWP_HH_DIBAO);
    default:
        return hh == DWP_HH_UNSET ? DWP_TRI_UNKNOWN : dwp_tri_of(hh == DWP_HH_DIBAO_MARGINAL);
    }
}

/* The first class that applies (they are in order of precedence), or NULL. */
static const assistance_class *choose_class(const dwp_eval *ev, dwp_decision *d)
{
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        const char *missing;
        dwp_tri v = in_class(ev->c, i, &missing);
        if (v == DWP_TRI_YES) {
            dwp_reason_add(ev, d, "assistance.class", true, classes[i].reason);
            return &classes[i];
        }
        if (v == DWP_TRI_UNKNOWN) {
            /* A class earlier in the order might apply and change the ratio and cap. */
            if (missing) {
                dwp_missing_add(d, missing);
            } else {
                if (ev->c->child.orphan == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.orphan");
                if (ev->c->child.de_facto_unsupported == DWP_TRI_UNKNOWN)
                    dwp_missing_add(d, "child.de_facto_unsupported");
            }
            return NULL;
        }
    }
    dwp_check_text(ev, d, "assistance.class", false,
                   DWP_T("不属于特困、孤儿、低保或低保边缘救助对象",
                         "not in a class entitled to medical assistance (tekun, orphan, dibao, dibao-marginal)"));
    return NULL;
}

void dwp_decide_medical_assistance(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    if (!c->medical.present) {
        dwp_check_text(ev, d, "medical", false,
                       DWP_T("本案未提供医疗费用信息", "the case has no medical expenses"));
        dwp_decision_settle(d);
        return;
    }
    dwp_cond(ev, d, "medical.designated_institution", c->medical.designated_institution,
             "medical.designated_institution",
             DWP_T("在定点医疗机构就医", "treated at a designated institution"),
             DWP_T("非定点医疗机构发生的费用不予救助",
                   "costs at a non-designated institution are not assisted"));
    const dwp_opt_int *oop = &c->medical.policy_out_of_pocket_fen;
    char oop_y[32];
    if (!oop->present) {
        dwp_missing_add(d, "medical.policy_out_of_pocket_fen");
    } else {
        dwp_money_format_yuan(oop->value, oop_y);
        if (oop->value > 0)
            dwp_check(ev, d, "medical.policy_out_of_pocket_fen", true,
                      "政策范围内个人自付 %s 元", "policy-range self-pay of %s yuan", oop_y);
        else
            dwp_check_text(ev, d, "medical.policy_out_of_pocket_fen", false,
                           DWP_T("没有政策范围内个人自付费用", "no policy-range self-pay"));
    }
    const assistance_class *cls = choose_class(ev, d);
    if (!cls || d->n_failed || d->n_missing) {
        dwp_decision_settle(d);
        return;
    }

    int64_t deductible, ratio_bp, cap;
    if (!dwp_param_read(ev, d, cls->deductible, &deductible) ||
        !dwp_param_read(ev, d, cls->ratio_bp, &ratio_bp) ||
        !dwp_param_read(ev, d, cls->annual_cap, &cap))
        return;
    if (!c->medical.assisted_this_year_fen.present)
        dwp_missing_add(d, "medical.assisted_this_year_fen");
    /* What was paid towards the deductible matters only when there is one. */
    if (deductible > 0 && !c->medical.deductible_paid_this_year_fen.present)
        dwp_missing_add(d, "medical.deductible_paid_this_year_fen");
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;

    int64_t paid = c->medical.deductible_paid_this_year_fen.present
                       ? c->medical.deductible_paid_this_year_fen.value
                       : 0;
    int64_t deductible_left = dwp_money_max(0, deductible - paid);
    int64_t assisted_base = dwp_money_max(0, oop->value - deductible_left);
    int64_t computed = dwp_money_apply_bp(assisted_base, ratio_bp);
    int64_t cap_left = dwp_money_max(0, cap - c->medical.assisted_this_year_fen.value);
    d->amount = dwp_money_min(cap_left, computed);
    d->has_amount = true;

    char ded_y[32], comp_y[32], cap_y[32], left_y[32], amt_y[32];
    dwp_money_format_yuan(deductible_left, ded_y);
    dwp_money_format_yuan(computed, comp_y);
    dwp_money_format_yuan(cap, cap_y);
    dwp_money_format_yuan(cap_left, left_y);
    dwp_money_format_yuan(d->amount, amt_y);
    if (d->amount == 0) {
        if (cap_left == 0)
            dwp_check(ev, d, "amount", false, "本年度救助限额 %s 元已用完",
                      "the annual cap of %s yuan is used up", cap_y);
        else
            dwp_check(ev, d, "amount", false, "个人自付 %s 元未超过尚余起付线 %s 元",
                      "the self-pay of %s yuan does not exceed the remaining deductible of %s yuan",
                      oop_y, ded_y);
        dwp_decision_settle(d);
        return;
    }
    dwp_reason_addf(ev, d, "amount", true,
                    "（自付 %s 元 − 尚余起付线 %s 元）× %d.%02d%% = %s 元；本年度尚余限额 %s 元（限额 %s 元）；救助 %s 元",
                    "(self-pay %s yuan − remaining deductible %s yuan) × %d.%02d%% = %s yuan; "
                    "%s yuan left of the annual cap of %s yuan; assistance %s yuan",
                    oop_y, ded_y, (int)(ratio_bp / 100), (int)(ratio_bp % 100), comp_y, left_y,
                    cap_y, amt_y);
}

/* 全额资助孤儿参加基本医疗保险 (六): the individual premium, for orphans and for the
 * categories a region adds. */
void dwp_decide_medical_premium_subsidy(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    int64_t extra;
    if (!dwp_param_read(ev, d, DWP_P_MEDICAL_PREMIUM_EXTRA_CATEGORIES, &extra)) return;
    uint32_t matched = ev->categories & (uint32_t)extra;
    if (c->child.orphan == DWP_TRI_YES) {
        dwp_reason_add(ev, d, "child.orphan", true, DWP_T("孤儿", "the child is an orphan"));
    } else if (matched) {
        int bit = 0;
        while (!(matched & (1u << bit))) bit++;
        dwp_reason_addf(ev, d, "child.categories", true, "本地区对“%s”类困境儿童同样资助参保",
                        "this region also pays the premium for children in the category %s",
                        dwp_category_name(bit));
    } else if (c->child.orphan == DWP_TRI_UNKNOWN) {
        dwp_missing_add(d, "child.orphan");
    } else {
        dwp_check_text(ev, d, "child.orphan", false,
                       DWP_T("不是孤儿，也不属于本地区另行资助参保的类别",
                             "not an orphan, nor in a category this region also covers"));
    }
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;
    int64_t premium;
    if (!dwp_param_read(ev, d, DWP_P_MEDICAL_PREMIUM_INDIVIDUAL, &premium)) return;
    d->amount = premium;
    d->has_amount = true;
    char y[32];
    dwp_money_format_yuan(premium, y);
    dwp_reason_addf(ev, d, "amount", true, "全额资助城乡居民医保个人缴费：每年 %s 元",
                    "the resident medical insurance premium paid in full: %s yuan a year", y);
    dwp_decision_zero_is_ineligible(ev, d, DWP_T("本地缴费标准为 0", "the local premium is 0"));
}

/* 孤儿医疗康复明天计划 (川民发〔2021〕120号): at designated institutions, the self-pay left after
 * insurance and 医疗救助 is reimbursed in full, for orphans under 18 and those over 18 still
 * in full-time 中职、高职、本科 or 硕士 study. */
#define ADULT_STILL_STUDYING(n)                                                                   \
    n " 周岁：年满 18 周岁须仍在全日制中职、高职、本科或硕士就读",                                \
        "aged " n ": over 18, the plan continues only in full-time vocational, undergraduate or "  \
                  "master's study"

void dwp_decide_medical_tomorrow_plan(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    int64_t enabled;
    if (!dwp_param_read(ev, d, DWP_P_MEDICAL_TOMORROW_PLAN_ENABLED, &enabled)) return;
    if (!enabled)
        dwp_check_text(ev, d, "policy.enabled", false,
                       DWP_T("本地区未实施明天计划", "this region does not run the Tomorrow Plan"));
    dwp_cond(ev, d, "child.orphan", c->child.orphan, "child.orphan",
             DWP_T("孤儿", "the child is an orphan"),
             DWP_T("不是孤儿（明天计划只面向孤儿）", "not an orphan (the plan covers orphans only)"));
    if (ev->age >= 18) {
        static const uint8_t levels[] = {DWP_LEVEL_SECONDARY_VOCATIONAL, DWP_LEVEL_HIGHER_VOCATIONAL,
                                         DWP_LEVEL_UNDERGRADUATE, DWP_LEVEL_MASTER, 0};
        dwp_check_age(ev, d, true, ADULT_STILL_STUDYING);
        if (dwp_fact_level_in(ev, d, levels) == DWP_TRI_YES)
            dwp_cond(ev, d, "child.education.full_time", c->child.full_time,
                     "child.education.full_time", DWP_T("全日制就读", "full-time"),
                     DWP_T("非全日制就读", "not full-time"));
    } else {
        dwp_check_age(ev, d, true, DWP_AGE_UNDER_18);
    }
    if (!c->medical.present) {
        dwp_check_text(ev, d, "medical", false,
                       DWP_T("本案未提供医疗费用信息", "the case has no medical expenses"));
    } else {
        dwp_cond(ev, d, "medical.designated_institution", c->medical.designated_institution,
                 "medical.designated_institution",
                 DWP_T("在定点医疗机构就医", "treated at a designated institution"),
                 DWP_T("非定点医疗机构发生的费用不在明天计划范围",
                       "costs at a non-designated institution are not covered"));
        if (!c->medical.policy_out_of_pocket_fen.present)
            dwp_missing_add(d, "medical.policy_out_of_pocket_fen");
    }
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;

    /* What 医疗救助 paid, as finally decided for this case (a regional override included). */
    const dwp_decision *assistance = NULL;
    for (size_t i = 0; i < ev->n_decided; i++)
        if (ev->decided[i].benefit->decide == dwp_decide_medical_assistance)
            assistance = &ev->decided[i];
    int64_t assisted = 0;
    if (assistance && assistance->status == DWP_STATUS_ELIGIBLE) {
        assisted = assistance->amount;
    } else if (assistance && assistance->status != DWP_STATUS_INELIGIBLE) {
        /* Until 医疗救助 is known, so is not what is left after it. */
        for (uint32_t m = 0; m < assistance->n_missing; m++) dwp_missing_add(d, assistance->missing[m]);
        if (!assistance->n_missing) dwp_missing_add(d, "medical.assistance");
        dwp_decision_settle(d);
        return;
    }
    int64_t oop = c->medical.policy_out_of_pocket_fen.value;
    d->amount = dwp_money_max(0, oop - assisted);
    d->has_amount = true;
    char oop_y[32], as_y[32], amt_y[32];
    dwp_money_format_yuan(oop, oop_y);
    dwp_money_format_yuan(assisted, as_y);
    dwp_money_format_yuan(d->amount, amt_y);
    if (d->amount == 0) {
        dwp_check(ev, d, "amount", false, "医疗救助已覆盖全部自付费用 %s 元，无剩余",
                  "medical assistance already covers the whole self-pay of %s yuan", oop_y);
        dwp_decision_settle(d);
        return;
    }
    dwp_reason_addf(ev, d, "amount", true, "剩余自付全额报销：自付 %s 元 − 医疗救助 %s 元 = %s 元",
                    "the remaining self-pay reimbursed in full: %s yuan − medical assistance %s "
                    "yuan = %s yuan",
                    oop_y, as_y, amt_y);
}
