/* lua_rules.c — running regional rule code at evaluation time: overrides that wrap the
 * decision of the region above (finally the C default), and local rules (SPEC §6).
 *
 * Each evaluation that needs Lua checks a state out of the engine's pool; a state belongs to
 * one thread at a time. A state holds every rule file's functions, frozen after loading, and
 * three kinds of read-only userdata: the case view, the parameter view `p`, and results.
 * After an evaluation the upvalues of every rule function are put back as they were loaded,
 * so nothing a rule does survives into the next case; a state in which a rule failed is
 * closed rather than reused. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "engine.h"
#include "host_fn.h"
#include "error.h"
#include "lua_rules.h"

#include <stdio.h>
#include "money.h"
#include "sandbox.h"
#include "strbuf.h"

#define STATE_MEMORY_DEFAULT ((int64_t)64 << 20)
#define STATE_BUDGET_DEFAULT INT64_C(10000000)
#define STATE_TIME_MS_DEFAULT INT64_C(500)
#define RULE_TEXT_MAX 1000

/* Results made per call that are reused from the state's pool rather than allocated. */
#define RESULT_POOL 8

enum { VIEW_ROOT, VIEW_CHILD, VIEW_DISABILITY, VIEW_EDUCATION, VIEW_HOUSEHOLD, VIEW_MEDICAL,
       VIEW_EMERGENCY, VIEW_COUNT };

/* What the C functions called from rule code need to know about the call in progress. */
typedef struct call_ctx {
    const dwp_eval *ev;
    const dwp_benefit *benefit;
    int32_t current_region; /* code of the layer whose code is running */
    int layer_slot[DWP_CHAIN_MAX];
    int32_t layer_region[DWP_CHAIN_MAX];
    int n_layers;
    int default_slot; /* local rule: its eval function; -1: the C default */
    int32_t default_region;
    /* parameters read through `p` while deciding this benefit */
    const dwp_param_entry *reads[DWP_MAX_PARAMS_USED];
    uint8_t read_ids[DWP_MAX_PARAMS_USED];
    int n_reads;
} call_ctx;

typedef struct lua_result {
    dwp_decision d;
} lua_result;

/* What a state keeps for its whole life is anchored in the registry under integer references:
 * lua_rawgeti on the registry is the cheapest way to push it again on every call. */
typedef struct rules_state {
    dwp_sandbox sb; /* first: the allocator's userdata is the state */
    call_ctx *ctx;
    struct rules_state *next_free;
    int *fn_ref;                  /* per slot: the override or eval function */
    int view_ref[VIEW_COUNT];     /* the parts of the case view */
    int p_ref;                    /* the parameter view */
    int base_ref[DWP_CHAIN_MAX];  /* [k]: the base() handed to layer k (it runs layer k + 1) */
    int result_mt_ref;
    const void *result_mt;        /* the results' metatable, to recognise a result */
    int snapshot_ref;
    lua_Integer n_snapshot;
    /* The first RESULT_POOL results of a call are these userdata, overwritten call after
     * call: no allocation, hence no garbage to collect, in the usual case. A result cannot
     * outlive its call (upvalues are put back, all else is frozen); were one kept anyway,
     * it would read a later call's decision, never freed memory. */
    int result_ref[RESULT_POOL];
    lua_result *result_pool[RESULT_POOL];
    int results_used; /* in the call in progress */
} rules_state;

/* A returned state waits in `spare` (one atomic exchange to take or give back, the common
 * case of one evaluation at a time per thread) or on the locked free list. */
struct dwp_rules_pool {
    _Atomic(rules_state *) spare;
    pthread_mutex_t lock;
    rules_state *free_list;
};

static rules_state *state_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

static call_ctx *ctx_of(lua_State *L)
{
    call_ctx *ctx = state_of(L)->ctx;
    if (!ctx) luaL_error(L, "rule functions can only be used while a case is evaluated");
    return ctx;
}

/* A text argument from rule code: a string of valid UTF-8 within RULE_TEXT_MAX bytes, copied
 * into the evaluation's arena (it outlives the Lua string). */
static const char *text_arg(lua_State *L, int index, const char *what)
{
    size_t len = 0;
    /* A text in both languages is a table { zh = "…", en = "…" }: the engine's language is
     * taken, Chinese when the English one is missing. */
    if (lua_type(L, index) == LUA_TTABLE) {
        bool en = ctx_of(L)->ev->lang == DWP_LANG_EN;
        if (!en || lua_getfield(L, index, "en") != LUA_TSTRING) {
            if (en) lua_pop(L, 1);
            lua_getfield(L, index, "zh");
        }
        lua_replace(L, index);
    }
    const char *s = lua_type(L, index) == LUA_TSTRING ? lua_tolstring(L, index, &len) : NULL;
    if (!s) luaL_error(L, "%s: expected a text (a string, or { zh = \"…\", en = \"…\" })", what);
    if (len > RULE_TEXT_MAX) luaL_error(L, "%s: text longer than %d bytes", what, RULE_TEXT_MAX);
    if (!dwp_utf8_valid(s, len)) luaL_error(L, "%s: text is not valid UTF-8", what);
    dwp_sandbox_account(L, len + 1); /* the arena is outside Lua: count it against the cap */
    char *copy = dwp_arena_alloc(ctx_of(L)->ev->arena, len + 1);
    if (!copy) luaL_error(L, "out of memory");
    memcpy(copy, s, len + 1);
    return copy;
}

