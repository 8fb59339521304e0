/* Key formats over tests/vectors/keys/ (the files the Rust tests read):
 * hex, OpenSSH lines and key files, vkeys, PEM, with exact status, line
 * and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Error names as the vector files write them (Rust Debug) to codes. */
static const struct {
    const char *name;
    sigsum_status status;
} ERRORS[] = {
    {"ControlCharacter", SIGSUM_STATUS_SSH_CONTROL_CHARACTER},
    {"MissingFields", SIGSUM_STATUS_SSH_MISSING_FIELDS},
    {"PolicyNotQuoted", SIGSUM_STATUS_SSH_POLICY_NOT_QUOTED},
    {"PolicyEmpty", SIGSUM_STATUS_SSH_POLICY_EMPTY},
    {"PolicyForbiddenChar", SIGSUM_STATUS_SSH_POLICY_FORBIDDEN_CHAR},
    {"RepeatedPolicy", SIGSUM_STATUS_SSH_REPEATED_POLICY},
    {"KeyType", SIGSUM_STATUS_SSH_KEY_TYPE},
    {"Base64", SIGSUM_STATUS_SSH_BASE64},
    {"BlobPrefix", SIGSUM_STATUS_SSH_BLOB_PREFIX},
    {"BlobLength", SIGSUM_STATUS_SSH_BLOB_LENGTH},
    {"IndentedComment", SIGSUM_STATUS_KEY_FILE_INDENTED_COMMENT},
    {"DuplicateKey", SIGSUM_STATUS_KEY_FILE_DUPLICATE_KEY},
    {"TooManyKeys", SIGSUM_STATUS_KEY_FILE_TOO_MANY_KEYS},
    {"NoKeys", SIGSUM_STATUS_KEY_FILE_NO_KEYS},
    {"PolicyConflict", SIGSUM_STATUS_KEY_FILE_POLICY_CONFLICT},
};

static const struct {
    const char *name;
    sigsum_status status;
} VKEY_ERRORS[] = {
    {"Fields", SIGSUM_STATUS_VKEY_FIELDS},
    {"Name", SIGSUM_STATUS_VKEY_NAME},
    {"KeyIdHex", SIGSUM_STATUS_VKEY_KEY_ID_HEX},
    {"Base64", SIGSUM_STATUS_VKEY_BASE64},
    {"EmptyKey", SIGSUM_STATUS_VKEY_EMPTY_KEY},
    {"KeyType", SIGSUM_STATUS_VKEY_KEY_TYPE},
    {"KeyLength", SIGSUM_STATUS_VKEY_KEY_LENGTH},
    {"KeyIdMismatch", SIGSUM_STATUS_VKEY_KEY_ID_MISMATCH},
};

/* "Name { column: 13 }" -> status, column (0 if none). For nested
 * "Key { line: 2, error: Inner { column: 4 } }" the inner name wins and
 * the line is returned too. */
static int parse_error(const char *text, int vkey, sigsum_status *status, unsigned *line,
                       unsigned *column)
{
    const char *name = text, *p;
    size_t i, n;
    *line = 0;
    *column = 0;
    if ((p = strstr(text, "line: ")) != NULL) {
        *line = (unsigned)strtoul(p + 6, NULL, 10);
    }
    if ((p = strstr(text, "error: ")) != NULL && strncmp(text, "Key ", 4) == 0) {
        name = p + 7;
    }
    if ((p = strstr(name, "column: ")) != NULL) {
        *column = (unsigned)strtoul(p + 8, NULL, 10);
    }
    n = strcspn(name, " {(");
    if (vkey) {
        for (i = 0; i < sizeof VKEY_ERRORS / sizeof VKEY_ERRORS[0]; i++) {
            if (strlen(VKEY_ERRORS[i].name) == n && strncmp(VKEY_ERRORS[i].name, name, n) == 0) {
                *status = VKEY_ERRORS[i].status;
                return 1;
            }
        }
        return 0;
    }
    for (i = 0; i < sizeof ERRORS / sizeof ERRORS[0]; i++) {
        if (strlen(ERRORS[i].name) == n && strncmp(ERRORS[i].name, name, n) == 0) {
            *status = ERRORS[i].status;
            return 1;
        }
    }
    return 0;
}

