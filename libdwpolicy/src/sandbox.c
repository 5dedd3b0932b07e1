/* sandbox.c — the Lua state rule code runs in (see sandbox.h for what it allows and why). */
#include "sandbox.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

static dwp_sandbox *sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Counts live bytes and refuses growth past the cap; frees and shrinks always succeed, as
 * Lua requires. A refusal makes Lua collect garbage and retry before it gives up with a
 * memory error, so the flag is set by whoever sees that error, not here. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    dwp_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= old;
        return NULL;
    }
    if (nsize > old && (nsize - old > sb->mem_cap - sb->mem_used || nsize > DWP_SANDBOX_BLOCK_MAX)) {
        sb->alloc_refused = true;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p) sb->mem_used = sb->mem_used - old + nsize;
    return p;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* level: 0 from the hook (the running Lua function), 1 from a library function (its
 * caller), so that the message names the rule's file and line. */
static void count_hook(lua_State *L, lua_Debug *ar);
static const lua_Hook count_hook_fn = count_hook;

static int limit_error(lua_State *L, dwp_sandbox *sb, int level)
{
    sb->budget_exceeded = true;
    /* From now on the hook runs on every instruction: nothing can resume the rule. */
    lua_sethook(L, count_hook_fn, LUA_MASKCOUNT, 1);
    luaL_where(L, level);
    lua_pushstring(L, "instruction budget or time limit exceeded");
    lua_concat(L, 2);
    return lua_error(L);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    dwp_sandbox *sb = sandbox_of(L);
    sb->budget_left -= DWP_SANDBOX_HOOK_STEP;
    if (sb->budget_left < 0 || sb->budget_exceeded ||
        (sb->deadline_ns && now_ns() > sb->deadline_ns))
        limit_error(L, sb, 0);
}

/* Charge library work done inside one C call, before it is done. A limit error is placed at
 * `level` (1: the caller of the C function; 0: the C function itself, hence no position). */
static void charge_at(lua_State *L, int64_t work, int level)
{
    dwp_sandbox *sb = sandbox_of(L);
    if (work < 0 || work > sb->budget_left || sb->budget_exceeded ||
        (sb->deadline_ns && now_ns() > sb->deadline_ns)) {
        sb->budget_left = -1;
        limit_error(L, sb, level);
    }
    sb->budget_left -= work;
}

static void charge(lua_State *L, int64_t work) { charge_at(L, work, 1); }

void dwp_sandbox_charge(lua_State *L, int64_t work) { charge(L, work); }

void dwp_sandbox_charge_unplaced(lua_State *L, int64_t work) { charge_at(L, work, 0); }

void dwp_sandbox_account(lua_State *L, size_t bytes)
{
    dwp_sandbox *sb = sandbox_of(L);
    if (bytes > sb->mem_cap - sb->mem_used) {
        sb->memory_exceeded = true;
        luaL_error(L, "memory cap exceeded by texts kept for results");
    }
    sb->mem_used += bytes;
    sb->external_bytes += bytes;
}

void dwp_sandbox_release_external(dwp_sandbox *sb)
{
    sb->mem_used -= sb->external_bytes;
    sb->external_bytes = 0;
}

/* a + b and a * b for non-negative counts, saturating at INT64_MAX / 2. */
static int64_t sat_add(int64_t a, int64_t b)
{
    return a > INT64_MAX / 2 - b ? INT64_MAX / 2 : a + b;
}

static int64_t sat_mul(int64_t a, int64_t b)
{
    return b != 0 && a > INT64_MAX / 2 / b ? INT64_MAX / 2 : a * b;
}

/* ---- Library wrappers ------------------------------------------------------------------- */

enum cost {
    COST_STRINGS, /* proportional to the bytes of the string arguments */
    COST_REP,     /* string.rep: the size of the result */
    COST_LENGTH,  /* proportional to #t of the first argument */
    COST_SORT,    /* n log n of #t */
    COST_RANGE    /* table.move / table.unpack: the index range */
};

#define REP_MAX_BYTES ((lua_Integer)1 << 20)

