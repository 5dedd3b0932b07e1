/* test_sha256.c — SHA-256 against the FIPS 180-4 / NIST CAVP example vectors, plus the
 * padding boundaries (55/56/63/64 bytes) where a one-block or two-block final is chosen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

static void digest_hex(const void *data, size_t len, char out[65])
{
    dwp_sha256 h;
    uint8_t d[32];
    dwp_sha256_init(&h);
    dwp_sha256_update(&h, data, len);
    dwp_sha256_final(&h, d);
    dwp_sha256_hex(d, out);
}

static void assert_sha256(const char *msg, const char *expect)
{
    char hex[65];
    digest_hex(msg, strlen(msg), hex);
    assert_string_equal(hex, expect);
}

static void test_sha256__empty(void **state)
{
    (void)state;
    assert_sha256("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* A NULL pointer with length 0 is a valid empty update. */
    dwp_sha256 h;
    uint8_t d[32];
    char hex[65];
    dwp_sha256_init(&h);
    dwp_sha256_update(&h, NULL, 0);
    dwp_sha256_final(&h, d);
    dwp_sha256_hex(d, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256__abc(void **state)
{
    (void)state;
    assert_sha256("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256__448_bits(void **state)
{
    (void)state;
    assert_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256__896_bits(void **state)
{
    (void)state;
    assert_sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* One million 'a' in chunks whose sizes are odd and cycle through values below, at and above
 * the block size, so the buffered path, the direct path and their mix are all taken. */
static void test_sha256__million_a_chunked(void **state)
{
    (void)state;
    static const size_t chunks[] = {1, 3, 63, 65, 7, 127, 129, 31, 191, 5, 1001};
    static char buf[1001];
    memset(buf, 'a', sizeof buf);

    dwp_sha256 h;
    uint8_t d[32];
    char hex[65];
    dwp_sha256_init(&h);
    size_t left = 1000000, i = 0;
    while (left > 0) {
        size_t n = chunks[i++ % (sizeof chunks / sizeof chunks[0])];
        if (n > left) n = left;
        dwp_sha256_update(&h, buf, n);
        left -= n;
    }
    dwp_sha256_final(&h, d);
    dwp_sha256_hex(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths either side of 56 bytes, where the length field stops fitting in the last block. */
static void test_sha256__padding_boundaries(void **state)
{
    (void)state;
    static const struct {
        size_t len;
        const char *hex;
    } cases[] = {
        {55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
        {56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
        {63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
        {64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
        {65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
        {119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
        {120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
        {128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"},
    };
    uint8_t msg[128];
    for (size_t i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(i * 7 + 3);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char hex[65];
        digest_hex(msg, cases[c].len, hex);
        assert_string_equal(hex, cases[c].hex);
    }
}

/* Bytes >= 0x80 must be taken as unsigned; a sign-extended load would corrupt the words. */
static void test_sha256__high_bytes(void **state)
{
    (void)state;
    static const uint8_t msg[] = {0xff, 0xff, 0xff, 0x00, 0x00};
    char hex[65];
    digest_hex(msg, sizeof msg, hex);
    assert_string_equal(hex, "6112faa01bbf432162a2ebe02e6eb5b612bcf8bdf8f23255ea2de4ae4a8edf2b");
}

/* Every split of a 200-byte message into two updates gives the one-shot digest. */
static void test_sha256__split_equals_oneshot(void **state)
{
    (void)state;
    uint8_t msg[200];
    for (size_t i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(i * 31 + 11);
    char whole[65];
    digest_hex(msg, sizeof msg, whole);
    for (size_t cut = 0; cut <= sizeof msg; cut++) {
        dwp_sha256 h;
        uint8_t d[32];
        char hex[65];
        dwp_sha256_init(&h);
        dwp_sha256_update(&h, msg, cut);
        dwp_sha256_update(&h, msg + cut, sizeof msg - cut);
        dwp_sha256_final(&h, d);
        dwp_sha256_hex(d, hex);
        assert_string_equal(hex, whole);
    }
}

/* init after final starts a fresh digest: the ruleset hasher reuses its context. */
static void test_sha256__reuse_after_final(void **state)
{
    (void)state;
    dwp_sha256 h;
    uint8_t d[32];
    char hex[65];
    dwp_sha256_init(&h);
    dwp_sha256_update(&h, "something else", 14);
    dwp_sha256_final(&h, d);
    dwp_sha256_init(&h);
    dwp_sha256_update(&h, "abc", 3);
    dwp_sha256_final(&h, d);
    dwp_sha256_hex(d, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256__empty),
        cmocka_unit_test(test_sha256__abc),
        cmocka_unit_test(test_sha256__448_bits),
        cmocka_unit_test(test_sha256__896_bits),
        cmocka_unit_test(test_sha256__million_a_chunked),
        cmocka_unit_test(test_sha256__padding_boundaries),
        cmocka_unit_test(test_sha256__high_bytes),
        cmocka_unit_test(test_sha256__split_equals_oneshot),
        cmocka_unit_test(test_sha256__reuse_after_final),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
