/* case_json.c — the strict case reader (SPEC §2): JSON bytes straight into a dwp_facts.
 *
 * One pass, no tree, no allocation. The object structure is driven by the schema tables
 * below; anything the schema does not expect (unknown field, wrong type) is recorded as the
 * first contract error and then only *syntax-checked* to the end, so that a document that is
 * not JSON at all is always DWP_EPARSE whatever else is wrong with it, and a document that is
 * JSON but not a case is DWP_ESCHEMA with the first problem in document order.
 *
 * Syntax errors stop at once and carry line and column (columns count code points, so they
 * match what an editor shows for Chinese text). Contract errors start with the field path.
 *
 * Classification: duplicate keys are a contract error (RFC 8259 allows them; we refuse them
 * because two readers could pick different values), as is a top level that is not an object.
 * Nesting deeper than 64 is a syntax error (a parser limit, as RFC 8259 §9 permits).
 *
 * child.id_number is validated in place and never copied: not into the model, not into a
 * message (no error for that field quotes what was found, not even a number given instead of
 * a string), and the scratch buffer is wiped when the number had to be unescaped into it. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "case.h"
#include "error.h"
#include "money.h"
#include "regions.h"

#define MAX_DEPTH 64
/* Strings with escapes are decoded into this buffer. Every field this reader keeps is far
 * shorter; a longer string is still validated to its end and its full length counted, only
 * the first SCRATCH_MAX bytes are kept (enough to quote it in a message). */
#define SCRATCH_MAX 256
/* How many bytes of a found value a message quotes. */
#define QUOTE_MAX 40
/* key_is32 reads this many bytes at a key. */
#define KEY_ROOM 32

#if defined(__GNUC__)
#define FORMAT2(zh, en, args) __attribute__((format(printf, zh, args), format(printf, en, args)))
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#else
#define FORMAT2(zh, en, args)
#define ALWAYS_INLINE inline
#define NOINLINE
#endif

typedef struct parser {
    const unsigned char *start, *cur, *end;
    /* A position before it has more than KEY_ROOM bytes after it (start when none has). */
    const unsigned char *room_end;
    int lang;          /* DWP_LANG_ZH or DWP_LANG_EN, normalised */
    bool failed;       /* a contract error is recorded; from now on only syntax matters */
    dwp_date id_birth; /* birth date inside a valid child.id_number; 0 = none */
    char scratch[SCRATCH_MAX];
} parser;

/* A decoded string: s[0..avail) is readable; n is the full decoded length (n > avail only
 * when a string with escapes did not fit in the scratch buffer). */
typedef struct jstr {
    const char *s;
    size_t n, avail;
} jstr;

/* A number as written (s, n) and, when it is an integer literal that fits, its value. */
typedef struct jnum {
    const char *s;
    size_t n;
    bool integer;  /* -?digits only: no fraction, no exponent */
    bool overflow; /* outside int64 */
    int64_t value;
} jnum;

/* ---- Schema ---------------------------------------------------------------------------- */

enum field_type {
    T_BOOL,    /* dwp_tri */
    T_INT,     /* dwp_opt_int in [min, max] */
    T_MONEY,   /* dwp_opt_int in [0, DWP_MONEY_MAX], with its own message */
    T_U8,      /* uint8_t in [min, max] (disability.grade) */
    T_ENUM,    /* uint8_t, names from case.c */
    T_DATE,    /* dwp_date */
    T_REGION,  /* int32_t, 6 digits */
    T_CASE_ID, /* char case_id[] + has_case_id */
    T_ID,      /* child.id_number: checked, not stored */
    T_OBJECT   /* a nested object; off is its presence flag (bool) or NO_FLAG */
};

#define NO_FLAG UINT16_MAX

struct parser;
struct dwp_facts;

typedef struct field {
    /* The key as compact JSON writes it, "name": (zero-padded; the name is key + 1), so that
     * the expected key and its colon are recognised in one comparison. */
    char key[33];
    uint8_t klen; /* bytes of key, at most 32; the name has klen - 3 */
    uint8_t type;
    bool required;
    uint8_t ekind;    /* dwp_enum_kind for T_ENUM */
    int8_t min;       /* integers: the range is [min, max] */
    uint16_t off;     /* offset of the value in dwp_facts */
    const char *path; /* the full dotted path, for messages */
    int64_t max;
    const struct schema *sub;
} field;

typedef struct schema {
    const char *path; /* "" for the top level */
    const field *fields;
    int count; /* at most 32: fields seen are tracked in a uint32_t */
    /* Checks that need the whole object (run after the required-field check). */
    void (*finish)(struct parser *P, struct dwp_facts *c);
} schema;

#define OFF(m) ((uint16_t)offsetof(dwp_facts, m))
/* key and klen of a field named by the string literal n. A name longer than 29 bytes (a key
 * longer than 32) is a compile error: the array size below turns negative. */
#define KEY(n) "\"" n "\":", (uint8_t)(sizeof(n) + 2 + 0 * sizeof(char[sizeof(n) <= 30 ? 1 : -1]))
#define F_BOOL(n, path, m) {KEY(n), T_BOOL, false, 0, 0, OFF(m), path, 0, NULL}
#define F_MONEY(n, path, m) {KEY(n), T_MONEY, false, 0, 0, OFF(m), path, DWP_MONEY_MAX, NULL}
#define F_INT(n, path, m, t, req, lo, hi) {KEY(n), t, req, 0, lo, OFF(m), path, hi, NULL}
#define F_ENUM(n, path, m, k, req) {KEY(n), T_ENUM, req, k, 0, OFF(m), path, 0, NULL}
#define F_TYPE(n, path, m, t, req) {KEY(n), t, req, 0, 0, OFF(m), path, 0, NULL}
#define F_OBJ(n, path, flag, sub, req) {KEY(n), T_OBJECT, req, 0, 0, flag, path, 0, sub}
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void child_finish(struct parser *P, struct dwp_facts *c);

static const field education_fields[] = {
    F_ENUM("level", "child.education.level", child.education_level, DWP_ENUM_LEVEL, true),
    F_BOOL("full_time", "child.education.full_time", child.full_time),
    F_BOOL("boarding", "child.education.boarding", child.boarding),
    F_BOOL("within_normal_duration", "child.education.within_normal_duration",
           child.within_normal_duration),
};
static const schema education_schema = {"child.education", education_fields,
                                        COUNT(education_fields), NULL};

static const field disability_fields[] = {
    F_INT("grade", "child.disability.grade", child.disability_grade, T_U8, true, 1, 4),
    F_ENUM("type", "child.disability.type", child.disability_type, DWP_ENUM_DISABILITY_TYPE,
           false),
};
static const schema disability_schema = {"child.disability", disability_fields,
                                         COUNT(disability_fields), NULL};

/* In SPEC order, which is the order writers use: the lookup starts after the last match. */
static const field child_fields[] = {
    F_TYPE("birth_date", "child.birth_date", child.birth_date, T_DATE, true),
    F_TYPE("id_number", "child.id_number", child.id_number_checked, T_ID, false),
    F_TYPE("hukou_region", "child.hukou_region", child.hukou_region, T_REGION, false),
    F_BOOL("orphan", "child.orphan", child.orphan),
    F_BOOL("de_facto_unsupported", "child.de_facto_unsupported", child.de_facto_unsupported),
    F_ENUM("living_arrangement", "child.living_arrangement", child.living_arrangement,
           DWP_ENUM_LIVING, false),
    F_OBJ("disability", "child.disability", OFF(child.has_disability), &disability_schema,
          false),
    F_BOOL("autism", "child.autism", child.autism),
    F_BOOL("serious_illness", "child.serious_illness", child.serious_illness),
    F_MONEY("monthly_income_fen", "child.monthly_income_fen", child.monthly_income_fen),
    F_OBJ("education", "child.education", OFF(child.has_education), &education_schema, false),
    F_ENUM("guardianship", "child.guardianship", child.guardianship, DWP_ENUM_GUARDIANSHIP,
           false),
    F_BOOL("left_behind", "child.left_behind", child.left_behind),
    F_BOOL("crime_victim", "child.crime_victim", child.crime_victim),
    F_BOOL("graduating_this_year", "child.graduating_this_year", child.graduating_this_year),
};
static const schema child_schema = {"child", child_fields, COUNT(child_fields), child_finish};

