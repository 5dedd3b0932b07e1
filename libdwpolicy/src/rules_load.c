/* rules_load.c — reads a ruleset: the region list and the rule files, the embedded default
 * first and a directory's files layered over it.
 *
 * Rule files run twice, for two purposes, always in the sandbox:
 *  - once at open, to *define*: region{} and param{} become immutable C data (so a case
 *    without overrides never enters Lua), override and rule are recorded with file and line,
 *    and every problem is collected with its file:line (dwpolicy check lists them all);
 *  - once in each Lua state of the evaluation pool, to get the *functions*: override and
 *    rule store their functions by slot; region{} and param{} do nothing there.
 * The slots agree because the files run in the same order and cannot observe anything that
 * differs between the two runs (no clock, no randomness, no I/O). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>

#include "decision.h"
#include "engine.h"
#include "error.h"
#include "money.h"
#include "sandbox.h"
#include "sha256.h"
#include "strbuf.h"

/* Limits for running one rule file at load time; no legitimate file comes near them. */
#define LOAD_MEMORY_CAP ((size_t)16 << 20)
#define LOAD_INSTRUCTION_BUDGET INT64_C(20000000)
#define LOAD_TIME_MS 800
#define RULE_FILE_MAX_BYTES ((size_t)4 << 20)
#define TEXT_MAX_BYTES 1000

typedef enum { MODE_DEFINE, MODE_FUNCTIONS } load_mode;

typedef struct loader loader;
struct loader {
    dwp_engine *e; /* MODE_DEFINE only: what the definitions go into */
    const dwp_engine *ce;
    load_mode mode;
    const dwp_rule_source *src;
    int region_index; /* of the file being run */
    bool region_declared;
    bool declared[DWP_PARAM_COUNT]; /* params declared by the file being run */
    int next_slot;
    /* MODE_FUNCTIONS: registry references (C functions run in frames of their own, so stack
     * indices of the caller mean nothing there) */
    int fn_ref;      /* the slot table */
    int globals_ref; /* the evaluation globals; LUA_NOREF: none */
    bool out_of_memory;
    loader **handle; /* the userdata the declaration functions hold; NULL-ed after the file */
};


/* The declaration functions reach the loader through a small userdata (upvalue 1) that is
 * cleared when the file has run: rule functions can still see region, param, override and
 * rule in their environment at evaluation time, when the loader is long gone. */
static loader *get_loader(lua_State *L)
{
    loader **handle = lua_touserdata(L, lua_upvalueindex(1));
    if (!handle || !*handle)
        luaL_error(L, "region, param, override and rule can only be used at the top level of a "
                      "rule file, while it loads");
    return *handle;
}


static int lang_of(const loader *ld) { return ld->ce->lang; }

/* Record a problem at the calling Lua line. The file goes on running, so that one check
 * reports every problem; an engine with problems does not open. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 5), format(printf, 4, 5)))
#endif
static void problem(lua_State *L, loader *ld, const char *zh, const char *en, ...)
{
    if (ld->mode != MODE_DEFINE) return;
    char msg[600];
    va_list ap;
    va_start(ap, en);
    vsnprintf(msg, sizeof msg, lang_of(ld) == DWP_LANG_EN ? en : zh, ap);
    va_end(ap);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
    if (dwp_engine_add_problem(ld->e, ld->src->display, line, msg) != DWP_OK) ld->out_of_memory = true;
}

/* A string field of a declaration: valid UTF-8, 1..TEXT_MAX_BYTES bytes. NULL otherwise. */
static const char *text_field(lua_State *L, int index, size_t *len)
{
    if (lua_type(L, index) != LUA_TSTRING) return NULL;
    const char *s = lua_tolstring(L, index, len);
    if (*len == 0 || *len > TEXT_MAX_BYTES || !dwp_utf8_valid(s, *len)) return NULL;
    return s;
}

static const char *engine_copy(lua_State *L, loader *ld, const char *s, size_t len)
{
    const char *p = dwp_engine_strdup(ld->e, s, len);
    if (!p) {
        ld->out_of_memory = true;
        luaL_error(L, "out of memory");
    }
    return p;
}

/* Check that table `t` has only the keys listed (NULL-terminated); report the first other. */
static bool only_keys(lua_State *L, loader *ld, int t, const char *const *keys, const char *what)
{
    bool ok = true;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        const char *key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool known = false;
        for (const char *const *k = keys; key && *k; k++) known |= !strcmp(key, *k);
        if (!known && ok) {
            problem(L, ld, "%s：未知字段 %s", "%s: unknown field %s", what,
                    key ? key : "(not a name)");
            ok = false;
        }
    }
    return ok;
}

/* ---- region { code = "…", name = "…" } --------------------------------------------------- */

static int l_region(lua_State *L)
{
    loader *ld = get_loader(L);
    if (ld->mode != MODE_DEFINE) return 0;
    static const char *const keys[] = {"code", "name", NULL};
    if (lua_type(L, 1) != LUA_TTABLE) {
        problem(L, ld, "region 后应为 { code = \"…\", name = \"…\" }",
                "region must be followed by { code = \"…\", name = \"…\" }");
        return 0;
    }
    if (ld->region_declared) {
        problem(L, ld, "region{} 只能写一次", "region{} may appear only once");
        return 0;
    }
    only_keys(L, ld, 1, keys, "region{}");
    ld->region_declared = true;
    lua_getfield(L, 1, "code");
    const char *code = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    const dwp_region *r = &ld->ce->regions.list[ld->region_index];
    if (!code || strcmp(code, r->code_text))
        problem(L, ld, "region{ code = \"%s\" } 与文件名 %s 不符",
                "region{ code = \"%s\" } does not match the file name %s", code ? code : "",
                ld->src->name);
    return 0;
}

/* ---- param "name" { {from=…, value=…, source=…, confidence=…}, … } ----------------------- */

