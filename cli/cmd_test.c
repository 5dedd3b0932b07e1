/* cmd_test.c — `dwpolicy test [--rules DIR] [--lang zh|en] FILE…`.
 *
 * One engine is loaded for the whole run (loading rules is the slow part, and every file must
 * be judged by the same rules). Failures go to stdout as they are found, then a last line
 * `N passed, N failed`. Exit status: 0 all passed, 1 a test failed, 2 usage error or a file
 * that could not be read or is not a test file (its tests did not run, so a pass would lie). */
#include <stdio.h>
#include <string.h>

#include <dwpolicy.h>

#include "cli_io.h"
#include "commands.h"
#include "policytest.h"

static const char usage_text[] = "usage: dwpolicy test [--rules DIR] [--lang zh|en] FILE...\n";

static int usage(const char *why, const char *arg)
{
    if (why != NULL)
        fprintf(stderr, "dwpolicy test: %s%s%s\n", why, arg != NULL ? ": " : "",
                arg != NULL ? arg : "");
    fputs(usage_text, stderr);
    return 2;
}

int dwp_cmd_test(int argc, char **argv)
{
    const char *rules = NULL, *lang = NULL;
    int first_file = argc, i, rc;
    dwp_options opts;
    dwp_engine *e = NULL;
    dwp_ptest_counts counts = {0, 0};
    int broken = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            first_file = i + 1;
            break;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        const char *why;
        if ((rc = dwp_cli_common_option(argc, argv, &i, &rules, &lang, &why)) != 0) {
            if (rc < 0)
                return usage(why, NULL);
            continue;
        }
        if (a[0] == '-' && a[1] != '\0')
            return usage("unknown option", a);
        first_file = i;
        break;
    }
    /* Options come first; everything after the first file name is a file. */
    if (first_file >= argc)
        return usage("no test files given", NULL);

    int lang_id = lang ? dwp_cli_lang(lang) : DWP_LANG_ZH;
    if (lang_id < 0) return usage("--lang must be zh or en, not", lang);
    dwp_cli_options(&opts, lang_id);

    rc = dwp_engine_open_opts(rules, &opts, &e);
    if (rc != DWP_OK) {
        fprintf(stderr, "dwpolicy test: cannot load the rules%s%s: %s: %s\n",
                rules != NULL ? " from " : "", rules != NULL ? rules : "", dwp_status_str(rc),
                dwp_last_error());
        return 2;
    }
    for (i = first_file; i < argc; i++) {
        if (dwp_ptest_run_file(e, argv[i], stdout, &counts) != 0)
            broken++;
    }
    dwp_engine_close(e);

    if (broken > 0) {
        fflush(stdout); /* keep the file's own message before this note on a terminal */
        fprintf(stderr, "dwpolicy test: %d file%s could not be run\n", broken,
                broken == 1 ? "" : "s");
    }
    printf("%d passed, %d failed\n", counts.passed, counts.failed);
    if (broken > 0)
        return 2;
    return counts.failed > 0 ? 1 : 0;
}
