/* date.h — calendar dates as integers YYYYMMDD (proleptic Gregorian), and ages. */
#ifndef DWP_DATE_H
#define DWP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A date as the integer YYYYMMDD, e.g. 20260301; ordering of the integers is date order.
 * 0 means "no date". Years are limited to 1000..9999 so that the text form is YYYY-MM-DD. */
typedef int32_t dwp_date;

/* Parse exactly "YYYY-MM-DD" (len 10, a real calendar date). Returns false otherwise. */
bool dwp_date_parse(const char *s, size_t len, dwp_date *out);

/* The date y-m-d when it is a real calendar date with a year in 1000..9999; false otherwise. */
bool dwp_date_make(int32_t y, int32_t m, int32_t d, dwp_date *out);

/* Write "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void dwp_date_format(dwp_date d, char *buf);

bool dwp_date_is_leap_year(int32_t year);

/* Whole years completed on `on` by someone born on `birth` (birth <= on). The birthday itself
 * counts; a 29 February birthday is reached on 1 March in non-leap years. */
int32_t dwp_age_on(dwp_date birth, dwp_date on);

#endif
