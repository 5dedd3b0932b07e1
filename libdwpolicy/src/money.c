/* money.c — exact money arithmetic in 分. */
#include "money.h"

#include <string.h>

int64_t dwp_money_apply_bp(int64_t amount, int64_t bp)
{
    /* |amount × bp| <= 10^13 × 10^6 = 10^19 would overflow int64, so split the amount into
     * whole 10000s and a remainder: both partial products stay far below 2^63. */
    bool negative = (amount < 0) != (bp < 0);
    uint64_t a = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
    uint64_t r = bp < 0 ? (uint64_t)0 - (uint64_t)bp : (uint64_t)bp;
    uint64_t whole = (a / 10000u) * r;
    uint64_t part = (a % 10000u) * r; /* < 10^4 × 10^6 */
    uint64_t result = whole + part / 10000u + (part % 10000u >= 5000u ? 1u : 0u);
    return negative ? -(int64_t)result : (int64_t)result;
}

int dwp_money_format_yuan(int64_t fen, char *buf)
{
    char tmp[32];
    int n = 0;
    uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
    tmp[n++] = '.';
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    int len = 0;
    if (fen < 0) buf[len++] = '-';
    while (n) buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}
