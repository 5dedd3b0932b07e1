/* result_json.c — writes the SPEC §3 result. Field order is fixed, so the same case gives
 * byte-identical JSON on every platform and through every binding.
 *
 * Writing is most of an evaluation's cost, so it is done in two passes over the decisions:
 * the first bounds the size of the result (every length is known: pre-rendered pieces, reason
 * texts, parameter JSON; text from outside is bounded by its escaped worst case), the buffer
 * is allocated once at that size, and the second writes unchecked. What does not depend on the
 * case — a benefit's id, title, status, period, kind and basis, the services, the ruleset — is
 * rendered once, when the engine opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "evaluate.h"

static const char *const status_names[] = {"eligible", "ineligible", "indeterminate", "error"};
static const char *const period_names[] = {"month", "year", "once", "claim"};
static const char *const kind_names[] = {"payment", "cap", "waiver"};

/* ---- Pieces rendered when the engine opens ------------------------------------------------ */

/* What a benefit's object always says, in each language ([lang]) and status ([status]). */
typedef struct benefit_pieces {
    /* {"id":…,"title":…,"status":"…","amount_fen": */
    dwp_json_piece head[2][4];
    /* The head, the amount when the status fixes it (0 when ineligible, else null) and the
     * tail: the whole start of nearly every decision, up to its handling region. */
    dwp_json_piece whole[2][4];
    /* ,"period":"…","kind":"…","basis":…,"discretionary":…,"handling_region": */
    dwp_json_piece tail;
    /* The longest start of a decision from these pieces, up to the handling region (a head,
     * an amount and the tail): the room a decision asks for it. */
    size_t start_max;
    /* The tail split around the basis, for a basis a rule gave. */
    dwp_json_piece before_basis, after_basis;
    /* {"benefit":"…","text": — an entry of errors[] */
    dwp_json_piece error_head;
    /* {"code":"param.placeholder","benefit":"…","param": — a placeholder warning, then the
     * parameter's name, then ,"text":"…, the name again and the end of the sentence. */
    dwp_json_piece warning_head;
    dwp_json_piece warning_text[2];
} benefit_pieces;

struct dwp_result_pieces {
    benefit_pieces *benefit; /* catalogue, then local rules (dwp_evaluation.benefit_index) */
    /* {"id":…,"title":…,"basis":…,"text":…}, and all of them together (a bound) */
    dwp_json_piece service[2][DWP_SERVICE_COUNT];
    size_t services_len[2];
    /* "orphan", and all of them together */
    dwp_json_piece category[DWP_CATEGORY_COUNT];
    size_t categories_len;
    /* "dibao.standard.urban" (with its quotes) */
    dwp_json_piece param_name[DWP_PARAM_COUNT];
    /* The longest params[] entry of the engine, and its comma: a decision's parameters are
     * the engine's entries, so n of them take at most n times this (no sum per decision). */
    size_t param_max;
    /* ],"ruleset":{"name":…,"sha256":"…"},"engine":"libdwpolicy …"} */
    dwp_json_piece end;
};

/* The end of a placeholder warning's text, after the parameter's name. */
#define WARNING_END_EN                                                                         \
    ", which is a placeholder (no official figure found): set it in the region's rule file\"},"
#define WARNING_END_ZH " 为占位值（未查到正式标准），请在本地区规则文件中设定\"},"
static const dwp_json_piece warning_end[2] = {
    [DWP_LANG_ZH] = {WARNING_END_ZH, sizeof WARNING_END_ZH - 1},
    [DWP_LANG_EN] = {WARNING_END_EN, sizeof WARNING_END_EN - 1},
};

#define PUT_LIT(b, s) dwp_strbuf_append((b), (s), sizeof(s) - 1)

/* Text from outside the library (rule files, paths): escaped. */
static void put_str(dwp_strbuf *b, const char *s) { dwp_strbuf_put_json_string(b, s, strlen(s)); }