static int64_t fen_arg(lua_State *L, int index, const char *what)
{
    if (!lua_isinteger(L, index))
        luaL_error(L, "%s: expected an amount in fen (an integer; use yuan() for yuan)", what);
    lua_Integer v = lua_tointeger(L, index);
    if (v < 0 || v > DWP_MONEY_MAX) luaL_error(L, "%s: amount %I is outside 0..%I", what, v,
                                               (lua_Integer)DWP_MONEY_MAX);
    return v;
}

const dwp_engine *dwp_lua_current_engine(lua_State *L) { return ctx_of(L)->ev->engine; }

/* ---- Results ---------------------------------------------------------------------------- */

/* Push a result object, its content to be filled in: from the pool while it lasts. The
 * caller has charged for it. */
static lua_result *push_result_object(lua_State *L)
{
    rules_state *st = state_of(L);
    if (st->results_used < RESULT_POOL) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, st->result_ref[st->results_used]);
        return st->result_pool[st->results_used++];
    }
    lua_result *r = lua_newuserdatauv(L, sizeof *r, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->result_mt_ref);
    lua_setmetatable(L, -2);
    return r;
}

static lua_result *push_result(lua_State *L)
{
    dwp_sandbox_charge(L, 200); /* a result copies a whole decision */
    return push_result_object(L);
}

static lua_result *check_result(lua_State *L, int index)
{
    if (lua_type(L, index) != LUA_TUSERDATA) return NULL;
    lua_result *r = lua_touserdata(L, index);
    const rules_state *st = state_of(L);
    /* Usually one of this call's pooled results: known without a look at the metatable. */
    for (int i = 0; i < st->results_used && i < RESULT_POOL; i++)
        if (r == st->result_pool[i]) return r;
    if (!lua_getmetatable(L, index)) return NULL;
    bool is_result = lua_topointer(L, -1) == st->result_mt;
    lua_pop(L, 1);
    return is_result ? r : NULL;
}

/* A fresh result for the benefit being decided, made by the layer now running. */
static lua_result *new_result(lua_State *L, int status)
{
    call_ctx *ctx = ctx_of(L);
    lua_result *r = push_result(L);
    dwp_decision_begin(ctx->ev, &r->d);
    r->d.benefit = ctx->benefit;
    r->d.decided_by = ctx->current_region;
    r->d.status = status;
    return r;
}

/* A copy of `from`, now decided by the layer running: what a method returns. */
static lua_result *derived_result(lua_State *L, const lua_result *from)
{
    lua_result *r = push_result(L);
    r->d = from->d;
    r->d.decided_by = ctx_of(L)->current_region;
    return r;
}

static void add_rule_reason(lua_State *L, dwp_decision *d, const char *code, bool ok,
                            const char *text)
{
    if (d->n_reasons == DWP_MAX_REASONS) luaL_error(L, "too many reasons (at most %d)", DWP_MAX_REASONS);
    d->reasons[d->n_reasons++] = (dwp_reason){
        .code = code, .text = text, .text_len = (uint32_t)strlen(text), .code_len = (uint16_t)strlen(code),
        .ok = ok, .untrusted = true};
}

static int l_eligible(lua_State *L)
{
    int64_t fen = fen_arg(L, 1, "eligible(fen, text)");
    const char *text = text_arg(L, 2, "eligible(fen, text)");
    lua_result *r = new_result(L, DWP_STATUS_ELIGIBLE);
    r->d.amount = fen;
    r->d.has_amount = true;
    add_rule_reason(L, &r->d, "rule", fen > 0, text);
    /* SPEC §3: a payment of 0 is not an entitlement. */
    if (fen == 0) r->d.status = DWP_STATUS_INELIGIBLE;
    return 1;
}

static int l_ineligible(lua_State *L)
{
    const char *text = text_arg(L, 1, "ineligible(text)");
    lua_result *r = new_result(L, DWP_STATUS_INELIGIBLE);
    add_rule_reason(L, &r->d, "rule", false, text);
    return 1;
}

/* A field path as in `missing`: lowercase letters, digits, '_' and '.', like
 * "child.monthly_income_fen". */
static bool field_path_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 100) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '.'))
            return false;
    return true;
}

static int l_indeterminate(lua_State *L)
{
    const char *field = text_arg(L, 1, "indeterminate(field)");
    if (!field_path_ok(field))
        return luaL_error(L, "indeterminate(field): field must be a case field path such as "
                             "\"child.monthly_income_fen\"");
    lua_result *r = new_result(L, DWP_STATUS_INDETERMINATE);
    r->d.missing[r->d.n_missing++] = field;
    return 1;
}

/* r:deny(text, basis) */
static int m_deny(lua_State *L)
{
    lua_result *from = check_result(L, 1);
    if (!from) return luaL_error(L, "deny: call it as r:deny(text, basis)");
    const char *text = text_arg(L, 2, "r:deny(text, basis)");
    const char *basis = lua_isnoneornil(L, 3) ? NULL : text_arg(L, 3, "r:deny(text, basis)");
    lua_result *r = derived_result(L, from);
    r->d.status = DWP_STATUS_INELIGIBLE;
    r->d.amount = 0;
    r->d.has_amount = false;
    add_rule_reason(L, &r->d, "override", false, text);
    if (basis) {
        const char *own = r->d.basis ? r->d.basis : r->d.benefit->basis;
        size_t n = strlen(own) + strlen(basis) + 4;
        dwp_sandbox_account(L, n);
        char *joined = dwp_arena_alloc(ctx_of(L)->ev->arena, n);
        if (!joined) return luaL_error(L, "out of memory");
        snprintf(joined, n, "%s；%s", own, basis);
        r->d.basis = joined;
    }
    return 1;
}