static int64_t length_of(lua_State *L, int index)
{
    if (lua_type(L, index) != LUA_TTABLE) return 0;
    lua_len(L, index); /* honours __len: frozen tables report their contents */
    int64_t n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    return n < 0 ? 0 : n > INT64_MAX / 4 ? INT64_MAX / 4 : n;
}

static int charged_call(lua_State *L)
{
    int cost = (int)lua_tointeger(L, lua_upvalueindex(2));
    int n = lua_gettop(L);
    int64_t work = 1;
    switch (cost) {
    case COST_STRINGS:
        for (int i = 1; i <= n; i++)
            if (lua_type(L, i) == LUA_TSTRING) work = sat_add(work, (int64_t)lua_rawlen(L, i) / 8);
        break;
    case COST_REP: {
        size_t len = 0, seplen = 0;
        luaL_checklstring(L, 1, &len);
        lua_Integer count = luaL_checkinteger(L, 2);
        if (n >= 3 && !lua_isnil(L, 3)) luaL_checklstring(L, 3, &seplen);
        /* Lua loops `count` times even to build "": answer that without the loop. */
        if (count <= 0 || len + seplen == 0) {
            lua_pushliteral(L, "");
            return 1;
        }
        if ((lua_Integer)(len + seplen) > REP_MAX_BYTES / count)
            return luaL_error(L, "string.rep: result larger than %d bytes", (int)REP_MAX_BYTES);
        work = sat_add(work, count * (lua_Integer)(len + seplen) / 8);
        break;
    }
    case COST_LENGTH: {
        /* table.concat also copies its separator between every two items */
        size_t seplen = lua_type(L, 2) == LUA_TSTRING ? lua_rawlen(L, 2) : 0;
        int64_t items = length_of(L, 1);
        work = sat_add(work, sat_add(items, sat_mul(items, (int64_t)seplen / 8)));
        break;
    }
    case COST_SORT: {
        int64_t len = length_of(L, 1), log = 1;
        while (log < 62 && ((int64_t)1 << log) < len) log++;
        work = sat_add(work, sat_mul(sat_mul(len, log), 4));
        break;
    }
    case COST_RANGE: {
        /* table.move(a, f, e, …) and table.unpack(t, i, j): the range is what loops */
        int first = lua_type(L, 1) == LUA_TTABLE ? 2 : 1;
        lua_Integer f = luaL_optinteger(L, first, 1);
        lua_Integer e = lua_isnoneornil(L, first + 1) ? (lua_Integer)length_of(L, 1)
                                                      : luaL_checkinteger(L, first + 1);
        if (e >= f) {
            uint64_t span = (uint64_t)e - (uint64_t)f; /* no signed overflow */
            work = span > (uint64_t)INT64_MAX / 4 ? INT64_MAX / 2 : sat_add(work, (int64_t)span * 2);
        }
        break;
    }
    }
    charge(L, work);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

/* Replace lib[name] (table at stack top) by a charged wrapper. */
static void wrap(lua_State *L, const char *name, enum cost cost)
{
    lua_getfield(L, -1, name);
    lua_pushinteger(L, cost);
    lua_pushcclosure(L, charged_call, 2);
    lua_setfield(L, -2, name);
}

static void drop(lua_State *L, const char *name)
{
    lua_pushnil(L);
    lua_setfield(L, -2, name);
}

/* pcall that cannot swallow a limit: once one is hit, the error goes on up. */
static int sandbox_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    dwp_sandbox *sb = sandbox_of(L);
    charge(L, 100); /* a pcall(error) loop must not be nearly free */
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    /* Only a refusal by the allocator is a memory limit: error("not enough memory") is not. */
    if (status == LUA_ERRMEM && sb->alloc_refused) sb->memory_exceeded = true;
    if (status != LUA_OK && dwp_sandbox_limit_hit(sb)) return lua_error(L);
    /* Building the error message (with its position prefix) copied it: charge for that. */
    if (status != LUA_OK && lua_type(L, -1) == LUA_TSTRING) charge(L, (int64_t)lua_rawlen(L, -1) / 8);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

/* string.find only as a plain substring search: patterns can backtrack for a very long time
 * inside one C call, where no hook runs. */
static int sandbox_find(lua_State *L)
{
    if (!lua_toboolean(L, 4))
        return luaL_error(L, "string.find: patterns are not available in rules; "
                             "use string.find(s, text, init, true)");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static const char *const base_removed[] = {
    "collectgarbage", "dofile", "getmetatable", "load", "loadfile", "print", "rawget",
    "rawset",         "require", "setmetatable", "warn", "xpcall", NULL};

static const struct {
    const char *name;
    enum cost cost;
} string_charged[] = {{"byte", COST_STRINGS},  {"char", COST_STRINGS}, {"format", COST_STRINGS},
                      {"len", COST_STRINGS},   {"lower", COST_STRINGS}, {"upper", COST_STRINGS},
                      {"reverse", COST_STRINGS}, {"sub", COST_STRINGS}, {"rep", COST_REP}},
  table_charged[] = {{"concat", COST_LENGTH}, {"insert", COST_LENGTH}, {"remove", COST_LENGTH},
                     {"sort", COST_SORT},     {"move", COST_RANGE},    {"unpack", COST_RANGE}},
  utf8_charged[] = {{"char", COST_STRINGS},  {"codepoint", COST_STRINGS}, {"len", COST_STRINGS},
                    {"offset", COST_STRINGS}, {"codes", COST_STRINGS}};

#define WRAP_ALL(L, list)                                                                     \
    for (size_t i_ = 0; i_ < sizeof(list) / sizeof((list)[0]); i_++)                          \
    wrap((L), (list)[i_].name, (list)[i_].cost)

static int open_libraries(lua_State *L)
{
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8}, {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    for (const char *const *g = base_removed; *g; g++) drop(L, *g);
    lua_pushcfunction(L, sandbox_pcall);
    lua_setfield(L, -2, "pcall");
    /* error() is not wrapped: a wrapper would become the level its message positions name. */
    wrap(L, "tonumber", COST_STRINGS);
    wrap(L, "tostring", COST_STRINGS);

    lua_getfield(L, -1, LUA_STRLIBNAME);
    drop(L, "dump");
    drop(L, "match");
    drop(L, "gmatch");
    drop(L, "gsub");
    /* Binary packing: no use in rules, and "c16000000" builds megabytes in one cheap call. */
    drop(L, "pack");
    drop(L, "unpack");
    drop(L, "packsize");
    WRAP_ALL(L, string_charged);
    lua_getfield(L, -1, "find");
    lua_pushcclosure(L, sandbox_find, 1);
    lua_setfield(L, -2, "find");
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_TABLIBNAME);
    WRAP_ALL(L, table_charged);
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_MATHLIBNAME);
    drop(L, "random"); /* rules must decide the same way every time */
    drop(L, "randomseed");
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_UTF8LIBNAME);
    WRAP_ALL(L, utf8_charged);
    lua_pop(L, 1);

    /* The library tables and the global table itself become read-only. */
    dwp_sandbox_freeze(L, -1);
    lua_pop(L, 1);
    return 0;
}