/* Text that is the library's own unless `untrusted`. */
static void put_text(dwp_strbuf *b, const char *s, bool untrusted)
{
    if (untrusted) put_str(b, s);
    else dwp_strbuf_put_plain_string(b, s);
}

static void render_head(dwp_strbuf *b, const dwp_benefit *bf, int lang, int status)
{
    PUT_LIT(b, "{\"id\":");
    dwp_strbuf_put_plain_string(b, bf->id); /* local ids are checked to be [a-z0-9_.] */
    PUT_LIT(b, ",\"title\":");
    put_text(b, dwp_text_in(bf->title, lang), bf->untrusted_text);
    PUT_LIT(b, ",\"status\":\"");
    dwp_strbuf_puts(b, status_names[status]);
    PUT_LIT(b, "\",\"amount_fen\":");
}

static void render_before_basis(dwp_strbuf *b, const dwp_benefit *bf)
{
    PUT_LIT(b, ",\"period\":\"");
    dwp_strbuf_puts(b, period_names[bf->period]);
    PUT_LIT(b, "\",\"kind\":\"");
    dwp_strbuf_puts(b, kind_names[bf->kind]);
    PUT_LIT(b, "\",\"basis\":");
}

static void render_after_basis(dwp_strbuf *b, const dwp_benefit *bf)
{
    PUT_LIT(b, ",\"discretionary\":");
    dwp_strbuf_puts(b, bf->discretionary ? "true" : "false");
    PUT_LIT(b, ",\"handling_region\":");
}

static void render_tail(dwp_strbuf *b, const dwp_benefit *bf)
{
    render_before_basis(b, bf);
    put_text(b, bf->basis, bf->untrusted_text);
    render_after_basis(b, bf);
}

static const dwp_benefit *benefit_at(const dwp_engine *e, size_t i)
{
    return i < dwp_catalogue_count ? &dwp_catalogue[i] : &e->local_rules[i - dwp_catalogue_count].info;
}

/* Copy what b holds into the engine's strings as *out, and empty b. */
static bool keep_piece(dwp_engine *e, dwp_strbuf *b, dwp_json_piece *out)
{
    out->len = b->len;
    out->text = b->failed ? NULL : dwp_engine_strdup(e, b->data, b->len);
    b->len = 0;
    return out->text != NULL;
}

static bool build_benefit(dwp_engine *e, dwp_strbuf *b, const dwp_benefit *bf, benefit_pieces *p)
{
    bool ok = true;
    for (int lang = 0; lang < 2; lang++)
        for (int status = 0; status < 4; status++) {
            render_head(b, bf, lang, status);
            ok &= keep_piece(e, b, &p->head[lang][status]);
            render_head(b, bf, lang, status);
            /* Ineligible pays nothing; the others do not know the amount here (an eligible
             * decision with an amount is written from the head). */
            if (status == DWP_STATUS_INELIGIBLE) PUT_LIT(b, "0");
            else PUT_LIT(b, "null");
            render_tail(b, bf);
            ok &= keep_piece(e, b, &p->whole[lang][status]);
        }
    render_tail(b, bf);
    ok &= keep_piece(e, b, &p->tail);
    for (int lang = 0; lang < 2; lang++)
        for (int status = 0; status < 4; status++)
            if (p->head[lang][status].len + DWP_INT_MAX_CHARS + p->tail.len > p->start_max)
                p->start_max = p->head[lang][status].len + DWP_INT_MAX_CHARS + p->tail.len;
    render_before_basis(b, bf);
    ok &= keep_piece(e, b, &p->before_basis);
    render_after_basis(b, bf);
    ok &= keep_piece(e, b, &p->after_basis);

    PUT_LIT(b, "{\"benefit\":");
    dwp_strbuf_put_plain_string(b, bf->id);
    PUT_LIT(b, ",\"text\":");
    ok &= keep_piece(e, b, &p->error_head);
    PUT_LIT(b, "{\"code\":\"param.placeholder\",\"benefit\":");
    dwp_strbuf_put_plain_string(b, bf->id);
    PUT_LIT(b, ",\"param\":");
    ok &= keep_piece(e, b, &p->warning_head);
    PUT_LIT(b, ",\"text\":\"");
    dwp_strbuf_puts(b, bf->id);
    PUT_LIT(b, " rests on parameter ");
    ok &= keep_piece(e, b, &p->warning_text[DWP_LANG_EN]);
    PUT_LIT(b, ",\"text\":\"“");
    /* A local rule's title is rule text and would need escaping here: its id. */
    dwp_strbuf_puts(b, bf->untrusted_text ? bf->id : bf->title.zh);
    PUT_LIT(b, "”所用参数 ");
    ok &= keep_piece(e, b, &p->warning_text[DWP_LANG_ZH]);
    return ok;
}