/* r:with_amount(fen, text) */
static int m_with_amount(lua_State *L)
{
    lua_result *from = check_result(L, 1);
    if (!from) return luaL_error(L, "with_amount: call it as r:with_amount(fen, text)");
    int64_t fen = fen_arg(L, 2, "r:with_amount(fen, text)");
    const char *text = text_arg(L, 3, "r:with_amount(fen, text)");
    if (from->d.status != DWP_STATUS_ELIGIBLE)
        return luaL_error(L, "r:with_amount: the result is %s, not eligible; use eligible(fen, text) "
                             "to grant it", from->d.status == DWP_STATUS_INELIGIBLE ? "ineligible"
                                                                                    : "not decided");
    lua_result *r = derived_result(L, from);
    r->d.amount = fen;
    r->d.has_amount = true;
    add_rule_reason(L, &r->d, "override", fen > 0, text);
    if (fen == 0) r->d.status = DWP_STATUS_INELIGIBLE;
    return 1;
}

/* r:note(text) */
static int m_note(lua_State *L)
{
    lua_result *from = check_result(L, 1);
    if (!from) return luaL_error(L, "note: call it as r:note(text)");
    const char *text = text_arg(L, 2, "r:note(text)");
    lua_result *r = derived_result(L, from);
    r->d.decided_by = from->d.decided_by; /* a note explains; it does not decide */
    add_rule_reason(L, &r->d, "note", true, text);
    return 1;
}

static const char *const status_names[] = {"eligible", "ineligible", "indeterminate", "error"};

