/* benefit_relief.c — 临时救助 (川办发〔2025〕53号 (三)): for a 困境儿童 whose family meets a
 * sudden hardship, handled by the office where it happened (急难发生地), at a multiple of
 * that region's monthly 低保 standard per household member, raised for children, within the
 * annual cap less what was already received this year. */
#include "decision.h"
#include "engine.h"
#include "money.h"

void dwp_decide_relief_temporary(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_facts *c = ev->c;
    if (!c->emergency.present) {
        dwp_check_text(ev, d, "emergency", false,
                       DWP_T("本案未报告突发性、紧迫性、临时性困难", "the case reports no emergency"));
        dwp_decision_settle(d);
        return;
    }
    bool expense = c->emergency.kind == DWP_EMERG_EXPENSE;
    dwp_reason_add(ev, d, "emergency.kind", true,
                   expense ? DWP_T("支出型困难", "expense-type hardship (large necessary spending)")
                           : DWP_T("急难型困难", "urgent hardship (sudden accident or disaster)"));
    dwp_fact_in_difficulty(ev, d);
    const dwp_engine *e = ev->engine;
    int handling = ev->chain[0];
    if (c->emergency.occurred_region) {
        handling = dwp_regions_find(&e->regions, c->emergency.occurred_region);
        d->handling_region = c->emergency.occurred_region;
    }
    if (d->n_failed == 0) {
        if (c->area == DWP_AREA_UNSET) dwp_missing_add(d, "area");
        if (!c->household.size.present) dwp_missing_add(d, "household.size");
        if (!c->emergency.received_this_year_fen.present)
            dwp_missing_add(d, "emergency.received_this_year_fen");
    }
    if (dwp_decision_settle(d) != DWP_STATUS_ELIGIBLE) return;

    int64_t standard, multiple_bp, uplift_bp, cap;
    dwp_param_id std_id =
        c->area == DWP_AREA_URBAN ? DWP_P_DIBAO_STANDARD_URBAN : DWP_P_DIBAO_STANDARD_RURAL;
    if (!dwp_param_read_in(ev, d, handling, std_id, &standard) ||
        !dwp_param_read_in(ev, d, handling,
                           expense ? DWP_P_RELIEF_EXPENSE_MULTIPLE_BP
                                   : DWP_P_RELIEF_URGENT_MULTIPLE_BP,
                           &multiple_bp) ||
        !dwp_param_read_in(ev, d, handling, DWP_P_RELIEF_CHILD_UPLIFT_BP, &uplift_bp) ||
        !dwp_param_read_in(ev, d, handling, DWP_P_RELIEF_ANNUAL_CAP, &cap))
        return;
    int64_t size = c->household.size.value;
    int64_t level = dwp_money_apply_bp(dwp_money_apply_bp(standard * size, multiple_bp), uplift_bp);
    /* The cap bounds the year's total; what was received this year counts against it. */
    int64_t year_total = cap > 0 ? dwp_money_min(level, cap) : level;
    int64_t received = c->emergency.received_this_year_fen.value;
    d->amount = dwp_money_max(0, year_total - received);
    d->has_amount = true;
    char std_y[32], lvl_y[32], rec_y[32], cap_y[32], amt_y[32];
    dwp_money_format_yuan(standard, std_y);
    dwp_money_format_yuan(level, lvl_y);
    dwp_money_format_yuan(received, rec_y);
    dwp_money_format_yuan(cap, cap_y);
    dwp_money_format_yuan(d->amount, amt_y);
    if (d->amount == 0) {
        dwp_check(ev, d, "amount", false, "本年度已获临时救助 %s 元，已达救助额度 %s 元",
                  "%s yuan of temporary relief already received this year reaches the limit of %s yuan",
                  rec_y, cap > 0 && cap < level ? cap_y : lvl_y);
        dwp_decision_settle(d);
        return;
    }
    dwp_reason_addf(ev, d, "amount", true,
                    "一次性：%d.%02d 倍月低保标准 %s 元 × %d 人 × 儿童上浮 %d.%02d%% = %s 元%s%s，"
                    "减去本年已获 %s 元，发放 %s 元（由急难发生地 %s 经办）",
                    "once: %d.%02d × the monthly dibao standard of %s yuan × %d people × the "
                    "child uplift of %d.%02d%% = %s yuan%s%s, less %s yuan received this year: "
                    "%s yuan (handled where it happened, %s)",
                    (int)(multiple_bp / 10000), (int)(multiple_bp % 10000 / 100), std_y, (int)size,
                    (int)(uplift_bp / 100), (int)(uplift_bp % 100), lvl_y,
                    cap > 0 ? (ev->lang == DWP_LANG_EN ? ", annual cap " : "，年度上限 ") : "",
                    cap > 0 ? cap_y : "", rec_y, amt_y, e->regions.list[handling].code_text);
}
