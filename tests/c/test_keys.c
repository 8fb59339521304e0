/* Key formats over tests/vectors/keys/ (the files the Rust tests read):
 * hex, OpenSSH lines and key files, vkeys, PEM, with exact status, line
 * and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Error names as the vector files write them (Rust Debug) to the status
 * and a part of the reason in detail->message. */
struct error_name {
    const char *name;
    sigsum_status status;
    const char *why;
};

static const struct error_name ERRORS[] = {
    {"ControlCharacter", SIGSUM_STATUS_MALFORMED_KEY, "control character in key line"},
    {"MissingFields", SIGSUM_STATUS_MALFORMED_KEY, "expected \"ssh-ed25519 <key>\""},
    {"PolicyNotQuoted", SIGSUM_STATUS_MALFORMED_KEY, "followed by a double-quoted name"},
    {"PolicyEmpty", SIGSUM_STATUS_MALFORMED_KEY, "empty sigsum-policy name"},
    {"PolicyForbiddenChar", SIGSUM_STATUS_MALFORMED_KEY, "forbidden character in sigsum-policy"},
    {"RepeatedPolicy", SIGSUM_STATUS_MALFORMED_KEY, "repeated sigsum-policy option"},
    {"KeyType", SIGSUM_STATUS_MALFORMED_KEY, "expected ssh-ed25519"},
    {"Base64", SIGSUM_STATUS_MALFORMED_KEY, "invalid base64 in key"},
    {"BlobPrefix", SIGSUM_STATUS_MALFORMED_KEY, "key blob is not an ssh-ed25519 key"},
    {"BlobLength", SIGSUM_STATUS_MALFORMED_KEY, "key blob is not 51 bytes"},
    {"IndentedComment", SIGSUM_STATUS_MALFORMED_KEY_FILE, "comments must start in column 1"},
    {"DuplicateKey", SIGSUM_STATUS_MALFORMED_KEY_FILE, "duplicate public key"},
    {"TooManyKeys", SIGSUM_STATUS_MALFORMED_KEY_FILE, "more than 256 keys"},
    {"NoKeys", SIGSUM_STATUS_MALFORMED_KEY_FILE, "no public keys found"},
    {"PolicyConflict", SIGSUM_STATUS_MALFORMED_KEY_FILE, "sigsum-policy differs"},
    {"PolicyNotUtf8", SIGSUM_STATUS_MALFORMED_KEY_FILE, "sigsum-policy name is not valid UTF-8"},
    {"LineTooLong", SIGSUM_STATUS_MALFORMED_KEY_FILE, "line longer than 65535 bytes"},
};

static const struct error_name VKEY_ERRORS[] = {
    {"Fields", SIGSUM_STATUS_MALFORMED_KEY, "is not <name>+<key id>+<key>"},
    {"Name", SIGSUM_STATUS_MALFORMED_KEY, "invalid vkey key name"},
    {"KeyIdHex", SIGSUM_STATUS_MALFORMED_KEY, "key id is not 8 hex digits"},
    {"Base64", SIGSUM_STATUS_MALFORMED_KEY, "invalid base64 in vkey"},
    {"EmptyKey", SIGSUM_STATUS_MALFORMED_KEY, "empty vkey key data"},
    {"KeyType", SIGSUM_STATUS_MALFORMED_KEY, "unsupported vkey key type"},
    {"KeyLength", SIGSUM_STATUS_MALFORMED_KEY, "vkey key is not 32 bytes"},
    {"KeyIdMismatch", SIGSUM_STATUS_MALFORMED_KEY, "vkey key id does not match"},
};

/* "Name { column: 13 }" -> status, column (0 if none). For nested
 * "Key { line: 2, error: Inner { column: 4 } }" the inner name wins and
 * the line is returned too. */
