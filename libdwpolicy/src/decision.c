/* decision.c — building one benefit's decision: conditions, reasons, parameter reads. */
#include "decision.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* ---- Arena ------------------------------------------------------------------------------ */

struct dwp_arena_chunk {
    struct dwp_arena_chunk *next;
    char data[];
};

void dwp_arena_init(dwp_arena *a, char *initial, size_t cap)
{
    a->block = initial;
    a->used = 0;
    a->cap = cap;
    a->chunks = NULL;
    a->failed = false;
}

void *dwp_arena_alloc(dwp_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (a->cap - a->used < n) {
        size_t cap = n > 4096 ? n : 4096;
        struct dwp_arena_chunk *c = malloc(sizeof *c + cap);
        if (!c) {
            a->failed = true;
            return NULL;
        }
        c->next = a->chunks;
        a->chunks = c;
        a->block = c->data;
        a->used = 0;
        a->cap = cap;
    }
    void *p = a->block + a->used;
    a->used += n;
    return p;
}

void dwp_arena_shrink_last(dwp_arena *a, void *p, size_t n)
{
    /* Only the latest allocation of the current block can give bytes back. */
    n = (n + 7) & ~(size_t)7;
    if ((char *)p >= a->block && (char *)p + n <= a->block + a->used) a->used = (size_t)((char *)p - a->block) + n;
}

void dwp_arena_release(dwp_arena *a)
{
    while (a->chunks) {
        struct dwp_arena_chunk *next = a->chunks->next;
        free(a->chunks);
        a->chunks = next;
    }
}

/* ---- Decisions -------------------------------------------------------------------------- */

static const char *const category_names[DWP_CATEGORY_COUNT] = {
    "orphan",   "de_facto_unsupported", "poverty",     "disability", "serious_illness",
    "guardianship", "crime_victim",     "left_behind", "migrant"};

const char *dwp_category_name(int bit_index) { return category_names[bit_index]; }

void dwp_decision_begin(const dwp_eval *ev, dwp_decision *d)
{
    d->status = DWP_STATUS_ELIGIBLE;
    d->amount = 0;
    d->has_amount = false;
    d->handling_region = ev->c->region;
    d->decided_by = ev->default_decider;
    d->n_failed = d->n_reasons = d->n_params = d->n_missing = 0;
    d->error = NULL;
    d->error_kind = DWP_ERRK_NONE;
    d->basis = NULL;
    d->services = 0;
}

void dwp_reason_put(dwp_decision *d, const char *code, uint16_t code_len, bool ok,
                    const char *text, uint32_t len)
{
    if (d->n_reasons == DWP_MAX_REASONS) return;
    if (!len) len = (uint32_t)strlen(text);
    d->reasons[d->n_reasons++] =
        (dwp_reason){.code = code, .text = text, .text_len = len, .code_len = code_len, .ok = ok};
}

/* The reasons are formatted on every evaluation, so instead of vsnprintf a small formatter
 * for the conversions the rules use: %s, %d, %02d and %%. Output is cut at `size`. */
static size_t format_reason(char *buf, size_t size, const char *fmt, va_list ap)
{
    size_t o = 0;
    const char *f = fmt;
    while (*f && o + 1 < size) {
        /* Copy the literal run up to the next conversion in one go. */
        const char *pct = strchr(f, '%');
        size_t run = pct ? (size_t)(pct - f) : strlen(f);
        if (run > size - 1 - o) run = size - 1 - o;
        memcpy(buf + o, f, run);
        o += run;
        f += run;
        if (*f != '%') break;
        f++;
        if (*f == '%') {
            buf[o++] = '%';
        } else if (*f == 's') {
            const char *arg = va_arg(ap, const char *);
            size_t n = strlen(arg);
            if (n > size - 1 - o) n = size - 1 - o;
            memcpy(buf + o, arg, n);
            o += n;
        } else if (*f == 'd' || (f[0] == '0' && f[1] == '2' && f[2] == 'd')) {
            int min_digits = *f == 'd' ? 1 : 2;
            if (*f != 'd') f += 2;
            int v = va_arg(ap, int);
            /* Nearly every number in a reason is an age, a grade or a month: below 100. */
            if (v >= 0 && v < 100 && o + 2 < size) {
                if (v >= 10 || min_digits == 2) buf[o++] = (char)('0' + v / 10);
                buf[o++] = (char)('0' + v % 10);
                f++;
                continue;
            }
            char tmp[16];
            int n = 0;
            unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
            do {
                tmp[n++] = (char)('0' + u % 10);
                u /= 10;
            } while (u || n < min_digits);
            if (v < 0) tmp[n++] = '-';
            while (n && o + 1 < size) buf[o++] = tmp[--n];
        } else {
            break; /* a conversion the rules do not use: stop rather than misread args */
        }
        f++;
    }
    buf[o] = '\0';
    return o;
}

