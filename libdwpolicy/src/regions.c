/* regions.c — the region list of a ruleset (regions.csv: code,name,parent,level). */
#include "regions.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static int cmp_region(const void *a, const void *b)
{
    const dwp_region *x = a, *y = b;
    return (x->code > y->code) - (x->code < y->code);
}

/* Split one CSV line (no quoting is used in the region list) into at most 4 fields. */
static int split_fields(const char *line, size_t n, const char *f[4], size_t flen[4])
{
    int count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || line[i] == ',') {
            if (count == 4) return 5;
            f[count] = line + start;
            flen[count] = i - start;
            count++;
            start = i + 1;
        }
    }
    return count;
}

static int fail(int lang, const char *file, int line, const char *what_zh, const char *what_en)
{
    return dwp_error_set(DWP_ERULES, lang, "%s:%d：%s", "%s:%d: %s", file, line,
                         lang == DWP_LANG_EN ? what_en : what_zh);
}

/* The direct index of dwp_regions: built when the codes span at most 65,535 values (else, and
 * without memory for it, dwp_regions_find searches). */
static void index_by_code(dwp_regions *r)
{
    if (!r->count) return;
    int64_t span = (int64_t)r->list[r->count - 1].code - r->list[0].code + 1;
    if (span > UINT16_MAX || r->count >= UINT16_MAX) return;
    r->by_code = calloc((size_t)span, sizeof *r->by_code);
    if (!r->by_code) return;
    r->by_code_base = r->list[0].code;
    r->by_code_span = (uint32_t)span;
    for (size_t i = 0; i < r->count; i++)
        r->by_code[r->list[i].code - r->by_code_base] = (uint16_t)(i + 1);
}

int dwp_regions_parse(dwp_regions *out, const char *csv, size_t len, const char *file, int lang)
{
    memset(out, 0, sizeof *out);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) lines += csv[i] == '\n';
    out->list = calloc(lines + 1, sizeof *out->list);
    if (!out->list) return dwp_error_set_text(DWP_ENOMEM, "out of memory");
    int rc = DWP_OK;
    size_t pos = 0;
    int lineno = 0;
    while (pos < len && rc == DWP_OK) {
        size_t end = pos;
        while (end < len && csv[end] != '\n') end++;
        size_t n = end - pos;
        if (n && csv[pos + n - 1] == '\r') n--;
        const char *line = csv + pos;
        pos = end + 1;
        lineno++;
        if (lineno == 1 || n == 0) continue; /* header, blank */
        const char *f[4];
        size_t fl[4];
        dwp_region *r = &out->list[out->count];
        if (split_fields(line, n, f, fl) != 4 || !dwp_region_code_parse(f[0], fl[0], &r->code) ||
            fl[1] == 0) {
            rc = fail(lang, file, lineno, "应为 code,name,parent,level", "expected code,name,parent,level");
            break;
        }
        int32_t parent = 0;
        if (fl[2] && !dwp_region_code_parse(f[2], fl[2], &parent)) {
            rc = fail(lang, file, lineno, "上级区划代码应为 6 位数字", "the parent code must be 6 digits");
            break;
        }
        if (fl[3] == 8 && !memcmp(f[3], "province", 8)) r->level = DWP_LEVEL_PROVINCE;
        else if (fl[3] == 10 && !memcmp(f[3], "prefecture", 10)) r->level = DWP_LEVEL_PREFECTURE;
        else if (fl[3] == 6 && !memcmp(f[3], "county", 6)) r->level = DWP_LEVEL_COUNTY;
        else {
            rc = fail(lang, file, lineno, "level 应为 province、prefecture 或 county",
                      "level must be province, prefecture or county");
            break;
        }
        r->name = malloc(fl[1] + 1);
        if (!r->name) {
            rc = dwp_error_set_text(DWP_ENOMEM, "out of memory");
            break;
        }
        memcpy(r->name, f[1], fl[1]);
        r->name[fl[1]] = '\0';
        memcpy(r->code_text, f[0], 6);
        r->code_text[6] = '\0';
        r->parent_index = parent; /* a code for now; turned into an index below */
        out->count++;
    }
    if (rc != DWP_OK) {
        dwp_regions_free(out);
        return rc;
    }
    qsort(out->list, out->count, sizeof *out->list, cmp_region);
    for (size_t i = 0; i < out->count; i++) {
        dwp_region *r = &out->list[i];
        if (i && out->list[i - 1].code == r->code)
        {
            int status = dwp_error_set(DWP_ERULES, lang, "%s：区划代码 %s 重复",
                                       "%s: region code %s appears twice", file, r->code_text);
            dwp_regions_free(out);
            return status;
        }
        int32_t parent = r->parent_index;
        r->parent_index = parent ? dwp_regions_find(out, parent) : -1;
        bool ok = r->level == DWP_LEVEL_PROVINCE ? parent == 0 : r->parent_index >= 0;
        if (ok && r->parent_index >= 0)
            ok = out->list[r->parent_index].level + 1 == r->level;
        if (!ok) {
            int status = dwp_error_set(DWP_ERULES, lang, "%s：区划 %s 的上级不符合层级",
                                       "%s: region %s has no parent of the level above",
                                       file, r->code_text);
            dwp_regions_free(out);
            return status;
        }
    }
    index_by_code(out);
    return DWP_OK;
}

void dwp_regions_free(dwp_regions *r)
{
    if (r->list)
        for (size_t i = 0; i < r->count; i++) free(r->list[i].name);
    free(r->list);
    free(r->by_code);
    r->list = NULL;
    r->by_code = NULL;
    r->count = 0;
}

int dwp_regions_find(const dwp_regions *r, int32_t code)
{
    if (r->by_code) {
        uint32_t k = (uint32_t)code - (uint32_t)r->by_code_base;
        return k < r->by_code_span ? (int)r->by_code[k] - 1 : -1;
    }
    size_t lo = 0, hi = r->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->list[mid].code < code) lo = mid + 1;
        else hi = mid;
    }
    return lo < r->count && r->list[lo].code == code ? (int)lo : -1;
}

int dwp_regions_chain(const dwp_regions *r, int index, int chain[DWP_CHAIN_MAX])
{
    int n = 0;
    while (index >= 0 && n < DWP_CHAIN_MAX) {
        chain[n++] = index;
        index = r->list[index].parent_index;
    }
    return n;
}
