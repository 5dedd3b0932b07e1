/* result_json.c — writes the SPEC §3 result. Field order is fixed, so the same case gives
 * byte-identical JSON on every platform and through every binding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "evaluate.h"

static const char *const status_names[] = {"eligible", "ineligible", "indeterminate", "error"};
static const char *const period_names[] = {"month", "year", "once", "claim"};
static const char *const kind_names[] = {"payment", "cap", "waiver"};

#define PUT_LIT(b, s) dwp_strbuf_append((b), (s), sizeof(s) - 1)

/* Text from outside the library (the case, rule files, paths): escaped. */
static void put_str(dwp_strbuf *b, const char *s) { dwp_strbuf_put_json_string(b, s, strlen(s)); }

/* Text the library itself wrote: nothing to escape. */
static void put_plain(dwp_strbuf *b, const char *s) { dwp_strbuf_put_plain_string(b, s); }

/* The regions of the case's chain, looked up once per result and kept as the 8 bytes of
 * their JSON string ("510104" with its quotes): every decision names two of them (handling
 * region, deciding region), nearly always from the chain. */
typedef struct chain_view {
    const dwp_engine *engine;
    int n;
    int32_t code[DWP_CHAIN_MAX];
    char quoted[DWP_CHAIN_MAX][8];
} chain_view;

static void chain_view_init(chain_view *cv, const dwp_evaluation *x)
{
    const dwp_engine *e = x->ev.engine;
    cv->engine = e;
    cv->n = x->ev.chain_len;
    for (int k = 0; k < cv->n; k++) {
        const dwp_region *r = &e->regions.list[x->ev.chain[k]];
        cv->code[k] = r->code;
        cv->quoted[k][0] = '"';
        memcpy(&cv->quoted[k][1], r->code_text, 6);
        cv->quoted[k][7] = '"';
    }
}

/* A region code as a JSON string, written unchecked: at most REGION_MAX_CHARS bytes. */
#define REGION_MAX_CHARS (2 + 11)

/* The rare case of raw_region: a region outside the chain, searched for. */
static char *raw_region_other(char *w, const chain_view *cv, int32_t code)
{
    int i = dwp_regions_find(&cv->engine->regions, code);
    *w++ = '"';
    if (i >= 0) w = dwp_raw_put(w, cv->engine->regions.list[i].code_text, 6);
    else w = dwp_raw_int(w, code);
    *w++ = '"';
    return w;
}

static inline char *raw_region(char *w, const chain_view *cv, int32_t code)
{
    for (int k = 0; k < cv->n; k++)
        if (cv->code[k] == code) return dwp_raw_put(w, cv->quoted[k], 8);
    return raw_region_other(w, cv, code);
}

static void put_region(dwp_strbuf *b, const chain_view *cv, int32_t code)
{
    if (!dwp_strbuf_reserve(b, REGION_MAX_CHARS)) return;
    dwp_strbuf_set_end(b, raw_region(dwp_strbuf_end(b), cv, code));
}

static void put_date(dwp_strbuf *b, dwp_date d)
{
    char buf[11];
    dwp_date_format(d, buf);
    dwp_strbuf_putc(b, '"');
    dwp_strbuf_append(b, buf, 10);
    dwp_strbuf_putc(b, '"');
}

/* Text that is the library's own unless `untrusted`. */
static void put_text(dwp_strbuf *b, const char *s, bool untrusted)
{
    if (untrusted) put_str(b, s);
    else put_plain(b, s);
}

/* What a benefit's object always says, before and after its amount. */
static void render_head(dwp_strbuf *b, const dwp_benefit *bf, int lang, int status)
{
    PUT_LIT(b, "{\"id\":");
    put_plain(b, bf->id); /* local ids are checked to be [a-z0-9_.] */
    PUT_LIT(b, ",\"title\":");
    put_text(b, dwp_text_in(bf->title, lang), bf->untrusted_text);
    PUT_LIT(b, ",\"status\":\"");
    dwp_strbuf_puts(b, status_names[status]);
    PUT_LIT(b, "\",\"amount_fen\":");
}

