/* main.c — the dwpolicy command: dispatches to the subcommands (commands.h). */
#include <stdio.h>
#include <string.h>

#include <dwpolicy.h>

#include "commands.h"

static const char usage_text[] =
    "usage: dwpolicy COMMAND [OPTIONS]\n"
    "\n"
    "  eval [--rules DIR] [--lang zh|en] [--format json|text] FILE|-\n"
    "        evaluate one case (SPEC §2 JSON) and print the result\n"
    "  batch [--rules DIR] [--lang zh|en] [--threads N] IN.jsonl|- [-o OUT.jsonl]\n"
    "        evaluate one case per line; one output line per input line, in order\n"
    "  params --region CODE --as-of YYYY-MM-DD [--rules DIR] [--lang zh|en]\n"
    "        list the parameters in force for a region on a date, with their sources\n"
    "  test [--rules DIR] [--lang zh|en] FILE...\n"
    "        run policy test files; ends with \"N passed, N failed\"\n"
    "  check [--rules DIR] [--lang zh|en] [--format text|json]\n"
    "        load the rules and list every problem with file:line (exit 1 when any)\n"
    "  version\n"
    "        print the library version\n"
    "\n"
    "Exit status: 0 ok, 1 a case or test failed or a rule errored, 2 usage or input error.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "eval")) return dwp_cmd_eval(argc - 1, argv + 1);
    if (!strcmp(cmd, "batch")) return dwp_cmd_batch(argc - 1, argv + 1);
    if (!strcmp(cmd, "params")) return dwp_cmd_params(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) return dwp_cmd_test(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return dwp_cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("dwpolicy %s (libdwpolicy %s)\n", DWP_VERSION_STRING, dwp_version());
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(usage_text, stdout);
        return 0;
    }
    fprintf(stderr, "dwpolicy: unknown command '%s'\n\n", cmd);
    fputs(usage_text, stderr);
    return 2;
}
