/* rule_facts.c — facts about the child that several benefit rules test the same way. */
#include "decision.h"

dwp_tri dwp_fact_orphan_like(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    dwp_tri v = dwp_tri_or(c->child.orphan, c->child.de_facto_unsupported);
    if (v == DWP_TRI_YES) {
        dwp_reason_add(ev, d, "child.orphan", true,
                       c->child.orphan == DWP_TRI_YES
                           ? DWP_T("孤儿", "the child is an orphan")
                           : DWP_T("事实无人抚养儿童", "the child is de facto unsupported"));
    } else if (v == DWP_TRI_NO) {
        dwp_check_text(ev, d, "child.orphan", false,
                       DWP_T("既不是孤儿，也不是事实无人抚养儿童",
                             "the child is neither an orphan nor de facto unsupported"));
    } else {
        if (c->child.orphan == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.orphan");
        if (c->child.de_facto_unsupported == DWP_TRI_UNKNOWN)
            dwp_missing_add(d, "child.de_facto_unsupported");
    }
    return v;
}

dwp_tri dwp_fact_economic_difficulty(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    uint8_t hh = c->household.status;
    if (hh == DWP_HH_DIBAO || hh == DWP_HH_DIBAO_MARGINAL || hh == DWP_HH_TEKUN) {
        dwp_reason_add(ev, d, "child.difficulty", true,
                       DWP_T("家庭为低保、低保边缘或特困供养家庭",
                             "the family receives dibao or tekun support, or is dibao-marginal"));
        return DWP_TRI_YES;
    }
    if (c->child.orphan == DWP_TRI_YES || c->child.de_facto_unsupported == DWP_TRI_YES) {
        dwp_reason_add(ev, d, "child.difficulty", true,
                       DWP_T("孤儿或事实无人抚养儿童", "orphan or de facto unsupported child"));
        return DWP_TRI_YES;
    }
    if (c->child.has_disability) {
        dwp_reason_add(ev, d, "child.difficulty", true, DWP_T("残疾儿童", "disabled child"));
        return DWP_TRI_YES;
    }
    if (hh == DWP_HH_UNSET || c->child.orphan == DWP_TRI_UNKNOWN ||
        c->child.de_facto_unsupported == DWP_TRI_UNKNOWN) {
        if (hh == DWP_HH_UNSET) dwp_missing_add(d, "household.status");
        if (c->child.orphan == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.orphan");
        if (c->child.de_facto_unsupported == DWP_TRI_UNKNOWN)
            dwp_missing_add(d, "child.de_facto_unsupported");
        return DWP_TRI_UNKNOWN;
    }
    dwp_check_text(ev, d, "child.difficulty", false,
                   DWP_T("不属于家庭经济困难的困境儿童（非低保、低保边缘、特困家庭，非孤儿、事实无人抚养或残疾儿童）",
                         "not a child in economic difficulty (no dibao, dibao-marginal or tekun "
                         "family; not an orphan, de facto unsupported or disabled)"));
    return DWP_TRI_NO;
}

#define LEVEL_IN(zh, en) DWP_T_INIT("就读阶段：" zh, "studying: " en),
#define LEVEL_NOT_IN(zh, en) DWP_T_INIT("就读阶段（" zh "）不在本项范围", "education level (" en ") not covered"),
static const dwp_text level_in[] = {DWP_T_INIT("", ""), DWP_LEVEL_NAMES(LEVEL_IN)};
static const dwp_text level_not_in[] = {DWP_T_INIT("", ""), DWP_LEVEL_NAMES(LEVEL_NOT_IN)};

dwp_tri dwp_fact_level_in(const dwp_eval *ev, dwp_decision *d, const uint8_t *levels)
{
    const dwp_facts *c = ev->c;
    if (!c->child.has_education) {
        dwp_missing_add(d, "child.education.level");
        return DWP_TRI_UNKNOWN;
    }
    bool in = false;
    for (const uint8_t *l = levels; *l; l++) in |= *l == c->child.education_level;
    int level = c->child.education_level;
    dwp_check_text(ev, d, "child.education", in, in ? level_in[level] : level_not_in[level]);
    return dwp_tri_of(in);
}

void dwp_amount_to_be_set_locally(const dwp_eval *ev, dwp_decision *d, const char *param)
{
    dwp_reason_addf(ev, d, "amount", true, "金额待本地设定（参数 %s 尚为占位值 0），仍应享受",
                    "the amount is to be set locally (parameter %s is still a placeholder 0); "
                    "the child is entitled all the same",
                    param);
}

dwp_tri dwp_fact_in_difficulty(const dwp_eval *ev, dwp_decision *d)
{
    if (ev->categories & DWP_CAT_DIFFICULTY_MASK) {
        dwp_reason_add(ev, d, "child.categories", true,
                       DWP_T("属于困境儿童", "the child is a child in difficulty"));
        return DWP_TRI_YES;
    }
    /* No category is known to apply: each fact still absent could make one apply. */
    const dwp_facts *c = ev->c;
    size_t before = d->n_missing;
    if (c->child.orphan == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.orphan");
    if (c->child.de_facto_unsupported == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.de_facto_unsupported");
    if (c->household.status == DWP_HH_UNSET) dwp_missing_add(d, "household.status");
    if (c->child.serious_illness == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.serious_illness");
    if (c->child.guardianship == DWP_GUARD_UNSET) dwp_missing_add(d, "child.guardianship");
    if (c->child.crime_victim == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.crime_victim");
    if (d->n_missing > before) return DWP_TRI_UNKNOWN;
    dwp_check_text(ev, d, "child.categories", false,
                   DWP_T("不属于困境儿童", "the child is not a child in difficulty"));
    return DWP_TRI_NO;
}
