/* error.h — the thread-local "last error" of the public API, and bilingual messages. */
#ifndef DWP_ERROR_H
#define DWP_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "dwpolicy.h"

#define DWP_ERROR_MAX 1024

/* Forget the calling thread's last error (every public entry point starts with this). */
void dwp_error_clear(void);

/* Set the calling thread's last error from a printf format: zh_fmt when lang is DWP_LANG_ZH,
 * en_fmt otherwise. Both formats must take the same arguments in the same order. Returns
 * `status`, so that `return dwp_error_set(DWP_ESCHEMA, …);` reads naturally. */
int dwp_error_set(int status, int lang, const char *zh_fmt, const char *en_fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 5), format(printf, 4, 5)))
#endif
    ;

/* Set the last error to a ready text. */
int dwp_error_set_text(int status, const char *text);

/* Append a quoted, printable excerpt of untrusted text to buf for use in a message: at most
 * `max` bytes of the input, control characters escaped, cut on a UTF-8 boundary with "…". */
void dwp_error_quote(char *buf, size_t bufsize, const char *s, size_t len, size_t max);

#endif