static const field household_fields[] = {
    F_ENUM("status", "household.status", household.status, DWP_ENUM_HOUSEHOLD_STATUS, false),
    F_INT("size", "household.size", household.size, T_INT, false, 1, DWP_HOUSEHOLD_SIZE_MAX),
    F_MONEY("monthly_benefit_fen", "household.monthly_benefit_fen",
            household.monthly_benefit_fen),
    F_BOOL("housing_eligible", "household.housing_eligible", household.housing_eligible),
};
static const schema household_schema = {"household", household_fields,
                                        COUNT(household_fields), NULL};

static const field medical_fields[] = {
    F_MONEY("policy_out_of_pocket_fen", "medical.policy_out_of_pocket_fen",
            medical.policy_out_of_pocket_fen),
    F_BOOL("designated_institution", "medical.designated_institution",
           medical.designated_institution),
    F_MONEY("assisted_this_year_fen", "medical.assisted_this_year_fen",
            medical.assisted_this_year_fen),
    F_MONEY("deductible_paid_this_year_fen", "medical.deductible_paid_this_year_fen",
            medical.deductible_paid_this_year_fen),
};
static const schema medical_schema = {"medical", medical_fields, COUNT(medical_fields), NULL};

static const field emergency_fields[] = {
    F_ENUM("kind", "emergency.kind", emergency.kind, DWP_ENUM_EMERGENCY_KIND, true),
    F_TYPE("occurred_region", "emergency.occurred_region", emergency.occurred_region, T_REGION,
           false),
    F_MONEY("received_this_year_fen", "emergency.received_this_year_fen",
            emergency.received_this_year_fen),
};
static const schema emergency_schema = {"emergency", emergency_fields,
                                        COUNT(emergency_fields), NULL};

static const field root_fields[] = {
    F_TYPE("case_id", "case_id", case_id, T_CASE_ID, false),
    F_TYPE("as_of", "as_of", as_of, T_DATE, true),
    F_TYPE("region", "region", region, T_REGION, true),
    F_ENUM("area", "area", area, DWP_ENUM_AREA, false),
    F_OBJ("child", "child", NO_FLAG, &child_schema, true),
    F_OBJ("household", "household", OFF(household.present), &household_schema, false),
    F_OBJ("medical", "medical", OFF(medical.present), &medical_schema, false),
    F_OBJ("emergency", "emergency", OFF(emergency.present), &emergency_schema, false),
};
static const schema root_schema = {"", root_fields, COUNT(root_fields), NULL};

/* parse_object tracks the fields seen in a uint32_t. */
_Static_assert(COUNT(root_fields) <= 32 && COUNT(child_fields) <= 32 &&
                   COUNT(household_fields) <= 32 && COUNT(medical_fields) <= 32 &&
                   COUNT(emergency_fields) <= 32 && COUNT(education_fields) <= 32 &&
                   COUNT(disability_fields) <= 32,
               "an object has more than 32 fields");

/* Absent everywhere: tri-state facts start unknown, everything else 0 / false / UNSET. */
static const dwp_facts empty_case = {
    .child = {.orphan = DWP_TRI_UNKNOWN,
              .de_facto_unsupported = DWP_TRI_UNKNOWN,
              .autism = DWP_TRI_UNKNOWN,
              .serious_illness = DWP_TRI_UNKNOWN,
              .full_time = DWP_TRI_UNKNOWN,
              .boarding = DWP_TRI_UNKNOWN,
              .within_normal_duration = DWP_TRI_UNKNOWN,
              .left_behind = DWP_TRI_UNKNOWN,
              .crime_victim = DWP_TRI_UNKNOWN,
              .graduating_this_year = DWP_TRI_UNKNOWN},
    .household = {.housing_eligible = DWP_TRI_UNKNOWN},
    .medical = {.designated_institution = DWP_TRI_UNKNOWN},
};

/* ---- Messages -------------------------------------------------------------------------- */

static const char *tr(const parser *P, const char *zh, const char *en)
{
    return P->lang == DWP_LANG_ZH ? zh : en;
}

/* Line and column (1-based; columns in code points) of `at`. Only runs on the error path. */
static void position(const parser *P, const unsigned char *at, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (const unsigned char *p = P->start; p < at && p < P->end; p++) {
        if (*p == '\n') {
            l++;
            c = 1;
        } else if ((*p & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* A syntax error at `at`: "line L, column C: <message>". Returns DWP_EPARSE. */
static int syntax_error(const parser *P, const unsigned char *at, const char *zh, const char *en,
                        ...) FORMAT2(3, 4, 5);
static int syntax_error(const parser *P, const unsigned char *at, const char *zh, const char *en,
                        ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, en);
    vsnprintf(msg, sizeof msg, tr(P, zh, en), ap);
    va_end(ap);
    size_t line, col;
    position(P, at, &line, &col);
    return dwp_error_set(DWP_EPARSE, P->lang, "第 %zu 行第 %zu 列：%s", "line %zu, column %zu: %s",
                         line, col, msg);
}

/* Record a contract error unless one is recorded already (the first one is the useful one). */
static void schema_error(parser *P, const char *zh, const char *en, ...) FORMAT2(2, 3, 4);
static void schema_error(parser *P, const char *zh, const char *en, ...)
{
    if (P->failed) return;
    P->failed = true;
    char msg[DWP_ERROR_MAX];
    va_list ap;
    va_start(ap, en);
    vsnprintf(msg, sizeof msg, tr(P, zh, en), ap);
    va_end(ap);
    dwp_error_set_text(DWP_ESCHEMA, msg);
}

/* What is at `at`, for syntax errors: a printable ASCII character, a byte, or the end. Never
 * more than one character, so a syntax error cannot reveal an identity number. */
static void describe_at(const parser *P, const unsigned char *at, char *buf, size_t cap)
{
    if (at >= P->end)
        snprintf(buf, cap, "%s", tr(P, "输入结尾", "the end of the input"));
    else if (*at > 0x20 && *at < 0x7F)
        snprintf(buf, cap, "'%c'", *at);
    else
        snprintf(buf, cap, tr(P, "字节 0x%02X", "byte 0x%02X"), (unsigned)*at);
}

/* "expected X; found Y" at the cursor, with the two common mistakes named outright. */
static int unexpected(const parser *P, const char *zh, const char *en, bool after_comma)
{
    const unsigned char *at = P->cur;
    if (P->end - at > 1 && at[0] == '/' && (at[1] == '/' || at[1] == '*'))
        return syntax_error(P, at, "%s", "%s",
                            tr(P, "JSON 不允许注释", "comments are not allowed in JSON"));
    if (after_comma && at < P->end && (*at == '}' || *at == ']'))
        return syntax_error(P, at, "不允许尾随逗号（',' 之后是 '%c'）",
                            "trailing commas are not allowed (found '%c' after ',')", *at);
    char found[32];
    describe_at(P, at, found, sizeof found);
    return syntax_error(P, at, zh, en, found);
}

/* The value of an enumeration list for messages: zh separates with 、 as Chinese text does. */
static void enum_list(const parser *P, dwp_enum_kind kind, char *buf, size_t cap)
{
    const char *s = dwp_enum_list(kind);
    size_t o = 0;
    if (P->lang != DWP_LANG_ZH) {
        snprintf(buf, cap, "%s", s);
        return;
    }
    while (*s && o + 4 < cap) {
        if (s[0] == ',' && s[1] == ' ') {
            memcpy(buf + o, "\xE3\x80\x81", 3); /* 、 */
            o += 3;
            s += 2;
        } else {
            buf[o++] = *s++;
        }
    }
    buf[o] = '\0';
}

/* A number literal for a message: it is ASCII by construction; cut long ones with "…". */
static void number_text(const jnum *num, char *buf, size_t cap)
{
    size_t n = num->n < QUOTE_MAX ? num->n : QUOTE_MAX;
    snprintf(buf, cap, "%.*s%s", (int)n, num->s, num->n > n ? "\xE2\x80\xA6" : "");
}

/* ---- Lexical layer --------------------------------------------------------------------- */

/* Bytes that end the fast scan of a string: '"', '\\', control characters, non-ASCII. */
#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char str_stop[256] = {
    R16(1), R16(1),                                 /* 0x00-0x1F */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20-0x2F: '"' */
    R16(0), R16(0),                                 /* 0x30-0x4F */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50-0x5F: '\\' */
    R16(0), R16(0),                                 /* 0x60-0x7F */
    R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), /* 0x80-0xFF */
};

/* Eight bytes at p as one word (memcpy: no alignment or aliasing assumptions). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* JSON whitespace is exactly these four bytes, all <= ' ': one compare rejects everything
 * else, a mask test accepts them. */
#define WS_MASK                                                                                \
    ((UINT64_C(1) << ' ') | (UINT64_C(1) << '\n') | (UINT64_C(1) << '\r') | (UINT64_C(1) << '\t'))

static inline bool is_ws(unsigned char c) { return c <= ' ' && (WS_MASK >> c & 1); }

/* The first non-whitespace byte at or after p (or e). */
static inline const unsigned char *ws(const unsigned char *p, const unsigned char *e)
{
    while (p < e && is_ws(*p)) {
        if (*p++ != '\n') continue;
        /* Indentation follows a newline: measure the run of spaces a word at a time. */
        while (e - p >= 8) {
            uint64_t other = load8(p) ^ (ONES * ' '); /* non-zero bytes: not a space */
            if (!other) {
                p += 8;
                continue;
            }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            p += __builtin_ctzll(other) >> 3; /* the first byte in memory is the lowest */
#endif
            break;
        }
    }
    return p;
}

static inline void skip_ws(parser *P) { P->cur = ws(P->cur, P->end); }

static inline uint32_t load4(const unsigned char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

/* memcmp for the short names and literals here, inline: a libc call costs more than the
 * compare. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    if (n >= 8) {
        /* Whole words, the last one overlapping the one before. */
        for (size_t i = 0; i + 8 < n; i += 8)
            if (load8(x + i) != load8(y + i)) return false;
        return load8(x + n - 8) == load8(y + n - 8);
    }
    if (n >= 4) return load4(x) == load4(y) && load4(x + n - 4) == load4(y + n - 4);
    for (; n; n--)
        if (*x++ != *y++) return false;
    return true;
}

