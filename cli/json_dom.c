/* json_dom.c — the strict JSON tree reader declared in json_dom.h.
 *
 * A recursive-descent reader over a byte buffer. It tracks line and column as it goes so that
 * every error can point at the character a person has to fix in their editor. */
#include "json_dom.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const unsigned char *s;
    size_t len, pos;
    int line, col;
    int depth;
    bool oom;
    jdom_error *err;
} reader;

/* Report an error at the reader's current position; the first one wins. Returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(reader *r, const char *fmt, ...)
{
    if (r->err != NULL && r->err->message[0] == '\0') {
        va_list ap;
        r->err->line = r->line;
        r->err->col = r->col;
        va_start(ap, fmt);
        vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int fail_oom(reader *r)
{
    r->oom = true;
    return fail(r, "out of memory");
}

/* Move past n bytes, keeping line and column. A column is a character: UTF-8 continuation
 * bytes do not advance it. */
static void advance(reader *r, size_t n)
{
    while (n-- > 0 && r->pos < r->len) {
        unsigned char c = r->s[r->pos++];
        if (c == '\n') {
            r->line++;
            r->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            r->col++;
        }
    }
}

static int peek(const reader *r)
{
    return r->pos < r->len ? r->s[r->pos] : -1;
}

static void skip_ws(reader *r)
{
    while (r->pos < r->len) {
        unsigned char c = r->s[r->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        advance(r, 1);
    }
}

/* Describe the byte at the current position for an error message. */
static const char *what_is_here(const reader *r, char buf[16])
{
    int c = peek(r);
    if (c < 0)
        return "end of input";
    if (c >= 0x21 && c < 0x7F)
        snprintf(buf, 16, "'%c'", c);
    else
        snprintf(buf, 16, "byte 0x%02X", (unsigned)c);
    return buf;
}

static jdom_value *new_value(reader *r, jdom_type t)
{
    jdom_value *v = calloc(1, sizeof *v);
    if (v == NULL) {
        fail_oom(r);
        return NULL;
    }
    v->type = t;
    v->line = r->line;
    v->col = r->col;
    v->start = r->pos;
    return v;
}

/* ---- strings ---------------------------------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static bool buf_put(buf *b, const void *data, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 32;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0 when it is not one:
 * no overlong forms, no encoded surrogates, nothing above U+10FFFF. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need;
}

static int hex4(reader *r, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int c = peek(r);
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return fail(r, "\\u must be followed by four hex digits");
        v = v * 16 + (uint32_t)d;
        advance(r, 1);
    }
    *out = v;
    return 0;
}

/* Read a string starting at its opening quote into a new NUL-terminated buffer. */
static int read_string(reader *r, char **out, size_t *out_len)
{
    buf b = {NULL, 0, 0};
    advance(r, 1); /* the opening quote */
    if (!buf_put(&b, "", 0))
        return fail_oom(r);
    for (;;) {
        int c = peek(r);
        if (c < 0) {
            free(b.p);
            return fail(r, "unterminated string");
        }
        if (c == '"') {
            advance(r, 1);
            break;
        }
        if (c < 0x20) {
            free(b.p);
            return fail(r, "control character (byte 0x%02X) in a string: write it as an escape",
                        (unsigned)c);
        }
        if (c == '\\') {
            advance(r, 1);
            int e = peek(r);
            char one;
            switch (e) {
            case '"': one = '"'; break;
            case '\\': one = '\\'; break;
            case '/': one = '/'; break;
            case 'b': one = '\b'; break;
            case 'f': one = '\f'; break;
            case 'n': one = '\n'; break;
            case 'r': one = '\r'; break;
            case 't': one = '\t'; break;
            case 'u': {
                uint32_t cp, lo;
                char enc[4];
                advance(r, 1);
                if (hex4(r, &cp) != 0) {
                    free(b.p);
                    return -1;
                }
                if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    free(b.p);
                    return fail(r, "lone low surrogate \\u%04X", (unsigned)cp);
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    /* A high surrogate only means something followed by a low one. */
                    if (r->pos + 1 >= r->len || r->s[r->pos] != '\\' || r->s[r->pos + 1] != 'u') {
                        free(b.p);
                        return fail(r, "high surrogate \\u%04X not followed by a low surrogate",
                                    (unsigned)cp);
                    }
                    advance(r, 2);
                    if (hex4(r, &lo) != 0) {
                        free(b.p);
                        return -1;
                    }
                    if (lo < 0xDC00 || lo > 0xDFFF) {
                        free(b.p);
                        return fail(r, "high surrogate \\u%04X followed by \\u%04X, not a low "
                                       "surrogate", (unsigned)cp, (unsigned)lo);
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (!buf_put(&b, enc, utf8_encode(cp, enc))) {
                    free(b.p);
                    return fail_oom(r);
                }
                continue;
            }
            default: {
                char what[16];
                free(b.p);
                return fail(r, "invalid escape \\%s in a string",
                            e < 0 ? "at end of input" : what_is_here(r, what));
            }
            }
            advance(r, 1);
            if (!buf_put(&b, &one, 1)) {
                free(b.p);
                return fail_oom(r);
            }
            continue;
        }
        size_t n = utf8_valid_len(r->s + r->pos, r->len - r->pos);
        if (n == 0) {
            free(b.p);
            return fail(r, "invalid UTF-8 (byte 0x%02X) in a string", (unsigned)c);
        }
        if (!buf_put(&b, r->s + r->pos, n)) {
            free(b.p);
            return fail_oom(r);
        }
        advance(r, n);
    }
    *out = b.p;
    *out_len = b.len;
    return 0;
}

/* ---- values ----------------------------------------------------------------------------- */

static int read_value(reader *r, jdom_value **out);

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int read_number(reader *r, jdom_value *v)
{
    size_t begin = r->pos;
    bool integral = true;
    if (peek(r) == '-')
        advance(r, 1);
    if (peek(r) == '0') {
        advance(r, 1);
        if (is_digit(peek(r)))
            return fail(r, "a number must not have leading zeros");
    } else if (is_digit(peek(r))) {
        while (is_digit(peek(r)))
            advance(r, 1);
    } else {
        return fail(r, "expected a digit");
    }
    if (peek(r) == '.') {
        integral = false;
        advance(r, 1);
        if (!is_digit(peek(r)))
            return fail(r, "expected a digit after the decimal point");
        while (is_digit(peek(r)))
            advance(r, 1);
    }
    if (peek(r) == 'e' || peek(r) == 'E') {
        integral = false;
        advance(r, 1);
        if (peek(r) == '+' || peek(r) == '-')
            advance(r, 1);
        if (!is_digit(peek(r)))
            return fail(r, "expected a digit in the exponent");
        while (is_digit(peek(r)))
            advance(r, 1);
    }
    size_t n = r->pos - begin;
    if (integral) {
        /* Accumulate negatively so that INT64_MIN fits; overflow keeps the literal instead. */
        const unsigned char *p = r->s + begin;
        bool neg = *p == '-';
        int64_t acc = 0;
        bool overflow = false;
        for (size_t i = neg ? 1 : 0; i < n; i++) {
            int d = p[i] - '0';
            if (acc < (INT64_MIN + d) / 10) {
                overflow = true;
                break;
            }
            acc = acc * 10 - d;
        }
        if (!overflow && !neg && acc == INT64_MIN)
            overflow = true;
        if (!overflow) {
            v->type = JDOM_INT;
            v->u.integer = neg ? acc : -acc;
            return 0;
        }
    }
    v->type = JDOM_NUMBER;
    v->u.str.text = malloc(n + 1);
    if (v->u.str.text == NULL)
        return fail_oom(r);
    memcpy(v->u.str.text, r->s + begin, n);
    v->u.str.text[n] = '\0';
    v->u.str.len = n;
    return 0;
}

static int read_literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0)
        return fail(r, "invalid literal (expected %s)", word);
    advance(r, n);
    return 0;
}

