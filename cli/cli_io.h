/* cli_io.h — what every dwpolicy subcommand shares: reading an input file, options. */
#ifndef DWP_CLI_IO_H
#define DWP_CLI_IO_H

#include <stddef.h>

#include <dwpolicy.h>

/* Cases and test files larger than this are refused rather than read into memory. */
#define DWP_CLI_INPUT_MAX ((size_t)64 << 20)

/* Read a whole file ("-" is standard input). Returns a malloc'd, NUL-terminated buffer and
 * its length, or NULL with a message on stderr naming the file (prefixed with `cmd`). */
char *dwp_cli_read_file(const char *cmd, const char *path, size_t *len);

/* Match `--name VALUE` or `--name=VALUE` at argv[*i]; advances *i past what it used.
 * Returns 1 matched (*value set), 0 not this option, -1 the value is missing. */
int dwp_cli_option(int argc, char **argv, int *i, const char *name, const char **value);

/* --rules DIR and --lang zh|en, which every command takes, at argv[*i]: 1 matched (the value
 * stored in *rules or *lang_name), 0 not one of them, -1 its value is missing (*why says so,
 * for the command's usage message). */
int dwp_cli_common_option(int argc, char **argv, int *i, const char **rules,
                          const char **lang_name, const char **why);

/* "zh" → DWP_LANG_ZH, "en" → DWP_LANG_EN; -1 otherwise. */
int dwp_cli_lang(const char *s);

/* Engine options for a command: defaults, in language `lang`. */
void dwp_cli_options(dwp_options *opts, int lang);

/* Open the engine of a command (the embedded rules, and `rules` over them when not NULL), in
 * language `lang`; on failure print "dwpolicy CMD: <why>" to stderr and return NULL. */
dwp_engine *dwp_cli_open_engine(const char *cmd, const char *rules, int lang);

/* Print "dwpolicy CMD: WHY: ARG" (when why is given) and the usage line to stderr; returns 2,
 * the exit status of a usage error. */
int dwp_cli_usage(const char *cmd, const char *usage_line, const char *why, const char *arg);

#endif