int dwp_result_pieces_build(dwp_engine *e)
{
    dwp_result_pieces *p = calloc(1, sizeof *p);
    if (!p) return DWP_ENOMEM;
    e->result_pieces = p;
    p->benefit = calloc(e->benefit_count + 1, sizeof *p->benefit);
    if (!p->benefit) return DWP_ENOMEM;
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    bool ok = true;
    for (size_t i = 0; i < e->benefit_count && ok; i++)
        ok &= build_benefit(e, &b, benefit_at(e, i), &p->benefit[i]);

    for (int lang = 0; lang < 2; lang++)
        for (int s = 0; s < DWP_SERVICE_COUNT; s++) {
            const dwp_service *sv = &dwp_services[s];
            PUT_LIT(&b, "{\"id\":");
            dwp_strbuf_put_plain_string(&b, sv->id);
            PUT_LIT(&b, ",\"title\":");
            dwp_strbuf_put_plain_string(&b, dwp_text_in(sv->title, lang));
            PUT_LIT(&b, ",\"basis\":");
            dwp_strbuf_put_plain_string(&b, sv->basis);
            PUT_LIT(&b, ",\"text\":");
            dwp_strbuf_put_plain_string(&b, dwp_text_in(sv->text, lang));
            PUT_LIT(&b, "},");
            ok &= keep_piece(e, &b, &p->service[lang][s]);
            p->services_len[lang] += p->service[lang][s].len;
        }
    for (int i = 0; i < DWP_CATEGORY_COUNT; i++) {
        dwp_strbuf_put_plain_string(&b, dwp_category_name(i));
        dwp_strbuf_putc(&b, ',');
        ok &= keep_piece(e, &b, &p->category[i]);
        p->categories_len += p->category[i].len;
    }
    for (int i = 0; i < DWP_PARAM_COUNT; i++) {
        dwp_strbuf_put_plain_string(&b, dwp_param_name((dwp_param_id)i));
        ok &= keep_piece(e, &b, &p->param_name[i]);
    }
    for (size_t i = 0; i < e->regions.count * DWP_PARAM_COUNT; i++) {
        const dwp_param_series *se = &e->series[i];
        for (uint32_t k = 0; k < se->count; k++)
            if (se->entries[k].json_len + 1 > p->param_max) p->param_max = se->entries[k].json_len + 1;
    }
    PUT_LIT(&b, "],\"ruleset\":{\"name\":");
    put_str(&b, e->ruleset_name);
    PUT_LIT(&b, ",\"sha256\":\"");
    dwp_strbuf_append(&b, e->ruleset_sha256, 64);
    PUT_LIT(&b, "\"},\"engine\":\"libdwpolicy " DWP_VERSION_STRING "\"}");
    ok &= keep_piece(e, &b, &p->end);
    dwp_strbuf_free(&b);
    return ok ? DWP_OK : DWP_ENOMEM;
}

void dwp_result_pieces_free(dwp_engine *e)
{
    if (!e->result_pieces) return;
    free(e->result_pieces->benefit);
    free(e->result_pieces);
    e->result_pieces = NULL;
}

/* Index of the lowest bit set in m (not 0): sets of flags are written by their set bits. */
static inline int lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return __builtin_ctzll(m);
#else
    int i = 0;
    while (!(m & 1)) m >>= 1, i++;
    return i;