/* Decode the \n \r \t \\ escapes of the TSV files in place; returns the
 * length. */
static size_t unescape_tsv(char *s)
{
    char *out = s, *start = s;
    while (*s != '\0') {
        if (s[0] == '\\' && s[1] != '\0') {
            char c = s[1];
            *out++ = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
            s += 2;
        } else {
            *out++ = *s++;
        }
    }
    *out = '\0';
    return (size_t)(out - start);
}

/* Split a tab-separated line in place (empty columns kept). */
static size_t split_tabs(char *line, char **cols, size_t max)
{
    size_t n = 0;
    char *p = line;
    cols[n++] = p;
    while (n < max && (p = strchr(p, '\t')) != NULL) {
        *p++ = '\0';
        cols[n++] = p;
    }
    return n;
}

static int span_is(const char *base, sigsum_span s, const char *want)
{
    if (strcmp(want, "-") == 0) {
        return s.len == 0;
    }
    return s.len == strlen(want) && memcmp(base + s.offset, want, s.len) == 0;
}

static void test_keys_tsv(const char *vectors)
{
    size_t len, n = 0;
    char *text = read_file(vectors, "keys/keys.tsv", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *c[4];
        sigsum_public_key from_hex, from_ssh, from_pem, k;
        sigsum_span policy = {99, 99};
        sigsum_detail d;
        char padded[100];
        if (line[0] == '#' || split_tabs(line, c, 4) < 3) {
            continue;
        }
        CHECK_STATUS(sigsum_key_parse_hex(c[0], strlen(c[0]), &from_hex), SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_key_parse_openssh(c[1], strlen(c[1]), &from_ssh, &policy, &d),
                     SIGSUM_STATUS_OK);
        CHECK(memcmp(&from_hex, &from_ssh, 32) == 0 && policy.len == 0 && d.step == 0);
        /* Hex with surrounding white space, and its twins. */
        snprintf(padded, sizeof padded, " \t%s\r\n", c[0]);
        CHECK_STATUS(sigsum_key_parse_hex(padded, strlen(padded), &k), SIGSUM_STATUS_OK);
        CHECK(memcmp(&from_hex, &k, 32) == 0);
        CHECK_STATUS(sigsum_key_parse_hex(c[0], 63, &k), SIGSUM_STATUS_HEX_LENGTH);
        snprintf(padded, sizeof padded, "%s x", c[0]);
        CHECK_STATUS(sigsum_key_parse_hex(padded, strlen(padded), &k), SIGSUM_STATUS_HEX_LENGTH);
        if (strcmp(c[2], "-") != 0) {
            char path[256];
            size_t plen;
            char *pem;
            snprintf(path, sizeof path, "keys/%s", c[2]);
            pem = read_file(vectors, path, &plen);
            CHECK_STATUS(sigsum_key_parse_pem(pem, plen, &from_pem, &d), SIGSUM_STATUS_OK);
            CHECK(memcmp(&from_hex, &from_pem, 32) == 0);
            /* Twins: no END line, a private key label, garbage first
             * line, text after END. */
            CHECK_STATUS(sigsum_key_parse_pem(pem, strstr(pem, "-----END") - pem, &k, &d),
                         SIGSUM_STATUS_PEM_MISSING_END);
            CHECK_STATUS(sigsum_key_parse_pem("-----BEGIN PRIVATE KEY-----\n", 28, &k, &d),
                         SIGSUM_STATUS_PEM_LABEL);
            CHECK(d.line == 1 && d.step == SIGSUM_STEP_KEYS);
            CHECK_STATUS(sigsum_key_parse_pem(pem + 1, plen - 1, &k, &d), SIGSUM_STATUS_PEM_BEGIN);
            {
                char *more = (char *)malloc(plen + 8);
                memcpy(more, pem, plen);
                memcpy(more + plen, "extra\n", 6);
                CHECK_STATUS(sigsum_key_parse_pem(more, plen + 6, &k, &d),
                             SIGSUM_STATUS_PEM_TRAILING);
                CHECK(d.line == 4);
                free(more);
            }
            free(pem);
        }
        n++;
    }
    free(text);
    CHECK(n >= 9);
    CHECK_STATUS(sigsum_key_parse_hex(NULL, 64, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_key_parse_pem(NULL, 0, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
}

static void test_ssh_lines(const char *vectors)
{
    size_t len, n = 0;
    char *text = read_file(vectors, "keys/ssh-lines.tsv", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *c[3];
        size_t llen;
        sigsum_public_key k, before;
        sigsum_span policy = {77, 77};
        sigsum_detail d;
        if (line[0] == '#' || split_tabs(line, c, 3) != 3) {
            continue;
        }
        llen = unescape_tsv(c[1]);
        memset(&k, 0x5A, sizeof k);
        before = k;
        if (strncmp(c[2], "ok ", 3) == 0) {
            char want_policy[128];
            sscanf(c[2] + 3, "%127s", want_policy);
            CHECK_STATUS(sigsum_key_parse_openssh(c[1], llen, &k, &policy, &d), SIGSUM_STATUS_OK);
            CHECK(span_is(c[1], policy, want_policy));
            CHECK(d.status == 0 && d.line == 0 && d.column == 0);
        } else {
            sigsum_status want;
            unsigned wline, wcol;
            if (!parse_error(c[2] + 4, 0, &want, &wline, &wcol)) {
                fprintf(stderr, "unknown error %s\n", c[2]);
                CHECK(0);
                continue;
            }
            CHECK_STATUS(sigsum_key_parse_openssh(c[1], llen, &k, &policy, &d), want);
            if (d.column != wcol) {
                fprintf(stderr, "ssh line %s: column %u, want %u\n", c[0], d.column, wcol);
            }
            CHECK(d.column == wcol && d.line == 1 && d.step == SIGSUM_STEP_KEYS);
            CHECK(memcmp(&k, &before, sizeof k) == 0 && policy.len == 77);
        }
        n++;
    }
    free(text);
    CHECK(n >= 25);
}

static void test_key_files(const char *vectors)
{
    size_t len, n = 0;
    char *text = read_file(vectors, "keys/keyfiles/expected.tsv", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *c[3], path[256], *file;
        size_t flen, count = 999;
        int pass;
        sigsum_public_key keys[SIGSUM_MAX_KEYS_PER_FILE];
        if (line[0] == '#' || split_tabs(line, c, 3) != 3) {
            continue;
        }
        snprintf(path, sizeof path, "keys/keyfiles/%s", c[0]);
        file = read_file(vectors, path, &flen);
        for (pass = 0; pass < 2; pass++) {
            const char *want = c[1 + pass];
            sigsum_span policy = {55, 55};
            sigsum_detail d;
            sigsum_status s = sigsum_key_file_parse(file, flen, keys, SIGSUM_MAX_KEYS_PER_FILE,
                                                    &count, pass ? &policy : NULL, &d);
            if (strncmp(want, "ok ", 3) == 0) {
                char wpolicy[64] = "-";
                unsigned long wcount = 0;
                sscanf(want + 3, "%lu %63s", &wcount, wpolicy);
                CHECK_STATUS(s, SIGSUM_STATUS_OK);
                CHECK(count == wcount);
                if (pass) {
                    CHECK(span_is(file, policy, wpolicy));
                }
                /* Counting only, and a too small array. */
                CHECK_STATUS(sigsum_key_file_parse(file, flen, NULL, 0, &count, NULL, NULL),
                             SIGSUM_STATUS_OK);
                CHECK(count == wcount);
                count = 12345;
                CHECK_STATUS(sigsum_key_file_parse(file, flen, keys, wcount - 1, &count, NULL, NULL),
                             SIGSUM_STATUS_BUFFER_TOO_SMALL);
                CHECK(count == 12345);
                /* Every key of the file is also a valid single line. */
                {
                    sigsum_public_key k;
                    const char *p = file;
                    size_t found = 0, i;
                    while (*p != '\0') {
                        size_t l = strcspn(p, "\n");
                        if (l > 0 && p[0] != '#' &&
                            sigsum_key_parse_openssh(p, l + (p[l] == '\n'), &k, NULL, NULL) ==
                                SIGSUM_STATUS_OK) {
                            for (i = 0; i < wcount; i++) {
                                found += memcmp(&keys[i], &k, 32) == 0;
                            }
                        }
                        p += l + (p[l] == '\n');
                    }
                    CHECK(found == wcount);
                }
            } else {
                sigsum_status ws;
                unsigned wline, wcol;
                if (!parse_error(want + 4, 0, &ws, &wline, &wcol)) {
                    fprintf(stderr, "unknown error %s\n", want);
                    CHECK(0);
                    continue;
                }
                CHECK_STATUS(s, ws);
                if (d.line != wline || d.column != wcol) {
                    fprintf(stderr, "key file %s: line %u column %u, want %u %u\n", c[0], d.line,
                            d.column, wline, wcol);
                }
                CHECK(d.line == wline && d.column == wcol && d.step == SIGSUM_STEP_KEYS);
                CHECK(policy.len == 55);
            }
        }
        free(file);
        n++;
    }
    free(text);
    CHECK(n >= 18);
    CHECK_STATUS(sigsum_key_file_parse("x", 1, NULL, 1, NULL, NULL, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
}

static void test_vkeys(const char *vectors)
{
    size_t len, n = 0;
    char *text = read_file(vectors, "keys/vkeys.tsv", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *c[3];
        size_t vlen;
        sigsum_public_key k;
        sigsum_span name = {66, 66};
        uint8_t type = 0;
        sigsum_detail d;
        if (line[0] == '#' || split_tabs(line, c, 3) < 2) {
            continue;
        }
        vlen = unescape_tsv(c[0]);
        if (strncmp(c[1], "ok ", 3) == 0) {
            char wname[300], wid[16], wkey[80];
            unsigned wtype;
            sigsum_public_key want;
            sscanf(c[1] + 3, "%299s %15s %x %79s", wname, wid, &wtype, wkey);
            CHECK_STATUS(sigsum_key_parse_vkey(c[0], vlen, &k, &type, &name, &d), SIGSUM_STATUS_OK);
            CHECK(span_is(c[0], name, wname) && type == wtype);
            CHECK_STATUS(sigsum_public_key_from_hex(wkey, strlen(wkey), &want), SIGSUM_STATUS_OK);
            CHECK(memcmp(&k, &want, 32) == 0);
        } else {
            sigsum_status ws;
            unsigned wline, wcol;
            if (!parse_error(c[1] + 4, 1, &ws, &wline, &wcol)) {
                fprintf(stderr, "unknown vkey error %s\n", c[1]);
                CHECK(0);
                continue;
            }
            CHECK_STATUS(sigsum_key_parse_vkey(c[0], vlen, &k, &type, &name, &d), ws);
            CHECK(d.step == SIGSUM_STEP_KEYS && d.column == (ws == SIGSUM_STATUS_VKEY_NAME ? 1 : wcol));
            CHECK(name.len == 66 && type == 0);
        }
        n++;
    }
    free(text);
    CHECK(n >= 20);
}

void test_keys(const char *vectors)
{
    test_keys_tsv(vectors);
    test_ssh_lines(vectors);
    test_key_files(vectors);
    test_vkeys(vectors);
}
