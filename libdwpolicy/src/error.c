/* error.c — the thread-local last error. The engine is shared between threads, so a
 * per-engine message would race; each thread sees its own. */
#include "error.h"

#include "strbuf.h"

#include <stdio.h>
#include <string.h>

static _Thread_local char last_error[DWP_ERROR_MAX];

void dwp_error_clear(void) { last_error[0] = '\0'; }

int dwp_error_set(int status, int lang, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    va_start(ap, en_fmt);
    vsnprintf(last_error, sizeof last_error, lang == DWP_LANG_EN ? en_fmt : zh_fmt, ap);
    va_end(ap);
    return status;
}

int dwp_error_set_text(int status, const char *text)
{
    snprintf(last_error, sizeof last_error, "%s", text);
    return status;
}

DWP_API const char *dwp_last_error(void) { return last_error; }

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0 when it is not. */
static size_t utf8_seq_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4                  ? 4
                                                           : 0;
    if (len == 0 || len > n) return 0;
    return dwp_utf8_valid(s, len) ? len : 0;
}

void dwp_error_quote(char *buf, size_t bufsize, const char *s, size_t len, size_t max)
{
    if (bufsize == 0) return;
    size_t o = strlen(buf);
    if (o + 1 >= bufsize) return;
    buf[o++] = '"';
    size_t i = 0;
    while (i < len && i < max) {
        unsigned char c = (unsigned char)s[i];
        size_t n = utf8_seq_len(s + i, len - i);
        /* Control characters, quotes and bytes that are not UTF-8 are shown escaped, so a
         * message is always printable, valid UTF-8. */
        if (n == 0 || c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
            if (o + 7 >= bufsize) break;
            o += (size_t)snprintf(buf + o, bufsize - o, n == 0 ? "\\x%02x" : "\\u%04x", c);
            i++;
            continue;
        }
        if (i + n > max || o + n + 5 >= bufsize) break;
        memcpy(buf + o, s + i, n);
        o += n;
        i += n;
    }
    if (i < len && o + 4 < bufsize) {
        memcpy(buf + o, "\xE2\x80\xA6", 3); /* … */
        o += 3;
    }
    if (o + 1 < bufsize) buf[o++] = '"';
    buf[o] = '\0';
}