/* A list of category names → DWP_CAT_* bits. */
static bool categories_value(lua_State *L, loader *ld, const char *pname, int idx, int64_t *out)
{
    int64_t bits = 0;
    bool ok = lua_type(L, -1) == LUA_TTABLE;
    lua_Integer n = ok ? (lua_Integer)lua_rawlen(L, -1) : 0;
    for (lua_Integer i = 1; ok && i <= n && i <= 64; i++) {
        lua_rawgeti(L, -1, i);
        const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int bit = -1;
        for (int b = 0; name && b < DWP_CATEGORY_COUNT; b++)
            if (!strcmp(name, dwp_category_name(b))) bit = b;
        lua_pop(L, 1);
        if (bit < 0) ok = false;
        else bits |= (int64_t)1 << bit;
    }
    if (!ok) {
        problem(L, ld, "param \"%s\" 第 %d 项：value 应为类别名列表，如 { \"disability\", \"poverty\" }",
                "param \"%s\" entry %d: value must be a list of category names, e.g. { \"disability\", \"poverty\" }",
                pname, idx);
        return false;
    }
    *out = bits;
    return true;
}

static bool entry_value(lua_State *L, loader *ld, const char *pname, int idx, dwp_param_type t,
                        int64_t *out)
{
    if (t == DWP_PT_CATEGORIES) return categories_value(L, ld, pname, idx, out);
    if (t == DWP_PT_BOOL) {
        if (lua_type(L, -1) != LUA_TBOOLEAN) {
            problem(L, ld, "param \"%s\" 第 %d 项：value 应为 true 或 false",
                    "param \"%s\" entry %d: value must be true or false", pname, idx);
            return false;
        }
        *out = lua_toboolean(L, -1);
        return true;
    }
    if (!lua_isinteger(L, -1)) {
        problem(L, ld, "param \"%s\" 第 %d 项：value 应为整数（金额以分为单位，或用 yuan()）",
                "param \"%s\" entry %d: value must be an integer (money in fen, or yuan())",
                pname, idx);
        return false;
    }
    int64_t v = lua_tointeger(L, -1);
    int64_t max = t == DWP_PT_FEN ? DWP_MONEY_MAX : t == DWP_PT_BP ? DWP_BP_MAX : 1000000;
    if (v < 0 || v > max) {
        problem(L, ld, "param \"%s\" 第 %d 项：value %lld 超出范围 0..%lld",
                "param \"%s\" entry %d: value %lld is outside 0..%lld", pname, idx,
                (long long)v, (long long)max);
        return false;
    }
    *out = v;
    return true;
}

static void render_entry_json(dwp_strbuf *b, const char *pname, dwp_param_type t,
                              const dwp_param_entry *en, const char *region_text)
{
    dwp_strbuf_puts(b, "{\"name\":");
    dwp_strbuf_put_json_string(b, pname, strlen(pname));
    dwp_strbuf_puts(b, ",\"value\":");
    if (t == DWP_PT_BOOL) {
        dwp_strbuf_puts(b, en->value ? "true" : "false");
    } else if (t == DWP_PT_CATEGORIES) {
        dwp_strbuf_putc(b, '[');
        bool first = true;
        for (int bit = 0; bit < DWP_CATEGORY_COUNT; bit++) {
            if (!(en->value & ((int64_t)1 << bit))) continue;
            if (!first) dwp_strbuf_putc(b, ',');
            first = false;
            dwp_strbuf_put_plain_string(b, dwp_category_name(bit));
        }
        dwp_strbuf_putc(b, ']');
    } else {
        dwp_strbuf_put_int(b, en->value);
    }
    dwp_strbuf_puts(b, ",\"region\":\"");
    dwp_strbuf_puts(b, region_text);
    dwp_strbuf_puts(b, "\",\"from\":");
    if (en->from) {
        char date[11];
        dwp_date_format(en->from, date);
        dwp_strbuf_putc(b, '"');
        dwp_strbuf_append(b, date, 10);
        dwp_strbuf_putc(b, '"');
    } else {
        dwp_strbuf_puts(b, "null");
    }
    dwp_strbuf_puts(b, ",\"source\":");
    dwp_strbuf_put_json_string(b, en->source, strlen(en->source));
    dwp_strbuf_puts(b, ",\"confidence\":\"");
    dwp_strbuf_puts(b, dwp_confidence_name(en->confidence));
    dwp_strbuf_puts(b, "\"}");
}

/* Read one entry table (at `et`) into *en; false after reporting a problem. */
static bool read_entry(lua_State *L, loader *ld, int et, const char *pname, dwp_param_type t,
                       int idx, const dwp_param_entry *prev, dwp_param_entry *en)
{
    static const char *const keys[] = {"from", "value", "source", "confidence", NULL};
    char what[200];
    snprintf(what, sizeof what, lang_of(ld) == DWP_LANG_EN ? "param \"%s\" entry %d" : "param \"%s\" 第 %d 项",
             pname, idx);
    if (!only_keys(L, ld, et, keys, what)) return false;
    lua_getfield(L, et, "from");
    bool ok = true;
    if (!lua_isnil(L, -1)) {
        size_t len = 0;
        const char *txt = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
        if (!txt || !dwp_date_parse(txt, len, &en->from)) {
            problem(L, ld, "%s：from 应为真实日期 \"YYYY-MM-DD\"",
                    "%s: from must be a real date \"YYYY-MM-DD\"", what);
            ok = false;
        }
    }
    lua_pop(L, 1);
    if (ok && prev && en->from <= prev->from) {
        problem(L, ld, "%s：from 日期应逐项递增（早的在前）",
                "%s: from dates must increase from entry to entry (earliest first)", what);
        ok = false;
    }
    if (lua_getfield(L, et, "value") == LUA_TNIL) {
        problem(L, ld, "%s：缺少 value", "%s: value is missing", what);
        ok = false;
    } else if (!entry_value(L, ld, pname, idx, t, &en->value)) {
        ok = false;
    }
    lua_pop(L, 1);
    size_t slen = 0;
    lua_getfield(L, et, "source");
    const char *source = text_field(L, -1, &slen);
    if (!source) {
        problem(L, ld, "%s：source 应写明出处（文号或报道，UTF-8，不超过 %d 字节）",
                "%s: source must say where the value comes from (UTF-8, at most %d bytes)",
                what, TEXT_MAX_BYTES);
        ok = false;
    } else {
        en->source = engine_copy(L, ld, source, slen);
    }
    lua_pop(L, 1);
    lua_getfield(L, et, "confidence");
    size_t clen = 0;
    const char *conf = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &clen) : NULL;
    int c = conf ? dwp_confidence_parse(conf, clen) : -1;
    if (c < 0) {
        problem(L, ld, "%s：confidence 应为 official、reported、inferred 或 placeholder",
                "%s: confidence must be official, reported, inferred or placeholder", what);
        ok = false;
    }
    en->confidence = (uint8_t)(c < 0 ? 0 : c);
    lua_pop(L, 1);
    return ok;
}

