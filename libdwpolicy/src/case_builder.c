/* case_builder.c — typed cases for hosts that do not want to write JSON (dwp_case_set_*).
 *
 * A builder keeps each field as its JSON text and evaluation goes through the same strict
 * reader as dwp_eval_json, so both paths accept and refuse exactly the same cases, with the
 * same messages. The builder itself only refuses paths that are not fields and setters of
 * the wrong type, at once, so the host sees the mistake where it made it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "error.h"
#include "strbuf.h"

typedef struct entry {
    char *path;
    char *json; /* the value as JSON text */
} entry;

struct dwp_case {
    entry *entries;
    size_t count, cap;
};

DWP_API int dwp_case_new(dwp_case **out)
{
    dwp_error_clear();
    if (!out) return dwp_error_set_text(DWP_EINVAL, "dwp_case_new: out must not be NULL");
    *out = calloc(1, sizeof **out);
    return *out ? DWP_OK : dwp_error_set_text(DWP_ENOMEM, "out of memory");
}

DWP_API void dwp_case_free(dwp_case *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->count; i++) {
        free(c->entries[i].path);
        free(c->entries[i].json);
    }
    free(c->entries);
    free(c);
}

static const char *const kind_setters[] = {"dwp_case_set_bool", "dwp_case_set_int",
                                           "dwp_case_set_str or dwp_case_set_date", ""};

/* Check the path and the setter's type; DWP_OK or DWP_ESCHEMA/DWP_EINVAL with the message. */
static int check_path(const dwp_case *c, const char *path, int kind)
{
    if (!c || !path)
        return dwp_error_set_text(DWP_EINVAL, "dwp_case_set: case and path must not be NULL");
    int actual = dwp_case_field_kind(path, strlen(path));
    if (actual < 0) {
        /* Named as the JSON reader names a key: bare when it is short, valid UTF-8 without
         * control characters, quotes or backslashes; quoted and escaped otherwise. */
        char shown[160] = "";
        size_t n = strlen(path);
        bool plain = n <= 100 && dwp_utf8_valid(path, n);
        for (const char *p = path; plain && *p; p++)
            plain = (unsigned char)*p >= 0x20 && *p != 0x7F && *p != '"' && *p != '\\';
        if (plain) snprintf(shown, sizeof shown, "%s", path);
        else dwp_error_quote(shown, sizeof shown, path, strlen(path), 100);
        return dwp_error_set(DWP_ESCHEMA, DWP_LANG_ZH, "%s：未知字段", "%s: unknown field", shown);
    }
    if (actual == DWP_FIELD_OBJECT)
        return dwp_error_set(DWP_ESCHEMA, DWP_LANG_ZH, "%s：这是一个对象，请设置其中的字段",
                             "%s: is an object; set its fields", path);
    if (kind >= 0 && actual != kind)
        return dwp_error_set(DWP_ESCHEMA, DWP_LANG_ZH, "%s：类型不符，请用 %s",
                             "%s: wrong type for this field; use %s", path, kind_setters[actual]);
    return DWP_OK;
}

/* Store the JSON text of a value (takes ownership of json). */
static int put(dwp_case *c, const char *path, char *json)
{
    if (!json) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->count; i++)
        if (!strcmp(c->entries[i].path, path)) {
            free(c->entries[i].json);
            c->entries[i].json = json;
            return DWP_OK;
        }
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        entry *grown = realloc(c->entries, cap * sizeof *grown);
        if (!grown) {
            free(json);
            return dwp_error_set_text(DWP_ENOMEM, "out of memory");
        }
        c->entries = grown;
        c->cap = cap;
    }
    size_t n = strlen(path);
    char *copy = malloc(n + 1);
    if (!copy) {
        free(json);
        return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    }
    memcpy(copy, path, n + 1);
    c->entries[c->count++] = (entry){copy, json};
    return DWP_OK;
}

static char *dup_cstr(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

DWP_API int dwp_case_set_int(dwp_case *c, const char *path, int64_t value)
{
    dwp_error_clear();
    int rc = check_path(c, path, DWP_FIELD_INT);
    if (rc != DWP_OK) return rc;
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)value);
    return put(c, path, dup_cstr(buf));
}

