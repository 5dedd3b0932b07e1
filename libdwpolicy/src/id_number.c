/* id_number.c — GB 11643-1999 citizen identity numbers (公民身份号码).
 *
 * Layout: 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence code, and one
 * check character. The check character is ISO 7064 MOD 11-2: weight each of the first 17
 * digits by 2^(17-i) mod 11 (the table below), sum, take the remainder mod 11, and look the
 * remainder up in "10X98765432".
 *
 * Only a capital 'X' is accepted as the check character 10: the standard writes it that way,
 * and accepting 'x' would make two spellings of one number, which matters to anyone who later
 * compares numbers. Callers that want leniency must upper-case before calling.
 *
 * Nothing here copies the number anywhere; it is read in place. */
#include "case.h"

#include <string.h>

/* Whether the eight bytes at s are all ASCII digits, tested as one word: XOR with '0' maps a
 * digit to 0..9; adding 0x76 then sets the top bit of a byte above 9 (a byte up to 0x7F does
 * not carry out; one from 0x80 has its top bit already, which the OR keeps). */
static inline bool digits8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    w ^= UINT64_C(0x3030303030303030);
    return !(((w + UINT64_C(0x7676767676767676)) | w) & UINT64_C(0x8080808080808080));
}

bool dwp_id_number_valid(const char *s, size_t len, dwp_date *birth)
{
    static const unsigned char weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    if (!s || len != 18) return false;
    const unsigned char *u = (const unsigned char *)s;
    char last = s[17];
    if (!digits8(s) || !digits8(s + 8) || u[16] < '0' || u[16] > '9' ||
        !((last >= '0' && last <= '9') || last == 'X'))
        return false;
    /* Written out, as numbers are read per case (a loop here is not unrolled). */
#define V(i) ((unsigned)u[i] - '0')
#define W(i) (V(i) * weight[i])
    unsigned sum = W(0) + W(1) + W(2) + W(3) + W(4) + W(5) + W(6) + W(7) + W(8) + W(9) + W(10) +
                   W(11) + W(12) + W(13) + W(14) + W(15) + W(16);

    /* Characters 7..14 (1-based) are the birth date YYYYMMDD; the digits are checked above
     * and the calendar check is the one date validator's. */
    int32_t y = (int32_t)(((V(6) * 10 + V(7)) * 10 + V(8)) * 10 + V(9));
    int32_t m = (int32_t)(V(10) * 10 + V(11)), day = (int32_t)(V(12) * 10 + V(13));
#undef W
#undef V
    dwp_date d;
    if (!dwp_date_make(y, m, day, &d)) return false;
    /* The shape is right: report the date even when the check character is wrong, so that a
     * caller can tell the two failures apart. */
    if (birth) *birth = d;
    return check[sum % 11] == last;
}