static int l_param_entries(lua_State *L)
{
    loader *ld = get_loader(L);
    if (ld->mode != MODE_DEFINE) return 0;
    int pid = (int)lua_tointeger(L, lua_upvalueindex(2));
    int line = (int)lua_tointeger(L, lua_upvalueindex(3));
    const char *pname = dwp_param_name((dwp_param_id)pid);
    dwp_param_type t = dwp_param_type_of((dwp_param_id)pid);
    lua_Integer n = lua_type(L, 1) == LUA_TTABLE ? luaL_len(L, 1) : 0;
    if (n < 1 || n > 1000) {
        problem(L, ld, "param \"%s\" 后应为 1 至 1000 项的列表 { {from=…, value=…, source=…, confidence=…}, … }",
                "param \"%s\" must be followed by a list of 1 to 1000 entries { {from=…, value=…, source=…, confidence=…}, … }",
                pname);
        return 0;
    }
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n) {
            problem(L, ld, "param \"%s\"：列表里只能有 {…} 项", "param \"%s\": the list may only hold {…} entries", pname);
            return 0;
        }
    }
    dwp_param_entry *entries = calloc((size_t)n, sizeof *entries);
    if (!entries) {
        ld->out_of_memory = true;
        return luaL_error(L, "out of memory");
    }
    dwp_param_series *s = &ld->e->series[(size_t)ld->region_index * DWP_PARAM_COUNT + (size_t)pid];
    s->entries = entries; /* owned by the engine from here */
    s->count = 0;
    const dwp_region *r = &ld->ce->regions.list[ld->region_index];
    bool ok = true;
    for (lua_Integer i = 1; i <= n; i++) {
        dwp_param_entry *en = &entries[i - 1];
        en->region = r->code;
        en->line = line;
        en->file = ld->src->display;
        if (lua_geti(L, 1, i) != LUA_TTABLE) {
            problem(L, ld, "param \"%s\" 第 %d 项应为 { from=…, value=…, source=…, confidence=… }",
                    "param \"%s\" entry %d must be { from=…, value=…, source=…, confidence=… }",
                    pname, (int)i);
            ok = false;
        } else {
            ok &= read_entry(L, ld, lua_gettop(L), pname, t, (int)i, i > 1 ? &entries[i - 2] : NULL, en);
        }
        lua_pop(L, 1);
        if (!ok) continue;
        dwp_strbuf b;
        dwp_strbuf_init(&b);
        render_entry_json(&b, pname, t, en, r->code_text);
        en->json_len = b.len;
        en->json = b.failed ? NULL : engine_copy(L, ld, b.data, b.len);
        dwp_strbuf_free(&b);
    }
    s->count = ok ? (uint32_t)n : 0;
    return 0;
}

static int l_nothing(lua_State *L)
{
    (void)L;
    return 0;
}

/* param "name" — the first call; returns the function that takes the entries. */
static int l_param(lua_State *L)
{
    loader *ld = get_loader(L);
    if (ld->mode != MODE_DEFINE) {
        lua_pushcfunction(L, l_nothing);
        return 1;
    }
    size_t len = 0;
    const char *name = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &len) : NULL;
    int pid = name ? dwp_param_lookup(name, len) : -1;
    if (!name) {
        problem(L, ld, "param 后应为参数名字符串，如 param \"dibao.standard.urban\" {…}",
                "param must be followed by a name, e.g. param \"dibao.standard.urban\" {…}");
    } else if (!ld->region_declared) {
        problem(L, ld, "文件应先写 region{ code = … }，再写 param \"%s\"",
                "region{ code = … } must come before param \"%s\"", name);
        pid = -1;
    } else if (pid < 0) {
        problem(L, ld, "未知参数 \"%s\"（参数名见 dwpolicy params）",
                "unknown parameter \"%s\" (dwpolicy params lists the names)", name);
    } else if (ld->declared[pid]) {
        problem(L, ld, "参数 \"%s\" 在本文件中重复定义", "parameter \"%s\" is declared twice in this file", name);
        pid = -1;
    }
    if (pid < 0) {
        lua_pushcfunction(L, l_nothing);
        return 1;
    }
    ld->declared[pid] = true;
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
    lua_pushvalue(L, lua_upvalueindex(1)); /* the handle */
    lua_pushinteger(L, pid);
    lua_pushinteger(L, line);
    lua_pushcclosure(L, l_param_entries, 3);
    return 1;
}

/* ---- override "id" (function (case, base) … end) ----------------------------------------- */

/* In the function-collecting run, put the function at the stack top into the slot the
 * definition run gave to (kind, region, id), and pop it. Slots are found by name, not by call
 * order: a file may declare in a pairs() loop, whose order differs between Lua states. */
static int store_function(lua_State *L, loader *ld, bool is_rule, const char *id)
{
    const dwp_engine *e = ld->ce;
    int slot = -1;
    if (is_rule) {
        for (size_t i = 0; i < e->local_rule_count && slot < 0; i++)
            if (e->local_rules[i].region_index == ld->region_index &&
                !strcmp(e->local_rules[i].info.id, id))
                slot = e->local_rules[i].slot;
    } else {
        for (size_t i = 0; i < e->override_count && slot < 0; i++)
            if (e->overrides[i].region_index == ld->region_index &&
                !strcmp(e->overrides[i].benefit_id, id))
                slot = e->overrides[i].slot;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->fn_ref);
    if (slot < 0 || lua_rawgeti(L, -1, slot + 1) != LUA_TNIL)
        return luaL_error(L, "%s \"%s\" was not declared the same way when the rules were "
                             "checked: rule files must declare the same things every time they run",
                          is_rule ? "rule" : "override", id);
    lua_pop(L, 1);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, slot + 1);
    lua_pop(L, 2);
    ld->next_slot++;
    return 0;
}