/* The bytes of w that end the fast string scan ('"', '\\', a control character or a
 * non-ASCII byte) have their high bit set in the result. (x - ONES * n) & ~x & HIGHS flags the
 * bytes of x below n (n <= 0x80); a byte equal to c is a zero byte of x ^ ONES * c. A borrow
 * can flag a byte *above* a flagged one spuriously, never below, so the lowest flag is exact. */
static inline uint64_t string_stops(uint64_t w)
{
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
    return (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w) | w) & HIGHS;
}

/* Advance p over ordinary string bytes, eight at a time where possible. */
static inline const unsigned char *skip_plain(const unsigned char *p, const unsigned char *e)
{
    while (e - p >= 8) {
        uint64_t stops = string_stops(load8(p));
        if (stops) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* The first byte in memory is the lowest: its flag is the lowest set bit. */
            return p + (__builtin_ctzll(stops) >> 3);
#else
            break;
#endif
        }
        p += 8;
    }
    while (p < e && !str_stop[*p]) p++;
    return p;
}

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), or 0. Unicode 15 table
 * 3-7: this refuses overlong forms, encoded surrogates, code points above U+10FFFF and
 * sequences cut short by the end of the input. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *e)
{
    size_t avail = (size_t)(e - p);
    unsigned c = p[0], lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0) lo = 0xA0; /* overlong */
        if (c == 0xED) hi = 0x9F; /* U+D800..U+DFFF */
        return avail >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0) lo = 0x90; /* overlong */
        if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
        return avail >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
                       (p[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

static bool hex4(const unsigned char *p, const unsigned char *e, unsigned *out)
{
    if (e - p < 4) return false;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return false;
        v = v << 4 | d;
    }
    *out = v;
    return true;
}

static int string_byte_error(const parser *P, const unsigned char *p)
{
    if (*p < 0x20)
        return syntax_error(P, p, "字符串中有未转义的控制字符 U+%04X",
                            "unescaped control character U+%04X in a string", (unsigned)*p);
    return syntax_error(P, p, "无效的 UTF-8（字节 0x%02X）", "invalid UTF-8 (byte 0x%02X)",
                        (unsigned)*p);
}

/* Append k bytes to the scratch copy, keeping it a prefix of the decoded string. */
static inline void put(parser *P, size_t *n, size_t *have, const void *src, size_t k)
{
    if (*have == *n && *n + k <= SCRATCH_MAX) {
        memcpy(P->scratch + *n, src, k);
        *have += k;
    }
    *n += k;
}

/* [cursor at '"'] Validate and decode a string; the cursor ends past the closing quote.
 * Without escapes the result points into the input (no copy: the common case). */
static int scan_string(parser *P, jstr *out)
{
    const unsigned char *open = P->cur, *p = open + 1, *e = P->end, *begin = p;
    for (;;) {
        p = skip_plain(p, e);
        if (p >= e) return syntax_error(P, open, "字符串没有结束的引号", "unterminated string");
        if (*p == '"') {
            out->s = (const char *)begin;
            out->n = out->avail = (size_t)(p - begin);
            P->cur = p + 1;
            return DWP_OK;
        }
        if (*p == '\\') break;
        size_t k = *p < 0x20 ? 0 : utf8_seq(p, e);
        if (k == 0) return string_byte_error(P, p);
        p += k;
    }

    /* Escapes: decode into the scratch buffer from here on. */
    size_t n = 0, have = 0;
    put(P, &n, &have, begin, (size_t)(p - begin));
    for (;;) {
        if (p >= e) return syntax_error(P, open, "字符串没有结束的引号", "unterminated string");
        unsigned char c = *p;
        if (c == '"') break;
        if (c == '\\') {
            unsigned char u8[4];
            size_t k = 1;
            if (p + 1 >= e)
                return syntax_error(P, open, "字符串没有结束的引号", "unterminated string");
            switch (p[1]) {
            case '"': u8[0] = '"'; break;
            case '\\': u8[0] = '\\'; break;
            case '/': u8[0] = '/'; break;
            case 'b': u8[0] = '\b'; break;
            case 'f': u8[0] = '\f'; break;
            case 'n': u8[0] = '\n'; break;
            case 'r': u8[0] = '\r'; break;
            case 't': u8[0] = '\t'; break;
            case 'u': {
                unsigned u, lo;
                if (!hex4(p + 2, e, &u))
                    return syntax_error(P, p, "\\u 之后应为 4 个十六进制数字",
                                        "expected 4 hex digits after \\u");
                if (u >= 0xDC00 && u <= 0xDFFF)
                    return syntax_error(P, p, "孤立的低代理项 \\u%04X", "lone surrogate \\u%04X",
                                        u);
                if (u >= 0xD800 && u <= 0xDBFF) {
                    /* A high surrogate is only half a character: the low half must follow. */
                    const unsigned char *q = p + 6;
                    if (!(e - q >= 6 && q[0] == '\\' && q[1] == 'u' && hex4(q + 2, e, &lo) &&
                          lo >= 0xDC00 && lo <= 0xDFFF))
                        return syntax_error(
                            P, p, "孤立的代理项 \\u%04X（之后必须紧跟 \\uDC00–\\uDFFF）",
                            "lone surrogate \\u%04X (it must be followed by \\uDC00-\\uDFFF)", u);
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
                if (u < 0x80) {
                    u8[0] = (unsigned char)u;
                } else if (u < 0x800) {
                    u8[0] = (unsigned char)(0xC0 | u >> 6);
                    u8[1] = (unsigned char)(0x80 | (u & 0x3F));
                    k = 2;
                } else if (u < 0x10000) {
                    u8[0] = (unsigned char)(0xE0 | u >> 12);
                    u8[1] = (unsigned char)(0x80 | (u >> 6 & 0x3F));
                    u8[2] = (unsigned char)(0x80 | (u & 0x3F));
                    k = 3;
                } else {
                    u8[0] = (unsigned char)(0xF0 | u >> 18);
                    u8[1] = (unsigned char)(0x80 | (u >> 12 & 0x3F));
                    u8[2] = (unsigned char)(0x80 | (u >> 6 & 0x3F));
                    u8[3] = (unsigned char)(0x80 | (u & 0x3F));
                    k = 4;
                }
                p += 4; /* the hex digits; the "\u" is skipped below */
                break;
            }
            default: {
                char found[32];
                describe_at(P, p + 1, found, sizeof found);
                return syntax_error(P, p, "无效的转义序列：'\\' 之后是 %s",
                                    "invalid escape in a string: %s after '\\'", found);
            }
            }
            p += 2;
            put(P, &n, &have, u8, k);
            continue;
        }
        size_t k = 1;
        if (c < 0x20 || (c >= 0x80 && (k = utf8_seq(p, e)) == 0)) return string_byte_error(P, p);
        put(P, &n, &have, p, k);
        p += k;
    }
    out->s = P->scratch;
    out->n = n;
    out->avail = have;
    P->cur = p + 1;
    return DWP_OK;
}

/* scan_string for the common string: ASCII without escapes, read in place. Anything else
 * starts over in the full scanner. */
static inline int scan_plain_string(parser *P, jstr *out)
{
    const unsigned char *b = P->cur + 1, *e = P->end, *p = skip_plain(b, e);
    if (p < e && *p == '"') {
        out->s = (const char *)b;
        out->n = out->avail = (size_t)(p - b);
        P->cur = p + 1;
        return DWP_OK;
    }
    return scan_string(P, out);
}

/* [cursor at '-' or a digit] An RFC 8259 number. The integer value is accumulated digit by
 * digit with an overflow check, so an arbitrarily long literal costs nothing extra. */
static int scan_number(parser *P, jnum *out)
{
    const unsigned char *b = P->cur, *p = b, *e = P->end;
    bool neg = false, over = false, integer = true;
    uint64_t mag = 0;
    if (*p == '-') {
        neg = true;
        p++;
    }
    if (p >= e || !is_digit(*p))
        return syntax_error(P, p, "'-' 之后应为数字", "expected a digit after '-'");
    if (*p == '0') {
        p++;
        if (p < e && is_digit(*p))
            return syntax_error(P, b, "数字不允许前导零", "leading zeros are not allowed in numbers");
    } else {
        /* 18 digits always fit in int64; only longer literals need the overflow check. */
        const unsigned char *fast_end = e - p > 18 ? p + 18 : e;
        for (; p < fast_end && is_digit(*p); p++) mag = mag * 10 + (unsigned)(*p - '0');
        const uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
        for (; p < e && is_digit(*p); p++) {
            unsigned d = (unsigned)(*p - '0');
            if (!over && mag > (limit - d) / 10) over = true;
            if (!over) mag = mag * 10 + d;
        }
    }
    if (p < e && *p == '.') {
        integer = false;
        if (++p >= e || !is_digit(*p))
            return syntax_error(P, p, "'.' 之后应为数字", "expected a digit after '.'");
        while (p < e && is_digit(*p)) p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        integer = false;
        p++;
        if (p < e && (*p == '+' || *p == '-')) p++;
        if (p >= e || !is_digit(*p))
            return syntax_error(P, p, "指数中应为数字", "expected a digit in the exponent");
        while (p < e && is_digit(*p)) p++;
    }
    out->s = (const char *)b;
    out->n = (size_t)(p - b);
    out->integer = integer;
    out->overflow = over;
    /* -2^63 has no positive counterpart to negate. */
    if (!neg)
        out->value = (int64_t)mag;
    else if (mag <= (uint64_t)INT64_MAX)
        out->value = -(int64_t)mag;
    else
        out->value = INT64_MIN;
    P->cur = p;
    return DWP_OK;
}

/* scan_number for the common number: a non-negative integer of at most 18 digits without a
 * leading zero (or 0 itself), not followed by a fraction or exponent. Returns false, having
 * consumed nothing, for anything else. */
static inline bool scan_plain_int(parser *P, jnum *out)
{
    const unsigned char *b = P->cur, *p = b, *e = P->end;
    const unsigned char *stop = e - p > 19 ? p + 19 : e;
    uint64_t v = 0;
    while (p < stop && is_digit(*p)) v = v * 10 + (unsigned)(*p++ - '0');
    size_t n = (size_t)(p - b);
    if (n == 0 || n > 18 || (n > 1 && *b == '0')) return false;
    if (p < e && (is_digit(*p) || *p == '.' || *p == 'e' || *p == 'E')) return false;
    out->s = (const char *)b;
    out->n = n;
    out->integer = true;
    out->overflow = false;
    out->value = (int64_t)v;
    P->cur = p;
    return true;
}

static inline int scan_literal(parser *P, const char *lit, size_t n)
{
    if ((size_t)(P->end - P->cur) < n || !same_bytes((const char *)P->cur, lit, n))
        return syntax_error(P, P->cur, "无效的字面量（应为 true、false 或 null）",
                            "invalid literal (expected true, false or null)");
    P->cur += n;
    return DWP_OK;
}

/* ---- Structure ------------------------------------------------------------------------- */

#define TRY(x)                                                                                 \
    do {                                                                                       \
        int rc_ = (x);                                                                         \
        if (rc_ != DWP_OK) return rc_;                                                         \
    } while (0)

static int parse_object(parser *P, const schema *sc, dwp_facts *c, int depth);
static int skip_object(parser *P, int depth);

static int expect_value(const parser *P, bool after_comma)
{
    return unexpected(P, "应为一个值，实际为 %s", "expected a value; found %s", after_comma);
}

/* [cursor at '['] Arrays never carry case data: only their syntax is checked. */
static int skip_array(parser *P, int depth);

/* Validate one value of any kind (the cursor at its first byte) without keeping it; `depth` is
 * that of the enclosing container. */
static int skip_value(parser *P, int depth, bool after_comma)
{
    if (P->cur >= P->end) return expect_value(P, after_comma);
    jstr s;
    jnum num;
    switch (*P->cur) {
    case '{': return skip_object(P, depth + 1);
    case '[': return skip_array(P, depth + 1);
    case '"': return scan_string(P, &s);
    case 't': return scan_literal(P, "true", 4);
    case 'f': return scan_literal(P, "false", 5);
    case 'n': return scan_literal(P, "null", 4);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return scan_number(P, &num);
    default: return expect_value(P, after_comma);
    }
}

static int skip_array(parser *P, int depth)
{
    if (depth > MAX_DEPTH)
        return syntax_error(P, P->cur, "嵌套超过 %d 层", "nesting deeper than %d levels",
                            MAX_DEPTH);
    P->cur++;
    skip_ws(P);
    if (P->cur < P->end && *P->cur == ']') {
        P->cur++;
        return DWP_OK;
    }
    for (bool after_comma = false;; after_comma = true) {
        skip_ws(P);
        TRY(skip_value(P, depth, after_comma));
        skip_ws(P);
        if (P->cur < P->end && *P->cur == ',') {
            P->cur++;
            continue;
        }
        if (P->cur < P->end && *P->cur == ']') {
            P->cur++;
            return DWP_OK;
        }
        return unexpected(P, "数组元素之后应为 ',' 或 ']'，实际为 %s",
                          "expected ',' or ']' after an array element; found %s", false);
    }
}

/* Consume a value that has the wrong type for its field and describe it for the message:
 * strings are quoted (bounded, escaped), numbers and literals shown as written, containers
 * named. With may_show false (child.id_number) only the kind of value is named. */
static int consume_described(parser *P, int depth, bool may_show, char *buf, size_t cap)
{
    jstr s;
    jnum num;
    buf[0] = '\0';
    switch (*P->cur) {
    case '"':
        TRY(scan_string(P, &s));
        if (may_show)
            dwp_error_quote(buf, cap, s.s, s.avail, QUOTE_MAX);
        else
            snprintf(buf, cap, "%s", tr(P, "字符串", "a string"));
        return DWP_OK;
    case '{':
        snprintf(buf, cap, "%s", tr(P, "对象", "an object"));
        return skip_object(P, depth + 1);
    case '[':
        snprintf(buf, cap, "%s", tr(P, "数组", "an array"));
        return skip_array(P, depth + 1);
    case 't': snprintf(buf, cap, "true"); return scan_literal(P, "true", 4);
    case 'f': snprintf(buf, cap, "false"); return scan_literal(P, "false", 5);
    case 'n': snprintf(buf, cap, "null"); return scan_literal(P, "null", 4);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        TRY(scan_number(P, &num));
        if (may_show)
            number_text(&num, buf, cap);
        else
            snprintf(buf, cap, "%s", tr(P, "数字", "a number"));
        return DWP_OK;
    default: return expect_value(P, false);
    }
}

static void enum_error(parser *P, const field *f, const char *found)
{
    char list[256];
    enum_list(P, (dwp_enum_kind)f->ekind, list, sizeof list);
    schema_error(P, "%s：应为 %s 之一，实际为 %s", "%s: expected one of %s; got %s", f->path,
                 list, found);
}

/* The field has a value of the wrong JSON type: consume it and record what was found. */
static int type_error(parser *P, const field *f, int depth)
{
    char found[160];
    TRY(consume_described(P, depth, f->type != T_ID, found, sizeof found));
    if (P->failed) return DWP_OK;
    const char *zh = "", *en = "";
    switch (f->type) {
    case T_BOOL: zh = "布尔值 true 或 false"; en = "true or false"; break;
    case T_INT:
    case T_MONEY:
    case T_U8: zh = "整数"; en = "an integer"; break;
    case T_ENUM: enum_error(P, f, found); return DWP_OK;
    case T_DATE: zh = "日期 YYYY-MM-DD"; en = "a date YYYY-MM-DD"; break;
    case T_REGION: zh = "6 位数字的行政区划代码字符串"; en = "a 6-digit region code string"; break;
    case T_CASE_ID:
    case T_ID: zh = "字符串"; en = "a string"; break;
    case T_OBJECT: zh = "对象"; en = "an object"; break;
    }
    schema_error(P, "%s：应为%s，实际为 %s", "%s: expected %s; got %s", f->path, tr(P, zh, en),
                 found);
    return DWP_OK;
}

/* Quote a found string value into buf. */
static void quote_str(const jstr *s, char *buf, size_t cap)
{
    buf[0] = '\0';
    dwp_error_quote(buf, cap, s->s, s->avail, QUOTE_MAX);
}

/* Volatile stores: a plain memset of a buffer that is not read again may be optimised away. */
static void wipe(char *buf, size_t n)
{
    volatile char *v = buf;
    while (n--) *v++ = 0;
}

static void check_id_number(parser *P, const field *f, const jstr *s)
{
    if (s->n != 18) {
        schema_error(P, "%s：应为 18 个字符（17 位数字加校验码 0-9 或 X），实际为 %zu 字节的字符串",
                     "%s: expected 18 characters (17 digits and a check character 0-9 or X); "
                     "got a string of %zu bytes",
                     f->path, s->n);
        return;
    }
    for (int i = 0; i < 18; i++) {
        char ch = s->s[i];
        if (!(is_digit((unsigned char)ch) || (i == 17 && ch == 'X'))) {
            schema_error(P, "%s：应为 17 位数字加校验码（0-9 或大写 X），第 %d 个字符不符",
                         "%s: expected 17 digits and a check character 0-9 or capital X; "
                         "character %d is not",
                         f->path, i + 1);
            return;
        }
    }
    dwp_date birth = 0;
    bool ok = dwp_id_number_valid(s->s, 18, &birth);
    if (birth == 0)
        schema_error(P, "%s：第 7–14 位的出生日期不是有效日期",
                     "%s: the birth date in characters 7-14 is not a real date", f->path);
    else if (!ok)
        schema_error(P, "%s：校验码与前 17 位不符（GB 11643）",
                     "%s: the check character does not match the first 17 digits (GB 11643)",
                     f->path);
    else
        P->id_birth = birth;
}

/* The id number's birth date can only be compared once birth_date has been read too, and
 * the two may come in any order. */
static void child_finish(parser *P, dwp_facts *c)
{
    if (P->id_birth == 0) return;
    if (c->child.birth_date != P->id_birth)
        schema_error(P, "child.id_number：号码中的出生日期与 child.birth_date 不一致",
                     "child.id_number: the birth date in the number does not match "
                     "child.birth_date");
    else
        c->child.id_number_checked = true;
}

/* Read the value of a known field into the case. The cursor is at the value. This is the
 * general reader: every value, every error. */
static int parse_field_general(parser *P, const field *f, dwp_facts *c, int depth)
{
    if (P->cur >= P->end) return expect_value(P, false);
    unsigned char ch = *P->cur;
    /* Only formed for value fields: an object's off may be NO_FLAG, not an offset. */
#define SLOT(type) ((type *)(void *)((char *)c + f->off))
    char found[160];
    jstr s;
    jnum num;

    if (ch == 'n') {
        /* Serialisers write null for "no value": absent when optional, missing when not. */
        TRY(scan_literal(P, "null", 4));
        if (f->required)
            schema_error(P, "%s：缺少必填字段（实际为 null）",
                         "%s: required field is missing (got null)", f->path);
        return DWP_OK;
    }

    switch (f->type) {
    case T_BOOL:
        if (ch == 't') {
            TRY(scan_literal(P, "true", 4));
            *SLOT(dwp_tri) = DWP_TRI_YES;
            return DWP_OK;
        }
        if (ch == 'f') {
            TRY(scan_literal(P, "false", 5));
            *SLOT(dwp_tri) = DWP_TRI_NO;
            return DWP_OK;
        }
        return type_error(P, f, depth);

    case T_INT:
    case T_MONEY:
    case T_U8:
        if (ch != '-' && !is_digit(ch)) return type_error(P, f, depth);
        if (!scan_plain_int(P, &num)) TRY(scan_number(P, &num));
        if (!num.integer || num.overflow) {
            number_text(&num, found, sizeof found);
            schema_error(P, "%s：应为整数，实际为 %s", "%s: expected an integer; got %s", f->path,
                         found);
        } else if (num.value < f->min || num.value > f->max) {
            number_text(&num, found, sizeof found);
            if (f->type == T_MONEY)
                schema_error(P, "%s：应为 0 到 %" PRId64 " 之间的金额（分），实际为 %s",
                             "%s: expected an amount in fen from 0 to %" PRId64 "; got %s",
                             f->path, f->max, found);
            else
                schema_error(P, "%s：应为 %" PRId64 " 到 %" PRId64 " 之间的整数，实际为 %s",
                             "%s: expected an integer from %" PRId64 " to %" PRId64 "; got %s",
                             f->path, (int64_t)f->min, f->max, found);
        } else if (f->type == T_U8) {
            *SLOT(uint8_t) = (uint8_t)num.value;
        } else {
            SLOT(dwp_opt_int)->value = num.value;
            SLOT(dwp_opt_int)->present = true;
        }
        return DWP_OK;

    case T_OBJECT:
        if (ch != '{') return type_error(P, f, depth);
        if (f->off != NO_FLAG) *SLOT(bool) = true;
        return parse_object(P, f->sub, c, depth + 1);

    default:
        break;
    }

    /* The rest are strings. */
    if (ch != '"') return type_error(P, f, depth);
    if (f->type == T_ID) {
        int rc = scan_plain_string(P, &s);
        if (rc == DWP_OK) check_id_number(P, f, &s);
        /* Leave no unescaped copy of the number, or of part of it, in the scratch buffer. */
        if (rc != DWP_OK || s.s == P->scratch) wipe(P->scratch, sizeof P->scratch);
        return rc;
    }
    TRY(scan_plain_string(P, &s));
    bool whole = s.n == s.avail; /* false: too long for any field anyway */
    switch (f->type) {
    case T_ENUM: {
        int v = whole ? dwp_enum_parse((dwp_enum_kind)f->ekind, s.s, s.n) : 0;
        if (v) {
            *SLOT(uint8_t) = (uint8_t)v;
        } else if (!P->failed) {
            quote_str(&s, found, sizeof found);
            enum_error(P, f, found);
        }
        break;
    }
    case T_DATE:
        if (!whole || !dwp_date_parse(s.s, s.n, SLOT(dwp_date))) {
            quote_str(&s, found, sizeof found);
            schema_error(P, "%s：应为日期 YYYY-MM-DD，实际为 %s",
                         "%s: expected a date YYYY-MM-DD; got %s", f->path, found);
        }
        break;
    case T_REGION: {
        /* GB/T 2260 codes never start with 0, and 0 means "absent" in the model. */
        int32_t v = 0;
        if (whole && dwp_region_code_parse(s.s, s.n, &v)) {
            *SLOT(int32_t) = v;
        } else {
            quote_str(&s, found, sizeof found);
            schema_error(P, "%s：应为 6 位数字的行政区划代码，实际为 %s",
                         "%s: expected a 6-digit region code; got %s", f->path, found);
        }
        break;
    }
    case T_CASE_ID:
        if (s.n > DWP_CASE_ID_MAX) {
            schema_error(P, "%s：应为至多 %d 字节的字符串，实际为 %zu 字节",
                         "%s: expected a string of at most %d bytes; got %zu bytes", f->path,
                         DWP_CASE_ID_MAX, s.n);
        } else if (s.s == P->scratch && memchr(s.s, '\0', s.n)) {
            /* The model keeps a NUL-terminated string, which cannot hold U+0000. Only an escape
             * can produce it: a string read in place has no NUL byte, as control characters
             * are refused and UTF-8 sequences contain none. */
            schema_error(P, "%s：字符串中不能含有 U+0000", "%s: expected a string without U+0000",
                         f->path);
        } else {
            memcpy(c->case_id, s.s, s.n);
            c->case_id[s.n] = '\0';
            c->has_case_id = true;
        }
        break;
    default:
        break;
    }
    return DWP_OK;
#undef SLOT
}

/* The path of an unknown key below `sc`: "child.educaton". A key that would not read well bare
 * (empty, long, or with dots, quotes, backslashes or control characters) is quoted. */
static void unknown_field(parser *P, const schema *sc, const jstr *key)
{
    if (P->failed) return;
    char path[192];
    size_t o = (size_t)snprintf(path, sizeof path, "%s%s", sc->path, sc->path[0] ? "." : "");
    bool bare = key->n > 0 && key->n <= 64 && key->n == key->avail;
    for (size_t i = 0; bare && i < key->n; i++) {
        unsigned char ch = (unsigned char)key->s[i];
        if (ch < 0x20 || ch == 0x7F || ch == '"' || ch == '\\' || ch == '.') bare = false;
    }
    if (bare) {
        memcpy(path + o, key->s, key->n);
        path[o + key->n] = '\0';
    } else {
        path[o] = '\0';
        dwp_error_quote(path, sizeof path, key->s, key->avail, QUOTE_MAX);
    }
    schema_error(P, "%s：未知字段", "%s: unknown field", path);
}

/* The enumeration name at p (the byte after an opening quote) followed by the closing quote,
 * or 0; *len is the name's length. Names need no escapes, so a name followed by the closing
 * quote is the whole string, read without a string scan. The first four bytes of every name
 * are compared as one word before anything else (names have at least DWP_ENUM_NAME_MIN). */
static inline int enum_at(dwp_enum_kind kind, const unsigned char *p, size_t avail, size_t *len)
{
    const dwp_enum_table *t = &dwp_enum_tables[kind];
    if (avail <= DWP_ENUM_NAME_MIN) return 0;
    uint32_t head = load4(p);
    for (int v = 1; v <= t->count; v++) {
        const dwp_enum_entry *name = &t->names[v];
        size_t n = name->len;
        if (load4((const unsigned char *)name->s) == head && n < avail && p[n] == '"' &&
            same_bytes((const char *)p, name->s, n)) {
            *len = n;
            return v;
        }
    }
    return 0;
}

/* [p < e] The value of a known field as writers produce it, read straight from the input at p into
 * the case: true/false, plain integers in range, enumeration names, dates, region codes and id
 * numbers whose closing quote is where their shape puts it, plain case_ids. Returns the
 * position after the value, or NULL (nothing stored) for anything else (null, whitespace,
 * escapes, wrong types, bad values, objects), which is the general reader's to decide. A
 * fast path only succeeds where the general reader would accept the same bytes with the same
 * result. */
static ALWAYS_INLINE const unsigned char *read_plain_value(parser *P, const field *f,
                                                           const unsigned char *p,
                                                           const unsigned char *e, dwp_facts *c)
{
    size_t avail = (size_t)(e - p), n;
    dwp_date birth;
    int32_t region;
    int v;
#define SLOT(type) ((type *)(void *)((char *)c + f->off))
    switch (f->type) {
    case T_BOOL:
        if (avail >= 4 && load4(p) == load4((const unsigned char *)"true")) {
            *SLOT(dwp_tri) = DWP_TRI_YES;
            return p + 4;
        }
        if (avail >= 5 && *p == 'f' && load4(p + 1) == load4((const unsigned char *)"alse")) {
            *SLOT(dwp_tri) = DWP_TRI_NO;
            return p + 5;
        }
        return NULL;
    case T_INT:
    case T_MONEY:
    case T_U8: {
        /* At most 18 digits (they always fit in int64), no leading zero, no fraction or
         * exponent after them. */
        const unsigned char *q = p, *stop = avail > 19 ? p + 19 : e;
        uint64_t value = 0;
        unsigned d;
        while (q < stop && (d = (unsigned)*q - '0') <= 9) {
            value = value * 10 + d;
            q++;
        }
        n = (size_t)(q - p);
        if (n == 0 || n > 18 || (n > 1 && *p == '0')) return NULL;
        if (q < e && (*q == '.' || (*q | 0x20) == 'e')) return NULL; /* 'e' or 'E' */
        if ((int64_t)value < f->min || (int64_t)value > f->max) return NULL;
        if (f->type == T_U8) {
            *SLOT(uint8_t) = (uint8_t)value;
        } else {
            SLOT(dwp_opt_int)->value = (int64_t)value;
            SLOT(dwp_opt_int)->present = true;
        }
        return q;
    }
    /* Strings of a fixed shape: when the closing quote is where the shape puts it and the
     * bytes in between are valid, they contain no escape and are the whole string. */
    case T_ENUM:
        if (*p != '"' || !(v = enum_at((dwp_enum_kind)f->ekind, p + 1, avail - 1, &n)))
            return NULL;
        *SLOT(uint8_t) = (uint8_t)v;
        return p + n + 2;
    case T_DATE:
        if (avail < 12 || *p != '"' || p[11] != '"' ||
            !dwp_date_parse((const char *)p + 1, 10, SLOT(dwp_date)))
            return NULL;
        return p + 12;
    case T_REGION:
        if (avail < 8 || *p != '"' || p[7] != '"' ||
            !dwp_region_code_parse((const char *)p + 1, 6, &region))
            return NULL;
        *SLOT(int32_t) = region;
        return p + 8;
    case T_ID:
        /* Valid: check_id_number would accept it and record the same birth date. */
        if (avail < 20 || *p != '"' || p[19] != '"' ||
            !dwp_id_number_valid((const char *)p + 1, 18, &birth))
            return NULL;
        P->id_birth = birth;
        return p + 20;
    case T_CASE_ID: {
        /* A plain string (ASCII, no escape, no control character) has no U+0000. */
        if (*p != '"') return NULL;
        const unsigned char *q = skip_plain(p + 1, e);
        n = (size_t)(q - p - 1);
        if (q >= e || *q != '"' || n > DWP_CASE_ID_MAX) return NULL;
        memcpy(c->case_id, p + 1, n);
        c->case_id[n] = '\0';
        c->has_case_id = true;
        return q + 1;
    }
    default:
        return NULL;
    }
#undef SLOT
}

/* Read the value of a known field into the case; the cursor is at the value (after any
 * whitespace). Out of line: the member loop inlines the common case itself. */
static NOINLINE int parse_field(parser *P, const field *f, dwp_facts *c, int depth)
{
    const unsigned char *after =
        P->cur < P->end ? read_plain_value(P, f, P->cur, P->end, c) : NULL;
    if (!after) return parse_field_general(P, f, c, depth);
    P->cur = after;
    return DWP_OK;
}

/* 32 bytes of 0xFF, then 32 of 0: the eight bytes at key_mask + 32 - klen + i cover exactly
 * the bytes of a klen-byte key that fall in its word at offset i. Loaded like the input, so
 * the masking does not depend on byte order. */
static const unsigned char key_mask[64] = {R16(0xFF), R16(0xFF)};

/* Whether the 32 bytes at p (the caller makes sure they exist) start with f->key, "name":.
 * The words are compared under the mask, two without a branch; the last two only for a key
 * longer than 16 bytes (for a shorter one their mask is zero). */
static inline bool key_is32(const unsigned char *p, const field *f)
{
    const unsigned char *k = (const unsigned char *)f->key, *m = key_mask + 32 - f->klen;
    uint64_t diff = ((load8(p) ^ load8(k)) & load8(m)) |
                    ((load8(p + 8) ^ load8(k + 8)) & load8(m + 8));
    if (diff || f->klen <= 16) return diff == 0;
    diff = ((load8(p + 16) ^ load8(k + 16)) & load8(m + 16)) |
           ((load8(p + 24) ^ load8(k + 24)) & load8(m + 24));
    return diff == 0;
}

/* Find a scanned key in the schema, or -1. The search starts at `from`, where the field
 * expected next sits; names are unique, so the order only changes how soon it ends. */
static int find_field(const schema *sc, const jstr *key, int from)
{
    if (key->n != key->avail || key->n > 255) return -1;
    for (int k = 0, i = from; k < sc->count; k++, i = i + 1 == sc->count ? 0 : i + 1) {
        const field *f = &sc->fields[i];
        if (f->klen - 3u == key->n && same_bytes(f->key + 1, key->s, key->n)) return i;
    }
    return -1;
}

/* [cursor at a key or whitespace before it] The general reading of a member's `"key":`, for
 * what other_key does not take: whitespace, escapes, keys out of order near the end of the input,
 * unknown keys, every syntax error. *f is set to the field with the cursor at its value, or to
 * NULL for a key the schema does not have (or any key when sc is NULL), whose value is then
 * skipped here. *key_pos is where the key starts. */
static int read_key(parser *P, const schema *sc, const field *expected, bool after_comma,
                    int depth, const field **f, const unsigned char **key_pos)
{
    const unsigned char *p = ws(P->cur, P->end), *e = P->end;
    P->cur = p;
    *f = NULL;
    *key_pos = p;
    if (p >= e || *p != '"')
        return unexpected(P, "应为用双引号括起的键，实际为 %s", "expected a string key; found %s",
                          after_comma);
    if (sc && (size_t)(e - p) >= expected->klen &&
        same_bytes((const char *)p, expected->key, expected->klen)) {
        /* The expected field after whitespace, as pretty-printed JSON has it. */
        *f = expected;
        P->cur = ws(p + expected->klen, e);
        return DWP_OK;
    }
    jstr key;
    TRY(scan_plain_string(P, &key));
    p = P->cur;
    int i = sc ? find_field(sc, &key, (int)(expected - sc->fields)) : -1;
    if (!(p < e && *p == ':')) p = ws(p, e);
    if (p >= e || *p != ':') {
        P->cur = p;
        return unexpected(P, "键之后应为 ':'，实际为 %s", "expected ':' after a key; found %s",
                          false);
    }
    P->cur = ws(p + 1, e);
    if (i >= 0) {
        *f = &sc->fields[i];
        return DWP_OK;
    }
    if (sc) unknown_field(P, sc, &key);
    return skip_value(P, depth, false);
}

/* [cursor after a member's value, or whitespace before the separator] Consumes ',' (*more set)
 * or the closing '}' (*more cleared). */
static int member_end(parser *P, bool *more)
{
    skip_ws(P);
    if (P->cur < P->end && (*P->cur == ',' || *P->cur == '}')) {
        *more = *P->cur++ == ',';
        return DWP_OK;
    }
    return unexpected(P, "对象成员之后应为 ',' 或 '}'，实际为 %s",
                      "expected ',' or '}' after an object member; found %s", false);
}

/* [cursor at '{'] An object at nesting level `depth` that sits where a contract error was
 * already recorded: only its syntax is checked. */
static int skip_object(parser *P, int depth)
{
    if (depth > MAX_DEPTH)
        return syntax_error(P, P->cur, "嵌套超过 %d 层", "nesting deeper than %d levels",
                            MAX_DEPTH);
    P->cur++;
    skip_ws(P);
    if (P->cur < P->end && *P->cur == '}') {
        P->cur++;
        return DWP_OK;
    }
    for (bool more = true, after_comma = false; more; after_comma = true) {
        const field *f;
        const unsigned char *key_pos;
        TRY(read_key(P, NULL, NULL, after_comma, depth, &f, &key_pos));
        TRY(member_end(P, &more));
    }
    return DWP_OK;
}

/* Which fields of an object were read: those below `next` except the ones in `missing`; none
 * at or after `next`. Writers emit fields in schema order, so the field at `next` is the one
 * expected, and reading it needs no duplicate check (it cannot have been read before). */
typedef struct fields_read {
    unsigned next;
    uint32_t missing;
} fields_read;

/* Note that field f of sc was read (its key at key_pos): a second time is a duplicate key. */
static void field_read(parser *P, const schema *sc, const field *f, const unsigned char *key_pos,
                       fields_read *r)
{
    unsigned i = (unsigned)(f - sc->fields);
    if (i >= r->next) {
        /* The ones skipped on the way were not read (yet). */
        r->missing |= ((UINT32_C(1) << i) - 1) & ~((UINT32_C(1) << r->next) - 1);
        r->next = i + 1;
    } else if (r->missing >> i & 1) {
        r->missing &= ~(UINT32_C(1) << i);
    } else if (!P->failed) {
        size_t line, col;
        position(P, key_pos, &line, &col);
        schema_error(P, "%s：键重复（第 %zu 行第 %zu 列）",
                     "%s: duplicate key (line %zu, column %zu)", f->path, line, col);
    }
}

/* [cursor at a member, or whitespace before it] A key that parse_object does not read inline:
 * anything but the field at r->next or the one after it with its key in compact form. Another
 * field's compact key is looked for first (one compare per field skipped), then read_key
 * decides. *f is set to the field with the cursor at its value, or to NULL for an
 * unknown key (recorded, its value skipped). */
static NOINLINE int other_key(parser *P, const schema *sc, int depth, bool after_comma,
                              fields_read *r, const field **f)
{
    const unsigned char *p = P->cur, *key_pos = p;
    *f = NULL;
    if (P->end - p > KEY_ROOM) {
        /* From the one after the next field on (parse_object has tried that one), as fields
         * skipped are usually ones left out. */
        const field *first = sc->fields, *end = first + sc->count;
        const field *from = r->next < (unsigned)sc->count ? first + r->next : end - 1;
        const field *g = from;
        do {
            g = g + 1 == end ? first : g + 1;
            if (key_is32(p, g)) {
                *f = g;
                P->cur = p + g->klen;
                break;
            }
        } while (g != from);
    }
    if (!*f) {
        /* read_key tries one field after whitespace first: the one writers put here. */
        const field *expected = &sc->fields[r->next < (unsigned)sc->count ? r->next : 0];
        TRY(read_key(P, sc, expected, after_comma, depth, f, &key_pos));
        if (!*f) return DWP_OK;
    }
    field_read(P, sc, *f, key_pos, r);
    return DWP_OK;
}

/* [cursor at '{'] An object of schema sc at nesting level `depth` (the top level is 1).
 *
 * The member loop keeps the cursor in p and goes through P->cur only around the calls that
 * move it. A member as writers produce it, the next field's key in compact form and a plain
 * value (read_plain_value), is read inline; anything else goes out of line to other_key and
 * parse_field, which end in the general readers. */
static int parse_object(parser *P, const schema *sc, dwp_facts *c, int depth)
{
    if (depth > MAX_DEPTH)
        return syntax_error(P, P->cur, "嵌套超过 %d 层", "nesting deeper than %d levels",
                            MAX_DEPTH);
    const unsigned char *p = P->cur + 1, *e = P->end, *const room_end = P->room_end;
    if (p < e && is_ws(*p)) p = ws(p, e);
    const field *const fields = sc->fields;
    const unsigned count = (unsigned)sc->count;
    fields_read r = {0, 0};
    if (p < e && *p == '}') {
        p++;
    } else {
        for (bool after_comma = false;; after_comma = true) {
            const field *f = &fields[r.next];
            /* The next field's key in compact form, or the one after it when an optional
             * field was left out. More than KEY_ROOM bytes left: key_is32 may read, and a byte
             * follows the key; near the end, the next key is compared byte for byte. */
            bool compact = false;
            if (r.next < count && p < room_end) {
                if (key_is32(p, f)) {
                    compact = true;
                } else if (r.next + 1 < count && key_is32(p, f + 1)) {
                    r.missing |= UINT32_C(1) << r.next++;
                    f++;
                    compact = true;
                }
            } else if (r.next < count && (size_t)(e - p) > f->klen) {
                compact = same_bytes((const char *)p, f->key, f->klen);
            }
            if (compact) {
                r.next++;
                p += f->klen;
            } else {
                fields_read copy = r; /* the loop's own copies stay in registers */
                const field *g;
                P->cur = p;
                TRY(other_key(P, sc, depth, after_comma, &copy, &g));
                p = P->cur;
                r = copy;
                f = g;
            }
            const unsigned char *after = f && p < e ? read_plain_value(P, f, p, e, c) : NULL;
            if (after) {
                p = after;
            } else if (f) {
                P->cur = p = ws(p, e);
                if (f->type == T_OBJECT && p < e && *p == '{') {
                    if (f->off != NO_FLAG) *(bool *)(void *)((char *)c + f->off) = true;
                    TRY(parse_object(P, f->sub, c, depth + 1));
                } else {
                    TRY(parse_field(P, f, c, depth));
                }
                p = P->cur;
            }
            if (p < e && *p == ',') {
                p++;
                continue;
            }
            if (p < e && *p == '}') {
                p++;
                break;
            }
            bool more;
            P->cur = p;
            TRY(member_end(P, &more));
            p = P->cur;
            if (!more) break;
        }
    }
    P->cur = p;
    if (!P->failed) {
        /* Only a field not read can be missing: visit those alone (most are read). */
        /* Fields next..count-1, in 64 bits so that count == 32 needs no special case. */
        uint32_t never = (uint32_t)((UINT64_C(1) << count) - (UINT64_C(1) << r.next));
        for (uint32_t unread = never | r.missing; unread; unread &= unread - 1) {
            int i = __builtin_ctz(unread);
            if (fields[i].required) {
                schema_error(P, "%s：缺少必填字段", "%s: required field is missing",
                             fields[i].path);
                break;
            }
        }
        if (sc->finish) sc->finish(P, c);
    }
    return DWP_OK;
}

/* Not inlined into its callers (LTO would): one call per case, and it keeps the reader
 * measurable on its own (callgrind --toggle-collect=dwp_facts_read_json). */
NOINLINE int dwp_facts_read_json(const char *json, size_t len, int lang, dwp_facts *out)
{
    lang = lang == DWP_LANG_ZH ? DWP_LANG_ZH : DWP_LANG_EN;
    if (!out || (!json && len))
        return dwp_error_set(DWP_EINVAL, lang, "dwp_facts_read_json：参数为 NULL",
                             "dwp_facts_read_json: NULL argument");
    *out = empty_case;

    /* Not an initializer: that would also zero the scratch buffer on every call. */
    parser P;
    P.start = P.cur = (const unsigned char *)(json ? json : "");
    P.end = P.start + len;
    P.room_end = len > KEY_ROOM ? P.end - KEY_ROOM : P.start;
    P.lang = lang;
    P.failed = false;
    P.id_birth = 0;

    if (len >= 3 && P.cur[0] == 0xEF && P.cur[1] == 0xBB && P.cur[2] == 0xBF)
        return syntax_error(&P, P.cur, "不允许字节顺序标记（BOM）",
                            "a byte order mark (BOM) is not allowed");
    skip_ws(&P);
    if (P.cur >= P.end)
        return syntax_error(&P, P.cur, "应为 JSON 对象，实际为输入结尾",
                            "expected a JSON object; found the end of the input");
    if (*P.cur == '{') {
        TRY(parse_object(&P, &root_schema, out, 1));
    } else {
        char found[160];
        TRY(consume_described(&P, 0, true, found, sizeof found));
        schema_error(&P, "(root)：应为对象，实际为 %s", "(root): expected an object; got %s", found);
    }
    skip_ws(&P);
    if (P.cur < P.end)
        return unexpected(&P, "顶层值之后只能有空白，实际为 %s",
                          "expected the end of the input after the top-level value; found %s",
                          false);
    return P.failed ? DWP_ESCHEMA : DWP_OK;
}

/* ---- Field lookup for the typed case builder (case_builder.c) -------------------------- */

int dwp_case_field_kind(const char *path, size_t len)
{
    const schema *sc = &root_schema;
    size_t start = 0;
    for (;;) {
        size_t end = start;
        while (end < len && path[end] != '.') end++;
        const field *f = NULL;
        for (int i = 0; i < sc->count && !f; i++)
            if (sc->fields[i].klen - 3u == end - start &&
                !memcmp(sc->fields[i].key + 1, path + start, end - start))
                f = &sc->fields[i];
        if (!f) return -1;
        if (end == len) {
            switch (f->type) {
            case T_BOOL: return DWP_FIELD_BOOL;
            case T_INT:
            case T_MONEY:
            case T_U8: return DWP_FIELD_INT;
            case T_OBJECT: return DWP_FIELD_OBJECT;
            default: return DWP_FIELD_STRING; /* dates, enumerations, codes, ids */
            }
        }
        if (f->type != T_OBJECT) return -1;
        sc = f->sub;
        start = end + 1;
    }
}
