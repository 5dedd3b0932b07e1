/* rules_load.c — reads a ruleset: the region list and the rule files (region{}, param{}),
 * the embedded default first, a directory's files layered over it. Rule files run once, at
 * open, in a sandboxed Lua state; what they declare becomes immutable C data, so evaluating
 * a case without overrides never enters Lua. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>

#include "engine.h"
#include "error.h"
#include "money.h"
#include "sandbox.h"
#include "sha256.h"
#include "strbuf.h"

/* Limits for running one rule file at load time; no legitimate file comes near them. */
#define LOAD_MEMORY_CAP ((size_t)32 << 20)
#define LOAD_INSTRUCTION_BUDGET INT64_C(20000000)
#define RULE_FILE_MAX_BYTES ((size_t)4 << 20)

typedef struct loader {
    dwp_engine *e;
    const dwp_rule_source *src;
    int region_index;   /* of the file being run */
    bool region_declared;
    bool declared[DWP_PARAM_COUNT]; /* params declared by the file being run */
} loader;

static loader *get_loader(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

/* Raise a Lua error in the engine's language; luaL_error prefixes file:line. */
#define RAISE(L, ld, zh, en, ...) \
    luaL_error((L), (ld)->e->lang == DWP_LANG_EN ? (en) : (zh), __VA_ARGS__)

static int l_region(lua_State *L)
{
    loader *ld = get_loader(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    if (ld->region_declared)
        return RAISE(L, ld, "region{} 只能写一次%s", "region{} may appear only once%s", "");
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (!key || (strcmp(key, "code") && strcmp(key, "name")))
            return RAISE(L, ld, "region{}：未知字段 %s（只允许 code、name）",
                         "region{}: unknown field %s (only code and name)",
                         key ? key : "(not a name)");
        if (lua_type(L, -1) != LUA_TSTRING)
            return RAISE(L, ld, "region{}：%s 应为字符串", "region{}: %s must be a string", key);
        lua_pop(L, 1);
    }
    lua_getfield(L, 1, "code");
    const char *code = lua_tostring(L, -1);
    const dwp_region *r = &ld->e->regions.list[ld->region_index];
    if (!code || strcmp(code, r->code_text))
        return RAISE(L, ld, "region{ code = \"%s\" } 与文件名 %s 不符",
                     "region{ code = \"%s\" } does not match the file name %s",
                     code ? code : "", ld->src->name);
    ld->region_declared = true;
    return 0;
}

/* The value of entry field `value` for a parameter of type t, checked. */
static int64_t entry_value(lua_State *L, loader *ld, const char *pname, int idx,
                           dwp_param_type t)
{
    if (t == DWP_PT_BOOL) {
        if (lua_type(L, -1) != LUA_TBOOLEAN)
            RAISE(L, ld, "param \"%s\" 第 %d 项：value 应为 true 或 false",
                  "param \"%s\" entry %d: value must be true or false", pname, idx);
        return lua_toboolean(L, -1);
    }
    int isint = 0;
    lua_Integer v = lua_tointegerx(L, -1, &isint);
    if (!isint || lua_type(L, -1) != LUA_TNUMBER || !lua_isinteger(L, -1))
        RAISE(L, ld, "param \"%s\" 第 %d 项：value 应为整数（金额用分或 yuan()）",
              "param \"%s\" entry %d: value must be an integer (money in fen or yuan())", pname,
              idx);
    int64_t max = t == DWP_PT_FEN ? DWP_MONEY_MAX : t == DWP_PT_BP ? DWP_BP_MAX : 1000000;
    if (v < 0 || v > max)
        RAISE(L, ld, "param \"%s\" 第 %d 项：value %I 超出范围 0..%I",
              "param \"%s\" entry %d: value %I is outside 0..%I", pname, idx, (lua_Integer)v,
              (lua_Integer)max);
    return v;
}

static void render_entry_json(dwp_strbuf *b, const char *pname, dwp_param_type t,
                              const dwp_param_entry *en, const char *region_text)
{
    dwp_strbuf_puts(b, "{\"name\":");
    dwp_strbuf_put_json_string(b, pname, strlen(pname));
    dwp_strbuf_puts(b, ",\"value\":");
    if (t == DWP_PT_BOOL) dwp_strbuf_puts(b, en->value ? "true" : "false");
    else dwp_strbuf_put_int(b, en->value);
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

static const char *const entry_keys[] = {"from", "value", "source", "confidence", NULL};

/* param "name" { {from=…, value=…, source=…, confidence=…}, … } — the second call. */
static int l_param_entries(lua_State *L)
{
    loader *ld = get_loader(L);
    int pid = (int)lua_tointeger(L, lua_upvalueindex(2));
    int line = (int)lua_tointeger(L, lua_upvalueindex(3));
    const char *pname = dwp_param_name((dwp_param_id)pid);
    dwp_param_type t = dwp_param_type_of((dwp_param_id)pid);
    if (lua_type(L, 1) != LUA_TTABLE)
        return RAISE(L, ld, "param \"%s\" 后应为 { … } 值列表",
                     "param \"%s\" must be followed by a { … } list of entries", pname);
    lua_Integer n = luaL_len(L, 1);
    if (n < 1 || n > 1000)
        return RAISE(L, ld, "param \"%s\"：应有 1 至 1000 项", "param \"%s\": needs 1 to 1000 entries",
                     pname);
    /* Only the sequence part: a stray key would be a silently ignored typo. */
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 || lua_tointeger(L, -2) > n)
            return RAISE(L, ld, "param \"%s\"：列表里只能有 {…} 项", "param \"%s\": the list may only hold {…} entries", pname);
        lua_pop(L, 1);
    }
    dwp_param_series *s =
        &ld->e->series[(size_t)ld->region_index * DWP_PARAM_COUNT + (size_t)pid];
    dwp_param_entry *entries = calloc((size_t)n, sizeof *entries);
    if (!entries) return luaL_error(L, "out of memory");
    s->entries = entries; /* owned by the engine from here, even on error */
    s->count = 0;
    const dwp_region *r = &ld->e->regions.list[ld->region_index];
    for (lua_Integer i = 1; i <= n; i++) {
        int idx = (int)i;
        if (lua_geti(L, 1, i) != LUA_TTABLE)
            return RAISE(L, ld, "param \"%s\" 第 %d 项应为 { from=…, value=…, source=…, confidence=… }",
                         "param \"%s\" entry %d must be { from=…, value=…, source=…, confidence=… }",
                         pname, idx);
        int et = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, et)) {
            const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
            bool known = false;
            for (const char *const *k = entry_keys; key && *k; k++) known |= !strcmp(key, *k);
            if (!known)
                return RAISE(L, ld, "param \"%s\" 第 %d 项：未知字段 %s",
                             "param \"%s\" entry %d: unknown field %s", pname, idx,
                             key ? key : "(not a name)");
            lua_pop(L, 1);
        }
        dwp_param_entry *en = &entries[i - 1];
        en->region = r->code;
        en->line = line;
        en->file = ld->src->display;
        lua_getfield(L, et, "from");
        if (!lua_isnil(L, -1)) {
            size_t len;
            const char *txt = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
            if (!txt || !dwp_date_parse(txt, len, &en->from))
                return RAISE(L, ld, "param \"%s\" 第 %d 项：from 应为日期 \"YYYY-MM-DD\"",
                             "param \"%s\" entry %d: from must be a date \"YYYY-MM-DD\"", pname,
                             idx);
        }
        if (i > 1 && en->from <= entries[i - 2].from)
            return RAISE(L, ld, "param \"%s\" 第 %d 项：from 日期应按先后顺序递增",
                         "param \"%s\" entry %d: from dates must increase from entry to entry",
                         pname, idx);
        lua_pop(L, 1);
        if (lua_getfield(L, et, "value") == LUA_TNIL)
            return RAISE(L, ld, "param \"%s\" 第 %d 项：缺少 value", "param \"%s\" entry %d: value is missing",
                         pname, idx);
        en->value = entry_value(L, ld, pname, idx, t);
        lua_pop(L, 1);
        size_t slen;
        lua_getfield(L, et, "source");
        const char *source = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &slen) : NULL;
        if (!source || slen == 0 || slen > 1000)
            return RAISE(L, ld, "param \"%s\" 第 %d 项：source 应写明出处（文号或报道）",
                         "param \"%s\" entry %d: source must name where the value comes from",
                         pname, idx);
        en->source = dwp_engine_strdup(ld->e, source, slen);
        if (!en->source) return luaL_error(L, "out of memory");
        lua_pop(L, 1);
        lua_getfield(L, et, "confidence");
        size_t clen;
        const char *conf = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &clen) : NULL;
        int c = conf ? dwp_confidence_parse(conf, clen) : -1;
        if (c < 0)
            return RAISE(L, ld, "param \"%s\" 第 %d 项：confidence 应为 official、reported、inferred 或 placeholder",
                         "param \"%s\" entry %d: confidence must be official, reported, inferred or placeholder",
                         pname, idx);
        en->confidence = (uint8_t)c;
        lua_pop(L, 2);
        dwp_strbuf b;
        dwp_strbuf_init(&b);
        render_entry_json(&b, pname, t, en, r->code_text);
        en->json_len = b.len;
        en->json = b.failed ? NULL : dwp_engine_strdup(ld->e, b.data, b.len);
        dwp_strbuf_free(&b);
        if (!en->json) return luaL_error(L, "out of memory");
        s->count = (uint32_t)i;
    }
    return 0;
}