#endif
}

/* ---- Per case ----------------------------------------------------------------------------- */

/* A region code as a JSON string, written unchecked: at most REGION_MAX_CHARS bytes. */
#define REGION_MAX_CHARS (2 + 11)

#define LIT_LEN(s) (sizeof(s) - 1)
#define DECIDED_BY ",\"decided_by\":"
#define REASONS ",\"reasons\":["
/* "510104","decided_by":"510000","reasons":[ */
#define REGIONS_LEN (8 + LIT_LEN(DECIDED_BY) + 8 + LIT_LEN(REASONS))
/* The same for any two regions. */
#define REGIONS_MAX (2 * REGION_MAX_CHARS + LIT_LEN(DECIDED_BY) + LIT_LEN(REASONS))

/* The decisions that warn of a placeholder are marked in a 64-bit set while they are written. */
_Static_assert(DWP_DECISIONS_MAX <= 64, "a decision's bit in writer.warns");

/* A result being written: where it is written, the pieces of the engine, and the regions
 * of the case's chain, looked up once per result (every decision names two regions, handling
 * and deciding, nearly always the case's own region and one of its chain). */
typedef struct writer {
    dwp_strbuf *b;
    char *end; /* of the room in b, but for the byte kept for the NUL */
    const dwp_evaluation *x;
    const dwp_result_pieces *rp;
    int lang;
    int n; /* regions in the chain */
    int32_t code[DWP_CHAIN_MAX];
    char quoted[DWP_CHAIN_MAX][8]; /* "510104" with its quotes */
    /* The regions of a decision handled in the case's region and decided by chain[k]. */
    char regions[DWP_CHAIN_MAX][REGIONS_LEN];
    uint64_t warns; /* bit i: decision i warns of a placeholder parameter */
    bool errors;    /* a decision has status error */
} writer;

static void writer_init(writer *wr, const dwp_evaluation *x, dwp_strbuf *b)
{
    const dwp_engine *e = x->ev.engine;
    wr->b = b;
    wr->end = NULL;
    wr->x = x;
    wr->rp = e->result_pieces;
    wr->lang = x->ev.lang;
    wr->warns = 0;
    wr->errors = false;
    wr->n = x->ev.chain_len;
    for (int k = 0; k < wr->n; k++) {
        const dwp_region *r = &e->regions.list[x->ev.chain[k]];
        wr->code[k] = r->code;
        wr->quoted[k][0] = '"';
        memcpy(&wr->quoted[k][1], r->code_text, 6);
        wr->quoted[k][7] = '"';
    }
    for (int k = 0; k < wr->n; k++) {
        char *w = dwp_raw_put(wr->regions[k], wr->quoted[0], 8);
        DWP_RAW_LIT(w, DECIDED_BY);
        w = dwp_raw_put(w, wr->quoted[k], 8);
        DWP_RAW_LIT(w, REASONS);
    }
}

static char *room_grow(writer *wr, char *w, size_t n)
{
    dwp_strbuf_set_end(wr->b, w);
    if (!dwp_strbuf_reserve(wr->b, n)) return NULL;
    wr->end = wr->b->data + wr->b->cap - 1;
    return dwp_strbuf_end(wr->b);
}

/* Room for n more bytes at w: w, or where it moved to when the buffer grew; NULL when out of
 * memory. The writing between two calls is unchecked, so each call names what follows. */
static inline char *room(writer *wr, char *w, size_t n)
{
    return (size_t)(wr->end - w) >= n ? w : room_grow(wr, w, n);
}

/* The rare case of raw_region: a region outside the chain, searched for. */
static char *raw_region_other(char *w, const writer *wr, int32_t code)
{
    const dwp_regions *regions = &wr->x->ev.engine->regions;
    int i = dwp_regions_find(regions, code);
    *w++ = '"';
    if (i >= 0) w = dwp_raw_put(w, regions->list[i].code_text, 6);
    else w = dwp_raw_int(w, code);
    *w++ = '"';
    return w;
}