static int read_array(reader *r, jdom_value *v)
{
    size_t cap = 0;
    advance(r, 1); /* [ */
    skip_ws(r);
    if (peek(r) == ']') {
        advance(r, 1);
        return 0;
    }
    for (;;) {
        jdom_value *item;
        skip_ws(r);
        if (read_value(r, &item) != 0)
            return -1;
        if (v->u.arr.count == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            jdom_value **p = realloc(v->u.arr.items, ncap * sizeof *p);
            if (p == NULL) {
                jdom_free(item);
                return fail_oom(r);
            }
            v->u.arr.items = p;
            cap = ncap;
        }
        v->u.arr.items[v->u.arr.count++] = item;
        skip_ws(r);
        int c = peek(r);
        if (c == ',') {
            advance(r, 1);
            skip_ws(r);
            if (peek(r) == ']')
                return fail(r, "trailing comma before ']'");
            continue;
        }
        if (c == ']') {
            advance(r, 1);
            return 0;
        }
        char what[16];
        return fail(r, "expected ',' or ']' in an array, found %s", what_is_here(r, what));
    }
}

static int read_object(reader *r, jdom_value *v)
{
    size_t cap = 0;
    advance(r, 1); /* { */
    skip_ws(r);
    if (peek(r) == '}') {
        advance(r, 1);
        return 0;
    }
    for (;;) {
        jdom_member m = {NULL, 0, 0, 0, NULL};
        char what[16];
        skip_ws(r);
        if (peek(r) != '"')
            return fail(r, "expected a key (a string in double quotes), found %s",
                        what_is_here(r, what));
        m.line = r->line;
        m.col = r->col;
        if (read_string(r, &m.key, &m.key_len) != 0)
            return -1;
        for (size_t i = 0; i < v->u.obj.count; i++) {
            const jdom_member *o = &v->u.obj.members[i];
            if (o->key_len == m.key_len && memcmp(o->key, m.key, m.key_len) == 0) {
                /* Point at the repeated key, and say where the first one was. */
                r->line = m.line;
                r->col = m.col;
                fail(r, "duplicate key \"%.60s\" (first at %d:%d)", m.key, o->line, o->col);
                free(m.key);
                return -1;
            }
        }
        skip_ws(r);
        if (peek(r) != ':') {
            free(m.key);
            return fail(r, "expected ':' after the key, found %s", what_is_here(r, what));
        }
        advance(r, 1);
        skip_ws(r);
        if (read_value(r, &m.value) != 0) {
            free(m.key);
            return -1;
        }
        if (v->u.obj.count == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            jdom_member *p = realloc(v->u.obj.members, ncap * sizeof *p);
            if (p == NULL) {
                free(m.key);
                jdom_free(m.value);
                return fail_oom(r);
            }
            v->u.obj.members = p;
            cap = ncap;
        }
        v->u.obj.members[v->u.obj.count++] = m;
        skip_ws(r);
        int c = peek(r);
        if (c == ',') {
            advance(r, 1);
            skip_ws(r);
            if (peek(r) == '}')
                return fail(r, "trailing comma before '}'");
            continue;
        }
        if (c == '}') {
            advance(r, 1);
            return 0;
        }
        return fail(r, "expected ',' or '}' in an object, found %s", what_is_here(r, what));
    }
}