/* param "name" — the first call; returns the function that takes the entries. */
static int l_param(lua_State *L)
{
    loader *ld = get_loader(L);
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    if (!ld->region_declared)
        return RAISE(L, ld, "文件应先写 region{ code = … }，再写 param \"%s\"",
                     "region{ code = … } must come before param \"%s\"", name);
    int pid = dwp_param_lookup(name, len);
    if (pid < 0)
        return RAISE(L, ld, "未知参数 \"%s\"（参数名见 dwpolicy params）",
                     "unknown parameter \"%s\" (see dwpolicy params for the names)", name);
    if (ld->declared[pid])
        return RAISE(L, ld, "参数 \"%s\" 在本文件中重复定义", "parameter \"%s\" is declared twice in this file",
                     name);
    ld->declared[pid] = true;
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
    lua_pushlightuserdata(L, ld);
    lua_pushinteger(L, pid);
    lua_pushinteger(L, line);
    lua_pushcclosure(L, l_param_entries, 3);
    return 1;
}

static int l_not_yet(lua_State *L)
{
    loader *ld = get_loader(L);
    return RAISE(L, ld, "%s：本版本尚不支持（见 issue 3）", "%s: not supported by this version yet",
                 lua_tostring(L, lua_upvalueindex(2)));
}

/* yuan(n) → fen: exact for whole yuan and for decimal strings "12.34"; a fractional Lua
 * number is refused, since binary floating point cannot hold 0.1 yuan exactly. */
