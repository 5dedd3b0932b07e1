/* date.c — proleptic Gregorian dates as YYYYMMDD integers. */
#include "date.h"

bool dwp_date_is_leap_year(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static inline int days_in_month(int32_t y, int32_t m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && dwp_date_is_leap_year(y) ? 29 : days[m - 1];
}

/* The one calendar check (dwp_date_parse and dwp_id_number_valid end here). */
bool dwp_date_make(int32_t y, int32_t m, int32_t d, dwp_date *out)
{
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    *out = y * 10000 + m * 100 + d;
    return true;
}

void dwp_date_format(dwp_date d, char *buf)
{
    int32_t y = d / 10000, m = d / 100 % 100, day = d % 100;
    buf[0] = (char)('0' + y / 1000 % 10);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + day / 10);
    buf[9] = (char)('0' + day % 10);
    buf[10] = '\0';
}

int32_t dwp_age_on(dwp_date birth, dwp_date on)
{
    int32_t by = birth / 10000, bmd = birth % 10000;
    int32_t oy = on / 10000, omd = on % 10000;
    /* In a non-leap year the 29 February birthday is celebrated on 1 March. */
    if (bmd == 229 && !dwp_date_is_leap_year(oy)) bmd = 301;
    int32_t age = oy - by;
    if (omd < bmd) age--;
    return age;
}
