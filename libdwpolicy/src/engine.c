/* engine.c — opening and closing an engine. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "host_fn.h"
#include "strbuf.h"

/* Strings that live as long as the engine (parameter sources, pre-rendered JSON) are packed
 * into a few large blocks: one free per block at close, and good locality when writing. */
struct dwp_string_block {
    struct dwp_string_block *next;
    size_t used, cap;
    char data[];
};

#define STRING_BLOCK_SIZE ((size_t)64 << 10)

char *dwp_engine_strdup(dwp_engine *e, const char *s, size_t len)
{
    struct dwp_string_block *b = e->strings;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > STRING_BLOCK_SIZE ? len + 1 : STRING_BLOCK_SIZE;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = e->strings;
        e->strings = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

const dwp_param_entry *dwp_engine_param_at(const dwp_engine *e, int region_index,
                                           dwp_param_id id, dwp_date on, int *defined_by)
{
    int index = e->param_definer[(size_t)region_index * DWP_PARAM_COUNT + (size_t)id];
    *defined_by = index;
    /* No fallback to a coarser region: its figure would be wrong for this one. */
    return index < 0 ? NULL : dwp_param_series_at(dwp_engine_series(e, index, id), on);
}

void dwp_param_missing_text(const dwp_engine *e, int region_index, dwp_param_id id,
                            dwp_date on, int defined_by, int lang, char *buf, size_t size)
{
    char date[11], first[11];
    const char *region = e->regions.list[region_index].code_text;
    dwp_date_format(on, date);
    if (defined_by < 0) {
        snprintf(buf, size,
                 lang == DWP_LANG_EN ? "parameter %s is not defined for region %s or above (on %s)"
                                     : "参数 %s 对区划 %s 及其上级均未定义（%s）",
                 dwp_param_name(id), region, date);
        return;
    }
    const dwp_param_entry *en = &dwp_engine_series(e, defined_by, id)->entries[0];
    dwp_date_format(en->from, first);
    snprintf(buf, size,
             lang == DWP_LANG_EN
                 ? "parameter %s has no value for region %s on %s: region %s defines it only "
                   "from %s (%s:%d)"
                 : "参数 %s 对区划 %s 在 %s 无值：区划 %s 自 %s 起才有定义（%s:%d）",
             dwp_param_name(id), region, date, e->regions.list[defined_by].code_text, first,
             en->file, (int)en->line);
}

/* Options → language and limits; DWP_EINVAL with the last error set when they are wrong. */
static int read_options(const dwp_options *opts, int *lang, dwp_limits *limits)
{
    *lang = DWP_LANG_ZH;
    *limits = (dwp_limits){0, 0, 0};
    if (!opts) return DWP_OK;
    if (opts->struct_size < offsetof(dwp_options, lang) + sizeof opts->lang)
        return dwp_error_set(DWP_EINVAL, DWP_LANG_ZH,
                             "dwp_options.struct_size 太小（应为 sizeof(dwp_options)）",
                             "dwp_options.struct_size is too small (set it to sizeof(dwp_options))");
    if (opts->lang != DWP_LANG_ZH && opts->lang != DWP_LANG_EN)
        return dwp_error_set(DWP_EINVAL, DWP_LANG_ZH,
                             "dwp_options.lang：应为 DWP_LANG_ZH 或 DWP_LANG_EN，实际为 %d",
                             "dwp_options.lang: expected DWP_LANG_ZH or DWP_LANG_EN; got %d",
                             (int)opts->lang);
    *lang = opts->lang;
    /* Fields past struct_size belong to a newer library than the caller was built for: they
     * keep their defaults. */
#define OPT_HAS(field) (opts->struct_size >= offsetof(dwp_options, field) + sizeof opts->field)
    if (OPT_HAS(rule_instructions)) limits->instructions = opts->rule_instructions;
    if (OPT_HAS(rule_memory_bytes)) limits->memory_bytes = opts->rule_memory_bytes;
    if (OPT_HAS(rule_time_ms)) limits->time_ms = opts->rule_time_ms;
#undef OPT_HAS
    if (limits->instructions < 0 || limits->memory_bytes < 0 || limits->time_ms < 0 ||
        (limits->memory_bytes && limits->memory_bytes < ((int64_t)1 << 20)))
        return dwp_error_set(DWP_EINVAL, *lang,
                             "dwp_options：规则限额不能为负，内存上限至少 1 MiB",
                             "dwp_options: rule limits must not be negative, and the memory cap "
                             "must be at least 1 MiB");
    return DWP_OK;
}

/* Read the options and load the rules, problems or not (dwp_engine_open refuses an engine
 * with problems, dwp_rules_check reports them). */
static int engine_load(const char *rules_dir, const dwp_options *opts, dwp_engine **out)
{
    int lang;
    dwp_limits limits;
    int status = read_options(opts, &lang, &limits);
    if (status != DWP_OK) return status;
    if (!out)
        return dwp_error_set(DWP_EINVAL, lang, "out 不能为 NULL", "out must not be NULL");
    *out = NULL;
    dwp_engine *e = calloc(1, sizeof *e);
    if (!e) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    e->lang = lang;
    e->limits = limits;
    status = dwp_rules_load(e, rules_dir);
    if (status != DWP_OK) {
        dwp_engine_close(e); /* keeps the loader's message: closing sets no error */
        return status;
    }
    *out = e;
    return DWP_OK;
}

DWP_API int dwp_engine_open_opts(const char *rules_dir, const dwp_options *opts,
                                 dwp_engine **out)
{
    dwp_error_clear();
    if (out) *out = NULL;
    dwp_engine *e;
    int status = engine_load(rules_dir, opts, &e);
    if (status != DWP_OK) return status;
    if (e->problem_count) {
        const dwp_problem *p = &e->problems[0];
        char where[600];
        if (p->line > 0) snprintf(where, sizeof where, "%s:%d", p->file, p->line);
        else snprintf(where, sizeof where, "%s", p->file);
        if (e->problem_count == 1)
            status = dwp_error_set(DWP_ERULES, e->lang, "%s：%s", "%s: %s", where, p->message);
        else
            status = dwp_error_set(DWP_ERULES, e->lang,
                                   "%s：%s（另有 %d 处问题，用 dwpolicy check 查看全部）",
                                   "%s: %s (and %d more problems; dwpolicy check lists them all)",
                                   where, p->message, (int)e->problem_count - 1);
    }
    if (status == DWP_OK && dwp_result_pieces_build(e) != DWP_OK)
        status = dwp_error_set_text(DWP_ENOMEM, "out of memory");
    if (status == DWP_OK) status = dwp_rules_pool_create(e);
    if (status != DWP_OK) {
        dwp_engine_close(e);
        return status;
    }
    *out = e;
    return DWP_OK;
}

/* Where the rules call host.NAME: a scan of the sources, outside Lua comments. */
static void write_host_references(const dwp_engine *e, dwp_strbuf *b, bool registered_only_missing,
                                  size_t *unregistered)
{
    bool first = true;
    *unregistered = 0;
    for (size_t i = 0; i < e->source_count; i++) {
        const char *t = e->sources[i].text;
        size_t n = e->sources[i].len;
        int line = 1;
        bool comment = false;
        for (size_t k = 0; k < n; k++) {
            if (t[k] == '\n') {
                line++;
                comment = false;
                continue;
            }
            if (comment) continue;
            if (t[k] == '-' && k + 1 < n && t[k + 1] == '-') {
                comment = true;
                continue;
            }
            bool starts = k + 5 < n && !memcmp(t + k, "host.", 5) &&
                          (k == 0 || !((t[k - 1] >= 'a' && t[k - 1] <= 'z') ||
                                       (t[k - 1] >= 'A' && t[k - 1] <= 'Z') ||
                                       (t[k - 1] >= '0' && t[k - 1] <= '9') || t[k - 1] == '_' ||
                                       t[k - 1] == '.'));
            if (!starts) continue;
            size_t a = k + 5, z = a;
            while (z < n && ((t[z] >= 'a' && t[z] <= 'z') || (t[z] >= 'A' && t[z] <= 'Z') ||
                             (t[z] >= '0' && t[z] <= '9') || t[z] == '_') && z - a < 64)
                z++;
            if (z == a) continue;
            bool known = false;
            for (size_t h = 0; h < e->host_fn_count; h++)
                known |= strlen(e->host_fns[h].name) == z - a && !memcmp(e->host_fns[h].name, t + a, z - a);
            if (!known) ++*unregistered;
            if (registered_only_missing && known) continue;
            if (!first) dwp_strbuf_putc(b, ',');
            first = false;
            dwp_strbuf_puts(b, "{\"name\":");
            dwp_strbuf_put_json_string(b, t + a, z - a);
            dwp_strbuf_puts(b, ",\"file\":");
            dwp_strbuf_put_json_string(b, e->sources[i].display, strlen(e->sources[i].display));
            dwp_strbuf_puts(b, ",\"line\":");
            dwp_strbuf_put_int(b, line);
            dwp_strbuf_puts(b, ",\"registered\":");
            dwp_strbuf_puts(b, known ? "true" : "false");
            dwp_strbuf_putc(b, '}');
            k = z - 1;
        }
    }
}

/* The report of dwp_rules_check / dwp_engine_check. */
static char *write_report(const dwp_engine *e, bool with_host_functions)
{
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    dwp_strbuf_puts(&b, "{\"ok\":");
    size_t unregistered = 0;
    if (with_host_functions) {
        dwp_strbuf tmp;
        dwp_strbuf_init(&tmp);
        write_host_references(e, &tmp, true, &unregistered);
        dwp_strbuf_free(&tmp);
    }
    dwp_strbuf_puts(&b, e->problem_count || unregistered ? "false" : "true");
    dwp_strbuf_puts(&b, ",\"ruleset\":{\"name\":");
    dwp_strbuf_put_json_string(&b, e->ruleset_name, strlen(e->ruleset_name));
    dwp_strbuf_puts(&b, ",\"sha256\":\"");
    dwp_strbuf_puts(&b, e->ruleset_sha256);
    dwp_strbuf_puts(&b, "\"},\"files\":[");
    for (size_t i = 0; i < e->source_count; i++) {
        if (i) dwp_strbuf_putc(&b, ',');
        dwp_strbuf_put_json_string(&b, e->sources[i].display, strlen(e->sources[i].display));
    }
    dwp_strbuf_puts(&b, "],\"local_rules\":[");
    for (size_t i = 0; i < e->local_rule_count; i++) {
        const dwp_local_rule *r = &e->local_rules[i];
        if (i) dwp_strbuf_putc(&b, ',');
        dwp_strbuf_puts(&b, "{\"id\":");
        dwp_strbuf_put_json_string(&b, r->info.id, strlen(r->info.id));
        dwp_strbuf_puts(&b, ",\"region\":\"");
        dwp_strbuf_puts(&b, e->regions.list[r->region_index].code_text);
        dwp_strbuf_puts(&b, "\",\"file\":");
        dwp_strbuf_put_json_string(&b, r->file, strlen(r->file));
        dwp_strbuf_puts(&b, ",\"line\":");
        dwp_strbuf_put_int(&b, r->line);
        dwp_strbuf_putc(&b, '}');
    }
    dwp_strbuf_puts(&b, "],\"overrides\":[");
    for (size_t i = 0; i < e->override_count; i++) {
        const dwp_override *o = &e->overrides[i];
        if (i) dwp_strbuf_putc(&b, ',');
        dwp_strbuf_puts(&b, "{\"id\":");
        dwp_strbuf_put_json_string(&b, o->benefit_id, strlen(o->benefit_id));
        dwp_strbuf_puts(&b, ",\"region\":\"");
        dwp_strbuf_puts(&b, e->regions.list[o->region_index].code_text);
        dwp_strbuf_puts(&b, "\",\"file\":");
        dwp_strbuf_put_json_string(&b, o->file, strlen(o->file));
        dwp_strbuf_puts(&b, ",\"line\":");
        dwp_strbuf_put_int(&b, o->line);
        dwp_strbuf_putc(&b, '}');
    }
    dwp_strbuf_puts(&b, "],\"problems\":[");
    for (size_t i = 0; i < e->problem_count; i++) {
        const dwp_problem *p = &e->problems[i];
        if (i) dwp_strbuf_putc(&b, ',');
        dwp_strbuf_puts(&b, "{\"file\":");
        dwp_strbuf_put_json_string(&b, p->file, strlen(p->file));
        dwp_strbuf_puts(&b, ",\"line\":");
        dwp_strbuf_put_int(&b, p->line);
        dwp_strbuf_puts(&b, ",\"message\":");
        dwp_strbuf_put_json_string(&b, p->message, strlen(p->message));
        dwp_strbuf_putc(&b, '}');
    }
    dwp_strbuf_puts(&b, "],\"host_functions\":[");
    for (size_t i = 0; with_host_functions && i < e->host_fn_count; i++) {
        if (i) dwp_strbuf_putc(&b, ',');
        dwp_strbuf_puts(&b, "{\"name\":\"");
        dwp_strbuf_puts(&b, e->host_fns[i].name);
        dwp_strbuf_puts(&b, "\",\"signature\":\"");
        dwp_strbuf_puts(&b, e->host_fns[i].signature);
        dwp_strbuf_puts(&b, "\"}");
    }
    dwp_strbuf_puts(&b, "],\"host_calls\":[");
    write_host_references(e, &b, false, &unregistered);
    dwp_strbuf_puts(&b, "]}");
    return dwp_strbuf_take(&b);
}

DWP_API int dwp_rules_check(const char *rules_dir, const dwp_options *opts, char **report_json)
{
    dwp_error_clear();
    if (!report_json)
        return dwp_error_set(DWP_EINVAL, DWP_LANG_ZH, "report_json 不能为 NULL",
                             "report_json must not be NULL");
    *report_json = NULL;
    dwp_engine *e;
    int status = engine_load(rules_dir, opts, &e);
    if (status != DWP_OK) return status;
    /* Without problems, also build an evaluation state: that runs every file once more. */
    if (!e->problem_count && dwp_rules_pool_create(e) != DWP_OK)
        dwp_engine_add_problem(e, e->source_count ? e->sources[0].display : "", 0, dwp_last_error());
    *report_json = write_report(e, false);
    dwp_engine_close(e);
    return *report_json ? DWP_OK : dwp_error_set_text(DWP_ENOMEM, "out of memory");
}

DWP_API int dwp_engine_check(dwp_engine *e, char **report_json)
{
    dwp_error_clear();
    if (!e || !report_json)
        return dwp_error_set_text(DWP_EINVAL, "dwp_engine_check: arguments must not be NULL");
    *report_json = write_report(e, true);
    return *report_json ? DWP_OK : dwp_error_set_text(DWP_ENOMEM, "out of memory");
}

DWP_API int dwp_engine_open(const char *rules_dir, dwp_engine **out)
{
    return dwp_engine_open_opts(rules_dir, NULL, out);
}

DWP_API void dwp_engine_close(dwp_engine *e)
{
    if (!e) return;
    dwp_rules_pool_destroy(e);
    dwp_rules_free(e);
    free(e->host_fns);
    dwp_result_pieces_free(e);
    free(atomic_load(&e->spare_evaluation));
    while (e->strings) {
        struct dwp_string_block *next = e->strings->next;
        free(e->strings);
        e->strings = next;
    }
    free(e);
}