/* Read one value at the current position (whitespace already skipped). On failure *out is
 * NULL and everything read so far is released. */
static int read_value(reader *r, jdom_value **out)
{
    int c = peek(r);
    int rc;
    jdom_value *v;
    char what[16];

    *out = NULL;
    switch (c) {
    case '{': v = new_value(r, JDOM_OBJECT); break;
    case '[': v = new_value(r, JDOM_ARRAY); break;
    case '"': v = new_value(r, JDOM_STRING); break;
    case 't': case 'f': v = new_value(r, JDOM_BOOL); break;
    case 'n': v = new_value(r, JDOM_NULL); break;
    default:
        if (c == '-' || is_digit(c)) {
            v = new_value(r, JDOM_INT);
            break;
        }
        return fail(r, "expected a JSON value, found %s", what_is_here(r, what));
    }
    if (v == NULL)
        return -1;
    if ((c == '{' || c == '[') && ++r->depth > JDOM_MAX_DEPTH) {
        free(v);
        return fail(r, "nested more than %d levels deep", JDOM_MAX_DEPTH);
    }
    switch (c) {
    case '{': rc = read_object(r, v); r->depth--; break;
    case '[': rc = read_array(r, v); r->depth--; break;
    case '"': rc = read_string(r, &v->u.str.text, &v->u.str.len); break;
    case 't': rc = read_literal(r, "true"); v->u.boolean = true; break;
    case 'f': rc = read_literal(r, "false"); v->u.boolean = false; break;
    case 'n': rc = read_literal(r, "null"); break;
    default: rc = read_number(r, v); break;
    }
    v->end = r->pos;
    if (rc != 0) {
        jdom_free(v);
        return -1;
    }
    *out = v;
    return 0;
}

int jdom_parse(const char *text, size_t len, jdom_value **out, jdom_error *err)
{
    reader r = {(const unsigned char *)text, len, 0, 1, 1, 0, false, err};
    jdom_value *v = NULL;

    if (err != NULL) {
        err->line = 0;
        err->col = 0;
        err->message[0] = '\0';
    }
    if (out == NULL)
        return -1;
    *out = NULL;
    if (text == NULL)
        return fail(&r, "no input");
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        r.pos = 3; /* byte-order mark: not a character anyone can see, so column stays 1 */
    }
    skip_ws(&r);
    if (read_value(&r, &v) != 0)
        return r.oom ? -2 : -1;
    skip_ws(&r);
    if (r.pos < r.len) {
        char what[16];
        jdom_free(v);
        return fail(&r, "unexpected %s after the JSON value", what_is_here(&r, what));
    }
    *out = v;
    return 0;
}

void jdom_free(jdom_value *v)
{
    if (v == NULL)
        return;
    switch (v->type) {
    case JDOM_STRING:
    case JDOM_NUMBER:
        free(v->u.str.text);
        break;
    case JDOM_ARRAY:
        for (size_t i = 0; i < v->u.arr.count; i++)
            jdom_free(v->u.arr.items[i]);
        free(v->u.arr.items);
        break;
    case JDOM_OBJECT:
        for (size_t i = 0; i < v->u.obj.count; i++) {
            free(v->u.obj.members[i].key);
            jdom_free(v->u.obj.members[i].value);
        }
        free(v->u.obj.members);
        break;
    default:
        break;
    }
    free(v);
}

