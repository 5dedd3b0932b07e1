/* cmd_params.c — `dwpolicy params --region CODE --as-of DATE [--rules DIR] [--lang zh|en]
 * [--format text|json]`: the parameters in force, with the region and file that set each. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwpolicy.h>

#include "cli_io.h"
#include "commands.h"
#include "json_dom.h"

static int usage(const char *why, const char *arg)
{
    return dwp_cli_usage("params", "dwpolicy params --region CODE --as-of YYYY-MM-DD [--rules DIR] [--lang zh|en] [--format text|json]", why, arg);
}

static int print_text(const char *json, int lang)
{
    jdom_value *root = NULL;
    jdom_error err;
    if (jdom_parse(json, strlen(json), &root, &err) != 0) {
        fprintf(stderr, "dwpolicy params: cannot read the parameters (%s)\n", err.message);
        return 1;
    }
    bool en = lang == DWP_LANG_EN;
    printf(en ? "Region %s %s, as of %s; chain:" : "区划 %s %s，%s；区划链：", jdom_get_string(root, "region"),
           jdom_get_string(root, "name"), jdom_get_string(root, "as_of"));
    const jdom_value *chain = jdom_get(root, "region_chain");
    for (size_t i = 0; i < jdom_count(chain); i++)
        printf("%s%s", i ? " → " : " ", jdom_string(jdom_at(chain, i)));
    printf("\n\n%-48s %12s  %-6s  %-10s  %-11s  %s\n", en ? "parameter" : "参数",
           en ? "value" : "值", en ? "region" : "区划", en ? "from" : "起始日期",
           en ? "confidence" : "可信度", en ? "file:line · source" : "文件:行 · 出处");
    const jdom_value *params = jdom_get(root, "params");
    int missing = 0;
    for (size_t i = 0; i < jdom_count(params); i++) {
        const jdom_value *p = jdom_at(params, i);
        const jdom_value *value = jdom_get(p, "value");
        if (!value || value->type == JDOM_NULL) {
            printf("%-48s %12s  %s\n", jdom_get_string(p, "name"), "-", jdom_get_string(p, "error"));
            missing++;
            continue;
        }
        char v[32];
        if (value->type == JDOM_BOOL) snprintf(v, sizeof v, "%s", value->u.boolean ? "true" : "false");
        else snprintf(v, sizeof v, "%lld", (long long)value->u.integer);
        const char *from = jdom_string(jdom_get(p, "from"));
        const jdom_value *line = jdom_get(p, "line");
        printf("%-48s %12s  %-6s  %-10s  %-11s  %s:%lld · %s\n", jdom_get_string(p, "name"), v,
               jdom_get_string(p, "region"), from ? from : "-", jdom_get_string(p, "confidence"), jdom_get_string(p, "file"),
               line ? (long long)line->u.integer : 0LL, jdom_get_string(p, "source"));
    }
    jdom_free(root);
    if (missing)
        fprintf(stderr, en ? "dwpolicy params: %d parameter(s) have no value on this date\n"
                           : "dwpolicy params：%d 个参数在该日期无值\n",
                missing);
    return missing ? 1 : 0;
}

int dwp_cmd_params(int argc, char **argv)
{
    const char *rules = NULL, *region = NULL, *as_of = NULL, *lang_name = "zh", *format = "text";
    for (int i = 1; i < argc; i++) {
        const char *v, *why;
        int m;
        if ((m = dwp_cli_common_option(argc, argv, &i, &rules, &lang_name, &why)) != 0) {
            if (m < 0) return usage(why, NULL);
        } else if ((m = dwp_cli_option(argc, argv, &i, "--region", &v)) != 0) {
            if (m < 0) return usage("--region needs a code", NULL);
            region = v;
        } else if ((m = dwp_cli_option(argc, argv, &i, "--as-of", &v)) != 0) {
            if (m < 0) return usage("--as-of needs a date", NULL);
            as_of = v;
        } else if ((m = dwp_cli_option(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0) return usage("--format needs text or json", NULL);
            format = v;
        } else {
            return usage("unexpected argument", argv[i]);
        }
    }
    int lang = dwp_cli_lang(lang_name);
    if (lang < 0) return usage("--lang must be zh or en", lang_name);
    bool json = !strcmp(format, "json");
    if (!json && strcmp(format, "text")) return usage("--format must be text or json", format);
    if (!region || !as_of) return usage("--region and --as-of are required", NULL);

    dwp_engine *engine = dwp_cli_open_engine("params", rules, lang);
    if (!engine) return 2;
    char *out = NULL;
    int rc = dwp_params_json(engine, region, as_of, &out);
    int status;
    if (rc != DWP_OK) {
        fprintf(stderr, "dwpolicy params: %s\n", dwp_last_error());
        status = 2;
    } else if (json) {
        puts(out);
        status = 0;
    } else {
        status = print_text(out, lang);
    }
    dwp_free(out);
    dwp_engine_close(engine);
    return status;
}
