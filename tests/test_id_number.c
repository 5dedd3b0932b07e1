/* test_id_number.c — GB 11643-1999 identity numbers: check character and embedded date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "case.h"

static bool valid(const char *s, dwp_date *birth) { return dwp_id_number_valid(s, strlen(s), birth); }

/* The check character from the standard's definition (ISO 7064 MOD 11-2): weight i is
 * 2^(17-i) mod 11, computed here rather than copied, so the test does not share a table with
 * the code under test. */
static char check_char(const char *first17)
{
    unsigned sum = 0, w = 1;
    for (int i = 16; i >= 0; i--) {
        w = (w * 2) % 11; /* 2^(17-i) mod 11 for i = 16, 15, … */
        sum += (unsigned)(first17[i] - '0') * w;
    }
    unsigned r = (12 - sum % 11) % 11; /* the value v with sum + v ≡ 1 (mod 11) */
    return r == 10 ? 'X' : (char)('0' + r);
}

static void test_id_number__known_valid(void **state)
{
    (void)state;
    /* Verified by hand. 11010519491231002X is the standard's own example (北京朝阳,
     * 1949-12-31): 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 +
     * 3·10 + 1·5 + 0·8 + 0·4 + 2·2 = 167; 167 mod 11 = 2 → "10X98765432"[2] = 'X'. */
    dwp_date birth = 0;
    assert_true(valid("11010519491231002X", &birth));
    assert_int_equal(birth, 19491231);
    /* 440524188001010014, the standard's other example (1880-01-01): 4·7 + 4·9 + 0·10 + 5·5 +
     * 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 0·8 + 0·4 + 1·2 = 195;
     * 195 mod 11 = 8 → '4'. */
    assert_true(valid("440524188001010014", &birth));
    assert_int_equal(birth, 18800101);
    /* 510104200805200016 (锦江区, 2008-05-20, the child of the case tests): 5·7 + 1·9 + 1·5 +
     * 4·4 + 2·2 + 8·3 + 5·9 + 2·10 + 1·2 (the other digits are 0) = 160; 160 mod 11 = 6 → '6'. */
    assert_true(valid("510104200805200016", &birth));
    assert_int_equal(birth, 20080520);
}

static void test_id_number__generated(void **state)
{
    (void)state;
    /* Many addresses, dates and sequence codes; every remainder (and so every check
     * character, X included) turns up. */
    static const char *const prefixes[] = {"510104", "511302", "513433", "110105", "440524"};
    static const char *const dates[] = {"20080520", "20000229", "19991231", "20240229",
                                        "20150101", "18800101"};
    bool seen[11] = {false};
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++) {
            for (int seq = 0; seq < 1000; seq += 37) {
                char id[19];
                memcpy(id, prefixes[p], 6);
                memcpy(id + 6, dates[d], 8);
                id[14] = (char)('0' + seq / 100);
                id[15] = (char)('0' + seq / 10 % 10);
                id[16] = (char)('0' + seq % 10);
                id[17] = check_char(id);
                id[18] = '\0';
                seen[id[17] == 'X' ? 10 : id[17] - '0'] = true;
                dwp_date birth = 0;
                if (!valid(id, &birth)) fail_msg("%s should be valid", id);
                assert_int_equal(birth, (dates[d][0] - '0') * 10000000 +
                                            (dates[d][1] - '0') * 1000000 +
                                            (dates[d][2] - '0') * 100000 +
                                            (dates[d][3] - '0') * 10000 +
                                            (dates[d][4] - '0') * 1000 +
                                            (dates[d][5] - '0') * 100 + (dates[d][6] - '0') * 10 +
                                            (dates[d][7] - '0'));
                /* Every other check character is wrong; the date is still reported. */
                for (const char *c = "0123456789X"; *c; c++) {
                    if (*c == id[17]) continue;
                    char bad[19];
                    memcpy(bad, id, 19);
                    bad[17] = *c;
                    birth = 0;
                    assert_false(valid(bad, &birth));
                    assert_int_not_equal(birth, 0);
                }
                /* A single changed digit is always caught (MOD 11-2 guarantees it). */
                char typo[19];
                memcpy(typo, id, 19);
                typo[3] = typo[3] == '9' ? '0' : (char)(typo[3] + 1);
                assert_false(valid(typo, NULL));
            }
        }
    }
    for (int i = 0; i < 11; i++) assert_true(seen[i]);
}

static void test_id_number__x_check_character(void **state)
{
    (void)state;
    dwp_date birth = 0;
    assert_true(valid("51010420080520018X", &birth));
    assert_int_equal(birth, 20080520);
    /* Only a capital X: the standard writes it so, and one number has one spelling. */
    assert_false(valid("51010420080520018x", NULL));
    assert_false(valid("11010519491231002x", NULL));
    /* X anywhere but last is not a digit. */
    assert_false(valid("X10105194912310020", NULL));
}

static void test_id_number__wrong_length(void **state)
{
    (void)state;
    dwp_date birth = 0;
    assert_false(dwp_id_number_valid("", 0, &birth));
    assert_false(valid("51010420080520001", &birth));   /* 17 */
    assert_false(valid("5101042008052000160", &birth)); /* 19 */
    assert_false(valid("510104080520001", &birth));     /* the old 15-digit form */
    assert_int_equal(birth, 0);
    /* Only len bytes are read: a valid number followed by more bytes, cut by len. */
    assert_true(dwp_id_number_valid("510104200805200016999", 18, NULL));
    assert_false(dwp_id_number_valid("510104200805200016", 17, NULL));
    assert_false(dwp_id_number_valid(NULL, 18, NULL));
}

static void test_id_number__bad_characters(void **state)
{
    (void)state;
    dwp_date birth = 0;
    assert_false(valid("51010420080520001 ", &birth));
    assert_false(valid(" 10104200805200016", &birth));
    assert_false(valid("5101042008-5200016", &birth));
    assert_false(valid("51010420080520001A", &birth));
    assert_false(valid("５10104200805200016", &birth)); /* full-width digit: more bytes anyway */
    char with_nul[18];
    memcpy(with_nul, "510104200805200016", 18);
    with_nul[10] = '\0';
    assert_false(dwp_id_number_valid(with_nul, 18, &birth));
    assert_int_equal(birth, 0);
}

static void test_id_number__invalid_embedded_date(void **state)
{
    (void)state;
    /* Each with a correct check character, so only the date is wrong. */
    static const char *const bad_dates[] = {"20080230", "20080001", "20081301", "20080532",
                                            "20230229", "19000229", "00000101", "20080500"};
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
        char id[19];
        memcpy(id, "510104", 6);
        memcpy(id + 6, bad_dates[i], 8);
        memcpy(id + 14, "001", 3);
        id[17] = check_char(id);
        id[18] = '\0';
        dwp_date birth = 0;
        if (valid(id, &birth)) fail_msg("%s has no real date", id);
        assert_int_equal(birth, 0);
    }
    /* 29 February in leap years is real, including 2000 (divisible by 400). */
    char id[19] = "51010420000229001";
    id[17] = check_char(id);
    id[18] = '\0';
    assert_true(valid(id, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_number__known_valid),
        cmocka_unit_test(test_id_number__generated),
        cmocka_unit_test(test_id_number__x_check_character),
        cmocka_unit_test(test_id_number__wrong_length),
        cmocka_unit_test(test_id_number__bad_characters),
        cmocka_unit_test(test_id_number__invalid_embedded_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