bool dwp_sandbox_open(dwp_sandbox *sb, size_t mem_cap)
{
    memset(sb, 0, sizeof *sb);
    sb->mem_cap = mem_cap;
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) return false;
    lua_pushcfunction(sb->L, open_libraries);
    if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
        dwp_sandbox_close(sb);
        return false;
    }
    return true;
}

void dwp_sandbox_close(dwp_sandbox *sb)
{
    if (sb->L) lua_close(sb->L);
    sb->L = NULL;
}

void dwp_sandbox_arm(dwp_sandbox *sb, int64_t instructions, int64_t time_ms)
{
    sb->budget_left = instructions;
    sb->budget_exceeded = false;
    sb->memory_exceeded = false;
    sb->alloc_refused = false;
    sb->deadline_ns = time_ms > 0 ? now_ns() + time_ms * 1000000 : 0;
    lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, DWP_SANDBOX_HOOK_STEP);
}

int dwp_sandbox_run(dwp_sandbox *sb, const char *text, size_t len, const char *chunkname,
                    int env)
{
    lua_State *L = sb->L;
    if (env) env = lua_absindex(L, env);
    int rc = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (rc != LUA_OK) return rc;
    if (env) {
        lua_pushvalue(L, env);
        lua_setupvalue(L, -2, 1); /* a main chunk's only upvalue is _ENV */
    }
    rc = lua_pcall(L, 0, 0, 0);
    if (rc == LUA_ERRMEM && sb->alloc_refused) sb->memory_exceeded = true;
    return rc;
}