static int l_override_fn(lua_State *L)
{
    loader *ld = get_loader(L);
    const char *id = lua_tostring(L, lua_upvalueindex(2));
    int line = (int)lua_tointeger(L, lua_upvalueindex(3));
    if (lua_type(L, 1) != LUA_TFUNCTION) {
        problem(L, ld, "override \"%s\" 后应为函数 (function (case, base) … end)",
                "override \"%s\" must be followed by a function (function (case, base) … end)", id);
        return 0;
    }
    if (ld->mode == MODE_FUNCTIONS) {
        lua_pushvalue(L, 1);
        return store_function(L, ld, false, id);
    }
    int slot = ld->next_slot++;
    dwp_engine *e = ld->e;
    dwp_override *grown = realloc(e->overrides, (e->override_count + 1) * sizeof *grown);
    if (!grown) {
        ld->out_of_memory = true;
        return luaL_error(L, "out of memory");
    }
    e->overrides = grown;
    e->overrides[e->override_count++] = (dwp_override){
        engine_copy(L, ld, id, strlen(id)), -1, ld->region_index, slot, ld->src->display, line};
    return 0;
}

static int l_override(lua_State *L)
{
    loader *ld = get_loader(L);
    size_t len = 0;
    const char *id = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &len) : NULL;
    if (!id || len == 0 || len > 100) {
        problem(L, ld, "override 后应为待覆盖的待遇编号，如 override \"orphan.adult_student_topup\" (…)",
                "override must be followed by a benefit id, e.g. override \"orphan.adult_student_topup\" (…)");
        lua_pushcfunction(L, l_nothing);
        return 1;
    }
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
    lua_pushvalue(L, lua_upvalueindex(1)); /* the handle */
    lua_pushvalue(L, 1);
    lua_pushinteger(L, line);
    lua_pushcclosure(L, l_override_fn, 3);
    return 1;
}

/* ---- rule "id" { title = …, basis = …, period = …, eval = function (case, p) … end } ------ */

static int parse_name(const char *s, const char *const *names, int count)
{
    for (int i = 0; s && i < count; i++)
        if (!strcmp(s, names[i])) return i;
    return -1;
}

static int l_rule_table(lua_State *L)
{
    loader *ld = get_loader(L);
    const char *id = lua_tostring(L, lua_upvalueindex(2));
    int line = (int)lua_tointeger(L, lua_upvalueindex(3));
    if (lua_type(L, 1) != LUA_TTABLE) {
        problem(L, ld, "rule \"%s\" 后应为 { title = …, basis = …, period = …, eval = function (case, p) … end }",
                "rule \"%s\" must be followed by { title = …, basis = …, period = …, eval = function (case, p) … end }", id);
        return 0;
    }
    lua_getfield(L, 1, "eval");
    bool has_eval = lua_type(L, -1) == LUA_TFUNCTION;
    if (ld->mode == MODE_FUNCTIONS) return has_eval ? store_function(L, ld, true, id) : 0;
    int slot = has_eval ? ld->next_slot++ : -1;
    lua_pop(L, 1);
    static const char *const keys[] = {"title", "title_en", "basis", "period", "kind",
                                       "discretionary", "eval", NULL};
    char what[160];
    snprintf(what, sizeof what, "rule \"%s\"", id);
    bool ok = only_keys(L, ld, 1, keys, what);
    if (!has_eval) {
        problem(L, ld, "%s：缺少 eval = function (case, p) … end", "%s: eval = function (case, p) … end is missing", what);
        ok = false;
    }
    size_t tlen = 0, telen = 0, blen = 0;
    lua_getfield(L, 1, "title");
    const char *title = text_field(L, -1, &tlen);
    lua_getfield(L, 1, "title_en");
    const char *title_en = lua_isnil(L, -1) ? NULL : text_field(L, -1, &telen);
    bool title_en_bad = !lua_isnil(L, -1) && !title_en;
    lua_getfield(L, 1, "basis");
    const char *basis = text_field(L, -1, &blen);
    if (!title || title_en_bad) {
        problem(L, ld, "%s：title（及 title_en）应为不超过 %d 字节的 UTF-8 文本",
                "%s: title (and title_en) must be UTF-8 text of at most %d bytes", what, TEXT_MAX_BYTES);
        ok = false;
    }
    if (!basis) {
        problem(L, ld, "%s：basis 应写明依据（文件文号）", "%s: basis must name the document it rests on", what);
        ok = false;
    }
    static const char *const periods[] = {"month", "year", "once", "claim"};
    static const char *const kinds[] = {"payment", "cap", "waiver"};
    lua_getfield(L, 1, "period");
    int period = parse_name(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL, periods, 4);
    lua_getfield(L, 1, "kind");
    int kind = lua_isnil(L, -1) ? DWP_KIND_PAYMENT
                                : parse_name(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL, kinds, 3);
    lua_getfield(L, 1, "discretionary");
    bool discretionary = lua_toboolean(L, -1);
    if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TBOOLEAN) {
        problem(L, ld, "%s：discretionary 应为 true 或 false", "%s: discretionary must be true or false", what);
        ok = false;
    }
    if (period < 0) {
        problem(L, ld, "%s：period 应为 month、year、once 或 claim", "%s: period must be month, year, once or claim", what);
        ok = false;
    }
    if (kind < 0) {
        problem(L, ld, "%s：kind 应为 payment、cap 或 waiver", "%s: kind must be payment, cap or waiver", what);
        ok = false;
    }
    for (size_t i = 0; i < dwp_catalogue_count; i++)
        if (!strcmp(dwp_catalogue[i].id, id)) {
            problem(L, ld, "%s：编号与省定待遇重名；修改省定待遇请用 override \"%s\"",
                    "%s: the id is a catalogue benefit; use override \"%s\" to change it", what, id);
            ok = false;
        }
    dwp_engine *e = ld->e;
    int in_region = 0;
    for (size_t i = 0; i < e->local_rule_count; i++)
        in_region += e->local_rules[i].region_index == ld->region_index;
    if (in_region >= DWP_LOCAL_RULES_PER_REGION) {
        problem(L, ld, "%s：每个区划最多 %d 条本地待遇", "%s: a region may have at most %d local rules",
                what, DWP_LOCAL_RULES_PER_REGION);
        ok = false;
    }
    for (size_t i = 0; i < e->local_rule_count; i++)
        if (!strcmp(e->local_rules[i].info.id, id)) {
            problem(L, ld, "%s：编号已由 %s:%d 定义", "%s: the id is already defined at %s:%d", what,
                    e->local_rules[i].file, e->local_rules[i].line);
            ok = false;
        }
    if (!ok) return 0;
    dwp_local_rule *grown = realloc(e->local_rules, (e->local_rule_count + 1) * sizeof *grown);
    if (!grown) {
        ld->out_of_memory = true;
        return luaL_error(L, "out of memory");
    }
    e->local_rules = grown;
    const char *zh = engine_copy(L, ld, title, tlen);
    e->local_rules[e->local_rule_count++] = (dwp_local_rule){
        .info = {.id = engine_copy(L, ld, id, strlen(id)),
                 .title = {.zh = zh, .en = title_en ? engine_copy(L, ld, title_en, telen) : zh},
                 .basis = engine_copy(L, ld, basis, blen),
                 .period = (uint8_t)period,
                 .kind = (uint8_t)kind,
                 .discretionary = discretionary,
                 .untrusted_text = true,
                 .decide = NULL},
        .region_index = ld->region_index,
        .slot = slot,
        .file = ld->src->display,
        .line = line};
    return 0;
}

