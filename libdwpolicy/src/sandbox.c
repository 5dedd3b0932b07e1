/* sandbox.c — the Lua state rule code runs in. */
#include "sandbox.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

/* Counts live bytes and refuses growth past the cap; frees and shrinks always succeed, as
 * Lua requires. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    dwp_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= old;
        return NULL;
    }
    if (nsize > old && nsize - old > sb->mem_cap - sb->mem_used) {
        sb->memory_exceeded = true;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p) sb->mem_used = sb->mem_used - old + nsize;
    return p;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    void *ud;
    lua_getallocf(L, &ud);
    dwp_sandbox *sb = ud;
    if (--sb->budget_left < 0) {
        sb->budget_exceeded = true;
        /* Keep failing on every later step, so an error handler cannot resume the loop. */
        sb->budget_left = 0;
        luaL_error(L, "instruction budget exceeded");
    }
}

static const char *const removed_globals[] = {"dofile", "loadfile", "load", "collectgarbage",
                                              "print", "require", NULL};

bool dwp_sandbox_open(dwp_sandbox *sb, size_t mem_cap)
{
    memset(sb, 0, sizeof *sb);
    sb->mem_cap = mem_cap;
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) return false;
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                                    {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},
                                    {NULL, NULL}};
    lua_State *L = sb->L;
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    for (const char *const *g = removed_globals; *g; g++) {
        lua_pushnil(L);
        lua_setglobal(L, *g);
    }
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    return true;
}

void dwp_sandbox_close(dwp_sandbox *sb)
{
    if (sb->L) lua_close(sb->L);
    sb->L = NULL;
}

void dwp_sandbox_set_budget(dwp_sandbox *sb, int64_t instructions)
{
    sb->budget_left = instructions / DWP_SANDBOX_HOOK_STEP + 1;
    sb->budget_exceeded = false;
    lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, DWP_SANDBOX_HOOK_STEP);
}

int dwp_sandbox_run(dwp_sandbox *sb, const char *text, size_t len, const char *chunkname)
{
    lua_State *L = sb->L;
    int rc = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (rc != LUA_OK) return rc;
    return lua_pcall(L, 0, 0, 0);
}
