/* cmd_check.c — `dwpolicy check [--rules DIR] [--lang zh|en] [--format text|json]`: load the
 * rules as an engine would and list every problem with file:line. Exit 0 clean, 1 problems,
 * 2 usage error or unreadable directory. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <dwpolicy.h>

#include "cli_io.h"
#include "commands.h"
#include "json_dom.h"

static int usage(const char *why, const char *arg)
{
    if (why) fprintf(stderr, "dwpolicy check: %s%s%s\n", why, arg ? ": " : "", arg ? arg : "");
    fputs("usage: dwpolicy check [--rules DIR] [--lang zh|en] [--format text|json]\n", stderr);
    return 2;
}

static const char *str(const jdom_value *obj, const char *key)
{
    const char *s = jdom_string(jdom_get(obj, key));
    return s ? s : "";
}

static int print_report(const char *json, int lang)
{
    jdom_value *root = NULL;
    jdom_error err;
    if (jdom_parse(json, strlen(json), &root, &err) != 0) {
        fprintf(stderr, "dwpolicy check: cannot read the report (%s)\n", err.message);
        return 2;
    }
    bool en = lang == DWP_LANG_EN;
    const jdom_value *problems = jdom_get(root, "problems");
    for (size_t i = 0; i < jdom_count(problems); i++) {
        const jdom_value *p = jdom_at(problems, i);
        const jdom_value *line = jdom_get(p, "line");
        long long n = line && line->type == JDOM_INT ? (long long)line->u.integer : 0;
        if (n > 0) printf("%s:%lld: %s\n", str(p, "file"), n, str(p, "message"));
        else printf("%s: %s\n", str(p, "file"), str(p, "message"));
    }
    size_t files = jdom_count(jdom_get(root, "files"));
    size_t overrides = jdom_count(jdom_get(root, "overrides"));
    size_t rules = jdom_count(jdom_get(root, "local_rules"));
    size_t count = jdom_count(problems);
    if (count)
        printf(en ? "%zu problem(s) in %zu rule files\n" : "%zu 处问题（共 %zu 个规则文件）\n", count,
               files);
    else
        printf(en ? "ok: %zu rule files, %zu overrides, %zu local rules, no problems\n"
                  : "通过：%zu 个规则文件，%zu 个覆盖，%zu 条本地待遇，未发现问题\n",
               files, overrides, rules);
    jdom_free(root);
    return count ? 1 : 0;
}

int dwp_cmd_check(int argc, char **argv)
{
    const char *rules = NULL, *lang_name = "zh", *format = "text";
    for (int i = 1; i < argc; i++) {
        const char *v;
        int m;
        if ((m = dwp_cli_option(argc, argv, &i, "--rules", &v)) != 0) {
            if (m < 0) return usage("--rules needs a directory", NULL);
            rules = v;
        } else if ((m = dwp_cli_option(argc, argv, &i, "--lang", &v)) != 0) {
            if (m < 0) return usage("--lang needs zh or en", NULL);
            lang_name = v;
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
    dwp_options opts;
    memset(&opts, 0, sizeof opts);
    opts.struct_size = sizeof opts;
    opts.lang = lang;
    char *report = NULL;
    if (dwp_rules_check(rules, &opts, &report) != DWP_OK) {
        fprintf(stderr, "dwpolicy check: %s\n", dwp_last_error());
        return 2;
    }
    int status;
    if (json) {
        puts(report);
        status = strstr(report, "\"ok\":true") == report + 1 ? 0 : 1;
    } else {
        status = print_report(report, lang);
    }
    dwp_free(report);
    return status;
}
