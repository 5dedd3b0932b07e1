/* regions.h — the region list (GB/T 2260 codes) of a ruleset and region chains. */
#ifndef DWP_REGIONS_H
#define DWP_REGIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
} dwp_regions;

#define DWP_CHAIN_MAX 3

/* Parse the `code,name,parent,level` CSV (with its header line). On error returns DWP_ERULES
 * with the last error naming `file` and the line. */
int dwp_regions_parse(dwp_regions *out, const char *csv, size_t len, const char *file,
                      int lang);
void dwp_regions_free(dwp_regions *r);

/* Exactly six ASCII digits, not starting with 0 → the code in *out; false otherwise. */
bool dwp_region_code_parse(const char *s, size_t n, int32_t *out);

/* Index of a code, or -1. */
int dwp_regions_find(const dwp_regions *r, int32_t code);

/* Fill chain[] with indices from the region itself up to the province; returns the length. */
int dwp_regions_chain(const dwp_regions *r, int index, int chain[DWP_CHAIN_MAX]);

#endif
