/* benefit_dibao.c — 单人户纳入低保: seriously ill or severely disabled children of 低保边缘
 * families are included in 低保 as single-person households (川办发〔2025〕53号 (二)). */
#include "case.h"
#include "decision.h"
#include "money.h"

static dwp_text disability_type_text(int type)
{
    static const dwp_text names[] = {
        DWP_T_INIT("", "a"),        DWP_T_INIT("视力", "visual"), DWP_T_INIT("听力", "hearing"),
        DWP_T_INIT("言语", "speech"), DWP_T_INIT("肢体", "physical"),
        DWP_T_INIT("智力", "intellectual"), DWP_T_INIT("精神", "mental"),
        DWP_T_INIT("多重", "multiple")};
    return names[type];
}

/* Severe disability (重残) per 民发〔2021〕57号: grade <= max_grade of any type, or grade <=
 * the intellectual/mental threshold for those two types. Reads the thresholds only when the
 * child has a disability, so that params[] lists only what the decision used. */
static dwp_tri severe_disability(const dwp_eval *ev, dwp_decision *d, bool *ok_params)
{
    const dwp_facts *c = ev->c;
    *ok_params = true;
    if (!c->child.has_disability) return DWP_TRI_NO;
    int64_t max_grade, im_max_grade;
    if (!dwp_param_read(ev, d, DWP_P_DISABILITY_SEVERE_MAX_GRADE, &max_grade)) {
        *ok_params = false;
        return DWP_TRI_UNKNOWN;
    }
    if (c->child.disability_grade <= max_grade) return DWP_TRI_YES;
    if (!dwp_param_read(ev, d, DWP_P_DISABILITY_SEVERE_IM_MAX_GRADE, &im_max_grade)) {
        *ok_params = false;
        return DWP_TRI_UNKNOWN;
    }
    if (c->child.disability_grade > im_max_grade) return DWP_TRI_NO;
    if (c->child.disability_type == DWP_DIS_UNSET) return DWP_TRI_UNKNOWN;
    return dwp_tri_of(c->child.disability_type == DWP_DIS_INTELLECTUAL ||
                      c->child.disability_type == DWP_DIS_MENTAL);
}

static void household_condition(const dwp_eval *ev, dwp_decision *d)
{
    switch (ev->c->household.status) {
    case DWP_HH_DIBAO_MARGINAL:
        dwp_reason_add(ev, d, "household.status", true,
                       DWP_T("家庭为最低生活保障边缘家庭",
                             "the family is a dibao-marginal (near-poverty) household"));
        break;
    case DWP_HH_DIBAO:
    case DWP_HH_TEKUN:
        dwp_reason_add(ev, d, "household.status", false,
                       ev->c->household.status == DWP_HH_DIBAO
                           ? DWP_T("已纳入最低生活保障，无需再按单人户纳入",
                                   "already covered by dibao; no separate single-person inclusion")
                           : DWP_T("已纳入特困人员救助供养，无需再按单人户纳入低保",
                                   "already covered by tekun support (extreme poverty); no separate single-person inclusion"));
        d->n_failed++;
        break;
    case DWP_HH_NONE:
        dwp_reason_add(ev, d, "household.status", false,
                       DWP_T("家庭不是最低生活保障边缘家庭",
                             "the family is not a dibao-marginal (near-poverty) household"));
        d->n_failed++;
        break;
    default:
        dwp_missing_add(d, "household.status");
    }
}

#define NO_LONGER_A_CHILD(n) "已满 18 周岁（" n " 周岁），不再属于儿童", "aged " n ": 18 or over, no longer a child"

void dwp_decide_dibao_single_person(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    if (ev->age < 18) dwp_check_age(ev, d, true, DWP_AGE_UNDER_18);
    else dwp_check_age(ev, d, false, NO_LONGER_A_CHILD);
    household_condition(ev, d);

    bool params_ok;
    dwp_tri severe = severe_disability(ev, d, &params_ok);
    if (!params_ok) return;
    dwp_tri qualifies = dwp_tri_or(c->child.serious_illness, severe);
    if (qualifies == DWP_TRI_YES) {
        if (c->child.serious_illness == DWP_TRI_YES)
            dwp_reason_add(ev, d, "child.severe", true, DWP_T("重病儿童", "seriously ill child"));
        else
            dwp_reason_addf(ev, d, "child.severe", true, "重度残疾儿童（%s残疾 %d 级）",
                            "severely disabled child (%s disability, grade %d)",
                            dwp_text_in(disability_type_text(c->child.disability_type), ev->lang),
                            (int)c->child.disability_grade);
    } else if (qualifies == DWP_TRI_NO) {
        dwp_reason_add(ev, d, "child.severe", false,
                       DWP_T("既不是重病儿童，也不是重度残疾儿童",
                             "neither seriously ill nor severely disabled"));
        d->n_failed++;
    } else {
        if (c->child.serious_illness == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.serious_illness");
        if (severe == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.disability.type");
    }
    if (d->n_failed) {
        dwp_decision_settle(d);
        return;
    }
    if (c->area == DWP_AREA_UNSET) dwp_missing_add(d, "area");
    if (!c->child.monthly_income_fen.present) dwp_missing_add(d, "child.monthly_income_fen");
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;

    int64_t standard, uplift_bp;
    dwp_param_id std_id =
        c->area == DWP_AREA_URBAN ? DWP_P_DIBAO_STANDARD_URBAN : DWP_P_DIBAO_STANDARD_RURAL;
    if (!dwp_param_read(ev, d, std_id, &standard) ||
        !dwp_param_read(ev, d, DWP_P_DIBAO_SINGLE_PERSON_UPLIFT_BP, &uplift_bp))
        return;
    int64_t income = c->child.monthly_income_fen.value;
    int64_t gap = dwp_money_max(0, standard - income);
    int64_t uplift = dwp_money_apply_bp(standard, uplift_bp);
    d->amount = gap + uplift;
    d->has_amount = true;
    char std_y[32], inc_y[32], amt_y[32];
    dwp_money_format_yuan(standard, std_y);
    dwp_money_format_yuan(income, inc_y);
    dwp_money_format_yuan(d->amount, amt_y);
    if (d->amount == 0) {
        dwp_check(ev, d, "amount", false, "本人月收入 %s 元不低于当地低保标准 %s 元，补差为零",
                  "own monthly income %s yuan is not below the local dibao standard %s yuan: "
                  "nothing to make up",
                  inc_y, std_y);
        dwp_decision_settle(d);
        return;
    }
    if (uplift)
        dwp_reason_addf(ev, d, "amount", true,
                        "按月发放：低保标准 %s 元 − 本人月收入 %s 元，另加单人户增发，共 %s 元",
                        "paid monthly: dibao standard %s yuan − own income %s yuan, plus the "
                        "single-person uplift, %s yuan in all",
                        std_y, inc_y, amt_y);
    else
        dwp_reason_addf(ev, d, "amount", true, "按月发放：低保标准 %s 元 − 本人月收入 %s 元 = %s 元",
                        "paid monthly: dibao standard %s yuan − own income %s yuan = %s yuan",
                        std_y, inc_y, amt_y);
}
