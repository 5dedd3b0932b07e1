/* host_fn.c — dwp_engine_register_fn() and host.NAME(...) in rule code.
 *
 * Signatures are "R(A…)", one letter a type: i int64_t, d double, b bool (int32_t 0/1),
 * s const char * (UTF-8, NUL-terminated). The C function takes the arguments, then the
 * userdata given at registration: `R fn(A1, …, void *userdata)`. A returned string belongs to
 * the host and is copied at once; NULL becomes nil. */
#include "host_fn.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "engine.h"
#include "error.h"
#include "sandbox.h"
#include "strbuf.h"

static ffi_type *ffi_type_of(char t)
{
    switch (t) {
    case 'i': return &ffi_type_sint64;
    case 'd': return &ffi_type_double;
    case 'b': return &ffi_type_sint32;
    case 's': return &ffi_type_pointer;
    default: return NULL;
    }
}

static bool name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > DWP_HOST_NAME_MAX || (s[0] >= '0' && s[0] <= '9')) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

DWP_API int dwp_engine_register_fn(dwp_engine *e, const char *name, const char *signature,
                                   void (*fn)(void), void *userdata)
{
    dwp_error_clear();
    int lang = e ? e->lang : DWP_LANG_ZH;
    if (!e || !name || !signature || !fn)
        return dwp_error_set(DWP_EINVAL, lang, "dwp_engine_register_fn：参数不能为 NULL",
                             "dwp_engine_register_fn: arguments must not be NULL");
    if (atomic_load(&e->in_use))
        return dwp_error_set(DWP_EINVAL, lang, "%s：引擎已开始求值，须在首次求值前注册宿主函数",
                             "%s: the engine has already evaluated cases; register host "
                             "functions before the first evaluation",
                             name);
    if (!name_ok(name))
        return dwp_error_set(DWP_EINVAL, lang,
                             "宿主函数名“%.80s”无效：应为小写字母、数字和下划线，不以数字开头，不超过 %d 个字符",
                             "host function name \"%.80s\" is invalid: lowercase letters, digits "
                             "and _, not starting with a digit, at most %d characters",
                             name, DWP_HOST_NAME_MAX);
    for (size_t i = 0; i < e->host_fn_count; i++)
        if (!strcmp(e->host_fns[i].name, name))
            return dwp_error_set(DWP_EINVAL, lang, "宿主函数 %s 已注册，不能替换",
                                 "host function %s is already registered and cannot be replaced",
                                 name);
    dwp_host_fn h;
    memset(&h, 0, sizeof h);
    size_t n = strlen(signature);
    bool ok = n >= 3 && n <= DWP_HOST_ARGS_MAX + 3 && ffi_type_of(signature[0]) &&
              signature[1] == '(' && signature[n - 1] == ')';
    for (size_t i = 2; ok && i + 1 < n; i++) {
        ok = ffi_type_of(signature[i]) != NULL;
        h.args[h.nargs] = signature[i];
        h.arg_types[h.nargs++] = ffi_type_of(signature[i]);
    }
    if (!ok)
        return dwp_error_set(DWP_EINVAL, lang,
                             "%s：签名 \"%s\" 无效，应为 返回类型(参数类型…)，类型为 i、d、b、s，最多 %d 个参数，如 \"b(si)\"",
                             "%s: signature \"%s\" is invalid: expected RETURN(ARGS…) with types "
                             "i, d, b, s and at most %d arguments, e.g. \"b(si)\"",
                             name, signature, DWP_HOST_ARGS_MAX);
    h.ret = signature[0];
    h.arg_types[h.nargs] = &ffi_type_pointer; /* userdata */
    memcpy(h.name, name, strlen(name) + 1);
    memcpy(h.signature, signature, n + 1);
    h.fn = fn;
    h.userdata = userdata;
    dwp_host_fn *grown = realloc(e->host_fns, (e->host_fn_count + 1) * sizeof *grown);
    if (!grown) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    e->host_fns = grown;
    dwp_host_fn *slot = &e->host_fns[e->host_fn_count];
    *slot = h;
    /* The cif points into the stored entry, so it is prepared where it lives. The array may
     * move on the next registration: every cif is prepared again after it. */
    for (size_t i = 0; i <= e->host_fn_count; i++) {
        dwp_host_fn *f = &e->host_fns[i];
        if (ffi_prep_cif(&f->cif, FFI_DEFAULT_ABI, (unsigned)f->nargs + 1, ffi_type_of(f->ret),
                         f->arg_types) != FFI_OK)
            return dwp_error_set(DWP_EINVAL, lang, "%s：libffi 无法准备调用", "%s: libffi cannot prepare the call",
                                 name);
    }
    e->host_fn_count++;
    return DWP_OK;
}