static char *raw_region(char *w, const writer *wr, int32_t code)
{
    for (int k = 0; k < wr->n; k++)
        if (wr->code[k] == code) return dwp_raw_put(w, wr->quoted[k], 8);
    return raw_region_other(w, wr, code);
}

/* raw_regions but for a decision handled in the case's region and decided by the province. */
static char *raw_regions_other(char *w, const writer *wr, int32_t handling, int32_t decider)
{
    if (handling == wr->code[0])
        for (int k = 0; k < wr->n; k++)
            if (wr->code[k] == decider) return dwp_raw_put(w, wr->regions[k], REGIONS_LEN);
    w = raw_region(w, wr, handling);
    DWP_RAW_LIT(w, DECIDED_BY);
    w = raw_region(w, wr, decider);
    DWP_RAW_LIT(w, REASONS);
    return w;
}

/* "handling","decided_by":"decider","reasons":[ — at most REGIONS_MAX bytes. Most decisions
 * are handled in the case's region (the chain's first) and decided by the province (its
 * last): one test, and a copy of a fixed size. */
static inline char *raw_regions(char *w, const writer *wr, int32_t handling, int32_t decider)
{
    int last = wr->n - 1;
    if (handling == wr->code[0] && decider == wr->code[last])
        return dwp_raw_put(w, wr->regions[last], REGIONS_LEN);
    return raw_regions_other(w, wr, handling, decider);
}

/* Text from outside the library as a JSON string, unchecked: at most json_bound(n) bytes. */
static size_t json_bound(size_t n) { return n * DWP_JSON_ESCAPE_MAX + 2; }

static char *raw_json(char *w, const char *s, size_t n)
{
    *w++ = '"';
    w = dwp_raw_json_escaped(w, s, n);
    *w++ = '"';
    return w;
}

/* A list's items are each written with a comma after them: drop the last one (before the
 * list's closing bracket). Without a branch: whether a list is empty varies from decision to
 * decision, which a processor cannot predict. */
static inline char *drop_comma(char *w) { return w - (w[-1] == ','); }

#define REASON_OPEN "{\"code\":\""
/* What follows a reason's code, up to its text's opening quote, by ok: copied as 24 bytes (a
 * fixed-size copy, no branch), of which the length of the piece is kept (true is one byte
 * shorter than false; the rest is overwritten by the text and what follows it). */
#define OK_FALSE "\",\"ok\":false,\"text\":\""
static const char reason_ok[2][24] = {OK_FALSE, "\",\"ok\":true,\"text\":\""};
#define REASON_FRAMING (LIT_LEN(REASON_OPEN) + sizeof reason_ok[0] + LIT_LEN("\"},"))
#define PARAMS "],\"params\":["
#define MISSING "],\"missing\":["
#define DECISION_END "]},"
/* What follows a decision's reasons but for its parameters, missing fields and error. */
#define DECISION_END_MAX (LIT_LEN(PARAMS) + LIT_LEN(MISSING) + LIT_LEN(DECISION_END))
#define ERROR_OPEN "],\"error\":"

/* A reason of the library's own whose code and text are no longer than this together is
 * written in the room its decision made for every reason (nearly all are far shorter); one
 * from rule code (escaped) or a longer one makes its own. Reserving a fixed share per reason
 * spares summing their lengths. */
#define REASON_SHORT 512
#define REASON_SHORT_MAX (REASON_FRAMING + REASON_SHORT)

/* Between two reasons: the end of one and the start of the next. */
#define REASON_NEXT "\"},{\"code\":\""

/* A reason's code and what follows it up to its text. */
static inline char *raw_reason_code(char *w, const char *code, size_t code_len, bool ok)
{
    w = dwp_raw_put_short(w, code, code_len);
    memcpy(w, reason_ok[ok], sizeof reason_ok[0]);
    return w + LIT_LEN(OK_FALSE) - ok;
}

/* A reason that makes its own room: text from rule code (escaped) or a long one. `rest`: the
 * room needed after it. */
