/* text_format.h — a result as a caseworker reads it (dwpolicy eval --format text). */
#ifndef DWP_TEXT_FORMAT_H
#define DWP_TEXT_FORMAT_H

#include <stddef.h>
#include <stdio.h>

/* Print the result JSON as text in `lang` (DWP_LANG_*). Returns 0, or -1 when the JSON
 * cannot be read (a message goes to stderr). */
int dwp_text_format(FILE *out, const char *result_json, size_t len, int lang);

#endif
