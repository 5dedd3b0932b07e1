/* text_format.c — renders a result for a caseworker: each benefit with its status, amount in
 * 元 to the fen, basis and reasons; then services and warnings. Chinese by default. */
#include "text_format.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include <dwpolicy.h>

#include "json_dom.h"

typedef struct {
    const char *key, *zh, *en;
} label;

static const char *lookup(const label *table, const char *key, int lang)
{
    for (const label *l = table; key && l->key; l++)
        if (!strcmp(l->key, key)) return lang == DWP_LANG_EN ? l->en : l->zh;
    return key ? key : "";
}

static const label status_labels[] = {{"eligible", "符合", "ELIGIBLE"},
                                      {"ineligible", "不符合", "NOT ELIGIBLE"},
                                      {"indeterminate", "待补充信息", "NEEDS INFORMATION"},
                                      {"error", "出错", "ERROR"},
                                      {NULL, NULL, NULL}};

static const label period_labels[] = {{"month", "每月", "per month"},
                                      {"year", "每年", "per year"},
                                      {"once", "一次性", "once"},
                                      {"claim", "本次", "for this claim"},
                                      {NULL, NULL, NULL}};

static const label category_labels[] = {{"orphan", "孤儿", "orphan"},
                                        {"de_facto_unsupported", "事实无人抚养", "de facto unsupported"},
                                        {"poverty", "低保/低保边缘/特困家庭", "low-income household"},
                                        {"disability", "残疾", "disability"},
                                        {"serious_illness", "重病", "serious illness"},
                                        {"guardianship", "监护缺失或不当", "guardianship gap"},
                                        {"crime_victim", "遭受侵害", "crime victim"},
                                        {"left_behind", "留守", "left behind"},
                                        {"migrant", "流动", "migrant"},
                                        {NULL, NULL, NULL}};

static void print_yuan(FILE *out, int64_t fen)
{
    uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    fprintf(out, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "", v / 100, (unsigned)(v % 100));
}

static void print_amount(FILE *out, const jdom_value *b, int lang)
{
    const jdom_value *amount = jdom_get(b, "amount_fen");
    if (!amount || amount->type != JDOM_INT || strcmp(jdom_get_string(b, "status"), "eligible")) return;
    const char *kind = jdom_get_string(b, "kind");
    const char *period = lookup(period_labels, jdom_get_string(b, "period"), lang);
    bool en = lang == DWP_LANG_EN;
    fputs(" — ", out);
    if (amount->u.integer == 0) {
        /* Eligible with 0: the local figure is not set yet (a placeholder parameter). */
        fputs(en ? "amount to be set locally" : "金额待本地设定", out);
        return;
    }
    if (!strcmp(kind, "cap")) fputs(en ? "up to " : "最高 ", out);
    else if (!strcmp(kind, "waiver")) fputs(en ? "waived: " : "免除 ", out);
    if (en) {
        print_yuan(out, amount->u.integer);
        fprintf(out, " yuan %s", period);
    } else {
        fprintf(out, "%s ", period);
        print_yuan(out, amount->u.integer);
        fputs(" 元", out);
    }
}