static void render_tail(dwp_strbuf *b, const dwp_benefit *bf, const char *basis, bool untrusted)
{
    PUT_LIT(b, ",\"period\":\"");
    dwp_strbuf_puts(b, period_names[bf->period]);
    PUT_LIT(b, "\",\"kind\":\"");
    dwp_strbuf_puts(b, kind_names[bf->kind]);
    PUT_LIT(b, "\",\"basis\":");
    put_text(b, basis, untrusted);
    PUT_LIT(b, ",\"discretionary\":");
    dwp_strbuf_puts(b, bf->discretionary ? "true" : "false");
    PUT_LIT(b, ",\"handling_region\":");
}

static const dwp_benefit *benefit_at(const dwp_engine *e, size_t i)
{
    return i < dwp_catalogue_count ? &dwp_catalogue[i] : &e->local_rules[i - dwp_catalogue_count].info;
}

static bool keep_piece(dwp_engine *e, dwp_strbuf *b, dwp_json_piece *out)
{
    out->len = b->len;
    out->text = b->failed ? NULL : dwp_engine_strdup(e, b->data, b->len);
    b->len = 0;
    return out->text != NULL;
}

int dwp_result_pieces_build(dwp_engine *e)
{
    size_t n = e->benefit_count;
    for (int lang = 0; lang < 2; lang++) {
        e->json_head[lang] = calloc(n * 4 + 1, sizeof *e->json_head[lang]);
        if (!e->json_head[lang]) return DWP_ENOMEM;
    }
    e->json_tail = calloc(n + 1, sizeof *e->json_tail);
    if (!e->json_tail) return DWP_ENOMEM;
    dwp_strbuf b;
    dwp_strbuf_init(&b);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        const dwp_benefit *bf = benefit_at(e, i);
        for (int lang = 0; lang < 2; lang++)
            for (int status = 0; status < 4; status++) {
                render_head(&b, bf, lang, status);
                ok &= keep_piece(e, &b, &e->json_head[lang][i * 4 + (size_t)status]);
            }
        render_tail(&b, bf, bf->basis, bf->untrusted_text);
        ok &= keep_piece(e, &b, &e->json_tail[i]);
    }
    dwp_strbuf_free(&b);
    return ok ? DWP_OK : DWP_ENOMEM;
}

/* One decision. The pieces are written unchecked, each run after one reservation that bounds
 * it (the lengths are known: engine pieces, reason texts, parameter JSON); text from rule
 * files goes through the checked, escaping writer in between. */