static int parse_error(const char *text, int vkey, sigsum_status *status, const char **why,
                       unsigned *line, unsigned *column)
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
    {
        const struct error_name *table = vkey ? VKEY_ERRORS : ERRORS;
        size_t count = vkey ? sizeof VKEY_ERRORS / sizeof VKEY_ERRORS[0]
                            : sizeof ERRORS / sizeof ERRORS[0];
        for (i = 0; i < count; i++) {
            if (strlen(table[i].name) == n && strncmp(table[i].name, name, n) == 0) {
                *status = table[i].status;
                *why = table[i].why;
                return 1;
            }
        }
    }
    return 0;
}

/* 1 if `s` has no byte above 0x7f. */
static int is_ascii(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s > 0x7f) {
            return 0;
        }
    }
    return 1;
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
        CHECK_STATUS(sigsum_public_key_parse_hex(c[0], strlen(c[0]), &from_hex, NULL),
                     SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_public_key_parse_openssh(c[1], strlen(c[1]), &from_ssh, &policy, &d),
                     SIGSUM_STATUS_OK);
        CHECK(memcmp(&from_hex, &from_ssh, 32) == 0 && policy.len == 0 && d.step == 0);
        /* Hex with surrounding white space, and its twins. */
        snprintf(padded, sizeof padded, " \t%s\r\n", c[0]);
        CHECK_STATUS(sigsum_public_key_parse_hex(padded, strlen(padded), &k, NULL),
                     SIGSUM_STATUS_OK);
        CHECK(memcmp(&from_hex, &k, 32) == 0);
        CHECK_STATUS(sigsum_public_key_parse_hex(c[0], 63, &k, &d), SIGSUM_STATUS_MALFORMED_KEY);
        CHECK_MESSAGE(&d, "wrong length");
        snprintf(padded, sizeof padded, "%s x", c[0]);
        CHECK_STATUS(sigsum_public_key_parse_hex(padded, strlen(padded), &k, &d),
                     SIGSUM_STATUS_MALFORMED_KEY);
        CHECK_MESSAGE(&d, "wrong length");
        /* The whole text counts: 64 hex digits and junk is not a key. */
        snprintf(padded, sizeof padded, "%sjunk\n", c[0]);
        CHECK_STATUS(sigsum_public_key_parse_hex(padded, strlen(padded), &k, &d),
                     SIGSUM_STATUS_MALFORMED_KEY);
        if (strcmp(c[2], "-") != 0) {
            char path[256];
            size_t plen;
            char *pem;
            snprintf(path, sizeof path, "keys/%s", c[2]);
            pem = read_file(vectors, path, &plen);
            CHECK_STATUS(sigsum_public_key_parse_pem(pem, plen, &from_pem, &d), SIGSUM_STATUS_OK);
            CHECK(memcmp(&from_hex, &from_pem, 32) == 0);
            /* Twins: no END line, a private key label, garbage first
             * line, text after END. */
            CHECK_STATUS(sigsum_public_key_parse_pem(pem, (size_t)(strstr(pem, "-----END") - pem), &k,
                                                     &d),
                         SIGSUM_STATUS_MALFORMED_KEY);
            CHECK_MESSAGE(&d, "missing -----END");
            CHECK_STATUS(sigsum_public_key_parse_pem("-----BEGIN PRIVATE KEY-----\n", 28, &k, &d),
                         SIGSUM_STATUS_MALFORMED_KEY);
            CHECK(d.line == 1 && d.step == SIGSUM_STEP_KEYS);
            CHECK_MESSAGE(&d, "not a public key");
            CHECK_STATUS(sigsum_public_key_parse_pem(pem + 1, plen - 1, &k, &d),
                         SIGSUM_STATUS_MALFORMED_KEY);
            CHECK_MESSAGE(&d, "line 1: expected -----BEGIN");
            {
                char *more = (char *)malloc(plen + 8);
                memcpy(more, pem, plen);
                memcpy(more + plen, "extra\n", 6);
                CHECK_STATUS(sigsum_public_key_parse_pem(more, plen + 6, &k, &d),
                             SIGSUM_STATUS_MALFORMED_KEY);
                CHECK(d.line == 4);
                CHECK_MESSAGE(&d, "text after");
                free(more);
            }
            free(pem);
        }
        n++;
    }
    free(text);
    CHECK(n >= 9);
    CHECK_STATUS(sigsum_public_key_parse_hex(NULL, 64, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_public_key_parse_pem(NULL, 0, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
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
            CHECK_STATUS(sigsum_public_key_parse_openssh(c[1], llen, &k, &policy, &d),
                         SIGSUM_STATUS_OK);
            CHECK(span_is(c[1], policy, want_policy));
            CHECK(d.status == 0 && d.line == 0 && d.column == 0);
        } else {
            sigsum_status want;
            const char *why;
            unsigned wline, wcol;
            if (!parse_error(c[2] + 4, 0, &want, &why, &wline, &wcol)) {
                fprintf(stderr, "unknown error %s\n", c[2]);
                CHECK(0);
                continue;
            }
            CHECK_STATUS(sigsum_public_key_parse_openssh(c[1], llen, &k, &policy, &d), want);
            CHECK_MESSAGE(&d, why);
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
                            sigsum_public_key_parse_openssh(p, l + (p[l] == '\n'), &k, NULL, NULL) ==
                                SIGSUM_STATUS_OK) {
                            for (i = 0; i < wcount; i++) {
                                found += memcmp(&keys[i], &k, 32) == 0;
                            }
                        }
                        p += l + (p[l] == '\n');
                    }
                    /* A key file accepts a policy name that is not UTF-8 (as
                     * sigsum-go does); a single key line does not. */
                    if (is_ascii(file)) {
                        CHECK(found == wcount);
                    } else {
                        CHECK(found <= wcount);
                    }
                }
            } else {
                sigsum_status ws;
                const char *why;
                unsigned wline, wcol;
                if (!parse_error(want + 4, 0, &ws, &why, &wline, &wcol)) {
                    fprintf(stderr, "unknown error %s\n", want);
                    CHECK(0);
                    continue;
                }
                CHECK_STATUS(s, ws);
                CHECK_MESSAGE(&d, why);
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
    /* A hex key file is not a key file, nor are 64 hex digits and junk
     * (which the old quickstart, reading the first 64 bytes, accepted). */
    {
        static const char *not_openssh[] = {
            "3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8\n",
            "3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8junk\n",
        };
        size_t i, count = 7;
        sigsum_public_key keys[2];
        sigsum_detail d;
        for (i = 0; i < 2; i++) {
            CHECK_STATUS(sigsum_key_file_parse(not_openssh[i], strlen(not_openssh[i]), keys, 2,
                                               &count, NULL, &d),
                         SIGSUM_STATUS_MALFORMED_KEY);
            CHECK(d.line == 1 && d.step == SIGSUM_STEP_KEYS && count == 7);
            CHECK_MESSAGE(&d, "expected \"ssh-ed25519 <key>\"");
        }
    }
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
            CHECK_STATUS(sigsum_public_key_parse_vkey(c[0], vlen, &k, &type, &name, &d),
                         SIGSUM_STATUS_OK);
            CHECK(span_is(c[0], name, wname) && type == wtype);
            CHECK_STATUS(sigsum_public_key_parse_hex(wkey, strlen(wkey), &want, NULL),
                         SIGSUM_STATUS_OK);
            CHECK(memcmp(&k, &want, 32) == 0);
        } else {
            sigsum_status ws;
            const char *why;
            unsigned wline, wcol;
            if (!parse_error(c[1] + 4, 1, &ws, &why, &wline, &wcol)) {
                fprintf(stderr, "unknown vkey error %s\n", c[1]);
                CHECK(0);
                continue;
            }
            CHECK_STATUS(sigsum_public_key_parse_vkey(c[0], vlen, &k, &type, &name, &d), ws);
            CHECK(d.step == SIGSUM_STEP_KEYS &&
                  d.column == (strcmp(why, "invalid vkey key name") == 0 ? 1 : wcol));
            CHECK_MESSAGE(&d, why);
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
