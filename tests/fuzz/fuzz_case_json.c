/* fuzz_case_json.c — libFuzzer target for the strict case reader.
 *
 * Reads the bytes as a case in both languages and checks what must hold for any input: the
 * same status either way, one of the three the reader may return, a non-empty message on
 * failure that is valid UTF-8 and stays within the error buffer, and on success a model whose
 * enumerations and ranges are what the contract promises. A violation aborts, which libFuzzer
 * (and the replay driver under ctest) reports as a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "dwpolicy.h"
#include "error.h"
#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(int ok)
{
    if (!ok) abort();
}

/* Messages quote untrusted text; they must still be well-formed UTF-8 and NUL-terminated. */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    const char *nul = memchr(s, '\0', DWP_ERROR_MAX);
    if (!nul) return 0;
    size_t n = (size_t)(nul - s);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (k == 0 || i + k > n) return 0;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80) return 0;
        i += k;
    }
    return 1;
}

static void check_model(const dwp_facts *c)
{
    require(c->as_of != 0 && c->region >= 100000 && c->region <= 999999);
    require(c->child.birth_date != 0);
    require(!c->has_case_id || strlen(c->case_id) <= DWP_CASE_ID_MAX);
    require(c->area <= DWP_AREA_RURAL && c->child.living_arrangement <= DWP_LIVING_INSTITUTION);
    require(!c->child.has_disability ||
            (c->child.disability_grade >= 1 && c->child.disability_grade <= 4));
    require(!c->child.has_education || c->child.education_level != DWP_LEVEL_UNSET);
    require(!c->emergency.present || c->emergency.kind != DWP_EMERG_UNSET);
    require(!c->household.size.present ||
            (c->household.size.value >= 1 && c->household.size.value <= DWP_HOUSEHOLD_SIZE_MAX));
    const dwp_opt_int *money[] = {&c->child.monthly_income_fen,
                                  &c->household.monthly_benefit_fen,
                                  &c->medical.policy_out_of_pocket_fen,
                                  &c->medical.assisted_this_year_fen,
                                  &c->medical.deductible_paid_this_year_fen,
                                  &c->emergency.received_this_year_fen};
    for (size_t i = 0; i < sizeof money / sizeof money[0]; i++)
        require(!money[i]->present || (money[i]->value >= 0 && money[i]->value <= DWP_MONEY_MAX));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dwp_facts en, zh;
    int rc_en = dwp_facts_read_json((const char *)data, size, DWP_LANG_EN, &en);
    require(rc_en == DWP_OK || rc_en == DWP_EPARSE || rc_en == DWP_ESCHEMA);
    if (rc_en != DWP_OK) require(dwp_last_error()[0] != '\0' && utf8_ok(dwp_last_error()));
    int rc_zh = dwp_facts_read_json((const char *)data, size, DWP_LANG_ZH, &zh);
    require(rc_zh == rc_en);
    if (rc_zh != DWP_OK) {
        require(dwp_last_error()[0] != '\0' && utf8_ok(dwp_last_error()));
    } else {
        check_model(&en);
        /* The language only changes messages, never the model. */
        require(memcmp(&en.child, &zh.child, sizeof en.child) == 0);
        require(en.as_of == zh.as_of && en.region == zh.region &&
                strcmp(en.case_id, zh.case_id) == 0);
    }
    return 0;
}
