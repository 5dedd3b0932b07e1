/* cli_io.h — what every dwpolicy subcommand shares: reading an input file, options. */
#ifndef DWP_CLI_IO_H
#define DWP_CLI_IO_H

#include <stddef.h>

/* Cases and test files larger than this are refused rather than read into memory. */
#define DWP_CLI_INPUT_MAX ((size_t)64 << 20)

/* Read a whole file ("-" is standard input). Returns a malloc'd, NUL-terminated buffer and
 * its length, or NULL with a message on stderr naming the file (prefixed with `cmd`). */
char *dwp_cli_read_file(const char *cmd, const char *path, size_t *len);

/* Match `--name VALUE` or `--name=VALUE` at argv[*i]; advances *i past what it used.
 * Returns 1 matched (*value set), 0 not this option, -1 the value is missing. */
int dwp_cli_option(int argc, char **argv, int *i, const char *name, const char **value);

/* "zh" → DWP_LANG_ZH, "en" → DWP_LANG_EN; -1 otherwise. */
int dwp_cli_lang(const char *s);

#endif
