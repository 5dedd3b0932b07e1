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
    return dwp_cli_usage("check", "dwpolicy check [--rules DIR] [--lang zh|en] [--format text|json] [--host NAME=SIGNATURE]...", why, arg);
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
        if (n > 0) printf("%s:%lld: %s\n", jdom_get_string(p, "file"), n, jdom_get_string(p, "message"));
        else printf("%s: %s\n", jdom_get_string(p, "file"), jdom_get_string(p, "message"));
    }
    const jdom_value *fns = jdom_get(root, "host_functions");
    for (size_t i = 0; i < jdom_count(fns); i++)
        printf(en ? "host function %s %s registered\n" : "宿主函数 %s %s 已注册\n",
               jdom_get_string(jdom_at(fns, i), "name"), jdom_get_string(jdom_at(fns, i), "signature"));
    const jdom_value *calls = jdom_get(root, "host_calls");
    size_t unregistered = 0;
    for (size_t i = 0; i < jdom_count(calls); i++) {
        const jdom_value *c = jdom_at(calls, i);
        const jdom_value *reg = jdom_get(c, "registered");
        bool ok = reg && reg->type == JDOM_BOOL && reg->u.boolean;
        unregistered += !ok;
        const jdom_value *line = jdom_get(c, "line");
        printf(en ? "%s:%lld: calls host.%s (%s)\n" : "%s:%lld: 调用宿主函数 host.%s（%s）\n", jdom_get_string(c, "file"),
               line ? (long long)line->u.integer : 0LL, jdom_get_string(c, "name"),
               ok ? (en ? "registered" : "已注册")
                  : (en ? "not registered here: the platform must register it with dwp_engine_register_fn, or pass --host NAME=SIGNATURE"
                        : "此处未注册：须由平台用 dwp_engine_register_fn 注册，或用 --host 名称=签名 声明"));
    }
    bool host_declared = jdom_count(fns) > 0;
    size_t files = jdom_count(jdom_get(root, "files"));
    size_t overrides = jdom_count(jdom_get(root, "overrides"));
    size_t rules = jdom_count(jdom_get(root, "local_rules"));
    size_t count = jdom_count(problems) + (host_declared ? unregistered : 0);
    if (count)
        printf(en ? "%zu problem(s) in %zu rule files\n" : "%zu 处问题（共 %zu 个规则文件）\n", count,
               files);
    else
        printf(en ? "ok: %zu rule files, %zu overrides, %zu local rules, no problems\n"
                  : "通过：%zu 个规则文件，%zu 个覆盖，%zu 条本地待遇，未发现问题\n",
               files, overrides, rules);
    jdom_free(root);
    /* Without --host the command cannot know the platform's functions: calls are listed, not
     * counted as problems. With --host, a call to an undeclared one is a problem. */
    return count || (host_declared && unregistered) ? 1 : 0;
}

/* Never called: check loads rules, it evaluates nothing. It only gives the engine a function
 * of the declared name and signature. */
static void declared_only(void) {}

int dwp_cmd_check(int argc, char **argv)
{
    const char *rules = NULL, *lang_name = "zh", *format = "text";
    const char *hosts[32];
    int n_hosts = 0;
    for (int i = 1; i < argc; i++) {
        const char *v, *why;
        int m;
        if ((m = dwp_cli_common_option(argc, argv, &i, &rules, &lang_name, &why)) != 0) {
            if (m < 0) return usage(why, NULL);
        } else if ((m = dwp_cli_option(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0) return usage("--format needs text or json", NULL);
            format = v;
        } else if ((m = dwp_cli_option(argc, argv, &i, "--host", &v)) != 0) {
            if (m < 0 || !strchr(v, '=')) return usage("--host needs NAME=SIGNATURE, e.g. enrolment_status=b(si)", NULL);
            if (n_hosts == 32) return usage("at most 32 --host options", NULL);
            hosts[n_hosts++] = v;
        } else {
            return usage("unexpected argument", argv[i]);
        }
    }
    int lang = dwp_cli_lang(lang_name);
    if (lang < 0) return usage("--lang must be zh or en", lang_name);
    bool json = !strcmp(format, "json");
    if (!json && strcmp(format, "text")) return usage("--format must be text or json", format);
    dwp_options opts;
    dwp_cli_options(&opts, lang);
    char *report = NULL;
    dwp_engine *engine = NULL;
    /* With --host: the platform's functions are declared, so check an engine that has them. */
    if (n_hosts && dwp_engine_open_opts(rules, &opts, &engine) == DWP_OK) {
        for (int h = 0; h < n_hosts; h++) {
            char name[80];
            const char *eq = strchr(hosts[h], '=');
            snprintf(name, sizeof name, "%.*s", (int)(eq - hosts[h]), hosts[h]);
            if (dwp_engine_register_fn(engine, name, eq + 1, declared_only, NULL) != DWP_OK) {
                fprintf(stderr, "dwpolicy check: --host %s: %s\n", hosts[h], dwp_last_error());
                dwp_engine_close(engine);
                return 2;
            }
        }
        int rc = dwp_engine_check(engine, &report);
        dwp_engine_close(engine);
        if (rc != DWP_OK) {
            fprintf(stderr, "dwpolicy check: %s\n", dwp_last_error());
            return 2;
        }
    } else if (dwp_rules_check(rules, &opts, &report) != DWP_OK) {
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