static int l_yuan(lua_State *L)
{
    loader *ld = get_loader(L);
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, 1, &len);
        int64_t whole = 0, frac = 0;
        size_t i = 0, digits = 0, decimals = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
            if (whole > DWP_MONEY_MAX / 100) break;
            whole = whole * 10 + (s[i] - '0');
        }
        if (i < len && s[i] == '.')
            for (i++; i < len && s[i] >= '0' && s[i] <= '9' && decimals < 2; i++, decimals++)
                frac = frac * 10 + (s[i] - '0');
        if (decimals == 1) frac *= 10;
        if (i != len || digits == 0 || whole > DWP_MONEY_MAX / 100 || (decimals == 0 && s[len - 1] == '.'))
            return RAISE(L, ld, "yuan(\"%s\")：应为元数，如 \"1120\" 或 \"12.34\"（最多两位小数）",
                         "yuan(\"%s\"): expected an amount like \"1120\" or \"12.34\" (at most two decimals)",
                         s);
        lua_pushinteger(L, whole * 100 + frac);
        return 1;
    }
    int isint = 0;
    lua_Integer v = lua_tointegerx(L, 1, &isint);
    if (lua_type(L, 1) != LUA_TNUMBER || !isint)
        return RAISE(L, ld, "yuan()：应为整数元，或带小数的字符串 yuan(\"12.34\")%s",
                     "yuan(): expected whole yuan, or a decimal string such as yuan(\"12.34\")%s", "");
    if (v < 0 || v > DWP_MONEY_MAX / 100)
        return RAISE(L, ld, "yuan(%I)：超出范围", "yuan(%I): out of range", (lua_Integer)v);
    lua_pushinteger(L, v * 100);
    return 1;
}

