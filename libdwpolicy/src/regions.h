/* regions.h — the region list (GB/T 2260 codes) of a ruleset and region chains. */
#ifndef DWP_REGIONS_H
#define DWP_REGIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { DWP_LEVEL_PROVINCE, DWP_LEVEL_PREFECTURE, DWP_LEVEL_COUNTY };

typedef struct dwp_region {
    int32_t code;
    int32_t parent_index; /* index in the list, -1 for the province */
    uint8_t level;        /* DWP_LEVEL_* */
    char code_text[8];    /* "510104" */
    char *name;           /* 锦江区 */
} dwp_region;

typedef struct dwp_regions {
    dwp_region *list; /* sorted by code */
    size_t count;
    /* by_code[code - by_code_base] = index + 1 (0: no such region) for every code in the
     * list's range, when the range is small (one province's codes span a few thousand):
     * each evaluation looks up two or three codes, and a binary search mispredicts. */
    uint16_t *by_code;
    int32_t by_code_base;
    uint32_t by_code_span;
} dwp_regions;

#define DWP_CHAIN_MAX 3

/* Parse the `code,name,parent,level` CSV (with its header line). On error returns DWP_ERULES
 * with the last error naming `file` and the line. */
int dwp_regions_parse(dwp_regions *out, const char *csv, size_t len, const char *file,
                      int lang);
void dwp_regions_free(dwp_regions *r);

/* Exactly six ASCII digits, not starting with 0 → the code in *out; false otherwise.
 * Inline, as every case has two or three codes. */
static inline bool dwp_region_code_parse(const char *s, size_t n, int32_t *out)
{
    if (n != 6) return false;
    /* Bytes 0-3 and 2-5 as two words: XOR with '0' maps a digit to 0..9; adding 0x76 then sets
     * the top bit of a byte above 9 (a byte up to 0x7F does not carry out; one from 0x80 has its
     * top bit already, which the OR keeps). */
    uint32_t a, b;
    memcpy(&a, s, 4);
    memcpy(&b, s + 2, 4);
    a ^= UINT32_C(0x30303030);
    b ^= UINT32_C(0x30303030);
    if (((a + UINT32_C(0x76767676)) | a | (b + UINT32_C(0x76767676)) | b) & UINT32_C(0x80808080))
        return false;
#define DWP_DIGIT(i) ((unsigned)(unsigned char)s[i] - '0')
    int32_t v = (int32_t)(((((DWP_DIGIT(0) * 10 + DWP_DIGIT(1)) * 10 + DWP_DIGIT(2)) * 10 +
                            DWP_DIGIT(3)) * 10 + DWP_DIGIT(4)) * 10 + DWP_DIGIT(5));
#undef DWP_DIGIT
    *out = v;
    return v >= 100000;
}

/* Index of a code, or -1. */
int dwp_regions_find(const dwp_regions *r, int32_t code);

/* Fill chain[] with indices from the region itself up to the province; returns the length. */
int dwp_regions_chain(const dwp_regions *r, int index, int chain[DWP_CHAIN_MAX]);

#endif