const char *dwp_sandbox_error_text(lua_State *L)
{
    if (lua_type(L, -1) == LUA_TSTRING) return lua_tostring(L, -1);
    return lua_type(L, -1) == LUA_TNIL ? "error (no message)" : "error (not a string)";
}

/* ---- Freezing --------------------------------------------------------------------------- */

static int frozen_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify a read-only table (rules cannot change shared "
                         "state)");
}

static int frozen_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)luaL_len(L, lua_upvalueindex(1)));
    return 1;
}

static int frozen_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1))) return 2;
    lua_pushnil(L);
    return 1;
}

static int frozen_pairs(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1)); /* next over the shadow */
    lua_pushnil(L);
    lua_pushnil(L);
    return 3;
}

static void freeze_value(lua_State *L, int index, int seen);

bool dwp_sandbox_first_visit(lua_State *L, int index, int seen)
{
    index = lua_absindex(L, index);
    lua_pushvalue(L, index);
    bool seen_before = lua_rawget(L, seen) != LUA_TNIL;
    lua_pop(L, 1);
    if (seen_before) return false;
    lua_pushvalue(L, index);
    lua_pushboolean(L, 1);
    lua_rawset(L, seen);
    return true;
}

/* Move t's contents into a shadow table and give t a metatable that reads the shadow and
 * refuses writes. `seen` (a table) stops cycles. */
static void freeze_table(lua_State *L, int t, int seen)
{
    t = lua_absindex(L, t);
    if (!dwp_sandbox_first_visit(L, t, seen)) return;
    int original_mt = 0;
    if (lua_getmetatable(L, t)) {
        lua_pushliteral(L, "__newindex");
        lua_rawget(L, -2);
        bool frozen = lua_tocfunction(L, -1) == frozen_newindex;
        lua_pop(L, 1);
        if (frozen) {
            lua_pop(L, 1);
            return;
        }
        /* A metatable the sandbox set (a file environment reading through to the globals)
         * moves to the shadow, so lookups still fall through to it. */
        original_mt = lua_gettop(L);
    }
    lua_newtable(L); /* shadow */
    int shadow = lua_gettop(L);
    if (original_mt) {
        lua_pushvalue(L, original_mt);
        lua_setmetatable(L, shadow);
    }
    lua_pushnil(L);
    while (lua_next(L, t)) {
        freeze_value(L, -1, seen);
        freeze_value(L, -2, seen);
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, shadow);
    }
    /* Empty t only after the walk: clearing during lua_next is not allowed for new keys,
     * and setting existing fields to nil is, but a second pass is simpler to reason about. */
    lua_pushnil(L);
    while (lua_next(L, shadow)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, t);
    }
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, shadow);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, frozen_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, shadow);
    lua_pushcclosure(L, frozen_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushvalue(L, shadow);
    lua_pushcclosure(L, frozen_next, 1);
    lua_pushcclosure(L, frozen_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, t);
    lua_pop(L, original_mt ? 2 : 1); /* shadow, original metatable */
}

static void freeze_value(lua_State *L, int index, int seen)
{
    index = lua_absindex(L, index);
    int type = lua_type(L, index);
    if (type == LUA_TTABLE) {
        freeze_table(L, index, seen);
    } else if (type == LUA_TFUNCTION && !lua_iscfunction(L, index)) {
        if (!dwp_sandbox_first_visit(L, index, seen)) return;
        for (int i = 1; lua_getupvalue(L, index, i); i++) {
            freeze_value(L, -1, seen);
            lua_pop(L, 1);
        }
    }
}

void dwp_sandbox_freeze(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    luaL_checkstack(L, 40, "freeze");
    lua_newtable(L);
    int seen = lua_gettop(L);
    freeze_value(L, index, seen);
    lua_pop(L, 1);
}
