/* cli_io.c — input files and option parsing for the dwpolicy subcommands. */
#include "cli_io.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwpolicy.h>

char *dwp_cli_read_file(const char *cmd, const char *path, size_t *len)
{
    bool is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "dwpolicy %s: %s: %s\n", cmd, path, strerror(errno));
        return NULL;
    }
    size_t cap = 64 << 10, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        if (cap >= DWP_CLI_INPUT_MAX) {
            fprintf(stderr, "dwpolicy %s: %s: larger than %zu MiB\n", cmd, path,
                    DWP_CLI_INPUT_MAX >> 20);
            free(buf);
            buf = NULL;
            break;
        }
        char *grown = realloc(buf, cap * 2);
        if (!grown) free(buf);
        buf = grown;
        cap *= 2;
    }
    bool failed = ferror(f);
    if (!is_stdin) fclose(f);
    if (!buf) {
        if (errno == ENOMEM) fprintf(stderr, "dwpolicy %s: %s: out of memory\n", cmd, path);
        return NULL;
    }
    if (failed) {
        fprintf(stderr, "dwpolicy %s: %s: read error\n", cmd, path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0'; /* n < cap: the loop stops on a short read */
    *len = n;
    return buf;
}

int dwp_cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) return -1;
    *value = argv[++*i];
    return 1;
}

int dwp_cli_common_option(int argc, char **argv, int *i, const char **rules,
                          const char **lang_name, const char **why)
{
    int m;
    if ((m = dwp_cli_option(argc, argv, i, "--rules", rules)) != 0) *why = "--rules needs a directory";
    else if ((m = dwp_cli_option(argc, argv, i, "--lang", lang_name)) != 0) *why = "--lang needs zh or en";
    return m;
}

int dwp_cli_lang(const char *s)
{
    if (!strcmp(s, "zh")) return DWP_LANG_ZH;
    if (!strcmp(s, "en")) return DWP_LANG_EN;
    return -1;
}

void dwp_cli_options(dwp_options *opts, int lang)
{
    memset(opts, 0, sizeof *opts);
    opts->struct_size = sizeof *opts;
    opts->lang = lang;
}

dwp_engine *dwp_cli_open_engine(const char *cmd, const char *rules, int lang)
{
    dwp_options opts;
    dwp_cli_options(&opts, lang);
    dwp_engine *engine = NULL;
    if (dwp_engine_open_opts(rules, &opts, &engine) != DWP_OK) {
        fprintf(stderr, "dwpolicy %s: %s\n", cmd, dwp_last_error());
        return NULL;
    }
    return engine;
}

int dwp_cli_usage(const char *cmd, const char *usage_line, const char *why, const char *arg)
{
    if (why) fprintf(stderr, "dwpolicy %s: %s%s%s\n", cmd, why, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "usage: %s\n", usage_line);
    return 2;
}