/* A local rule id: lowercase ASCII words joined by dots, e.g. "chengdu.festival_visit". */
static bool rule_id_ok(const char *s, size_t n)
{
    if (n == 0 || n > 100 || s[0] == '.' || s[n - 1] == '.') return false;
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') dot = true;
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return dot;
}

static int l_rule(lua_State *L)
{
    loader *ld = get_loader(L);
    size_t len = 0;
    const char *id = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &len) : NULL;
    if (!id || !rule_id_ok(id, len)) {
        problem(L, ld, "rule 后应为本地待遇编号：小写字母、数字、下划线，以点分段，如 \"chengdu.festival_visit\"",
                "rule must be followed by a local benefit id: lowercase letters, digits and _ in "
                "dotted parts, e.g. \"chengdu.festival_visit\"");
        id = NULL;
    }
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
    lua_pushvalue(L, lua_upvalueindex(1)); /* the handle */
    if (id) lua_pushvalue(L, 1);
    else lua_pushliteral(L, "(invalid)");
    lua_pushinteger(L, line);
    lua_pushcclosure(L, l_rule_table, 3);
    return 1;
}

/* ---- yuan(n) ------------------------------------------------------------------------------ */

/* yuan(n) → fen: exact for whole yuan and for decimal strings "12.34"; a fractional Lua
 * number is refused, since binary floating point cannot hold 0.1 yuan exactly. */
int dwp_lua_yuan(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, 1, &len);
        int64_t whole = 0, frac = 0;
        size_t i = 0, digits = 0, decimals = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9' && whole <= DWP_MONEY_MAX / 100; i++, digits++)
            whole = whole * 10 + (s[i] - '0');
        bool point = i < len && s[i] == '.';
        if (point)
            for (i++; i < len && s[i] >= '0' && s[i] <= '9' && decimals < 2; i++, decimals++)
                frac = frac * 10 + (s[i] - '0');
        if (decimals == 1) frac *= 10;
        if (i != len || digits == 0 || whole > DWP_MONEY_MAX / 100 || (point && decimals == 0))
            return luaL_error(L, "yuan(\"%s\"): expected an amount in yuan such as \"1120\" or "
                                 "\"12.34\" (at most two decimals)", s);
        lua_pushinteger(L, whole * 100 + frac);
        return 1;
    }
    if (!lua_isinteger(L, 1)) {
        if (lua_type(L, 1) == LUA_TNUMBER) {
            lua_Number v = lua_tonumber(L, 1);
            lua_Integer iv;
            if (lua_numbertointeger(v, &iv) && (lua_Number)iv == v) {
                lua_settop(L, 0);
                lua_pushinteger(L, iv);
            }
        }
        if (!lua_isinteger(L, 1))
            return luaL_error(L, "yuan(): expected whole yuan, or a decimal string such as "
                                 "yuan(\"12.34\")");
    }
    lua_Integer v = lua_tointeger(L, 1);
    if (v < 0 || v > DWP_MONEY_MAX / 100) return luaL_error(L, "yuan(%I): out of range", v);
    lua_pushinteger(L, v * 100);
    return 1;
}

/* ---- Running a file ----------------------------------------------------------------------- */

static void push_define_globals(lua_State *L);

/* Build the file's environment (a table reading through to the sandbox globals) with the
 * declaration functions; [-0, +1]. */
static void push_file_env(lua_State *L, loader *ld)
{
    lua_createtable(L, 0, 8);
    loader **handle = lua_newuserdatauv(L, sizeof *handle, 0);
    *handle = ld;
    ld->handle = handle;
    static const struct {
        const char *name;
        lua_CFunction f;
    } fns[] = {{"region", l_region}, {"param", l_param}, {"override", l_override}, {"rule", l_rule}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        lua_pushvalue(L, -1);
        lua_pushcclosure(L, fns[i].f, 1);
        lua_setfield(L, -3, fns[i].name);
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, dwp_lua_yuan);
    lua_setfield(L, -2, "yuan");
    lua_createtable(L, 0, 1);
    if (ld->mode == MODE_FUNCTIONS) /* eligible, p, … reading through to _G */
        lua_rawgeti(L, LUA_REGISTRYINDEX, ld->globals_ref);
    else push_define_globals(L);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
}

static int l_eval_only(lua_State *L)
{
    return luaL_error(L, "%s can only be used inside an override or eval function, while a "
                         "case is evaluated", lua_tostring(L, lua_upvalueindex(1)));
}

