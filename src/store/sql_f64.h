/* sql_f64.h -- SQL text (string-literal macros) that reads the big-endian IEEE-754
** binary64 values packed in a BLOB back as SQLite REALs, bit for bit, in plain SQL.
**
** Used by the views over packed columns (event_pack.c: `events`; store_params.c:
** `subject_params`). The query that uses DOUBLE_AT(blob) must provide, in the same row,
** a column `seq` (the 0-based index of the double in the BLOB) and a column `z` equal to
** BYTES (the 256 byte values in order), so that instr(z, byte) - 1 is a byte's value.
** The decoding: the 8 bytes give the sign s, biased exponent e and 52-bit fraction m, and
** x = s (m + 2^52) 2^(e - 1075) (normal), s m 2^-1074 (subnormal), +-Inf, or NULL (NaN).
** An integer below 2^53 converts to a double exactly, and a power of two is built exactly
** (1 << k for |k| <= 62; otherwise a product of 2^(2^i) factors, every partial product a
** representable power of two), so the product is the stored double: no decimal step.
*/
#ifndef RL_STORE_SQL_F64_H
#define RL_STORE_SQL_F64_H

/* The 256 byte values in order: instr(BYTES, byte) - 1 is a byte's value. */
#define BYTES \
    "X'" \
    "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F" \
    "202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F" \
    "404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F" \
    "606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F" \
    "808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9F" \
    "A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF" \
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF" \
    "E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF" \
    "'"
/* Byte i (0-based) of the 8 at offset 8 seq of the BLOB column blob, as b<i>. */
#define BYTE(blob, i) "instr(z, substr(" blob ", 8 * seq + " #i " + 1, 1)) - 1 AS b" #i
/* Sign (1 or -1), biased exponent and fraction of the binary64 of bytes b0..b7. */
#define SEM                                                                               \
    "(CASE WHEN b0 >= 128 THEN -1 ELSE 1 END) AS s, (b0 % 128) * 16 + b1 / 16 AS e,"     \
    " ((b1 % 16) << 48) + (b2 << 40) + (b3 << 32) + (b4 << 24) + (b5 << 16) + (b6 << 8)"  \
    " + b7 AS m"

/* 2^k as a REAL for -62 <= k <= 62. */
#define POW2_NEAR(k) \
    "(CASE WHEN " k " >= 0 THEN CAST(1 << (" k ") AS REAL) ELSE 1.0 / (1 << -(" k ")) END)"
/* 2^(2^i) for i = 6..9 (2^1024 is never needed: k <= 971). */
#define P64 "(4294967296.0 * 4294967296.0)"
#define P128 "(" P64 " * " P64 ")"
#define P256 "(" P128 " * " P128 ")"
#define P512 "(" P256 " * " P256 ")"
/* Factor i of 2^k = prod over the bits i of |k| of 2^(+-2^i). */
#define POW2_BIT(k, i, up, down) \
    " * (CASE WHEN (abs(" k ") >> " #i ") & 1 = 1 THEN (CASE WHEN " k " < 0 THEN " down \
    " ELSE " up " END) ELSE 1.0 END)"
/* 2^k as a REAL for -1074 <= k <= 971, exactly. */
#define POW2_FAR(k)                                                                       \
    "(1.0" POW2_BIT(k, 0, "2.0", "0.5") POW2_BIT(k, 1, "4.0", "0.25")                     \
    POW2_BIT(k, 2, "16.0", "(1.0 / 16)") POW2_BIT(k, 3, "256.0", "(1.0 / 256)")           \
    POW2_BIT(k, 4, "65536.0", "(1.0 / 65536)")                                           \
    POW2_BIT(k, 5, "4294967296.0", "(1.0 / 4294967296)")                                 \
    POW2_BIT(k, 6, P64, "(1.0 / " P64 ")") POW2_BIT(k, 7, P128, "(1.0 / " P128 ")")      \
    POW2_BIT(k, 8, P256, "(1.0 / " P256 ")") POW2_BIT(k, 9, P512, "(1.0 / " P512 ")")    \
    POW2_BIT(k, 10, "9e999", "(1.0 / " P512 " / " P512 ")") ")"
/* The double of sign s, biased exponent e and fraction m. */
#define F64                                                                               \
    "CASE WHEN e = 0 AND m = 0 THEN 0.0"                                                  \
    " WHEN e BETWEEN 1013 AND 1137 THEN s * (m + 4503599627370496) * " POW2_NEAR("e - 1075") \
    " WHEN e = 2047 THEN (CASE WHEN m = 0 THEN s * 9e999 ELSE NULL END)"                   \
    " WHEN e = 0 THEN s * m * " POW2_FAR("-1074")                                          \
    " ELSE s * (m + 4503599627370496) * " POW2_FAR("(e - 1075)") " END"
/* The double at offset 8 seq of the BLOB column blob. The subqueries with OFFSET are not
** flattened into their callers, so each byte and s, e, m are computed once per row. */
#define DOUBLE_AT(blob)                                                                   \
    "(SELECT " F64 " FROM (SELECT " SEM " FROM (SELECT " BYTE(blob, 0) ", " BYTE(blob, 1)  \
    ", " BYTE(blob, 2) ", " BYTE(blob, 3) ", " BYTE(blob, 4) ", " BYTE(blob, 5) ", "       \
    BYTE(blob, 6) ", " BYTE(blob, 7) " LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0))"

#endif
