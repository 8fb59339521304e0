/* The test harness: counted checks and vector file helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

unsigned long harness_passed;
unsigned long harness_failed;

void harness_check(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        harness_passed++;
    } else {
        harness_failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
    }
}

void harness_check_status(sigsum_status got, sigsum_status want, const char *what,
                                 const char *file, int line)
{
    if (got == want) {
        harness_passed++;
    } else {
        harness_failed++;
        fprintf(stderr, "FAIL %s:%d: %s: got %u (%s), want %u (%s)\n", file, line, what,
                (unsigned)got, sigsum_status_str((uint32_t)got), (unsigned)want,
                sigsum_status_str((uint32_t)want));
    }
}

void harness_check_message(const sigsum_detail *d, const char *part, const char *file, int line)
{
    char msg[SIGSUM_DETAIL_MESSAGE_SIZE + 1];
    memcpy(msg, d->message, SIGSUM_DETAIL_MESSAGE_SIZE);
    msg[SIGSUM_DETAIL_MESSAGE_SIZE] = '\0';
    if (strlen(msg) < SIGSUM_DETAIL_MESSAGE_SIZE && strstr(msg, part) != NULL) {
        harness_passed++;
    } else {
        harness_failed++;
        fprintf(stderr, "FAIL %s:%d: detail message \"%s\" does not contain \"%s\"\n", file, line,
                msg, part);
    }
}

/* Print the closing summary line and return the exit status. */
int harness_finish(void)
{
    printf("%lu passed, %lu failed\n", harness_passed, harness_failed);
    return harness_failed == 0 ? 0 : 1;
}

/* A whole file in a malloc'ed buffer (NUL-terminated for convenience; the
 * NUL is not counted in *len). Exits on error: missing vectors are a test
 * setup failure, never a silent skip. */
char *read_file(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    FILE *f;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    for (;;) {
        size_t r;
        if (cap - n < 4096) {
            char *nb;
            cap = cap * 2 + 8192;
            nb = (char *)realloc(buf, cap);
            if (nb == NULL) {
                fprintf(stderr, "out of memory\n");
                exit(2);
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) {
            break;
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* 1 if the file exists and is readable. */
int file_exists(const char *dir, const char *name)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    fclose(f);
    return 1;
}

/* The value of `key` in a buffer of `key=value` lines, copied NUL-terminated
 * into out (at most cap - 1 bytes). Exits if the key is missing. */
const char *kv_get(const char *text, const char *key, char *out, size_t cap)
{
    size_t klen = strlen(key);
    const char *p = text;
    while (*p != '\0') {
        const char *eol = strchr(p, '\n');
        size_t llen = eol ? (size_t)(eol - p) : strlen(p);
        if (llen > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t vlen = llen - klen - 1;
            if (vlen >= cap) {
                fprintf(stderr, "value of %s too long\n", key);
                exit(2);
            }
            memcpy(out, p + klen + 1, vlen);
            out[vlen] = '\0';
            return out;
        }
        p += llen;
        if (*p == '\n') {
            p++;
        }
    }
    fprintf(stderr, "missing key %s\n", key);
    exit(2);
}

/* Decode hex into bytes; returns the number of bytes, or -1. */
int hex_to_bytes(const char *hex, unsigned char *out, size_t cap)
{
    size_t n = strlen(hex), i;
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (i = 0; i < n / 2; i++) {
        unsigned int v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            return -1;
        }
        out[i] = (unsigned char)v;
    }
    return (int)(n / 2);
}

uint64_t decimal(const char *text)
{
    uint64_t v = 0;
    size_t i, n = strlen(text);
    if (n == 0 || n > 19 || (text[0] == '0' && n > 1)) {
        fprintf(stderr, "bad decimal in vector: %s\n", text);
        exit(2);
    }
    for (i = 0; i < n; i++) {
        if (text[i] < '0' || text[i] > '9') {
            fprintf(stderr, "bad decimal in vector: %s\n", text);
            exit(2);
        }
        v = v * 10 + (uint64_t)(text[i] - '0');
    }
    if (v > UINT64_C(9223372036854775807)) {
        fprintf(stderr, "bad decimal in vector: %s\n", text);
        exit(2);
    }
    return v;
}

sigsum_hash hash_hex(const char *hex)
{
    sigsum_hash h;
    if (sigsum_hash_parse_hex(hex, strlen(hex), &h, NULL) != SIGSUM_STATUS_OK) {
        fprintf(stderr, "bad hash in vector: %s\n", hex);
        exit(2);
    }
    return h;
}

size_t split_fields(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (*p != '\0' && n < max) {
        while (*p == ' ' || *p == '\t') {
            *p++ = '\0';
        }
        if (*p == '\0') {
            break;
        }
        fields[n++] = p;
        while (*p != '\0' && *p != ' ' && *p != '\t') {
            p++;
        }
    }
    return n;
}

char *next_line(char **pos)
{
    char *start = *pos, *eol;
    if (*start == '\0') {
        return NULL;
    }
    eol = strchr(start, '\n');
    if (eol == NULL) {
        *pos = start + strlen(start);
    } else {
        *eol = '\0';
        *pos = eol + 1;
    }
    return start;
}
