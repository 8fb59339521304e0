/* Minimal test harness for the libsigsum C tests: counted checks, file
 * reading and key=value vector files. Plain C99. */
#ifndef SIGSUM_TEST_HARNESS_H
#define SIGSUM_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "sigsum_blocks.h"

extern unsigned long harness_passed;
extern unsigned long harness_failed;

void harness_check(int ok, const char *what, const char *file, int line);
void harness_check_status(sigsum_status got, sigsum_status want, const char *what, const char *file,
                          int line);

#define CHECK(cond) harness_check((cond) != 0, #cond, __FILE__, __LINE__)
/* The finer reason of a failure: detail->message contains `part`. */
#define CHECK_MESSAGE(detail, part) harness_check_message((detail), (part), __FILE__, __LINE__)
void harness_check_message(const sigsum_detail *d, const char *part, const char *file, int line);
#define CHECK_STATUS(expr, want) harness_check_status((expr), (want), #expr, __FILE__, __LINE__)

/* Print the closing summary line and return the exit status. */
int harness_finish(void);

/* A whole file in a malloc'ed buffer (NUL-terminated for convenience; the
 * NUL is not counted in *len). Exits on error: missing vectors are a test
 * setup failure, never a silent skip. */
char *read_file(const char *dir, const char *name, size_t *len);

/* 1 if the file exists and is readable. */
int file_exists(const char *dir, const char *name);

/* The value of `key` in a buffer of `key=value` lines, copied NUL-terminated
 * into out (at most cap - 1 bytes). Exits if the key is missing. */
const char *kv_get(const char *text, const char *key, char *out, size_t cap);

/* Parse a canonical decimal (0 or no leading zero, at most 2^63 - 1) into
 * *out; exits on malformed vector data. */
uint64_t decimal(const char *text);

/* Decode hex into bytes; returns the number of bytes, or -1. */
int hex_to_bytes(const char *hex, unsigned char *out, size_t cap);

/* Parse 64 hex digits into a hash; exits on malformed vector data. */
sigsum_hash hash_hex(const char *hex);

/* Split `line` in place at spaces and tabs into at most `max` fields;
 * returns the number of fields. */
size_t split_fields(char *line, char **fields, size_t max);

/* The next line of a NUL-terminated buffer (the newline replaced by NUL),
 * or NULL at the end. `*pos` is the cursor, start it at the buffer. */
char *next_line(char **pos);

/* The test groups, one per file. */
void test_basics(const char *vectors);
void test_merkle(const char *vectors);
void test_policy(const char *vectors);
void test_proof(const char *vectors);
void test_keys(const char *vectors);
void test_checkpoint(const char *vectors);
void test_tlog(const char *vectors);
void test_binary(const char *vectors);

#endif