static char *write_reason_alone(writer *wr, char *w, const dwp_reason *r, size_t rest)
{
    size_t text_max = r->untrusted ? json_bound(r->text_len) : r->text_len;
    if (!(w = room(wr, w, REASON_FRAMING + r->code_len + text_max + rest))) return NULL;
    w = raw_reason_code(w, r->code, r->code_len, r->ok);
    if (r->untrusted) w = dwp_raw_json_escaped(w, r->text, r->text_len);
    else w = dwp_raw_put(w, r->text, r->text_len);
    DWP_RAW_LIT(w, REASON_NEXT);
    return w;
}

/* The reasons of d, up to the "}" of the last. `after`: the room the decision needs after
 * them. */
static char *write_reasons(writer *wr, char *w, const dwp_decision *d, size_t after)
{
    const dwp_reason *rs = d->reasons, *last = rs + d->n_reasons;
    DWP_RAW_LIT(w, REASON_OPEN);
    for (; rs < last; rs++) {
        /* All read before the first write: a write through char * could alias them. */
        const char *code = rs->code, *text = rs->text;
        size_t code_len = rs->code_len, text_len = rs->text_len;
        bool ok = rs->ok;
        /* One test (| rather than ||) for both rare cases. */
        if (rs->untrusted | (code_len + text_len > REASON_SHORT)) {
            size_t rest = (size_t)(last - rs - 1) * REASON_SHORT_MAX + after;
            if (!(w = write_reason_alone(wr, w, rs, rest))) return NULL;
            continue;
        }
        w = raw_reason_code(w, code, code_len, ok);
        w = dwp_raw_copy(w, text, text_len);
        DWP_RAW_LIT(w, REASON_NEXT);
    }
    /* Cut the last one's REASON_NEXT back to its "}, or with no reasons the REASON_OPEN. */
    return w - (d->n_reasons ? LIT_LEN(REASON_NEXT) - LIT_LEN("\"}") : LIT_LEN(REASON_OPEN));
}

/* The start of a decision with an amount or a basis of its own, up to its handling region.
 * `need`: the room made for the decision (a basis asks for more). */
static char *write_start(writer *wr, char *w, const dwp_decision *d, const benefit_pieces *bp,
                         size_t need)
{
    int status = d->status;
    const char *basis = d->basis;
    size_t basis_len = basis ? strlen(basis) : 0;
    if (basis) {
        need += bp->before_basis.len + json_bound(basis_len) + bp->after_basis.len;
        if (!(w = room(wr, w, need))) return NULL;
    }
    const dwp_json_piece *head = &bp->head[wr->lang][status];
    w = dwp_raw_put(w, head->text, head->len);
    /* Ineligible pays nothing; indeterminate and error do not know the amount. */
    if (status == DWP_STATUS_ELIGIBLE && d->has_amount) w = dwp_raw_int(w, d->amount);
    else if (status == DWP_STATUS_INELIGIBLE) *w++ = '0';
    else DWP_RAW_LIT(w, "null");
    if (basis) {
        w = dwp_raw_put(w, bp->before_basis.text, bp->before_basis.len);
        w = raw_json(w, basis, basis_len);
        return dwp_raw_put(w, bp->after_basis.text, bp->after_basis.len);
    }
    return dwp_raw_put(w, bp->tail.text, bp->tail.len);
}