/* What the definition run gives a file for the names of evaluation time: stubs that raise,
 * so a file's top level behaves the same in both runs. [-0, +1] */
static void push_define_globals(lua_State *L)
{
    static const char *const names[] = {"eligible", "ineligible", "indeterminate", NULL};
    lua_createtable(L, 0, 4);
    for (const char *const *n = names; *n; n++) {
        lua_pushstring(L, *n);
        lua_pushcclosure(L, l_eval_only, 1);
        lua_setfield(L, -2, *n);
    }
    static const char *const views[] = {"p", "case", "host", NULL};
    for (const char *const *n = views; *n; n++) {
        lua_newtable(L);
        lua_createtable(L, 0, 1);
        lua_pushstring(L, *n);
        lua_pushcclosure(L, l_eval_only, 1);
        lua_setfield(L, -2, "__index");
        lua_setmetatable(L, -2);
        lua_setfield(L, -2, *n);
    }
    lua_createtable(L, 0, 1);
    lua_pushglobaltable(L);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
}

static int protected_push_env(lua_State *L)
{
    push_file_env(L, lua_touserdata(L, 1));
    return 1;
}

/* "file:12: message" → 12, for problems reported by Lua itself. */
static int line_in_message(const char *msg, const char *display)
{
    size_t n = strlen(display);
    if (strncmp(msg, display, n) || msg[n] != ':') return 0;
    return atoi(msg + n + 1);
}

/* Run one source in `sb` with mode ld->mode. Lua errors (syntax, a runtime error in the
 * file's own code) are problems too; the status is DWP_ENOMEM only when memory ran out. */
static int run_source(dwp_sandbox *sb, loader *ld, int64_t budget)
{
    lua_State *L = sb->L;
    const dwp_rule_source *src = ld->src;
    ld->region_declared = false;
    memset(ld->declared, 0, sizeof ld->declared);
    int top = lua_gettop(L);
    lua_pushcfunction(L, protected_push_env);
    lua_pushlightuserdata(L, ld);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        lua_settop(L, top);
        return DWP_ENOMEM;
    }
    char chunkname[512];
    /* "@": Lua shortens a long name from the front, so the file name itself stays. */
    snprintf(chunkname, sizeof chunkname, "@%s", src->display);
    dwp_sandbox_arm(sb, budget, LOAD_TIME_MS);
    int rc = dwp_sandbox_run(sb, src->text, src->len, chunkname, -1);
    lua_sethook(L, NULL, 0, 0);
    if (ld->handle) *ld->handle = NULL; /* the file has run: its declarations are closed */
    ld->handle = NULL;
    if (ld->out_of_memory) {
        lua_settop(L, top);
        return DWP_ENOMEM;
    }
    if (rc != LUA_OK && ld->mode == MODE_DEFINE) {
        const char *msg = dwp_sandbox_error_text(L);
        const char *limit = sb->memory_exceeded ? (lang_of(ld) == DWP_LANG_EN ? "memory cap exceeded while loading" : "加载时超出内存上限")
                          : sb->budget_exceeded ? (lang_of(ld) == DWP_LANG_EN ? "instruction budget or time limit exceeded while loading" : "加载时超出指令预算或时间上限")
                                                : NULL;
        int line = line_in_message(msg, src->display);
        if (line > 0) msg = strchr(msg + strlen(src->display) + 1, ':') + 1; /* no file:line twice */
        while (*msg == ' ') msg++;
        if (dwp_engine_add_problem(ld->e, src->display, line, limit ? limit : msg) != DWP_OK)
            return DWP_ENOMEM;
    }
    lua_settop(L, top);
    if (rc != LUA_OK && ld->mode == MODE_FUNCTIONS) return DWP_ERULES;
    if (ld->mode == MODE_DEFINE && !ld->region_declared && rc == LUA_OK)
        problem(L, ld, "缺少 region{ code = \"%s\" }", "region{ code = \"%s\" } is missing",
                ld->ce->regions.list[ld->region_index].code_text);
    return DWP_OK;
}

int dwp_rules_define_functions(const dwp_engine *e, lua_State *L, int fn_table, int globals)
{
    void *ud;
    lua_getallocf(L, &ud);
    dwp_sandbox *sb = ud;
    loader ld = {.ce = e, .mode = MODE_FUNCTIONS};
    lua_pushvalue(L, fn_table);
    ld.fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushvalue(L, globals);
    ld.globals_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    int top = lua_gettop(L), rc = DWP_OK;
    for (size_t i = 0; i < e->source_count && rc == DWP_OK; i++) {
        ld.src = &e->sources[i];
        ld.region_index = dwp_regions_find(&e->regions, ld.src->region);
        rc = run_source(sb, &ld, LOAD_INSTRUCTION_BUDGET);
        lua_settop(L, top);
    }
    luaL_unref(L, LUA_REGISTRYINDEX, ld.fn_ref);
    luaL_unref(L, LUA_REGISTRYINDEX, ld.globals_ref);
    if (rc != DWP_OK) return rc;
    /* Every slot filled exactly once: the same declarations as in the definition run. */
    return ld.next_slot == e->slot_count ? DWP_OK : DWP_ERULES;
}

int dwp_engine_add_problem(dwp_engine *e, const char *file, int line, const char *msg)
{
    dwp_problem *grown = realloc(e->problems, (e->problem_count + 1) * sizeof *grown);
    char clean[1024]; /* a Lua message may hold any bytes the file's code chose */
    size_t n = dwp_utf8_copy_sanitized(clean, sizeof clean, msg, strlen(msg));
    char *copy = dwp_engine_strdup(e, clean, n);
    if (!grown || !copy) {
        if (grown) e->problems = grown;
        return DWP_ENOMEM;
    }
    e->problems = grown;
    e->problems[e->problem_count++] = (dwp_problem){file, line, copy};
    return DWP_OK;
}

/* Whether region `ancestor` is on the chain of region `index`. */
static bool on_chain(const dwp_regions *r, int index, int ancestor)
{
    int chain[DWP_CHAIN_MAX];
    int n = dwp_regions_chain(r, index, chain);
    for (int k = 0; k < n; k++)
        if (chain[k] == ancestor) return true;
    return false;
}

