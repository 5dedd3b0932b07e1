/* money.c — exact money arithmetic in 分. */
#include "money.h"

#include <string.h>

#include "strbuf.h"

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
    /* Written backwards from the end of tmp, then copied once. */
    char tmp[32];
    char *p = tmp + sizeof tmp;
    uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    p -= 2;
    memcpy(p, dwp_digit_pairs + 2 * (v % 100), 2); /* the fen, always two digits */
    *--p = '.';
    p = dwp_digits_before(p, v / 100);
    if (fen < 0) *--p = '-';
    int len = (int)(tmp + sizeof tmp - p);
    memcpy(buf, p, (size_t)len);
    buf[len] = '\0';
    return len;
}