static void write_decision(dwp_strbuf *b, const dwp_evaluation *x, const chain_view *cv, size_t i)
{
    const dwp_engine *e = x->ev.engine;
    const dwp_decision *d = &x->decisions[i];
    const dwp_benefit *bf = d->benefit;
    size_t index = x->benefit_index[i];
    const dwp_json_piece *head = &e->json_head[x->ev.lang == DWP_LANG_EN][index * 4 + (size_t)d->status];
    const dwp_json_piece *tail = &e->json_tail[index];
    char *w;

    if (!dwp_strbuf_reserve(b, head->len + DWP_INT_MAX_CHARS + tail->len)) return;
    w = dwp_raw_put(dwp_strbuf_end(b), head->text, head->len);
    /* Ineligible pays nothing; indeterminate and error do not know the amount. */
    if (d->status == DWP_STATUS_ELIGIBLE && d->has_amount) w = dwp_raw_int(w, d->amount);
    else if (d->status == DWP_STATUS_INELIGIBLE) *w++ = '0';
    else DWP_RAW_LIT(w, "null");
    if (!d->basis) w = dwp_raw_put(w, tail->text, tail->len);
    dwp_strbuf_set_end(b, w);
    if (d->basis) render_tail(b, bf, d->basis, true);

    static const char decided_by[] = ",\"decided_by\":", reasons[] = ",\"reasons\":[";
    static const char code_open[] = "{\"code\":\"", ok_true[] = "\",\"ok\":true,\"text\":",
                      ok_false[] = "\",\"ok\":false,\"text\":";
    static const char params[] = "],\"params\":[", missing[] = "],\"missing\":[";
    /* One reservation for the regions, every reason and the parameters: the lengths are all
     * known (codes and texts carry theirs), and a reservation per reason cost more than the
     * sum. Per reason: the code and its framing, the text when it is the library's own
     * (quotes included), and the closing "},". */
    size_t need = 2 * REGION_MAX_CHARS + sizeof decided_by + sizeof reasons + sizeof params +
                  sizeof missing + 1;
    for (uint32_t r = 0; r < d->n_reasons; r++) {
        const dwp_reason *rs = &d->reasons[r];
        need += sizeof code_open + rs->code_len + sizeof ok_false + 2 + 2;
        if (!rs->untrusted) need += rs->text_len;
    }
    for (uint32_t p = 0; p < d->n_params; p++) need += d->params[p]->json_len + 1;
    if (!dwp_strbuf_reserve(b, need)) return;
    w = raw_region(dwp_strbuf_end(b), cv, d->handling_region);
    DWP_RAW_LIT(w, decided_by);
    w = raw_region(w, cv, d->decided_by);
    DWP_RAW_LIT(w, reasons);

    for (uint32_t r = 0; r < d->n_reasons; r++) {
        const dwp_reason *rs = &d->reasons[r];
        w = dwp_raw_put(w, code_open, sizeof code_open - 1);
        w = dwp_raw_put_short(w, rs->code, rs->code_len);
        if (rs->ok) DWP_RAW_LIT(w, ok_true);
        else DWP_RAW_LIT(w, ok_false);
        if (rs->untrusted) {
            /* Rule text, escaped by the checked writer; then the room for the rest again
             * (`need` still bounds it). */
            dwp_strbuf_set_end(b, w);
            dwp_strbuf_put_json_string(b, rs->text, rs->text_len);
            if (!dwp_strbuf_reserve(b, need)) return;
            w = dwp_strbuf_end(b);
        } else {
            *w++ = '"';
            w = dwp_raw_put(w, rs->text, rs->text_len);
            *w++ = '"';
        }
        *w++ = '}';
        if (r + 1 < d->n_reasons) *w++ = ',';
    }

    DWP_RAW_LIT(w, params);
    for (uint32_t p = 0; p < d->n_params; p++) {
        if (p) *w++ = ',';
        w = dwp_raw_put(w, d->params[p]->json, d->params[p]->json_len);
    }
    DWP_RAW_LIT(w, missing);
    dwp_strbuf_set_end(b, w);
    for (uint32_t m = 0; m < d->n_missing; m++) {
        if (m) dwp_strbuf_putc(b, ',');
        put_plain(b, d->missing[m]);
    }
    if (d->status == DWP_STATUS_ERROR) {
        PUT_LIT(b, "],\"error\":");
        put_str(b, d->error ? d->error : "");
        dwp_strbuf_putc(b, '}');
    } else {
        PUT_LIT(b, "]}");
    }
}

static void write_warnings(dwp_strbuf *b, const dwp_evaluation *x)
{
    bool first = true;
    for (size_t i = 0; i < x->count; i++) {
        const dwp_decision *d = &x->decisions[i];
        if (d->status != DWP_STATUS_ELIGIBLE) continue;
        for (uint32_t p = 0; p < d->n_params; p++) {
            if (d->params[p]->confidence != DWP_CONF_PLACEHOLDER) continue;
            const char *name = dwp_param_name((dwp_param_id)d->param_ids[p]);
            if (!first) dwp_strbuf_putc(b, ',');
            first = false;
            PUT_LIT(b, "{\"code\":\"param.placeholder\",\"benefit\":");
            put_plain(b, d->benefit->id);
            PUT_LIT(b, ",\"param\":");
            put_plain(b, name);
            /* Built piece by piece: this runs for most eligible results. */
            if (x->ev.lang == DWP_LANG_EN) {
                PUT_LIT(b, ",\"text\":\"");
                dwp_strbuf_puts(b, d->benefit->id);
                PUT_LIT(b, " rests on parameter ");
                dwp_strbuf_puts(b, name);
                PUT_LIT(b, ", which is a placeholder (no official figure found): set it in "
                           "the region's rule file\"");
            } else {
                PUT_LIT(b, ",\"text\":\"“");
                /* A local rule's title is rule text and would need escaping here: its id. */
                dwp_strbuf_puts(b, d->benefit->untrusted_text ? d->benefit->id
                                                              : d->benefit->title.zh);
                PUT_LIT(b, "”所用参数 ");
                dwp_strbuf_puts(b, name);
                PUT_LIT(b, " 为占位值（未查到正式标准），请在本地区规则文件中设定\"");
            }
            dwp_strbuf_putc(b, '}');
        }
    }
}