static int result_index(lua_State *L)
{
    /* Only the VM calls this, as __index of the results' metatable (which rule code cannot
     * reach): argument 1 is a result. */
    const lua_result *r = lua_touserdata(L, 1);
    const char *key = lua_tostring(L, 2);
    if (!key) return luaL_error(L, "a result has fields status, amount_fen, id, decided_by, "
                                 "reasons, missing and methods deny, with_amount, note");
    /* upvalues 1…4: the status names, interned once per state */
    if (!strcmp(key, "status")) lua_pushvalue(L, lua_upvalueindex(r->d.status + 1));
    else if (!strcmp(key, "amount_fen")) {
        if (r->d.status == DWP_STATUS_ELIGIBLE && r->d.has_amount) lua_pushinteger(L, r->d.amount);
        else if (r->d.status == DWP_STATUS_INELIGIBLE) lua_pushinteger(L, 0);
        else lua_pushnil(L);
    } else if (!strcmp(key, "id")) lua_pushstring(L, r->d.benefit->id);
    else if (!strcmp(key, "decided_by")) {
        char code[12];
        snprintf(code, sizeof code, "%06d", (int)r->d.decided_by);
        lua_pushstring(L, code);
    } else if (!strcmp(key, "reasons")) {
        lua_createtable(L, (int)r->d.n_reasons, 0);
        for (uint32_t i = 0; i < r->d.n_reasons; i++) {
            lua_createtable(L, 0, 3);
            lua_pushstring(L, r->d.reasons[i].code);
            lua_setfield(L, -2, "code");
            lua_pushboolean(L, r->d.reasons[i].ok);
            lua_setfield(L, -2, "ok");
            lua_pushstring(L, r->d.reasons[i].text);
            lua_setfield(L, -2, "text");
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
    } else if (!strcmp(key, "missing")) {
        lua_createtable(L, (int)r->d.n_missing, 0);
        for (uint32_t i = 0; i < r->d.n_missing; i++) {
            lua_pushstring(L, r->d.missing[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
    } else if (!strcmp(key, "deny")) lua_pushcfunction(L, m_deny);
    else if (!strcmp(key, "with_amount")) lua_pushcfunction(L, m_with_amount);
    else if (!strcmp(key, "note")) lua_pushcfunction(L, m_note);
    else return luaL_error(L, "a result has no field '%s'", key);
    return 1;
}

static int read_only_result(lua_State *L)
{
    return luaL_error(L, "attempt to modify a result: results change only through r:deny(), "
                         "r:with_amount() and r:note(), which return a new result");
}

static int read_only_view(lua_State *L)
{
    return luaL_error(L, "attempt to modify the case or p: both are read-only");
}

/* ---- The case view ---------------------------------------------------------------------- */

static void push_enum(lua_State *L, dwp_enum_kind kind, int v)
{
    const char *name = v ? dwp_enum_name(kind, v) : NULL;
    if (name) lua_pushstring(L, name);
    else lua_pushnil(L);
}

static void push_tri(lua_State *L, dwp_tri v)
{
    if (v == DWP_TRI_UNKNOWN) lua_pushnil(L);
    else lua_pushboolean(L, v == DWP_TRI_YES);
}

static void push_opt(lua_State *L, const dwp_opt_int *v)
{
    if (v->present) lua_pushinteger(L, v->value);
    else lua_pushnil(L);
}

static void push_date(lua_State *L, dwp_date d)
{
    char buf[11];
    dwp_date_format(d, buf);
    lua_pushlstring(L, buf, 10);
}

static void push_code(lua_State *L, int32_t code)
{
    if (!code) {
        lua_pushnil(L);
        return;
    }
    char buf[12];
    snprintf(buf, sizeof buf, "%06d", (int)code);
    lua_pushstring(L, buf);
}

static void push_view(lua_State *L, int view, bool present)
{
    if (!present) {
        lua_pushnil(L);
        return;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, state_of(L)->view_ref[view]);
}

static bool is(const char *a, const char *b) { return !strcmp(a, b); }

/* One field of one part of the case; false when the part has no such field. */
static bool push_case_field(lua_State *L, const dwp_eval *ev, int view, const char *k)
{
    const dwp_facts *c = ev->c;
    switch (view) {
    case VIEW_ROOT:
        if (is(k, "case_id")) c->has_case_id ? (void)lua_pushstring(L, c->case_id) : lua_pushnil(L);
        else if (is(k, "as_of")) push_date(L, c->as_of);
        else if (is(k, "region")) push_code(L, c->region);
        else if (is(k, "area")) push_enum(L, DWP_ENUM_AREA, c->area);
        else if (is(k, "age")) lua_pushinteger(L, ev->age);
        else if (is(k, "categories")) {
            lua_createtable(L, DWP_CATEGORY_COUNT, 0);
            lua_Integer n = 0;
            for (int i = 0; i < DWP_CATEGORY_COUNT; i++)
                if (ev->categories & (1u << i)) {
                    /* left_behind and migrant are listed but do not make a 困境儿童 */
                    lua_pushstring(L, dwp_category_name(i));
                    lua_rawseti(L, -2, ++n);
                }
        } else if (is(k, "region_chain")) {
            lua_createtable(L, ev->chain_len, 0);
            for (int i = 0; i < ev->chain_len; i++) {
                lua_pushstring(L, ev->engine->regions.list[ev->chain[i]].code_text);
                lua_rawseti(L, -2, i + 1);
            }
        } else if (is(k, "child")) push_view(L, VIEW_CHILD, true);
        else if (is(k, "household")) push_view(L, VIEW_HOUSEHOLD, c->household.present);
        else if (is(k, "medical")) push_view(L, VIEW_MEDICAL, c->medical.present);
        else if (is(k, "emergency")) push_view(L, VIEW_EMERGENCY, c->emergency.present);
        else return false;
        return true;
    case VIEW_CHILD:
        if (is(k, "birth_date")) push_date(L, c->child.birth_date);
        else if (is(k, "id_number")) lua_pushnil(L); /* never kept, never shown */
        else if (is(k, "hukou_region")) push_code(L, c->child.hukou_region);
        else if (is(k, "orphan")) push_tri(L, c->child.orphan);
        else if (is(k, "de_facto_unsupported")) push_tri(L, c->child.de_facto_unsupported);
        else if (is(k, "living_arrangement")) push_enum(L, DWP_ENUM_LIVING, c->child.living_arrangement);
        else if (is(k, "disability")) push_view(L, VIEW_DISABILITY, c->child.has_disability);
        else if (is(k, "autism")) push_tri(L, c->child.autism);
        else if (is(k, "serious_illness")) push_tri(L, c->child.serious_illness);
        else if (is(k, "monthly_income_fen")) push_opt(L, &c->child.monthly_income_fen);
        else if (is(k, "education")) push_view(L, VIEW_EDUCATION, c->child.has_education);
        else if (is(k, "guardianship")) push_enum(L, DWP_ENUM_GUARDIANSHIP, c->child.guardianship);
        else if (is(k, "left_behind")) push_tri(L, c->child.left_behind);
        else if (is(k, "crime_victim")) push_tri(L, c->child.crime_victim);
        else if (is(k, "graduating_this_year")) push_tri(L, c->child.graduating_this_year);
        else return false;
        return true;
    case VIEW_DISABILITY:
        if (is(k, "grade")) lua_pushinteger(L, c->child.disability_grade);
        else if (is(k, "type")) push_enum(L, DWP_ENUM_DISABILITY_TYPE, c->child.disability_type);
        else return false;
        return true;
    case VIEW_EDUCATION:
        if (is(k, "level")) push_enum(L, DWP_ENUM_LEVEL, c->child.education_level);
        else if (is(k, "full_time")) push_tri(L, c->child.full_time);
        else if (is(k, "boarding")) push_tri(L, c->child.boarding);
        else if (is(k, "within_normal_duration")) push_tri(L, c->child.within_normal_duration);
        else return false;
        return true;
    case VIEW_HOUSEHOLD:
        if (is(k, "status")) push_enum(L, DWP_ENUM_HOUSEHOLD_STATUS, c->household.status);
        else if (is(k, "size")) push_opt(L, &c->household.size);
        else if (is(k, "monthly_benefit_fen")) push_opt(L, &c->household.monthly_benefit_fen);
        else if (is(k, "housing_eligible")) push_tri(L, c->household.housing_eligible);
        else return false;
        return true;
    case VIEW_MEDICAL:
        if (is(k, "policy_out_of_pocket_fen")) push_opt(L, &c->medical.policy_out_of_pocket_fen);
        else if (is(k, "designated_institution")) push_tri(L, c->medical.designated_institution);
        else if (is(k, "assisted_this_year_fen")) push_opt(L, &c->medical.assisted_this_year_fen);
        else if (is(k, "deductible_paid_this_year_fen"))
            push_opt(L, &c->medical.deductible_paid_this_year_fen);
        else return false;
        return true;
    case VIEW_EMERGENCY:
        if (is(k, "kind")) push_enum(L, DWP_ENUM_EMERGENCY_KIND, c->emergency.kind);
        else if (is(k, "occurred_region")) push_code(L, c->emergency.occurred_region);
        else if (is(k, "received_this_year_fen")) push_opt(L, &c->emergency.received_this_year_fen);
        else return false;
        return true;
    }
    return false;
}

static const char *const view_paths[VIEW_COUNT] = {
    "case", "case.child", "case.child.disability", "case.child.education", "case.household",
    "case.medical", "case.emergency"};

static int case_index(lua_State *L)
{
    dwp_sandbox_charge(L, 10);
    const int *view = lua_touserdata(L, 1);
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    call_ctx *ctx = ctx_of(L);
    /* A misspelt field must not read as "absent": that would silently change a decision. */
    if (!key || !push_case_field(L, ctx->ev, *view, key))
        return luaL_error(L, "%s has no field '%s'", view_paths[*view], key ? key : "?");
    return 1;
}

/* ---- p["name"] ---------------------------------------------------------------------------- */

static int params_index(lua_State *L)
{
    dwp_sandbox_charge(L, 20);
    call_ctx *ctx = ctx_of(L);
    size_t len;
    const char *name = lua_type(L, 2) == LUA_TSTRING ? lua_tolstring(L, 2, &len) : NULL;
    int id = name ? dwp_param_lookup(name, len) : -1;
    if (id < 0) return luaL_error(L, "p[\"%s\"]: unknown parameter", name ? name : "?");
    const dwp_eval *ev = ctx->ev;
    int defined_by;
    const dwp_param_entry *en =
        dwp_engine_param_at(ev->engine, ev->chain[0], (dwp_param_id)id, ev->c->as_of, &defined_by);
    if (!en) {
        char msg[512];
        dwp_param_missing_text(ev->engine, ev->chain[0], (dwp_param_id)id, ev->c->as_of,
                               defined_by, ev->lang, msg, sizeof msg);
        return luaL_error(L, "%s", msg);
    }
    bool seen = false;
    for (int i = 0; i < ctx->n_reads; i++) seen |= ctx->reads[i] == en;
    if (!seen && ctx->n_reads < DWP_MAX_PARAMS_USED) {
        ctx->read_ids[ctx->n_reads] = (uint8_t)id;
        ctx->reads[ctx->n_reads++] = en;
    }
    dwp_param_type type = dwp_param_type_of((dwp_param_id)id);
    if (type == DWP_PT_BOOL) {
        lua_pushboolean(L, en->value != 0);
    } else if (type == DWP_PT_CATEGORIES) {
        lua_createtable(L, DWP_CATEGORY_COUNT, 0);
        lua_Integer n = 0;
        for (int bit = 0; bit < DWP_CATEGORY_COUNT; bit++)
            if (en->value & ((int64_t)1 << bit)) {
                lua_pushstring(L, dwp_category_name(bit));
                lua_rawseti(L, -2, ++n);
            }
    } else {
        lua_pushinteger(L, en->value);
    }
    return 1;
}

/* ---- Layers: override → … → default ------------------------------------------------------ */

static bool is_c_default(const call_ctx *ctx, int k)
{
    return k >= ctx->n_layers && ctx->default_slot < 0;
}

/* Push the decision of the C default, exactly as without overrides. It raises only limit
 * errors (which no pcall can catch) and leaves current_region alone, so base() calls it
 * without a protected call. A limit hit here is the engine's work, not a line of the rule:
 * its message carries no position, as when it ran inside a protected call. */
static void push_c_default(lua_State *L, const call_ctx *ctx)
{
    dwp_sandbox_charge_unplaced(L, 200); /* as push_result */
    lua_result *r = push_result_object(L);
    dwp_decision_begin(ctx->ev, &r->d);
    r->d.benefit = ctx->benefit;
    /* A parameter without a value gives status error, which overrides see as such. */
    ctx->benefit->decide(ctx->ev, &r->d);
}

static void push_layer(lua_State *L, int k);

/* base(): what the layer below decides. May be called any number of times. */
static int run_layer(lua_State *L)
{
    push_layer(L, (int)lua_tointeger(L, 1));
    return 1;
}

static int l_base(lua_State *L)
{
    call_ctx *ctx = ctx_of(L);
    /* The C default formats its reasons into the arena: count a call's worth of it. */
    dwp_sandbox_charge(L, 1000);
    dwp_sandbox_account(L, 1024);
    int below = (int)lua_tointeger(L, lua_upvalueindex(1));
    if (is_c_default(ctx, below)) {
        push_c_default(L, ctx);
        return 1;
    }
    int32_t saved = ctx->current_region;
    lua_pushcfunction(L, run_layer);
    lua_pushinteger(L, below);
    int rc = lua_pcall(L, 1, 1, 0);
    /* Even when the layer below failed (and a pcall in this layer catches it), results made
     * here are still this layer's. */
    ctx->current_region = saved;
    if (rc != LUA_OK) return lua_error(L);
    return 1;
}

static void push_fn(lua_State *L, int slot)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, state_of(L)->fn_ref[slot]);
}

/* "file:line" where the function at the stack top was defined. */
static void function_location(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;
    lua_pushvalue(L, -1);
    if (lua_getinfo(L, ">S", &ar)) snprintf(buf, size, "%s:%d", ar.short_src, ar.linedefined);
    else snprintf(buf, size, "?");
}

/* Push the result of layer k (0: the most specific override; n_layers: the default). */
static void push_layer(lua_State *L, int k)
{
    call_ctx *ctx = ctx_of(L);
    if (is_c_default(ctx, k)) {
        push_c_default(L, ctx);
        return;
    }
    /* No luaL_checkstack: this runs at the start of a C function (run_benefit, run_layer),
     * which has LUA_MINSTACK free slots, more than used here. */
    int32_t saved = ctx->current_region;
    const char *what;
    int slot;
    if (k >= ctx->n_layers) {
        ctx->current_region = ctx->default_region;
        slot = ctx->default_slot;
        push_fn(L, slot);
        push_view(L, VIEW_ROOT, true);
        lua_rawgeti(L, LUA_REGISTRYINDEX, state_of(L)->p_ref);
        what = "eval";
    } else {
        ctx->current_region = ctx->layer_region[k];
        slot = ctx->layer_slot[k];
        push_fn(L, slot);
        push_view(L, VIEW_ROOT, true);
        lua_rawgeti(L, LUA_REGISTRYINDEX, state_of(L)->base_ref[k]);
        what = "override";
    }
    lua_call(L, 2, 1);
    ctx->current_region = saved;
    lua_result *r = check_result(L, -1);
    if (!r || r->d.benefit != ctx->benefit) {
        const char *got = r ? "another benefit's result" : luaL_typename(L, -1);
        char where[300];
        push_fn(L, slot);
        function_location(L, where, sizeof where);
        luaL_error(L, "%s: %s of %s must return a result (eligible(…), ineligible(…), "
                      "indeterminate(…), base() or one of its methods), got %s",
                   where, what, ctx->benefit->id, got);
    }
}

static int run_benefit(lua_State *L)
{
    push_layer(L, 0);
    return 1;
}

/* ---- States and the pool ------------------------------------------------------------------ */

/* A metatable for read-only userdata; __index is `index` closed over the `nup` values on
 * the stack top (which it pops). */
static void new_metatable(lua_State *L, lua_CFunction index, int nup, lua_CFunction newindex)
{
    lua_pushcclosure(L, index, nup);
    lua_createtable(L, 0, 3);
    lua_insert(L, -2);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
}

/* Record every upvalue of every Lua function reachable from the value at `index` as three
 * consecutive entries fn, i, value of `snap`, so that they can be put back after each
 * evaluation. */
static void snapshot_upvalues(lua_State *L, int index, int snap, int seen)
{
    index = lua_absindex(L, index);
    luaL_checkstack(L, 8, "snapshot");
    int type = lua_type(L, index);
    if (type != LUA_TFUNCTION && type != LUA_TTABLE) return;
    if (type == LUA_TFUNCTION && lua_iscfunction(L, index)) return;
    if (!dwp_sandbox_first_visit(L, index, seen)) return;
    if (type == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, index)) {
            snapshot_upvalues(L, -1, snap, seen);
            snapshot_upvalues(L, -2, snap, seen);
            lua_pop(L, 1);
        }
        return;
    }
    for (int i = 1; lua_getupvalue(L, index, i); i++) {
        int value = lua_gettop(L);
        lua_Integer n = (lua_Integer)lua_rawlen(L, snap);
        lua_pushvalue(L, index);
        lua_rawseti(L, snap, n + 1);
        lua_pushinteger(L, i);
        lua_rawseti(L, snap, n + 2);
        lua_pushvalue(L, value);
        lua_rawseti(L, snap, n + 3);
        snapshot_upvalues(L, value, snap, seen);
        lua_pop(L, 1);
    }
}