/* ---- access ----------------------------------------------------------------------------- */

const jdom_value *jdom_get(const jdom_value *v, const char *key)
{
    if (v == NULL || v->type != JDOM_OBJECT || key == NULL)
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < v->u.obj.count; i++) {
        const jdom_member *m = &v->u.obj.members[i];
        if (m->key_len == n && memcmp(m->key, key, n) == 0)
            return m->value;
    }
    return NULL;
}

const jdom_value *jdom_at(const jdom_value *v, size_t i)
{
    if (v == NULL || v->type != JDOM_ARRAY || i >= v->u.arr.count)
        return NULL;
    return v->u.arr.items[i];
}

size_t jdom_count(const jdom_value *v)
{
    if (v == NULL)
        return 0;
    if (v->type == JDOM_ARRAY)
        return v->u.arr.count;
    if (v->type == JDOM_OBJECT)
        return v->u.obj.count;
    return 0;
}

const char *jdom_string(const jdom_value *v)
{
    return v != NULL && v->type == JDOM_STRING ? v->u.str.text : NULL;
}

bool jdom_equal(const jdom_value *a, const jdom_value *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case JDOM_NULL:
        return true;
    case JDOM_BOOL:
        return a->u.boolean == b->u.boolean;
    case JDOM_INT:
        return a->u.integer == b->u.integer;
    case JDOM_NUMBER:
    case JDOM_STRING:
        return a->u.str.len == b->u.str.len &&
               memcmp(a->u.str.text, b->u.str.text, a->u.str.len) == 0;
    case JDOM_ARRAY:
        if (a->u.arr.count != b->u.arr.count)
            return false;
        for (size_t i = 0; i < a->u.arr.count; i++)
            if (!jdom_equal(a->u.arr.items[i], b->u.arr.items[i]))
                return false;
        return true;
    case JDOM_OBJECT:
        /* Keys are unique (the reader rejects duplicates), so equal counts plus every key of
         * a matching in b is equality. */
        if (a->u.obj.count != b->u.obj.count)
            return false;
        for (size_t i = 0; i < a->u.obj.count; i++) {
            const jdom_member *m = &a->u.obj.members[i];
            const jdom_value *other = NULL;
            for (size_t j = 0; j < b->u.obj.count; j++) {
                const jdom_member *o = &b->u.obj.members[j];
                if (o->key_len == m->key_len && memcmp(o->key, m->key, m->key_len) == 0) {
                    other = o->value;
                    break;
                }
            }
            if (other == NULL || !jdom_equal(m->value, other))
                return false;
        }
        return true;
    }
    return false;
}

/* ---- output ----------------------------------------------------------------------------- */

static void print_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20)
                fprintf(f, "\\u%04x", (unsigned)c);
            else
                fputc(c, f);
        }
    }
    fputc('"', f);
}

void jdom_print(FILE *f, const jdom_value *v)
{
    if (v == NULL) {
        fputs("null", f);
        return;
    }
    switch (v->type) {
    case JDOM_NULL:
        fputs("null", f);
        break;
    case JDOM_BOOL:
        fputs(v->u.boolean ? "true" : "false", f);
        break;
    case JDOM_INT:
        fprintf(f, "%" PRId64, v->u.integer);
        break;
    case JDOM_NUMBER:
        fputs(v->u.str.text, f);
        break;
    case JDOM_STRING:
        print_string(f, v->u.str.text, v->u.str.len);
        break;
    case JDOM_ARRAY:
        fputc('[', f);
        for (size_t i = 0; i < v->u.arr.count; i++) {
            if (i > 0)
                fputc(',', f);
            jdom_print(f, v->u.arr.items[i]);
        }
        fputc(']', f);
        break;
    case JDOM_OBJECT:
        fputc('{', f);
        for (size_t i = 0; i < v->u.obj.count; i++) {
            const jdom_member *m = &v->u.obj.members[i];
            if (i > 0)
                fputc(',', f);
            print_string(f, m->key, m->key_len);
            fputc(':', f);
            jdom_print(f, m->value);
        }
        fputc('}', f);
        break;
    }
}

const char *jdom_type_name(jdom_type t)
{
    switch (t) {
    case JDOM_NULL: return "null";
    case JDOM_BOOL: return "a boolean";
    case JDOM_INT: return "an integer";
    case JDOM_NUMBER: return "a number";
    case JDOM_STRING: return "a string";
    case JDOM_ARRAY: return "an array";
    case JDOM_OBJECT: return "an object";
    }
    return "a value";
}

const char *jdom_get_string(const jdom_value *v, const char *key)
{
    const char *s = jdom_string(jdom_get(v, key));
    return s ? s : "";
}
