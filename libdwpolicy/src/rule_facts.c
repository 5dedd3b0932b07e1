/* rule_facts.c — facts about the child that several benefit rules test the same way. */
#include "decision.h"

dwp_tri dwp_fact_orphan_like(const dwp_eval *ev, dwp_decision *d)
{
    const dwp_case *c = ev->c;
    dwp_tri v = dwp_tri_or(c->child.orphan, c->child.de_facto_unsupported);
    if (v == DWP_TRI_YES) {
        dwp_reason_add(ev, d, "child.orphan", true,
                       c->child.orphan == DWP_TRI_YES
                           ? DWP_T("孤儿", "the child is an orphan")
                           : DWP_T("事实无人抚养儿童", "the child is de facto unsupported (事实无人抚养)"));
    } else if (v == DWP_TRI_NO) {
        dwp_reason_add(ev, d, "child.orphan", false,
                       DWP_T("既不是孤儿，也不是事实无人抚养儿童",
                             "the child is neither an orphan nor de facto unsupported"));
        d->n_failed++;
    } else {
        if (c->child.orphan == DWP_TRI_UNKNOWN) dwp_missing_add(d, "child.orphan");
        if (c->child.de_facto_unsupported == DWP_TRI_UNKNOWN)
            dwp_missing_add(d, "child.de_facto_unsupported");
    }
    return v;
}
