/* params_json.c — dwp_params_json(): the parameters in force for a region on a date, with
 * the region, file and line that supplied each value (dwpolicy params). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "error.h"
#include "strbuf.h"

static bool parse_region(const dwp_engine *e, const char *s, int *index)
{
    int32_t code;
    if (!dwp_region_code_parse(s, strlen(s), &code)) return false;
    *index = dwp_regions_find(&e->regions, code);
    return *index >= 0;
}

DWP_API int dwp_params_json(dwp_engine *e, const char *region, const char *as_of, char **out)
{
    dwp_error_clear();
    if (out) *out = NULL;
    if (!e || !region || !as_of || !out)
        return dwp_error_set(DWP_EINVAL, e ? e->lang : DWP_LANG_ZH,
                             "dwp_params_json：参数不能为 NULL",
                             "dwp_params_json: arguments must not be NULL");
    int index;
    if (!parse_region(e, region, &index)) {
        char quoted[64] = "";
        dwp_error_quote(quoted, sizeof quoted, region, strlen(region), 16);
        return dwp_error_set(DWP_ESCHEMA, e->lang, "region：%s 不是四川省的行政区划代码",
                             "region: %s is not a Sichuan region code", quoted);
    }
    dwp_date on;
    if (!dwp_date_parse(as_of, strlen(as_of), &on)) {
        char quoted[64] = "";
        dwp_error_quote(quoted, sizeof quoted, as_of, strlen(as_of), 16);
        return dwp_error_set(DWP_ESCHEMA, e->lang, "as_of：应为日期 YYYY-MM-DD，实际为 %s",
                             "as_of: expected a date YYYY-MM-DD; got %s", quoted);
    }
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    dwp_strbuf_puts(&b, "{\"region\":\"");
    dwp_strbuf_puts(&b, e->regions.list[index].code_text);
    dwp_strbuf_puts(&b, "\",\"name\":");
    dwp_strbuf_put_json_string(&b, e->regions.list[index].name,
                               strlen(e->regions.list[index].name));
    char date[11];
    dwp_date_format(on, date);
    dwp_strbuf_puts(&b, ",\"as_of\":\"");
    dwp_strbuf_puts(&b, date);
    dwp_strbuf_puts(&b, "\",\"region_chain\":[");
    int chain[DWP_CHAIN_MAX];
    int n = dwp_regions_chain(&e->regions, index, chain);
    for (int i = 0; i < n; i++) {
        dwp_strbuf_puts(&b, i ? ",\"" : "\"");
        dwp_strbuf_puts(&b, e->regions.list[chain[i]].code_text);
        dwp_strbuf_putc(&b, '"');
    }
    dwp_strbuf_puts(&b, "],\"params\":[");
    for (int p = 0; p < DWP_PARAM_COUNT; p++) {
        if (p) dwp_strbuf_putc(&b, ',');
        int defined_by;
        const dwp_param_entry *en = dwp_engine_param_at(e, index, (dwp_param_id)p, on, &defined_by);
        if (en) {
            /* The pre-rendered entry without its closing brace, plus where it comes from. */
            dwp_strbuf_append(&b, en->json, en->json_len - 1);
            dwp_strbuf_puts(&b, ",\"file\":");
            dwp_strbuf_put_json_string(&b, en->file, strlen(en->file));
            dwp_strbuf_puts(&b, ",\"line\":");
            dwp_strbuf_put_int(&b, en->line);
            dwp_strbuf_putc(&b, '}');
        } else {
            char msg[512];
            dwp_param_missing_text(e, index, (dwp_param_id)p, on, defined_by, e->lang, msg,
                                   sizeof msg);
            dwp_strbuf_puts(&b, "{\"name\":\"");
            dwp_strbuf_puts(&b, dwp_param_name((dwp_param_id)p));
            dwp_strbuf_puts(&b, "\",\"value\":null,\"error\":");
            dwp_strbuf_put_json_string(&b, msg, strlen(msg));
            dwp_strbuf_putc(&b, '}');
        }
    }
    dwp_strbuf_puts(&b, "]}");
    *out = dwp_strbuf_take(&b);
    return *out ? DWP_OK : dwp_error_set_text(DWP_ENOMEM, "out of memory");
}