/* Built in protected mode: [-0, +0]. Upvalue 1: the engine. */
static int build_state(lua_State *L)
{
    const dwp_engine *e = lua_touserdata(L, 1);
    rules_state *st = state_of(L);

    for (int i = 0; i < 4; i++) lua_pushstring(L, status_names[i]);
    new_metatable(L, result_index, 4, read_only_result);
    st->result_mt = lua_topointer(L, -1);
    for (int i = 0; i < RESULT_POOL; i++) {
        st->result_pool[i] = lua_newuserdatauv(L, sizeof(lua_result), 0);
        lua_pushvalue(L, -2);
        lua_setmetatable(L, -2);
        st->result_ref[i] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    st->result_mt_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    new_metatable(L, case_index, 0, read_only_view);
    for (int v = 0; v < VIEW_COUNT; v++) {
        int *view = lua_newuserdatauv(L, sizeof *view, 0);
        *view = v;
        lua_pushvalue(L, -2);
        lua_setmetatable(L, -2);
        st->view_ref[v] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_pop(L, 1);

    for (int k = 0; k < DWP_CHAIN_MAX; k++) {
        lua_pushinteger(L, k + 1);
        lua_pushcclosure(L, l_base, 1);
        st->base_ref[k] = luaL_ref(L, LUA_REGISTRYINDEX);
    }

    /* What rule functions see beyond the sandbox globals. */
    lua_createtable(L, 0, 8);
    int globals = lua_gettop(L);
    lua_pushcfunction(L, l_eligible);
    lua_setfield(L, globals, "eligible");
    lua_pushcfunction(L, l_ineligible);
    lua_setfield(L, globals, "ineligible");
    lua_pushcfunction(L, l_indeterminate);
    lua_setfield(L, globals, "indeterminate");
    lua_newuserdatauv(L, 1, 0);
    new_metatable(L, params_index, 0, read_only_view);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    st->p_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_setfield(L, globals, "p");
    push_view(L, VIEW_ROOT, true);
    lua_setfield(L, globals, "case");
    dwp_host_push(L);
    lua_setfield(L, globals, "host");
    lua_createtable(L, 0, 1);
    lua_pushglobaltable(L);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, globals);

    lua_createtable(L, e->slot_count, 0);
    int fns = lua_gettop(L);
    int rc = dwp_rules_define_functions(e, L, fns, globals);
    if (rc != DWP_OK) return luaL_error(L, "rule files did not load the same way twice");

    lua_newtable(L);
    int snap = lua_gettop(L);
    lua_newtable(L);
    snapshot_upvalues(L, fns, snap, lua_gettop(L));
    lua_pop(L, 1);
    st->n_snapshot = (lua_Integer)lua_rawlen(L, snap);
    st->snapshot_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    /* Everything a rule can reach from its functions becomes read-only: its file's
     * environment, the tables it built at load time, the evaluation globals. */
    for (int slot = 1; slot <= e->slot_count; slot++) {
        lua_rawgeti(L, fns, slot); /* the slot table itself stays plain: rules never see it */
        dwp_sandbox_freeze(L, -1);
        st->fn_ref[slot - 1] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    dwp_sandbox_freeze(L, globals);
    return 0;
}

static void restore_upvalues(lua_State *L, const rules_state *st)
{
    if (!st->n_snapshot) return;
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->snapshot_ref);
    for (lua_Integer i = 1; i <= st->n_snapshot; i += 3) {
        lua_rawgeti(L, -1, i); /* the function */
        lua_rawgeti(L, -2, i + 1);
        int up = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, -2, i + 2); /* the value */
        lua_setupvalue(L, -2, up);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void state_close(rules_state *st)
{
    if (!st) return;
    dwp_sandbox_close(&st->sb);
    free(st->fn_ref);
    free(st);
}

static rules_state *state_open(const dwp_engine *e)
{
    rules_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->fn_ref = calloc(e->slot_count ? (size_t)e->slot_count : 1, sizeof *st->fn_ref);
    if (!st->fn_ref || !dwp_sandbox_open(&st->sb, (size_t)e->limits.memory_bytes)) {
        free(st->fn_ref);
        free(st);
        return NULL;
    }
    lua_State *L = st->sb.L;
    lua_pushcfunction(L, build_state);
    lua_pushlightuserdata(L, (void *)e);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        state_close(st);
        return NULL;
    }
    lua_sethook(L, NULL, 0, 0);
    lua_gc(L, LUA_GCCOLLECT);
    return st;
}

int dwp_rules_pool_create(dwp_engine *e)
{
    if (!e->limits.instructions) e->limits.instructions = STATE_BUDGET_DEFAULT;
    if (!e->limits.memory_bytes) e->limits.memory_bytes = STATE_MEMORY_DEFAULT;
    if (!e->limits.time_ms) e->limits.time_ms = STATE_TIME_MS_DEFAULT;
    e->pool = calloc(1, sizeof *e->pool);
    if (!e->pool) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    atomic_init(&e->pool->spare, NULL);
    if (pthread_mutex_init(&e->pool->lock, NULL) != 0) {
        free(e->pool);
        e->pool = NULL;
        return dwp_error_set_text(DWP_ENOMEM, "cannot create a lock");
    }
    if (!e->slot_count) return DWP_OK;
    /* Build one state now: a rule file that cannot be loaded for evaluation fails the open,
     * not the first case. */
    rules_state *st = state_open(e);
    if (!st)
        return dwp_error_set(DWP_ERULES, e->lang, "规则无法在求值环境中加载（内存上限过小？）",
                             "the rules cannot be loaded for evaluation (memory cap too small?)");
    atomic_store(&e->pool->spare, st);
    return DWP_OK;
}

void dwp_rules_pool_destroy(dwp_engine *e)
{
    if (!e->pool) return;
    state_close(atomic_exchange(&e->pool->spare, NULL));
    while (e->pool->free_list) {
        rules_state *next = e->pool->free_list->next_free;
        state_close(e->pool->free_list);
        e->pool->free_list = next;
    }
    pthread_mutex_destroy(&e->pool->lock);
    free(e->pool);
    e->pool = NULL;
}

/* ---- Evaluation entry points -------------------------------------------------------------- */

static rules_state *checkout(const dwp_engine *e)
{
    struct dwp_rules_pool *pool = e->pool;
    rules_state *st = atomic_exchange(&pool->spare, NULL);
    if (st) return st;
    pthread_mutex_lock(&pool->lock);
    st = pool->free_list;
    if (st) pool->free_list = st->next_free;
    pthread_mutex_unlock(&pool->lock);
    return st ? st : state_open(e);
}

static void checkin(const dwp_engine *e, rules_state *st)
{
    struct dwp_rules_pool *pool = e->pool;
    rules_state *none = NULL;
    if (atomic_compare_exchange_strong(&pool->spare, &none, st)) return;
    pthread_mutex_lock(&pool->lock);
    st->next_free = pool->free_list;
    pool->free_list = st;
    pthread_mutex_unlock(&pool->lock);
}

void dwp_lua_session_end(const dwp_engine *e, dwp_lua_session *s)
{
    if (!s->st) return;
    lua_State *L = s->st->sb.L;
    s->st->ctx = NULL;
    lua_sethook(L, NULL, 0, 0);
    lua_settop(L, 0);
    dwp_sandbox_release_external(&s->st->sb); /* the evaluation's arena goes with it */
    checkin(e, s->st);
    s->st = NULL;
}

/* Set a decision to status error with text "where: what". */
static void fail_decision(const dwp_eval *ev, dwp_decision *d, uint8_t kind, const char *msg)
{
    /* The message may carry anything a rule passed to error(): make it valid UTF-8. */
    size_t n = strlen(msg);
    char *copy = dwp_arena_alloc(ev->arena, n * 3 + 8);
    if (copy) dwp_utf8_copy_sanitized(copy, n * 3 + 8, msg, n);
    d->status = DWP_STATUS_ERROR;
    d->error_kind = kind;
    d->error = copy ? copy : "rule failed";
    d->has_amount = false;
}

void dwp_lua_decide(const dwp_eval *ev, dwp_lua_session *s, const dwp_lua_layers *layers,
                    dwp_decision *d)
{
    const dwp_engine *e = ev->engine;
    dwp_decision_begin(ev, d);
    d->benefit = layers->benefit;
    if (!s->st) s->st = checkout(e);
    if (!s->st) {
        fail_decision(ev, d, DWP_ERRK_LIMIT,
                      ev->lang == DWP_LANG_EN ? "no memory for a rules state" : "无法为规则分配内存");
        return;
    }
    call_ctx ctx = {.ev = ev, .benefit = layers->benefit, .n_layers = layers->n_layers,
                    .default_slot = layers->default_slot, .default_region = layers->default_region};
    memcpy(ctx.layer_slot, layers->slot, sizeof ctx.layer_slot);
    memcpy(ctx.layer_region, layers->region, sizeof ctx.layer_region);
    rules_state *st = s->st;
    lua_State *L = st->sb.L;
    st->ctx = &ctx;
    st->results_used = 0;
    dwp_sandbox_arm(&st->sb, e->limits.instructions, e->limits.time_ms);
    lua_pushcfunction(L, run_benefit);
    int rc = lua_pcall(L, 0, 1, 0);
    lua_sethook(L, NULL, 0, 0);
    st->ctx = NULL;
    if (rc == LUA_ERRMEM && st->sb.alloc_refused) st->sb.memory_exceeded = true;
    if (rc != LUA_OK) {
        char msg[800];
        bool en = ev->lang == DWP_LANG_EN;
        char located[600];
        const char *text = dwp_sandbox_error_text(L);
        if (!strstr(text, ".lua:")) {
            /* No position (memory, a limit hit inside a library call): name where the rule
             * code starts. */
            char where[300];
            push_fn(L, layers->n_layers ? layers->slot[0] : layers->default_slot);
            function_location(L, where, sizeof where);
            lua_pop(L, 1);
            snprintf(located, sizeof located, "%s: %s", where, text);
            text = located;
        }
        long long budget = (long long)e->limits.instructions, ms = (long long)e->limits.time_ms;
        if (st->sb.memory_exceeded)
            snprintf(msg, sizeof msg,
                     en ? "rule exceeded its memory cap of %lld bytes: %s"
                        : "规则超出内存上限（%lld 字节）：%s",
                     (long long)e->limits.memory_bytes, text);
        else if (st->sb.budget_exceeded)
            snprintf(msg, sizeof msg,
                     en ? "rule exceeded its limit of %lld instructions or %lld ms: %s"
                        : "规则超出指令预算（%lld 条）或时间上限（%lld 毫秒）：%s",
                     budget, ms, text);
        else
            snprintf(msg, sizeof msg, en ? "rule error: %s" : "规则执行出错：%s", text);
        fail_decision(ev, d, dwp_sandbox_limit_hit(&st->sb) ? DWP_ERRK_LIMIT : DWP_ERRK_SCRIPT,
                      msg);
        /* Whatever the failed rule left half-done, the next case gets a fresh state. */
        state_close(st);
        s->st = NULL;
        return;
    }
    const lua_result *r = lua_touserdata(L, -1); /* push_layer checked it is one */
    *d = r->d;
    lua_pop(L, 1);
    /* Nothing a rule did survives into the next benefit, let alone the next case. */
    restore_upvalues(L, st);
    /* Parameters read through p[] belong to this decision too. */
    for (int i = 0; i < ctx.n_reads; i++) {
        bool seen = false;
        for (uint32_t k = 0; k < d->n_params; k++) seen |= d->params[k] == ctx.reads[i];
        if (!seen && d->n_params < DWP_MAX_PARAMS_USED) {
            d->param_ids[d->n_params] = ctx.read_ids[i];
            d->params[d->n_params++] = ctx.reads[i];
        }
    }
}