/* Decision i (d, the benefit's pieces bp), and a comma. */
static char *write_decision(writer *wr, char *w, size_t i, const dwp_decision *d,
                            const benefit_pieces *bp)
{
    int status = d->status;
    uint32_t n_params = d->n_params, n_missing = d->n_missing;
    const dwp_param_entry *const *params = d->params;

    /* The room for all but a rule's basis, the missing fields and the error (rare, given
     * their own), in bounds known without looking at the pieces: the start, the regions,
     * a share per reason, a share per parameter and the end. */
    size_t after = n_params * wr->rp->param_max + DECISION_END_MAX;
    size_t need = bp->start_max + REGIONS_MAX + d->n_reasons * REASON_SHORT_MAX + after;
    if (!(w = room(wr, w, need))) return NULL;

    if (d->basis || (status == DWP_STATUS_ELIGIBLE && d->has_amount)) {
        if (!(w = write_start(wr, w, d, bp, need))) return NULL;
    } else { /* the whole start is one piece */
        const dwp_json_piece *whole = &bp->whole[wr->lang][status];
        w = dwp_raw_put(w, whole->text, whole->len);
    }
    w = raw_regions(w, wr, d->handling_region, d->decided_by);
    if (!(w = write_reasons(wr, w, d, after))) return NULL;
    DWP_RAW_LIT(w, PARAMS);
    bool placeholder = false;
    for (uint32_t p = 0; p < n_params; p++) {
        const dwp_param_entry *pe = params[p];
        placeholder |= pe->confidence == DWP_CONF_PLACEHOLDER;
        w = dwp_raw_put(w, pe->json, pe->json_len);
        *w++ = ',';
    }
    /* Only an eligible decision warns of a placeholder. */
    wr->warns |= (uint64_t)(placeholder & (status == DWP_STATUS_ELIGIBLE)) << i;
    w = drop_comma(w);
    DWP_RAW_LIT(w, MISSING);
    for (uint32_t m = 0; m < n_missing; m++) {
        size_t len = strlen(d->missing[m]);
        if (!(w = room(wr, w, len + 3 + LIT_LEN(DECISION_END)))) return NULL;
        *w++ = '"';
        w = dwp_raw_put(w, d->missing[m], len);
        DWP_RAW_LIT(w, "\",");
    }
    w = drop_comma(w);
    if (status == DWP_STATUS_ERROR) {
        const char *error = d->error ? d->error : "";
        size_t len = strlen(error);
        wr->errors = true;
        if (!(w = room(wr, w, LIT_LEN(ERROR_OPEN) + json_bound(len) + 2))) return NULL;
        DWP_RAW_LIT(w, ERROR_OPEN);
        w = raw_json(w, error, len);
        DWP_RAW_LIT(w, "},");
    } else {
        DWP_RAW_LIT(w, DECISION_END);
    }
    return w;
}

/* The warnings of the decisions marked in wr->warns. */
static char *write_warnings(writer *wr, char *w)
{
    const dwp_evaluation *x = wr->x;
    const dwp_json_piece *end = &warning_end[wr->lang];
    for (uint64_t marked = wr->warns; marked; marked &= marked - 1) {
        size_t i = (size_t)lowest_bit(marked);
        const dwp_decision *d = &x->decisions[i];
        const benefit_pieces *bp = &wr->rp->benefit[x->benefit_index[i]];
        const dwp_json_piece *text = &bp->warning_text[wr->lang];
        for (uint32_t p = 0; p < d->n_params; p++) {
            if (d->params[p]->confidence != DWP_CONF_PLACEHOLDER) continue;
            const dwp_json_piece *name = &wr->rp->param_name[d->param_ids[p]];
            if (!(w = room(wr, w, bp->warning_head.len + 2 * name->len + text->len + end->len)))
                return NULL;
            w = dwp_raw_copy(w, bp->warning_head.text, bp->warning_head.len);
            w = dwp_raw_copy(w, name->text, name->len);
            w = dwp_raw_copy(w, text->text, text->len);
            w = dwp_raw_copy(w, name->text + 1, name->len - 2); /* in the text: no quotes */
            w = dwp_raw_put(w, end->text, end->len);
        }
    }
    return w;
}

static char *write_errors(writer *wr, char *w)
{
    const dwp_evaluation *x = wr->x;
    for (size_t i = 0; i < x->count; i++) {
        const dwp_decision *d = &x->decisions[i];
        if (d->status != DWP_STATUS_ERROR) continue;
        const dwp_json_piece *head = &wr->rp->benefit[x->benefit_index[i]].error_head;
        const char *error = d->error ? d->error : "";
        size_t len = strlen(error);
        if (!(w = room(wr, w, head->len + json_bound(len) + 2))) return NULL;
        w = dwp_raw_put(w, head->text, head->len);
        w = raw_json(w, error, len);
        DWP_RAW_LIT(w, "},");
    }
    return w;
}

