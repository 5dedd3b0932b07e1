/* evaluate.c — the evaluation pipeline: read the case, check it against the ruleset's
 * regions, derive age, region chain and categories, then decide each benefit. */
#include "evaluate.h"

#include <string.h>

#include "engine.h"
#include "error.h"
#include "lua_rules.h"

/* GB/T 2260 province-level prefixes: a household registration (户籍) elsewhere in China
 * is valid input (the child is then 流动 in Sichuan), a made-up prefix is not. */
static bool known_province_prefix(int32_t code)
{
    static const int prefixes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                                   41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
                                   65, 71, 81, 82};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (code / 10000 == prefixes[i]) return true;
    return false;
}

static int region_error(const dwp_engine *e, const char *field, int32_t code)
{
    return dwp_error_set(DWP_ESCHEMA, e->lang, "%s：%06d 不是四川省的行政区划代码",
                         "%s: %06d is not a Sichuan region code", field, (int)code);
}

/* The 市/州 of a region index (itself for a 市/州, -1 for the province). */
static int prefecture_of(const dwp_regions *r, int index)
{
    while (index >= 0 && r->list[index].level == DWP_LEVEL_COUNTY)
        index = r->list[index].parent_index;
    return index >= 0 && r->list[index].level == DWP_LEVEL_PREFECTURE ? index : -1;
}

static int check_case(const dwp_engine *e, const dwp_facts *c, int *region_index,
                      bool *migrant)
{
    *region_index = dwp_regions_find(&e->regions, c->region);
    if (*region_index < 0) return region_error(e, "region", c->region);
    /* The other regions of a case are most often its own region: that one is already found
     * (each search is a binary search over every region of the province). */
    if (c->emergency.occurred_region && c->emergency.occurred_region != c->region &&
        dwp_regions_find(&e->regions, c->emergency.occurred_region) < 0)
        return region_error(e, "emergency.occurred_region", c->emergency.occurred_region);
    *migrant = false;
    if (c->child.hukou_region) {
        int h = c->child.hukou_region == c->region
                    ? *region_index
                    : dwp_regions_find(&e->regions, c->child.hukou_region);
        if (h < 0 && (c->child.hukou_region / 10000 == e->regions.list[0].code / 10000 ||
                      !known_province_prefix(c->child.hukou_region)))
            return region_error(e, "child.hukou_region", c->child.hukou_region);
        *migrant = h < 0 || prefecture_of(&e->regions, h) !=
                                prefecture_of(&e->regions, *region_index);
    }
    if (c->child.birth_date > c->as_of) {
        char b[11], a[11];
        dwp_date_format(c->child.birth_date, b);
        dwp_date_format(c->as_of, a);
        return dwp_error_set(DWP_ESCHEMA, e->lang, "child.birth_date：出生日期 %s 晚于 as_of %s",
                             "child.birth_date: %s is after as_of %s", b, a);
    }
    return DWP_OK;
}

static uint32_t categories_of(const dwp_facts *c, bool migrant)
{
    uint32_t cats = 0;
    if (c->child.orphan == DWP_TRI_YES) cats |= DWP_CAT_ORPHAN;
    if (c->child.de_facto_unsupported == DWP_TRI_YES) cats |= DWP_CAT_DE_FACTO_UNSUPPORTED;
    if (c->household.status == DWP_HH_DIBAO || c->household.status == DWP_HH_DIBAO_MARGINAL ||
        c->household.status == DWP_HH_TEKUN)
        cats |= DWP_CAT_POVERTY;
    if (c->child.has_disability) cats |= DWP_CAT_DISABILITY;
    if (c->child.serious_illness == DWP_TRI_YES) cats |= DWP_CAT_SERIOUS_ILLNESS;
    if (c->child.guardianship == DWP_GUARD_ABSENT || c->child.guardianship == DWP_GUARD_INADEQUATE)
        cats |= DWP_CAT_GUARDIANSHIP;
    if (c->child.crime_victim == DWP_TRI_YES) cats |= DWP_CAT_CRIME_VICTIM;
    if (c->child.left_behind == DWP_TRI_YES) cats |= DWP_CAT_LEFT_BEHIND;
    if (migrant) cats |= DWP_CAT_MIGRANT;
    return cats;
}

/* The rule code that decides benefit i (catalogue, then local rules) for the case: its
 * overrides along the chain, most specific first, and for a local rule its own function.
 * False for a local rule of a region not on the case's chain. */