/* After all files: resolve what each override refers to — a catalogue benefit, or a local
 * rule of its own region or one above — and index them by (benefit, region). */
static int link_overrides(dwp_engine *e)
{
    e->benefit_count = dwp_catalogue_count + e->local_rule_count;
    size_t cells = e->benefit_count * e->regions.count;
    e->override_slot = malloc((cells ? cells : 1) * sizeof *e->override_slot);
    if (!e->override_slot) return DWP_ENOMEM;
    for (size_t k = 0; k < cells; k++) e->override_slot[k] = -1;
    e->overridden_here = calloc(e->regions.count ? e->regions.count : 1, sizeof *e->overridden_here);
    if (!e->overridden_here) return DWP_ENOMEM;
    bool en = e->lang == DWP_LANG_EN;
    for (size_t i = 0; i < e->override_count; i++) {
        dwp_override *o = &e->overrides[i];
        for (size_t b = 0; b < dwp_catalogue_count && o->benefit < 0; b++)
            if (!strcmp(dwp_catalogue[b].id, o->benefit_id)) o->benefit = (int)b;
        for (size_t r = 0; r < e->local_rule_count && o->benefit < 0; r++)
            if (!strcmp(e->local_rules[r].info.id, o->benefit_id) &&
                on_chain(&e->regions, o->region_index, e->local_rules[r].region_index))
                o->benefit = (int)(dwp_catalogue_count + r);
        char msg[300];
        int *cell = o->benefit < 0 ? NULL
                                   : &e->override_slot[(size_t)o->benefit * e->regions.count +
                                                       (size_t)o->region_index];
        if (!cell)
            snprintf(msg, sizeof msg,
                     en ? "override \"%s\": no benefit has this id (not in the catalogue, "
                          "nor a rule of this region or one above it)"
                        : "override \"%s\"：没有这个待遇编号（既不是省定待遇，也不是本区划或上级区划的本地待遇）",
                     o->benefit_id);
        else if (*cell >= 0)
            snprintf(msg, sizeof msg,
                     en ? "override \"%s\" appears twice for this region"
                        : "override \"%s\" 在本区划重复定义",
                     o->benefit_id);
        else {
            *cell = o->slot;
            if ((size_t)o->benefit < dwp_catalogue_count)
                e->overridden_here[o->region_index] |= UINT64_C(1) << o->benefit;
            continue;
        }
        if (dwp_engine_add_problem(e, o->file, o->line, msg) != DWP_OK) return DWP_ENOMEM;
    }
    return DWP_OK;
}

/* After all files: for each region and parameter, the most specific region of its chain that
 * defines the parameter at all (SPEC §5), so that a rule's read looks it up once rather than
 * walking up the chain. */
static int index_param_definers(dwp_engine *e)
{
    e->param_definer = malloc((e->regions.count ? e->regions.count : 1) * DWP_PARAM_COUNT *
                              sizeof *e->param_definer);
    if (!e->param_definer) return DWP_ENOMEM;
    for (size_t r = 0; r < e->regions.count; r++) {
        int chain[DWP_CHAIN_MAX];
        int n = dwp_regions_chain(&e->regions, (int)r, chain);
        for (int id = 0; id < DWP_PARAM_COUNT; id++) {
            int definer = -1;
            for (int k = 0; k < n && definer < 0; k++)
                if (dwp_engine_series(e, chain[k], id)->count) definer = chain[k];
            e->param_definer[r * DWP_PARAM_COUNT + (size_t)id] = definer;
        }
    }
    return DWP_OK;
}

/* ---- Sources ---------------------------------------------------------------------------- */

static bool region_file_name(const char *name, int32_t *code)
{
    size_t n = strlen(name);
    if (n != 10 || strcmp(name + 6, ".lua")) return false;
    int32_t v = 0;
    for (int i = 0; i < 6; i++) {
        if (name[i] < '0' || name[i] > '9') return false;
        v = v * 10 + (name[i] - '0');
    }
    *code = v;
    return true;
}

