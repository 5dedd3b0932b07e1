/* json_dom.h — a small, strict JSON reader that builds a tree.
 *
 * Used for policy test files (written by hand, so every error says line:column) and for the
 * result documents the tests are compared with. Strict RFC 8259: no comments, no trailing
 * commas, no duplicate keys (a duplicated expectation would silently hide the first), valid
 * UTF-8 only. One leniency: a leading UTF-8 byte-order mark is skipped, because Windows
 * editors write one. Not part of the library: the `jdom_` prefix keeps it clear of the
 * library's own names when both are linked statically into one program. */
#ifndef DWP_JSON_DOM_H
#define DWP_JSON_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum jdom_type {
    JDOM_NULL,
    JDOM_BOOL,
    JDOM_INT,    /* an integral literal (no fraction, no exponent) that fits int64 */
    JDOM_NUMBER, /* any other number, kept as its literal text */
    JDOM_STRING,
    JDOM_ARRAY,
    JDOM_OBJECT
} jdom_type;

typedef struct jdom_value jdom_value;

typedef struct jdom_member {
    char *key; /* decoded UTF-8, NUL-terminated (may also contain NUL; see key_len) */
    size_t key_len;
    int line, col; /* where the key starts */
    jdom_value *value;
} jdom_member;

struct jdom_value {
    jdom_type type;
    int line, col;     /* 1-based; columns count characters, not bytes */
    size_t start, end; /* the value's bytes in the source text: [start, end) */
    union {
        bool boolean;
        int64_t integer;
        struct {
            char *text; /* STRING: decoded UTF-8; NUMBER: the literal. NUL-terminated */
            size_t len;
        } str;
        struct {
            jdom_value **items;
            size_t count;
        } arr;
        struct {
            jdom_member *members; /* in document order */
            size_t count;
        } obj;
    } u;
};

typedef struct jdom_error {
    int line, col;
    char message[160];
} jdom_error;

#define JDOM_MAX_DEPTH 200 /* nesting limit: the reader recurses */

/* Parse `len` bytes of `text` (need not be NUL-terminated). On success returns 0 and *out is
 * the tree, released with jdom_free(). On failure returns -1 (not JSON) or -2 (out of memory),
 * *out is NULL and *err (when not NULL) says where and why. */
int jdom_parse(const char *text, size_t len, jdom_value **out, jdom_error *err);

/* Release a tree. NULL is a no-op. */
void jdom_free(jdom_value *v);

/* The member `key` of an object, or NULL (also when v is NULL or not an object). */
const jdom_value *jdom_get(const jdom_value *v, const char *key);

/* Item i of an array, or NULL (also when v is NULL or not an array). */
const jdom_value *jdom_at(const jdom_value *v, size_t i);

/* Items of an array or members of an object; 0 for anything else. */
size_t jdom_count(const jdom_value *v);

/* The string of v when it is a JSON string, else NULL. */
const char *jdom_string(const jdom_value *v);

/* The string member `key` of object v, or "" when it is absent or not a string (for output). */
const char *jdom_get_string(const jdom_value *v, const char *key);

/* Structural equality: same type and value; objects regardless of member order; NUMBERs by
 * their literal text (1.0 and 1.00 differ; an INT never equals a NUMBER). NULL equals NULL. */
bool jdom_equal(const jdom_value *a, const jdom_value *b);

/* Write v as compact JSON (strings escaped as needed). */
void jdom_print(FILE *f, const jdom_value *v);

/* "null", "a boolean", "an integer", "a number", "a string", "an array", "an object". */
const char *jdom_type_name(jdom_type t);

#endif