void dwp_result_write(const dwp_evaluation *x, dwp_strbuf *b)
{
    const dwp_engine *e = x->ev.engine;
    const dwp_facts *c = &x->c;
    chain_view cv;
    chain_view_init(&cv, x);
    /* One allocation for nearly every result (about 9 KB, in English a little more): growing
     * from a small buffer cost two reallocs, each copying what was written. */
    dwp_strbuf_reserve(b, 12 * 1024);
    PUT_LIT(b, "{\"case_id\":");
    if (c->has_case_id) put_str(b, c->case_id);
    else PUT_LIT(b, "null");
    PUT_LIT(b, ",\"as_of\":");
    put_date(b, c->as_of);
    PUT_LIT(b, ",\"region\":");
    put_region(b, &cv, c->region);
    PUT_LIT(b, ",\"region_chain\":[");
    for (int i = 0; i < x->ev.chain_len; i++) {
        if (i) dwp_strbuf_putc(b, ',');
        dwp_strbuf_putc(b, '"');
        dwp_strbuf_append(b, e->regions.list[x->ev.chain[i]].code_text, 6);
        dwp_strbuf_putc(b, '"');
    }
    PUT_LIT(b, "],\"age\":");
    dwp_strbuf_put_int(b, x->ev.age);
    PUT_LIT(b, ",\"categories\":[");
    bool first = true;
    for (int i = 0; i < DWP_CATEGORY_COUNT; i++) {
        if (!(x->ev.categories & (1u << i))) continue;
        if (!first) dwp_strbuf_putc(b, ',');
        first = false;
        dwp_strbuf_putc(b, '"');
        dwp_strbuf_puts(b, dwp_category_name(i));
        dwp_strbuf_putc(b, '"');
    }
    PUT_LIT(b, "],\"benefits\":[");
    for (size_t i = 0; i < x->count; i++) {
        if (i) dwp_strbuf_putc(b, ',');
        write_decision(b, x, &cv, i);
    }
    PUT_LIT(b, "],\"services\":[");
    first = true;
    for (int s = 0; s < DWP_SERVICE_COUNT; s++) {
        if (!(x->services & (1u << s))) continue;
        const dwp_service *sv = &dwp_services[s];
        if (!first) dwp_strbuf_putc(b, ',');
        first = false;
        PUT_LIT(b, "{\"id\":");
        put_plain(b, sv->id);
        PUT_LIT(b, ",\"title\":");
        put_plain(b, dwp_text_in(sv->title, x->ev.lang));
        PUT_LIT(b, ",\"basis\":");
        put_plain(b, sv->basis);
        PUT_LIT(b, ",\"text\":");
        put_plain(b, dwp_text_in(sv->text, x->ev.lang));
        dwp_strbuf_putc(b, '}');
    }
    PUT_LIT(b, "],\"warnings\":[");
    write_warnings(b, x);
    PUT_LIT(b, "],\"errors\":[");
    first = true;
    for (size_t i = 0; i < x->count; i++) {
        const dwp_decision *d = &x->decisions[i];
        if (d->status != DWP_STATUS_ERROR) continue;
        if (!first) dwp_strbuf_putc(b, ',');
        first = false;
        PUT_LIT(b, "{\"benefit\":");
        put_plain(b, d->benefit->id);
        PUT_LIT(b, ",\"text\":");
        put_str(b, d->error ? d->error : "");
        dwp_strbuf_putc(b, '}');
    }
    PUT_LIT(b, "],\"ruleset\":{\"name\":");
    put_str(b, e->ruleset_name);
    PUT_LIT(b, ",\"sha256\":\"");
    dwp_strbuf_append(b, e->ruleset_sha256, 64);
    PUT_LIT(b, "\"},\"engine\":\"libdwpolicy " DWP_VERSION_STRING "\"}");
}