static void print_benefit(FILE *out, const jdom_value *b, int lang)
{
    bool en = lang == DWP_LANG_EN;
    fprintf(out, "%s%s%s %s", en ? "[" : "【", lookup(status_labels, jdom_get_string(b, "status"), lang),
            en ? "]" : "】", jdom_get_string(b, "title"));
    print_amount(out, b, lang);
    fputc('\n', out);
    fprintf(out, en ? "    basis: %s · decided by %s · handled by %s%s\n"
                    : "    依据：%s · 决定区划 %s · 经办区划 %s%s\n",
            jdom_get_string(b, "basis"), jdom_get_string(b, "decided_by"), jdom_get_string(b, "handling_region"),
            jdom_get(b, "discretionary") && jdom_get(b, "discretionary")->u.boolean
                ? (en ? " · local discretion" : " · 各地可选")
                : "");
    const jdom_value *reasons = jdom_get(b, "reasons");
    for (size_t i = 0; i < jdom_count(reasons); i++) {
        const jdom_value *r = jdom_at(reasons, i);
        const jdom_value *ok = jdom_get(r, "ok");
        fprintf(out, "    %s %s\n", ok && ok->u.boolean ? "✓" : "✗", jdom_get_string(r, "text"));
    }
    const jdom_value *missing = jdom_get(b, "missing");
    for (size_t i = 0; i < jdom_count(missing); i++)
        fprintf(out, en ? "    ? missing: %s\n" : "    ? 缺少信息：%s\n",
                jdom_string(jdom_at(missing, i)));
    if (jdom_get(b, "error")) fprintf(out, en ? "    ! %s\n" : "    ！%s\n", jdom_get_string(b, "error"));
    const jdom_value *params = jdom_get(b, "params");
    for (size_t i = 0; i < jdom_count(params); i++) {
        const jdom_value *p = jdom_at(params, i);
        fprintf(out, en ? "    parameter %s = " : "    参数 %s = ", jdom_get_string(p, "name"));
        jdom_print(out, jdom_get(p, "value"));
        const char *from = jdom_string(jdom_get(p, "from"));
        char since[64];
        if (from) snprintf(since, sizeof since, en ? "from %s" : "自 %s 起", from);
        else snprintf(since, sizeof since, "%s", en ? "always in force" : "长期有效");
        fprintf(out, en ? " (region %s, %s; %s; %s)\n" : "（区划 %s，%s；%s；%s）\n",
                jdom_get_string(p, "region"), since, jdom_get_string(p, "source"), jdom_get_string(p, "confidence"));
    }
}

int dwp_text_format(FILE *out, const char *result_json, size_t len, int lang)
{
    jdom_value *root = NULL;
    jdom_error err;
    if (jdom_parse(result_json, len, &root, &err) != 0) {
        fprintf(stderr, "dwpolicy: cannot read the result (%d:%d: %s)\n", err.line, err.col,
                err.message);
        return -1;
    }
    bool en = lang == DWP_LANG_EN;
    const char *case_id = jdom_string(jdom_get(root, "case_id"));
    const jdom_value *age = jdom_get(root, "age");
    fprintf(out, en ? "Case %s · as of %s · region %s · age %" PRId64 "\n"
                    : "案件 %s · 评估日期 %s · 区划 %s · %" PRId64 " 周岁\n",
            case_id ? case_id : "-", jdom_get_string(root, "as_of"), jdom_get_string(root, "region"),
            age ? age->u.integer : 0);
    const jdom_value *cats = jdom_get(root, "categories");
    fputs(en ? "Categories: " : "困境儿童类别：", out);
    if (!jdom_count(cats)) fputs(en ? "none" : "无", out);
    for (size_t i = 0; i < jdom_count(cats); i++)
        fprintf(out, "%s%s", i ? (en ? ", " : "、") : "",
                lookup(category_labels, jdom_string(jdom_at(cats, i)), lang));
    fputs("\n\n", out);
    const jdom_value *benefits = jdom_get(root, "benefits");
    for (size_t i = 0; i < jdom_count(benefits); i++) {
        print_benefit(out, jdom_at(benefits, i), lang);
        fputc('\n', out);
    }
    const jdom_value *services = jdom_get(root, "services");
    if (jdom_count(services)) fputs(en ? "Services to offer:\n" : "应提供的服务：\n", out);
    for (size_t i = 0; i < jdom_count(services); i++) {
        const jdom_value *s = jdom_at(services, i);
        fprintf(out, en ? "  · %s (%s): %s\n" : "  · %s（%s）：%s\n", jdom_get_string(s, "title"),
                jdom_get_string(s, "basis"), jdom_get_string(s, "text"));
    }
    const jdom_value *warnings = jdom_get(root, "warnings");
    if (jdom_count(warnings)) fputs(en ? "Warnings:\n" : "提示：\n", out);
    for (size_t i = 0; i < jdom_count(warnings); i++)
        fprintf(out, "  ! %s\n", jdom_get_string(jdom_at(warnings, i), "text"));
    const jdom_value *ruleset = jdom_get(root, "ruleset");
    fprintf(out, en ? "\nRules: %s (sha256 %.12s…) · %s\n" : "\n规则集：%s（sha256 %.12s…）· %s\n",
            jdom_get_string(ruleset, "name"), jdom_get_string(ruleset, "sha256"), jdom_get_string(root, "engine"));
    jdom_free(root);
    return 0;
}