static const char *type_name(char t)
{
    switch (t) {
    case 'i': return "an integer";
    case 'd': return "a number";
    case 'b': return "a boolean";
    default: return "a string";
    }
}

/* host.NAME(...): upvalue 1 is the index of the function in the engine. */
static int call_host(lua_State *L)
{
    const dwp_engine *e = dwp_lua_current_engine(L);
    const dwp_host_fn *h = &e->host_fns[lua_tointeger(L, lua_upvalueindex(1))];
    dwp_sandbox_charge(L, 100);
    int n = lua_gettop(L);
    if (n != h->nargs)
        return luaL_error(L, "host.%s: expected %d argument(s) (signature %s), got %d", h->name,
                          h->nargs, h->signature, n);
    union {
        int64_t i;
        double d;
        int32_t b;
        const char *s;
    } values[DWP_HOST_ARGS_MAX];
    void *args[DWP_HOST_ARGS_MAX + 1];
    for (int k = 0; k < n; k++) {
        char t = h->args[k];
        bool ok;
        switch (t) {
        case 'i':
            ok = lua_isinteger(L, k + 1);
            if (ok) values[k].i = lua_tointeger(L, k + 1);
            break;
        case 'd':
            ok = lua_type(L, k + 1) == LUA_TNUMBER;
            if (ok) values[k].d = lua_tonumber(L, k + 1);
            break;
        case 'b':
            ok = lua_type(L, k + 1) == LUA_TBOOLEAN;
            if (ok) values[k].b = lua_toboolean(L, k + 1);
            break;
        default: {
            size_t len = 0;
            ok = lua_type(L, k + 1) == LUA_TSTRING;
            if (ok) values[k].s = lua_tolstring(L, k + 1, &len);
            /* A C string ends at the first NUL: a string with one inside would be cut. */
            if (ok && strlen(values[k].s) != len)
                return luaL_error(L, "host.%s: argument %d must be a string without NUL bytes",
                                  h->name, k + 1);
            if (ok && !dwp_utf8_valid(values[k].s, len))
                return luaL_error(L, "host.%s: argument %d must be valid UTF-8 text", h->name,
                                  k + 1);
        }
        }
        if (!ok)
            return luaL_error(L, "host.%s: argument %d must be %s (signature %s), got %s", h->name,
                              k + 1, type_name(t), h->signature, luaL_typename(L, k + 1));
        args[k] = &values[k];
    }
    void *userdata = h->userdata;
    args[n] = &userdata;
    union {
        ffi_arg word; /* libffi widens small integer returns to a full register */
        int64_t i;
        double d;
        const char *s;
    } ret;
    memset(&ret, 0, sizeof ret);
    ffi_call((ffi_cif *)&h->cif, h->fn, &ret, args);
    switch (h->ret) {
    case 'i': lua_pushinteger(L, ret.i); break;
    case 'd': lua_pushnumber(L, ret.d); break;
    case 'b': lua_pushboolean(L, (int32_t)ret.word != 0); break;
    default:
        if (!ret.s) lua_pushnil(L);
        else if (!dwp_utf8_valid(ret.s, strlen(ret.s)))
            return luaL_error(L, "host.%s returned a string that is not valid UTF-8", h->name);
        else lua_pushstring(L, ret.s);
    }
    return 1;
}

static int host_index(lua_State *L)
{
    const dwp_engine *e = dwp_lua_current_engine(L);
    const char *name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    for (size_t i = 0; i < e->host_fn_count; i++)
        if (!strcmp(e->host_fns[i].name, name)) {
            lua_pushinteger(L, (lua_Integer)i);
            lua_pushcclosure(L, call_host, 1);
            return 1;
        }
    return luaL_error(L, "host.%s: the application registered no host function of that name",
                      name);
}

static int host_newindex(lua_State *L)
{
    return luaL_error(L, "host functions are registered by the application and cannot be "
                         "replaced by rules");
}

void dwp_host_push(lua_State *L)
{
    lua_newuserdatauv(L, 1, 0);
    lua_createtable(L, 0, 3);
    lua_pushcfunction(L, host_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, host_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}
