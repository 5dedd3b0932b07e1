/* strbuf.c — growable byte buffer. */
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

const char dwp_digit_pairs[] = "0001020304050607080910111213141516171819"
                               "2021222324252627282930313233343536373839"
                               "4041424344454647484950515253545556575859"
                               "6061626364656667686970717273747576777879"
                               "8081828384858687888990919293949596979899";

void dwp_strbuf_init(dwp_strbuf *b) { memset(b, 0, sizeof *b); }

void dwp_strbuf_free(dwp_strbuf *b)
{
    free(b->data);
    dwp_strbuf_init(b);
}

bool dwp_strbuf_grow(dwp_strbuf *b, size_t n)
{
    if (b->failed) return false;
    if (b->cap - b->len > n) return true; /* keep one byte for the NUL */
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= n) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

bool dwp_strbuf_reserve(dwp_strbuf *b, size_t n)
{
    return b->cap - b->len > n || dwp_strbuf_grow(b, n);
}

bool dwp_strbuf_reserve_exact(dwp_strbuf *b, size_t n)
{
    if (b->failed) return false;
    if (b->cap - b->len > n) return true;
    if (n > SIZE_MAX - 1 - b->len) {
        b->failed = true;
        return false;
    }
    /* A first reservation (a result's) allocates: realloc of NULL costs more than malloc. */
    char *p = b->data ? realloc(b->data, b->len + n + 1) : malloc(n + 1);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = b->len + n + 1;
    return true;
}

void dwp_strbuf_put_int(dwp_strbuf *b, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (!dwp_strbuf_reserve(b, (size_t)n + 1)) return;
    if (v < 0) b->data[b->len++] = '-';
    while (n) b->data[b->len++] = tmp[--n];
}

/* 1 for the bytes JSON requires escaped: control characters, '"' and '\\'. */
static const unsigned char needs_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, ['\\'] = 1};

/* Whether any of the 8 bytes in x needs escaping: a test for a byte below 0x20, and for a zero
 * byte in x ^ '"' and in x ^ '\\' (the classic tests: exact for "any", and bytes of 0x80 and
 * above, UTF-8, never match). */
static bool word_needs_escape(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
    return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & highs;
}

char *dwp_raw_json_escaped(char *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0; /* start of the bytes not yet copied */
    size_t i = 0;
    while (i < n) {
        /* Eight bytes at a time while there is nothing to escape (nearly always). */
        uint64_t x;
        if (n - i >= 8 && (memcpy(&x, s + i, 8), !word_needs_escape(x))) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i++];
        if (!needs_escape[c]) continue;
        w = dwp_raw_put(w, s + run, i - 1 - run);
        run = i;
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        default:
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    return dwp_raw_copy(w, s + run, n - run);
}

void dwp_strbuf_put_json_string(dwp_strbuf *b, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 2) / DWP_JSON_ESCAPE_MAX) {
        b->failed = true;
        return;
    }
    if (!dwp_strbuf_reserve(b, n * DWP_JSON_ESCAPE_MAX + 2)) return;
    char *w = dwp_strbuf_end(b);
    *w++ = '"';
    w = dwp_raw_json_escaped(w, s, n);
    *w++ = '"';
    dwp_strbuf_set_end(b, w);
}

char *dwp_strbuf_take(dwp_strbuf *b)
{
    if (!dwp_strbuf_reserve(b, 1)) {
        dwp_strbuf_free(b);
        return NULL;
    }
    b->data[b->len] = '\0';
    char *p = b->data;
    dwp_strbuf_init(b);
    return p;
}

bool dwp_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
        else return false;
        if (n - i < len) return false;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

/* Length of the well-formed UTF-8 character at s (n bytes available), or 0. */
static size_t utf8_char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4                  ? 4
                                                           : 0;
    return len && len <= n && dwp_utf8_valid(s, len) ? len : 0;
}

size_t dwp_utf8_copy_sanitized(char *dst, size_t dstsize, const char *src, size_t len)
{
    static const char replacement[] = "\xEF\xBF\xBD", ellipsis[] = "\xE2\x80\xA6";
    if (dstsize == 0) return 0;
    size_t o = 0, i = 0;
    /* Keep room for "…" and the NUL. */
    while (i < len) {
        size_t n = utf8_char_len(src + i, len - i);
        const char *piece = n ? src + i : replacement;
        size_t plen = n ? n : 3;
        if (o + plen + 4 > dstsize) break;
        memcpy(dst + o, piece, plen);
        o += plen;
        i += n ? n : 1;
    }
    if (i < len && o + 4 <= dstsize) {
        memcpy(dst + o, ellipsis, 3);
        o += 3;
    }
    dst[o] = '\0';
    return o;
}