static void register_fn(lua_State *L, loader *ld, const char *name, lua_CFunction f)
{
    lua_pushlightuserdata(L, ld);
    lua_pushcclosure(L, f, 1);
    lua_setglobal(L, name);
}

static void register_not_yet(lua_State *L, loader *ld, const char *name)
{
    lua_pushlightuserdata(L, ld);
    lua_pushstring(L, name);
    lua_pushcclosure(L, l_not_yet, 2);
    lua_setglobal(L, name);
}

/* Run one rule file. */
static int run_rule_file(dwp_engine *e, const dwp_rule_source *src)
{
    loader ld = {.e = e, .src = src};
    ld.region_index = dwp_regions_find(&e->regions, src->region);
    dwp_sandbox sb;
    if (!dwp_sandbox_open(&sb, LOAD_MEMORY_CAP))
        return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    lua_State *L = sb.L;
    register_fn(L, &ld, "region", l_region);
    register_fn(L, &ld, "param", l_param);
    register_fn(L, &ld, "yuan", l_yuan);
    register_not_yet(L, &ld, "override");
    register_not_yet(L, &ld, "rule");
    char chunkname[512];
    snprintf(chunkname, sizeof chunkname, "=%s", src->display);
    dwp_sandbox_set_budget(&sb, LOAD_INSTRUCTION_BUDGET);
    int rc = dwp_sandbox_run(&sb, src->text, src->len, chunkname);
    int status = DWP_OK;
    if (rc != LUA_OK) {
        const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error";
        if (sb.memory_exceeded && rc == LUA_ERRMEM)
            status = dwp_error_set(DWP_ERULES, e->lang, "%s：超出内存上限",
                                   "%s: memory cap exceeded", src->display);
        else if (rc == LUA_ERRMEM)
            status = dwp_error_set_text(DWP_ENOMEM, "out of memory");
        else
            status = dwp_error_set_text(DWP_ERULES, msg);
    } else if (!ld.region_declared) {
        status = dwp_error_set(DWP_ERULES, e->lang, "%s：缺少 region{ code = \"%s\" }",
                               "%s: region{ code = \"%s\" } is missing", src->display,
                               e->regions.list[ld.region_index].code_text);
    }
    dwp_sandbox_close(&sb);
    return status;
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
    int32_t code = 0;
    if (!region_file_name(name, &code)) {
        int st = dwp_error_set(DWP_ERULES, e->lang, "%s：规则文件应以区划代码命名，如 510100.lua",
                               "%s: a rule file is named after its region code, e.g. 510100.lua",
                               display);
        free(display);
        free(text);
        return st;
    }
    if (dwp_regions_find(&e->regions, code) < 0) {
        int st = dwp_error_set(DWP_ERULES, e->lang, "%s：%06d 不是四川省的行政区划代码",
                               "%s: %06d is not a Sichuan region code", display, (int)code);
        free(display);
        free(text);
        return st;
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
    for (size_t i = 0; i < e->source_count && status == DWP_OK; i++) {
        const dwp_rule_source *src = &e->sources[i];
        dwp_sha256_update(&h, src->name, strlen(src->name) + 1);
        dwp_sha256_update(&h, src->text, src->len);
        dwp_sha256_update(&h, "", 1);
        status = run_rule_file(e, src);
    }
    uint8_t digest[32];
    dwp_sha256_final(&h, digest);
    dwp_sha256_hex(digest, e->ruleset_sha256);
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
    dwp_regions_free(&e->regions);
}
