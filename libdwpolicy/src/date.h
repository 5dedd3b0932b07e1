/* date.h — calendar dates as integers YYYYMMDD (proleptic Gregorian), and ages. */
#ifndef DWP_DATE_H
#define DWP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A date as the integer YYYYMMDD, e.g. 20260301; ordering of the integers is date order.
 * 0 means "no date". Years are limited to 1000..9999 so that the text form is YYYY-MM-DD. */
typedef int32_t dwp_date;

/* The date y-m-d when it is a real calendar date with a year in 1000..9999; false otherwise. */
bool dwp_date_make(int32_t y, int32_t m, int32_t d, dwp_date *out);

/* Parse exactly "YYYY-MM-DD" (len 10, a real calendar date). Returns false otherwise.
 * Inline, as every case has two dates: "YYYY-MM-" is checked as one word, and a day of at most
 * 28 needs no calendar (dwp_date_make decides the rest). */
static inline bool dwp_date_parse(const char *s, size_t len, dwp_date *out)
{
    if (len != 10) return false;
    /* XOR with "0000-00-" maps the digits to 0..9 and the dashes to 0. Adding 0x76 to a
     * digit's byte and 0x7F to a dash's then sets the top bit of each that is not so (a byte up
     * to 0x7F does not carry out; one from 0x80 has its top bit already, which the OR keeps).
     * The constants are loaded like the input, so this does not depend on byte order. */
    uint64_t w, zero, add;
    memcpy(&w, s, 8);
    memcpy(&zero, "0000-00-", 8);
    memcpy(&add, "\x76\x76\x76\x76\x7F\x76\x76\x7F", 8);
    w ^= zero;
#define DWP_DIGIT(i) ((unsigned)(unsigned char)s[i] - '0') /* above 9 for a non-digit */
    if ((((w + add) | w) & UINT64_C(0x8080808080808080)) || DWP_DIGIT(8) > 9 || DWP_DIGIT(9) > 9)
        return false;
    int32_t y = (int32_t)(((DWP_DIGIT(0) * 10 + DWP_DIGIT(1)) * 10 + DWP_DIGIT(2)) * 10 +
                          DWP_DIGIT(3));
    int32_t m = (int32_t)(DWP_DIGIT(5) * 10 + DWP_DIGIT(6));
    int32_t d = (int32_t)(DWP_DIGIT(8) * 10 + DWP_DIGIT(9));
#undef DWP_DIGIT
    if (y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
        *out = y * 10000 + m * 100 + d;
        return true;
    }
    return dwp_date_make(y, m, d, out);
}

/* Write "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void dwp_date_format(dwp_date d, char *buf);

bool dwp_date_is_leap_year(int32_t year);

/* Whole years completed on `on` by someone born on `birth` (birth <= on). The birthday itself
 * counts; a 29 February birthday is reached on 1 March in non-leap years. */
int32_t dwp_age_on(dwp_date birth, dwp_date on);

#endif