static bool lua_layers_of(const dwp_engine *e, const dwp_eval *ev, size_t i,
                          dwp_lua_layers *layers)
{
    *layers = (dwp_lua_layers){.default_slot = -1};
    if (i < dwp_catalogue_count) {
        layers->benefit = &dwp_catalogue[i];
    } else {
        const dwp_local_rule *lr = &e->local_rules[i - dwp_catalogue_count];
        bool applies = false;
        for (int k = 0; k < ev->chain_len; k++) applies |= ev->chain[k] == lr->region_index;
        if (!applies) return false;
        layers->benefit = &lr->info;
        layers->default_slot = lr->slot;
        layers->default_region = e->regions.list[lr->region_index].code;
    }
    for (int k = 0; k < ev->chain_len; k++) {
        int slot = e->override_slot[i * e->regions.count + (size_t)ev->chain[k]];
        if (slot < 0) continue;
        layers->slot[layers->n_layers] = slot;
        layers->region[layers->n_layers++] = e->regions.list[ev->chain[k]].code;
    }
    return true;
}

int dwp_evaluate(const dwp_engine *e, const char *json, size_t len, dwp_evaluation *x)
{
    /* From the first evaluation on the engine is shared as it is: no more registrations. */
    if (!atomic_load_explicit(&e->in_use, memory_order_relaxed))
        atomic_store(&((dwp_engine *)e)->in_use, true);
    dwp_arena_init(&x->arena, x->arena_initial, sizeof x->arena_initial);
    x->services = 0;
    int status = dwp_facts_read_json(json, len, e->lang, &x->c);
    if (status != DWP_OK) return status;
    int region_index;
    bool migrant = false;
    status = check_case(e, &x->c, &region_index, &migrant);
    if (status != DWP_OK) return status;

    dwp_eval *ev = &x->ev;
    ev->engine = e;
    ev->c = &x->c;
    ev->lang = e->lang;
    ev->arena = &x->arena;
    ev->age = dwp_age_on(x->c.child.birth_date, x->c.as_of);
    ev->chain_len = dwp_regions_chain(&e->regions, region_index, ev->chain);
    ev->default_decider = e->regions.list[ev->chain[ev->chain_len - 1]].code;
    ev->categories = categories_of(&x->c, migrant);

    x->services = dwp_services_for_case(ev);
    dwp_lua_session lua = {0};
    uint64_t overridden = 0;
    for (int k = 0; k < ev->chain_len; k++) overridden |= e->overridden_here[ev->chain[k]];
    ev->decided = x->decisions;
    x->count = 0;
    for (size_t i = 0; i < e->benefit_count; i++) {
        /* A benefit no rule file touches on the chain is decided by its C rule alone. */
        bool c_rule_only = i < dwp_catalogue_count && !(overridden & (UINT64_C(1) << i));
        dwp_lua_layers layers;
        if (!c_rule_only && !lua_layers_of(e, ev, i, &layers)) continue;
        ev->n_decided = x->count;
        x->benefit_index[x->count] = (uint16_t)i;
        dwp_decision *d = &x->decisions[x->count++];
        if (c_rule_only) {
            dwp_decision_begin(ev, d);
            d->benefit = &dwp_catalogue[i];
            d->benefit->decide(ev, d);
        } else {
            dwp_lua_decide(ev, &lua, &layers, d);
        }
        x->services |= d->services;
    }
    dwp_lua_session_end(e, &lua);
    if (x->arena.failed) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    return DWP_OK;
}

void dwp_evaluation_release(dwp_evaluation *x) { dwp_arena_release(&x->arena); }

int dwp_evaluation_status(const dwp_evaluation *x)
{
    static const int status_of_kind[] = {DWP_OK, DWP_ERULES, DWP_ESCRIPT, DWP_ELIMIT};
    int worst = DWP_ERRK_NONE;
    const dwp_decision *first = NULL;
    for (size_t i = 0; i < x->count; i++) {
        const dwp_decision *d = &x->decisions[i];
        if (d->status == DWP_STATUS_ERROR && d->error_kind > worst) {
            worst = d->error_kind;
            first = d;
        }
    }
    if (first)
        dwp_error_set(status_of_kind[worst], x->ev.lang, "%s：%s", "%s: %s", first->benefit->id,
                      first->error ? first->error : "");
    return status_of_kind[worst];
}
