/* cmd_eval.c — `dwpolicy eval [--rules DIR] [--lang zh|en] [--format json|text] FILE|-`. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwpolicy.h>

#include "cli_io.h"
#include "commands.h"
#include "text_format.h"

static int usage(const char *why, const char *arg)
{
    return dwp_cli_usage("eval", "dwpolicy eval [--rules DIR] [--lang zh|en] [--format json|text] FILE|-", why, arg);
}

int dwp_cmd_eval(int argc, char **argv)
{
    const char *rules = NULL, *lang_name = "zh", *format = "json", *file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v, *why;
        int m;
        if ((m = dwp_cli_common_option(argc, argv, &i, &rules, &lang_name, &why)) != 0) {
            if (m < 0) return usage(why, NULL);
        } else if ((m = dwp_cli_option(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0) return usage("--format needs json or text", NULL);
            format = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage("unknown option", argv[i]);
        } else if (file) {
            return usage("only one case file", argv[i]);
        } else {
            file = argv[i];
        }
    }
    int lang = dwp_cli_lang(lang_name);
    if (lang < 0) return usage("--lang must be zh or en", lang_name);
    bool text = !strcmp(format, "text");
    if (!text && strcmp(format, "json")) return usage("--format must be json or text", format);
    if (!file) return usage("a case file (or - for standard input) is required", NULL);

    size_t len;
    char *input = dwp_cli_read_file("eval", file, &len);
    if (!input) return 2;
    dwp_engine *engine = dwp_cli_open_engine("eval", rules, lang);
    if (!engine) {
        free(input);
        return 2;
    }
    char *result = NULL;
    int rc = dwp_eval_json(engine, input, len, &result);
    int exit_status = 0;
    if (!result) {
        fprintf(stderr, "dwpolicy eval: %s: %s\n", file, dwp_last_error());
        exit_status = rc == DWP_ENOMEM ? 1 : 2;
    } else {
        if (text) {
            if (dwp_text_format(stdout, result, strlen(result), lang) != 0) exit_status = 1;
        } else {
            puts(result);
        }
        if (rc != DWP_OK) {
            fprintf(stderr, "dwpolicy eval: %s: %s\n", file, dwp_last_error());
            exit_status = 1;
        }
    }
    dwp_free(result);
    dwp_engine_close(engine);
    free(input);
    return exit_status;
}
