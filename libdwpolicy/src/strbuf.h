/* strbuf.h — a growable byte buffer for building JSON and text. */
#ifndef DWP_STRBUF_H
#define DWP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dwp_strbuf {
    char *data;
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed: the content is incomplete */
} dwp_strbuf;

void dwp_strbuf_init(dwp_strbuf *b);
void dwp_strbuf_free(dwp_strbuf *b);
/* Make room for n more bytes; false (and failed set) when memory runs out. */
bool dwp_strbuf_reserve(dwp_strbuf *b, size_t n);
void dwp_strbuf_append(dwp_strbuf *b, const char *s, size_t n);
void dwp_strbuf_puts(dwp_strbuf *b, const char *s);
void dwp_strbuf_putc(dwp_strbuf *b, char c);
void dwp_strbuf_put_int(dwp_strbuf *b, int64_t v);
/* A JSON string literal (with quotes) of UTF-8 text s: escapes ", \ and control characters. */
void dwp_strbuf_put_json_string(dwp_strbuf *b, const char *s, size_t n);
/* Hand the NUL-terminated content to the caller (malloc'd) and reset b; NULL if failed. */
char *dwp_strbuf_take(dwp_strbuf *b);

#endif