static void add_reason_v(const dwp_eval *ev, dwp_decision *d, const char *code,
                         uint16_t code_len, bool ok, const char *zh_fmt, const char *en_fmt, va_list ap)
{
    if (d->n_reasons == DWP_MAX_REASONS) return;
    /* Formatted straight into the arena, which then keeps only what was written. */
    char *text = dwp_arena_alloc(ev->arena, DWP_REASON_MAX);
    if (!text) return;
    size_t len = format_reason(text, DWP_REASON_MAX, ev->lang == DWP_LANG_EN ? en_fmt : zh_fmt, ap);
    dwp_arena_shrink_last(ev->arena, text, len + 1);
    d->reasons[d->n_reasons++] =
        (dwp_reason){.code = code, .text = text, .text_len = (uint32_t)len, .code_len = code_len, .ok = ok};
}

void dwp_reason_addf_l(const dwp_eval *ev, dwp_decision *d, const char *code, uint16_t code_len,
                       bool ok, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    va_start(ap, en_fmt);
    add_reason_v(ev, d, code, code_len, ok, zh_fmt, en_fmt, ap);
    va_end(ap);
}

void dwp_check_l(const dwp_eval *ev, dwp_decision *d, const char *code, uint16_t code_len,
                 bool ok, const char *zh_fmt, const char *en_fmt, ...)
{
    va_list ap;
    va_start(ap, en_fmt);
    add_reason_v(ev, d, code, code_len, ok, zh_fmt, en_fmt, ap);
    va_end(ap);
    if (!ok) d->n_failed++;
}

void dwp_missing_add(dwp_decision *d, const char *field)
{
    for (uint32_t i = 0; i < d->n_missing; i++)
        if (!strcmp(d->missing[i], field)) return;
    if (d->n_missing < DWP_MAX_MISSING) d->missing[d->n_missing++] = field;
}

static void record_param(dwp_decision *d, dwp_param_id id, const dwp_param_entry *en)
{
    for (uint32_t i = 0; i < d->n_params; i++)
        if (d->params[i] == en) return;
    if (d->n_params == DWP_MAX_PARAMS_USED) return;
    d->param_ids[d->n_params] = (uint8_t)id;
    d->params[d->n_params++] = en;
}

/* Mark the decision as an error with a copy of msg (the arena outlives the decision). */
static bool param_error(const dwp_eval *ev, dwp_decision *d, const char *msg)
{
    size_t len = strlen(msg);
    char *copy = dwp_arena_alloc(ev->arena, len + 1);
    if (copy) memcpy(copy, msg, len + 1);
    d->status = DWP_STATUS_ERROR;
    d->error_kind = DWP_ERRK_RULES;
    d->error = copy ? copy : "parameter has no value";
    return false;
}

bool dwp_param_read_in(const dwp_eval *ev, dwp_decision *d, int region_index,
                       dwp_param_id id, int64_t *value)
{
    const dwp_engine *e = ev->engine;
    int defined_by;
    const dwp_param_entry *en = dwp_engine_param_at(e, region_index, id, ev->c->as_of, &defined_by);
    if (en) {
        record_param(d, id, en);
        *value = en->value;
        return true;
    }
    char msg[512];
    dwp_param_missing_text(e, region_index, id, ev->c->as_of, defined_by, ev->lang, msg,
                           sizeof msg);
    return param_error(ev, d, msg);
}

bool dwp_param_read(const dwp_eval *ev, dwp_decision *d, dwp_param_id id, int64_t *value)
{
    return dwp_param_read_in(ev, d, ev->chain[0], id, value);
}

int dwp_decision_settle(dwp_decision *d)
{
    if (d->status == DWP_STATUS_ERROR) return d->status;
    if (d->n_failed) d->status = DWP_STATUS_INELIGIBLE;
    else if (d->n_missing) d->status = DWP_STATUS_INDETERMINATE;
    else d->status = DWP_STATUS_ELIGIBLE;
    return d->status;
}

void dwp_decision_zero_is_ineligible(const dwp_eval *ev, dwp_decision *d, dwp_text why)
{
    if (d->status != DWP_STATUS_ELIGIBLE || d->amount != 0) return;
    dwp_reason_add(ev, d, "amount", false, why);
    d->n_failed++;
    d->status = DWP_STATUS_INELIGIBLE;
}