static char *dup_text(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Add or replace (same name) a source; takes ownership of display and text. */
static int add_source(dwp_engine *e, const char *name, char *display, char *text, size_t len)
{
    if (!display || !text) {
        free(display);
        free(text);
        return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    /* A misnamed file is a problem to report (dwpolicy check lists them all), not a reason
     * to stop reading the others. */
    int32_t code = 0;
    char msg[200];
    msg[0] = '\0';
    if (!region_file_name(name, &code))
        snprintf(msg, sizeof msg, e->lang == DWP_LANG_EN
                                      ? "a rule file is named after its region code, e.g. 510100.lua"
                                      : "规则文件应以区划代码命名，如 510100.lua");
    else if (dwp_regions_find(&e->regions, code) < 0)
        snprintf(msg, sizeof msg,
                 e->lang == DWP_LANG_EN ? "%06d is not a Sichuan region code"
                                        : "%06d 不是四川省的行政区划代码",
                 (int)code);
    if (msg[0]) {
        int st = dwp_engine_add_problem(e, display, 0, msg);
        /* The problem keeps pointing at the name: keep it alive with the engine. */
        free(text);
        if (st == DWP_OK) {
            const char *kept = dwp_engine_strdup(e, display, strlen(display));
            if (kept) e->problems[e->problem_count - 1].file = kept;
            else st = DWP_ENOMEM;
        }
        free(display);
        return st == DWP_OK ? DWP_OK : dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < e->source_count; i++) {
        if (strcmp(e->sources[i].name, name)) continue;
        free(e->sources[i].display);
        free(e->sources[i].text);
        e->sources[i].display = display;
        e->sources[i].text = text;
        e->sources[i].len = len;
        return DWP_OK;
    }
    dwp_rule_source *grown = realloc(e->sources, (e->source_count + 1) * sizeof *grown);
    char *name_copy = dup_text(name, strlen(name));
    if (!grown || !name_copy) {
        if (grown) e->sources = grown;
        free(name_copy);
        free(display);
        free(text);
        return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    e->sources = grown;
    e->sources[e->source_count++] =
        (dwp_rule_source){.name = name_copy, .display = display, .text = text, .len = len,
                          .region = code};
    return DWP_OK;
}

static int read_file(dwp_engine *e, const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return dwp_error_set(DWP_EIO, e->lang, "%s：无法读取（%s）", "%s: cannot read (%s)", path,
                             strerror(errno));
    char *buf = malloc(RULE_FILE_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, RULE_FILE_MAX_BYTES + 1, f) : 0;
    bool err = ferror(f);
    fclose(f);
    if (!buf) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    if (err || n > RULE_FILE_MAX_BYTES) {
        free(buf);
        return err ? dwp_error_set(DWP_EIO, e->lang, "%s：读取失败", "%s: read error", path)
                   : dwp_error_set(DWP_ERULES, e->lang, "%s：规则文件超过 4 MiB",
                                   "%s: a rule file may not exceed 4 MiB", path);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return DWP_OK;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_directory(dwp_engine *e, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return dwp_error_set(DWP_EIO, e->lang, "%s：无法打开规则目录（%s）",
                             "%s: cannot open the rules directory (%s)", dir, strerror(errno));
    char **names = NULL;
    size_t count = 0;
    int status = DWP_OK;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".lua")) continue;
        char **grown = realloc(names, (count + 1) * sizeof *grown);
        char *copy = dup_text(ent->d_name, n);
        if (!grown || !copy) {
            if (grown) names = grown;
            free(copy);
            status = dwp_error_set_text(DWP_ENOMEM, "out of memory");
            break;
        }
        names = grown;
        names[count++] = copy;
    }
    closedir(d);
    if (status == DWP_OK) qsort(names, count, sizeof *names, cmp_cstr);
    for (size_t i = 0; i < count && status == DWP_OK; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        if (!path) {
            status = dwp_error_set_text(DWP_ENOMEM, "out of memory");
            break;
        }
        snprintf(path, plen, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        char *text = NULL;
        size_t len = 0;
        status = read_file(e, path, &text, &len);
        if (status == DWP_OK) status = add_source(e, names[i], path, text, len);
        else free(path);
    }
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
    return status;
}

static int cmp_source(const void *a, const void *b)
{
    const dwp_rule_source *x = a, *y = b;
    return (x->region > y->region) - (x->region < y->region);
}

int dwp_rules_load(dwp_engine *e, const char *dir)
{
    const dwp_embedded_file *csv = NULL;
    for (size_t i = 0; i < dwp_embedded_rules_count; i++)
        if (!strcmp(dwp_embedded_rules[i].name, "regions.csv")) csv = &dwp_embedded_rules[i];
    if (!csv) return dwp_error_set_text(DWP_ERULES, "embedded ruleset has no regions.csv");
    snprintf(e->ruleset_name, sizeof e->ruleset_name, "%s", dwp_embedded_ruleset_name);
    int status = dwp_regions_parse(&e->regions, csv->text, csv->len, "regions.csv", e->lang);
    if (status != DWP_OK) return status;
    e->series = calloc(e->regions.count * DWP_PARAM_COUNT, sizeof *e->series);
    if (!e->series) return dwp_error_set_text(DWP_ENOMEM, "out of memory");

    for (size_t i = 0; i < dwp_embedded_rules_count && status == DWP_OK; i++) {
        const dwp_embedded_file *f = &dwp_embedded_rules[i];
        if (!strcmp(f->name, "regions.csv")) continue;
        size_t dlen = strlen(e->ruleset_name) + strlen(f->name) + 2;
        char *display = malloc(dlen);
        if (display) snprintf(display, dlen, "%s/%s", e->ruleset_name, f->name);
        status = add_source(e, f->name, display, dup_text(f->text, f->len), f->len);
    }
    if (status == DWP_OK && dir) status = add_directory(e, dir);
    if (status != DWP_OK) return status;
    qsort(e->sources, e->source_count, sizeof *e->sources, cmp_source);

    /* The digest covers every loaded source, by name and content, in load order. */
    dwp_sha256 h;
    dwp_sha256_init(&h);
    for (size_t i = 0; i < e->source_count; i++) {
        const dwp_rule_source *src = &e->sources[i];
        dwp_sha256_update(&h, src->name, strlen(src->name) + 1);
        dwp_sha256_update(&h, src->text, src->len);
        dwp_sha256_update(&h, "", 1);
    }
    uint8_t digest[32];
    dwp_sha256_final(&h, digest);
    dwp_sha256_hex(digest, e->ruleset_sha256);

    /* Parents have smaller codes than their children, so a file's region and everything
     * above it are defined before it runs. */
    dwp_sandbox sb;
    if (!dwp_sandbox_open(&sb, LOAD_MEMORY_CAP)) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    loader ld = {.e = e, .ce = e, .mode = MODE_DEFINE};
    for (size_t i = 0; i < e->source_count && status == DWP_OK; i++) {
        ld.src = &e->sources[i];
        ld.region_index = dwp_regions_find(&e->regions, ld.src->region);
        status = run_source(&sb, &ld, LOAD_INSTRUCTION_BUDGET);
    }
    dwp_sandbox_close(&sb);
    e->slot_count = ld.next_slot;
    if (status == DWP_OK) status = link_overrides(e);
    if (status == DWP_OK) status = index_param_definers(e);
    if (status == DWP_ENOMEM) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    return status;
}

void dwp_rules_free(dwp_engine *e)
{
    if (e->series) {
        for (size_t i = 0; i < e->regions.count * DWP_PARAM_COUNT; i++) free(e->series[i].entries);
        free(e->series);
        e->series = NULL;
    }
    for (size_t i = 0; i < e->source_count; i++) {
        free(e->sources[i].name);
        free(e->sources[i].display);
        free(e->sources[i].text);
    }
    free(e->sources);
    e->sources = NULL;
    e->source_count = 0;
    free(e->local_rules);
    free(e->overrides);
    free(e->override_slot);
    free(e->overridden_here);
    free(e->param_definer);
    free(e->problems);
    e->local_rules = NULL;
    e->overrides = NULL;
    e->override_slot = NULL;
    e->overridden_here = NULL;
    e->param_definer = NULL;
    e->problems = NULL;
    dwp_regions_free(&e->regions);
}
