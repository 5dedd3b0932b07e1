/* strbuf.h — a growable byte buffer for building JSON and text. */
#ifndef DWP_STRBUF_H
#define DWP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
/* The same, growing (when it must) to exactly that room: for a buffer whose final size is
 * known, such as a result, which is then handed out without the slack of doubling. */
bool dwp_strbuf_reserve_exact(dwp_strbuf *b, size_t n);
/* Grow for n more bytes: the slow path of the inline functions below. */
bool dwp_strbuf_grow(dwp_strbuf *b, size_t n);

/* The appends are inline: result writing is most of an evaluation's time. */
static inline void dwp_strbuf_append(dwp_strbuf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n && !dwp_strbuf_grow(b, n)) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static inline void dwp_strbuf_puts(dwp_strbuf *b, const char *s)
{
    dwp_strbuf_append(b, s, strlen(s));
}

static inline void dwp_strbuf_putc(dwp_strbuf *b, char c)
{
    if (b->cap - b->len <= 1 && !dwp_strbuf_grow(b, 1)) return;
    b->data[b->len++] = c;
}

/* A JSON string literal of text the library wrote itself (titles, reasons, codes), which has
 * nothing to escape; untrusted text goes through dwp_strbuf_put_json_string. */
static inline void dwp_strbuf_put_plain_string(dwp_strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->cap - b->len <= n + 2 && !dwp_strbuf_grow(b, n + 2)) return;
    b->data[b->len++] = '"';
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len++] = '"';
}
void dwp_strbuf_put_int(dwp_strbuf *b, int64_t v);

/* Unchecked writing, for runs of small pieces whose total size is known in advance: reserve
 * the room once (dwp_strbuf_reserve), take the end with dwp_strbuf_end, write through the
 * returned pointer with dwp_raw_*, and give it back with dwp_strbuf_set_end. This spares the
 * capacity test of every piece, which dominated result writing. */
static inline char *dwp_strbuf_end(dwp_strbuf *b) { return b->data + b->len; }
static inline void dwp_strbuf_set_end(dwp_strbuf *b, char *w) { b->len = (size_t)(w - b->data); }

static inline char *dwp_raw_put(char *w, const char *s, size_t n)
{
    memcpy(w, s, n);
    return w + n;
}
#define DWP_RAW_LIT(w, s) ((w) = dwp_raw_put((w), (s), sizeof(s) - 1))

/* dwp_raw_put for pieces of up to 32 bytes, such as reason codes and numbers, without the
 * library call (which costs more than the copy): overlapping 8- or 4-byte moves, all loads
 * before the stores, or for 1 to 3 bytes the first, middle and last. Longer ones go to
 * memcpy. */
static inline char *dwp_raw_put_short(char *w, const char *s, size_t n)
{
    uint64_t a, b, c, d;
    if (n >= 8 && n <= 16) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(w, &a, 8);
        memcpy(w + n - 8, &b, 8);
        return w + n;
    }
    if (n > 16 && n <= 32) {
        memcpy(&a, s, 8);
        memcpy(&b, s + 8, 8);
        memcpy(&c, s + n - 16, 8);
        memcpy(&d, s + n - 8, 8);
        memcpy(w, &a, 8);
        memcpy(w + 8, &b, 8);
        memcpy(w + n - 16, &c, 8);
        memcpy(w + n - 8, &d, 8);
        return w + n;
    }
    if (n >= 4 && n < 8) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        memcpy(w, &x, 4);
        memcpy(w + n - 4, &y, 4);
        return w + n;
    }
    if (n < 4) {
        if (n) {
            char first = s[0], middle = s[n / 2], end = s[n - 1];
            w[0] = first;
            w[n / 2] = middle;
            w[n - 1] = end;
        }
        return w + n;
    }
    return dwp_raw_put(w, s, n);
}

/* dwp_raw_put for text of any length, inline up to 64 bytes (most reason texts): from 16 bytes
 * on, four overlapping 16-byte moves. */
static inline char *dwp_raw_copy(char *w, const char *s, size_t n)
{
    if (n < 16) return dwp_raw_put_short(w, s, n);
    if (n > 64) return dwp_raw_put(w, s, n);
    char a[16], b[16], c[16], d[16];
    size_t m = n >= 32 ? 16 : 0; /* below 32 bytes the two middle moves repeat the outer two */
    memcpy(a, s, 16);
    memcpy(b, s + m, 16);
    memcpy(c, s + n - 16 - m, 16);
    memcpy(d, s + n - 16, 16);
    memcpy(w, a, 16);
    memcpy(w + m, b, 16);
    memcpy(w + n - 16 - m, c, 16);
    memcpy(w + n - 16, d, 16);
    return w + n;
}

/* "00" to "99" back to back: numbers are written two digits a step, half the divisions. */
extern const char dwp_digit_pairs[];

/* Write the decimal digits of u so that they end just before `end`; returns where they
 * start (at most 20 bytes before end). */
static inline char *dwp_digits_before(char *end, uint64_t u)
{
    char *p = end;
    while (u >= 100) {
        p -= 2;
        memcpy(p, dwp_digit_pairs + 2 * (u % 100), 2);
        u /= 100;
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, dwp_digit_pairs + 2 * u, 2);
    } else {
        *--p = (char)('0' + u);
    }
    return p;
}

/* Longest decimal int64_t, sign included. */
#define DWP_INT_MAX_CHARS 20
static inline char *dwp_raw_int(char *w, int64_t v)
{
    char tmp[24];
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = dwp_digits_before(tmp + sizeof tmp, u);
    if (v < 0) *w++ = '-';
    return dwp_raw_put_short(w, p, (size_t)(tmp + sizeof tmp - p));
}
/* A JSON string literal (with quotes) of UTF-8 text s: escapes ", \ and control characters. */
void dwp_strbuf_put_json_string(dwp_strbuf *b, const char *s, size_t n);
/* The same unchecked and without the quotes: writes at most n * DWP_JSON_ESCAPE_MAX bytes (a
 * control character becomes \u00XX). */
#define DWP_JSON_ESCAPE_MAX 6
char *dwp_raw_json_escaped(char *w, const char *s, size_t n);
/* Whether s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF):
 * text from rule files goes into JSON results, which must be valid UTF-8. */
bool dwp_utf8_valid(const char *s, size_t n);

/* Copy text of unknown origin (a Lua error message) into dst as valid UTF-8: bytes that are
 * not UTF-8 become U+FFFD, and a text too long for dst is cut between characters and ends with
 * "…". Returns the length written. */
size_t dwp_utf8_copy_sanitized(char *dst, size_t dstsize, const char *src, size_t len);

/* Hand the NUL-terminated content to the caller (malloc'd) and reset b; NULL if failed. */
char *dwp_strbuf_take(dwp_strbuf *b);

#endif
