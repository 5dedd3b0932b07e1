/* money.h — exact integer money (分) and basis-point ratios. No floating point. */
#ifndef DWP_MONEY_H
#define DWP_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/* Inputs and parameters are limited to this many fen (10^13 分 = 1000 亿元) so that every
 * product the rules form (amount × ratio in basis points, bounded by DWP_BP_MAX) fits int64. */
#define DWP_MONEY_MAX INT64_C(10000000000000)
/* Ratios in basis points (10000 = 100%) are limited to 100 × 100%. */
#define DWP_BP_MAX INT64_C(1000000)

/* amount × bp / 10000, rounded half away from zero to the fen. Requires |amount| <=
 * DWP_MONEY_MAX and |bp| <= DWP_BP_MAX (the result then fits with room to spare). */
int64_t dwp_money_apply_bp(int64_t amount, int64_t bp);

static inline int64_t dwp_money_min(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t dwp_money_max(int64_t a, int64_t b) { return a > b ? a : b; }

/* Write an amount in 元 with two decimals ("1120.00", "-0.05") into buf (>= 32 bytes);
 * returns the length. */
int dwp_money_format_yuan(int64_t fen, char *buf);

#endif
