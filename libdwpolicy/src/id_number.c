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

bool dwp_id_number_valid(const char *s, size_t len, dwp_date *birth)
{
    static const unsigned char weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    if (!s || len != 18) return false;
    unsigned sum = 0;
    for (int i = 0; i < 17; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        sum += (unsigned)(s[i] - '0') * weight[i];
    }
    char last = s[17];
    if (!((last >= '0' && last <= '9') || last == 'X')) return false;

    /* Characters 7..14 (1-based) are the birth date YYYYMMDD; the digits are checked above
     * and the calendar check is the one date validator's. */
    int32_t y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
    int32_t m = (s[10] - '0') * 10 + (s[11] - '0'), day = (s[12] - '0') * 10 + (s[13] - '0');
    dwp_date d;
    if (!dwp_date_make(y, m, day, &d)) return false;
    /* The shape is right: report the date even when the check character is wrong, so that a
     * caller can tell the two failures apart. */
    if (birth) *birth = d;
    return check[sum % 11] == last;
}