/* The first reservation: nearly every result fits (about 9 KB, in English a little more,
 * and each decision asks for room for REASON_SHORT_MAX per reason). */
#define RESULT_FIRST_ROOM (16 * 1024)

static char *write_result(writer *wr, char *w)
{
    const dwp_evaluation *x = wr->x;
    const dwp_facts *c = &x->c;
    const dwp_result_pieces *rp = wr->rp;
    int lang = wr->lang;
    size_t case_id_len = c->has_case_id ? strlen(c->case_id) : 0;
    /* case_id (escaped, at most 6 bytes per byte), dates, regions, age, categories */
    if (!(w = room(wr, w, 256 + json_bound(case_id_len) + rp->categories_len))) return NULL;
    DWP_RAW_LIT(w, "{\"case_id\":");
    if (c->has_case_id) w = raw_json(w, c->case_id, case_id_len);
    else DWP_RAW_LIT(w, "null");
    DWP_RAW_LIT(w, ",\"as_of\":\"");
    dwp_date_format(c->as_of, w); /* its NUL is overwritten next */
    w += 10;
    DWP_RAW_LIT(w, "\",\"region\":");
    w = dwp_raw_put(w, wr->quoted[0], 8); /* the case's region heads its chain */
    DWP_RAW_LIT(w, ",\"region_chain\":[");
    for (int k = 0; k < wr->n; k++) {
        w = dwp_raw_put(w, wr->quoted[k], 8);
        *w++ = ',';
    }
    w = drop_comma(w);
    DWP_RAW_LIT(w, "],\"age\":");
    w = dwp_raw_int(w, x->ev.age);
    DWP_RAW_LIT(w, ",\"categories\":[");
    for (uint32_t m = x->ev.categories; m; m &= m - 1) {
        const dwp_json_piece *cat = &rp->category[lowest_bit(m)];
        w = dwp_raw_copy(w, cat->text, cat->len);
    }
    w = drop_comma(w);
    DWP_RAW_LIT(w, "],\"benefits\":[");
    const dwp_decision *d = x->decisions;
    for (size_t i = 0, n = x->count; i < n; i++)
        if (!(w = write_decision(wr, w, i, &d[i], &rp->benefit[x->benefit_index[i]]))) return NULL;

    if (!(w = room(wr, w, rp->services_len[lang] + 64))) return NULL;
    w = drop_comma(w);
    DWP_RAW_LIT(w, "],\"services\":[");
    for (uint32_t m = x->services; m; m &= m - 1) {
        const dwp_json_piece *sv = &rp->service[lang][lowest_bit(m)];
        w = dwp_raw_put(w, sv->text, sv->len);
    }
    w = drop_comma(w);
    DWP_RAW_LIT(w, "],\"warnings\":[");
    if (wr->warns && !(w = write_warnings(wr, w))) return NULL;
    if (!(w = room(wr, w, 64))) return NULL;
    w = drop_comma(w);
    DWP_RAW_LIT(w, "],\"errors\":[");
    if (wr->errors && !(w = write_errors(wr, w))) return NULL;
    if (!(w = room(wr, w, rp->end.len))) return NULL;
    w = drop_comma(w);
    return dwp_raw_put(w, rp->end.text, rp->end.len); /* ],"ruleset":… */
}

/* Not inlined into its caller (as link-time optimisation would): a function of its own, once
 * per result, that profiles can name (callgrind --toggle-collect=dwp_result_write). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
void dwp_result_write(const dwp_evaluation *x, dwp_strbuf *b)
{
    writer wr;
    writer_init(&wr, x, b);
    if (!dwp_strbuf_reserve_exact(b, RESULT_FIRST_ROOM)) return;
    wr.end = b->data + b->cap - 1;
    char *w = write_result(&wr, dwp_strbuf_end(b));
    if (w) dwp_strbuf_set_end(b, w);
}