DWP_API int dwp_case_set_bool(dwp_case *c, const char *path, int32_t value)
{
    dwp_error_clear();
    int rc = check_path(c, path, DWP_FIELD_BOOL);
    if (rc != DWP_OK) return rc;
    return put(c, path, dup_cstr(value ? "true" : "false"));
}

DWP_API int dwp_case_set_str(dwp_case *c, const char *path, const char *value)
{
    dwp_error_clear();
    int rc = check_path(c, path, DWP_FIELD_STRING);
    if (rc != DWP_OK) return rc;
    if (!value) return dwp_error_set_text(DWP_EINVAL, "dwp_case_set_str: value must not be NULL");
    if (!dwp_utf8_valid(value, strlen(value)))
        return dwp_error_set(DWP_ESCHEMA, DWP_LANG_ZH, "%s：应为 UTF-8 文本", "%s: expected UTF-8 text",
                             path);
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    dwp_strbuf_put_json_string(&b, value, strlen(value));
    return put(c, path, dwp_strbuf_take(&b));
}

DWP_API int dwp_case_set_date(dwp_case *c, const char *path, int32_t year, int32_t month,
                              int32_t day)
{
    dwp_error_clear();
    int rc = check_path(c, path, DWP_FIELD_STRING);
    if (rc != DWP_OK) return rc;
    /* Formatted as given: a date that does not exist is refused by the reader, by name. */
    char buf[48];
    snprintf(buf, sizeof buf, "\"%04d-%02d-%02d\"", (int)year, (int)month, (int)day);
    return put(c, path, dup_cstr(buf));
}

DWP_API int dwp_case_unset(dwp_case *c, const char *path)
{
    dwp_error_clear();
    int rc = check_path(c, path, -1);
    if (rc != DWP_OK) return rc;
    for (size_t i = 0; i < c->count; i++)
        if (!strcmp(c->entries[i].path, path)) {
            free(c->entries[i].path);
            free(c->entries[i].json);
            c->entries[i] = c->entries[--c->count];
            break;
        }
    return DWP_OK;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

/* Write the members of the object at `prefix` (length plen, "" for the root) from the sorted
 * entries [from, to): fields directly, sub-objects grouped by their next path segment. */
static void write_object(dwp_strbuf *b, const entry *e, size_t from, size_t to, size_t plen)
{
    dwp_strbuf_putc(b, '{');
    bool first = true;
    size_t i = from;
    while (i < to) {
        const char *rest = e[i].path + plen;
        const char *dot = strchr(rest, '.');
        size_t seg = dot ? (size_t)(dot - rest) : strlen(rest);
        if (!first) dwp_strbuf_putc(b, ',');
        first = false;
        dwp_strbuf_put_json_string(b, rest, seg);
        dwp_strbuf_putc(b, ':');
        if (!dot) {
            dwp_strbuf_puts(b, e[i].json);
            i++;
            continue;
        }
        size_t j = i;
        while (j < to && !strncmp(e[j].path + plen, rest, seg + 1)) j++;
        write_object(b, e, i, j, plen + seg + 1);
        i = j;
    }
    dwp_strbuf_putc(b, '}');
}

int dwp_case_builder_json(const dwp_case *c, char **out)
{
    entry *sorted = malloc((c->count ? c->count : 1) * sizeof *sorted);
    if (!sorted) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    if (c->count) memcpy(sorted, c->entries, c->count * sizeof *sorted);
    qsort(sorted, c->count, sizeof *sorted, by_path);
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    write_object(&b, sorted, 0, c->count, 0);
    free(sorted);
    *out = dwp_strbuf_take(&b);
    return *out ? DWP_OK : dwp_error_set_text(DWP_ENOMEM, "out of memory");
}

DWP_API int dwp_case_to_json(const dwp_case *c, char **out)
{
    dwp_error_clear();
    if (out) *out = NULL;
    if (!c || !out) return dwp_error_set_text(DWP_EINVAL, "dwp_case_to_json: arguments must not be NULL");
    return dwp_case_builder_json(c, out);
}
