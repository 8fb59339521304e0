/* Trust policies over tests/vectors/policy/ (the files the Rust tests
 * read): text errors with exact status, line and reason, quorum truth
 * tables for loaded text and compiled policies, compiled blob validation,
 * builtins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MAX_TEXT 65536
#define MAX_NAMES 300

/* PolicyErrorKind names (as the vector files write them) to the status
 * and a part of the reason in detail->message. */
static const struct {
    const char *kind;
    sigsum_status status;
    const char *why;
} KINDS[] = {
    {"ControlCharacter", SIGSUM_STATUS_MALFORMED_POLICY, "invalid control character"},
    {"LineTooLong", SIGSUM_STATUS_MALFORMED_POLICY, "line longer than"},
    {"UnknownKeyword", SIGSUM_STATUS_MALFORMED_POLICY, "unknown keyword"},
    {"LogArguments", SIGSUM_STATUS_MALFORMED_POLICY, "invalid log policy line"},
    {"WitnessArguments", SIGSUM_STATUS_MALFORMED_POLICY, "invalid witness policy line"},
    {"GroupArguments", SIGSUM_STATUS_MALFORMED_POLICY, "invalid group policy line"},
    {"QuorumArguments", SIGSUM_STATUS_MALFORMED_POLICY, "invalid quorum policy line"},
    {"InvalidKey", SIGSUM_STATUS_MALFORMED_POLICY, "invalid public key"},
    {"ThresholdSyntax", SIGSUM_STATUS_MALFORMED_POLICY, "invalid threshold"},
    {"ThresholdOutOfRange", SIGSUM_STATUS_MALFORMED_POLICY, "threshold out of range"},
    {"DuplicateLog", SIGSUM_STATUS_MALFORMED_POLICY, "duplicate log"},
    {"DuplicateWitness", SIGSUM_STATUS_MALFORMED_POLICY, "duplicate witness"},
    {"DuplicateName", SIGSUM_STATUS_MALFORMED_POLICY, "duplicate name"},
    {"ReservedName", SIGSUM_STATUS_MALFORMED_POLICY, "is predefined"},
    {"UndefinedName", SIGSUM_STATUS_MALFORMED_POLICY, "undefined name"},
    {"AlreadyMember", SIGSUM_STATUS_MALFORMED_POLICY, "already a group member"},
    {"NoneAsMember", SIGSUM_STATUS_MALFORMED_POLICY, "cannot be a group member"},
    {"QuorumRedefined", SIGSUM_STATUS_MALFORMED_POLICY, "quorum can only be set once"},
    {"NoQuorum", SIGSUM_STATUS_MALFORMED_POLICY, "no quorum defined"},
    {"TooManyLogs", SIGSUM_STATUS_POLICY_TOO_LARGE, "more than 32 logs"},
    {"TooManyWitnesses", SIGSUM_STATUS_POLICY_TOO_LARGE, "more than 64 witnesses"},
    {"TooManyGroups", SIGSUM_STATUS_POLICY_TOO_LARGE, "more than 32 groups"},
};

static int kind_status(const char *kind, sigsum_status *out, const char **why)
{
    size_t i, n = strcspn(kind, "( {");
    for (i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        if (strlen(KINDS[i].kind) == n && strncmp(KINDS[i].kind, kind, n) == 0) {
            *out = KINDS[i].status;
            *why = KINDS[i].why;
            return 1;
        }
    }
    return 0;
}

/* Policy storage (SIGSUM_POLICY_SIZE bytes each): static, so zeroed. */
static sigsum_policy policy, compiled;

/* Load a text policy; on failure the storage is zeroed, so nothing uses a
 * policy that borrows text which is about to change. */
static sigsum_status load_text(sigsum_policy *p, const char *text, size_t len, sigsum_detail *d)
{
    sigsum_status s = sigsum_policy_load_text(text, len, p, d);
    if (s != SIGSUM_STATUS_OK) {
        memset(p, 0, sizeof *p);
    }
    return s;
}

/* The same for a compiled blob. */
static sigsum_status load_compiled(sigsum_policy *p, const unsigned char *blob, size_t len,
                                   sigsum_detail *d)
{
    sigsum_status s = sigsum_policy_load_compiled(blob, len, p, d);
    if (s != SIGSUM_STATUS_OK) {
        memset(p, 0, sizeof *p);
    }
    return s;
}

/* Append a "| " text line (with \xNN escapes) to buf. */
static void append_text_line(char *buf, size_t *len, const char *line)
{
    const char *p = line[1] == ' ' ? line + 2 : line + 1;
    while (*p != '\0' && *len + 2 < MAX_TEXT) {
        unsigned int v;
        if (p[0] == '\\' && p[1] == 'x' && sscanf(p + 2, "%2x", &v) == 1) {
            buf[(*len)++] = (char)v;
            p += 4;
        } else {
            buf[(*len)++] = *p++;
        }
    }
    buf[(*len)++] = '\n';
}

static void test_invalid_text(const char *vectors)
{
    size_t flen, cases = 0;
    char *file = read_file(vectors, "policy/invalid-config.txt", &flen), *pos = file, *line;
    static char text[MAX_TEXT];
    size_t tlen = 0;
    char kind[128] = "", desc[256] = "";
    const char *why = "";
    unsigned long want_line = 0;
    int in_text = 0, no_final_newline = 0;
    while ((line = next_line(&pos)) != NULL) {
        if (strncmp(line, "case ", 5) == 0) {
            snprintf(desc, sizeof desc, "%s", line + 5);
            tlen = 0;
            kind[0] = '\0';
        } else if (strncmp(line, "error ", 6) == 0) {
            char *sp = strrchr(line, ' ');
            want_line = strtoul(sp + 1, NULL, 10);
            *sp = '\0';
            snprintf(kind, sizeof kind, "%s", line + 6);
        } else if (strcmp(line, "text") == 0 || strcmp(line, "text-no-final-newline") == 0) {
            in_text = 1;
            no_final_newline = strcmp(line, "text") != 0;
        } else if (in_text && line[0] == '|') {
            append_text_line(text, &tlen, line);
        } else if (strcmp(line, "end") == 0 && in_text) {
            sigsum_status want;
            sigsum_detail d;
            in_text = 0;
            if (no_final_newline && tlen > 0) {
                tlen--;
            }
            if (!kind_status(kind, &want, &why)) {
                fprintf(stderr, "unknown kind %s in case %s\n", kind, desc);
                CHECK(0);
                continue;
            }
            memset(&d, 0xEE, sizeof d);
            memset(&policy, 0, sizeof policy);
            CHECK_STATUS(load_text(&policy, text, tlen, &d), want);
            if (d.line != want_line || d.status != (uint32_t)want || d.step != SIGSUM_STEP_POLICY) {
                fprintf(stderr, "case %s: line %u step %u, want line %lu\n", desc, d.line, d.step,
                        want_line);
            }
            CHECK(d.line == want_line);
            CHECK(d.status == (uint32_t)want);
            CHECK(d.step == SIGSUM_STEP_POLICY);
            CHECK_MESSAGE(&d, why);
            CHECK(d.cosignatures_verified == 0 && d.tree_size == 0);
            CHECK_STATUS(sigsum_policy_load_text(text, tlen, &policy, NULL), want);
            /* Nothing was loaded: the storage is still rejected. */
            CHECK_STATUS(sigsum_policy_check_quorum(&policy, NULL, 0),
                         SIGSUM_STATUS_INVALID_PARAMETER);
            cases++;
        }
    }
    free(file);
    CHECK(cases >= 50);
}

/* The key of witness `name` in a text policy ("witness NAME KEY ..."). */
static int witness_key(const char *text, size_t len, const char *name, sigsum_public_key *key)
{
    char *copy = (char *)malloc(len + 1), *pos = copy, *line;
    int found = 0;
    memcpy(copy, text, len);
    copy[len] = '\0';
    while (!found && (line = next_line(&pos)) != NULL) {
        char *f[4];
        size_t n, l = strlen(line);
        if (l > 0 && line[l - 1] == '\r') {
            line[l - 1] = '\0';
        }
        n = split_fields(line, f, 4);
        if (n >= 3 && strcmp(f[0], "witness") == 0 && strcmp(f[1], name) == 0) {
            found = sigsum_public_key_parse_hex(f[2], strlen(f[2]), key, NULL) == SIGSUM_STATUS_OK;
        }
    }
    free(copy);
    return found;
}

/* Decode \xNN escapes in place. */
static void unescape(char *s)
{
    char *out = s;
    while (*s != '\0') {
        unsigned int v;
        if (s[0] == '\\' && s[1] == 'x' && sscanf(s + 2, "%2x", &v) == 1) {
            *out++ = (char)v;
            s += 4;
        } else {
            *out++ = *s++;
        }
    }
    *out = '\0';
}

/* Parse "eval [A B C] -> true" into names and the verdict. */
static size_t parse_eval(char *line, char **names, size_t max, int *want)
{
    char *open = strchr(line, '['), *close = strchr(line, ']');
    size_t n, i;
    if (open == NULL || close == NULL) {
        return (size_t)-1;
    }
    *close = '\0';
    *want = strstr(close + 1, "true") != NULL;
    n = split_fields(open + 1, names, max);
    for (i = 0; i < n; i++) {
        unescape(names[i]);
    }
    return n;
}

static void test_valid_text(const char *vectors)
{
    size_t flen, cases = 0, evals = 0;
    char *file = read_file(vectors, "policy/valid-config.txt", &flen), *pos = file, *line;
    static char text[MAX_TEXT];
    char logs[16][65];
    size_t tlen = 0, nlogs = 0;
    int in_text = 0, no_final_newline = 0;
    while ((line = next_line(&pos)) != NULL) {
        size_t i;
        if (strncmp(line, "case ", 5) == 0) {
            tlen = 0;
            nlogs = 0;
        } else if (strcmp(line, "text") == 0 || strcmp(line, "text-no-final-newline") == 0) {
            in_text = 1;
            no_final_newline = strcmp(line, "text") != 0;
        } else if (in_text && line[0] == '|') {
            append_text_line(text, &tlen, line);
        } else if (in_text && strcmp(line, "end") == 0) {
            sigsum_detail d;
            in_text = 0;
            if (no_final_newline && tlen > 0) {
                tlen--;
            }
            CHECK_STATUS(load_text(&policy, text, tlen, &d), SIGSUM_STATUS_OK);
            CHECK(d.status == 0 && d.step == SIGSUM_STEP_NONE && d.line == 0 && d.message[0] == 0);
            /* Every listed log can be looked up by its key hash. */
            for (i = 0; i < nlogs; i++) {
                sigsum_public_key k, got;
                sigsum_hash kh;
                CHECK_STATUS(sigsum_public_key_parse_hex(logs[i], 64, &k, NULL), SIGSUM_STATUS_OK);
                CHECK_STATUS(sigsum_public_key_hash(&k, &kh), SIGSUM_STATUS_OK);
                CHECK_STATUS(sigsum_policy_find_log(&policy, &kh, &got), SIGSUM_STATUS_OK);
                CHECK(memcmp(&k, &got, sizeof k) == 0);
                kh.bytes[0] ^= 1;
                CHECK_STATUS(sigsum_policy_find_log(&policy, &kh, &got), SIGSUM_STATUS_UNKNOWN_LOG);
            }
            cases++;
        } else if (strncmp(line, "log-url ", 8) == 0 && nlogs < 16) {
            char *f[3];
            split_fields(line, f, 3);
            snprintf(logs[nlogs++], sizeof logs[0], "%s", f[1]);
        } else if (strncmp(line, "eval ", 5) == 0) {
            char *names[MAX_NAMES];
            sigsum_hash hashes[MAX_NAMES];
            int want = 0;
            size_t n = parse_eval(line, names, MAX_NAMES, &want);
            int ok = 1;
            for (i = 0; i < n; i++) {
                sigsum_public_key k, got;
                uint32_t index = 999;
                if (!witness_key(text, tlen, names[i], &k)) {
                    fprintf(stderr, "no key for witness %s\n", names[i]);
                    ok = 0;
                }
                ok &= sigsum_public_key_hash(&k, &hashes[i]) == SIGSUM_STATUS_OK;
                CHECK_STATUS(sigsum_policy_find_witness(&policy, &hashes[i], &got, &index),
                             SIGSUM_STATUS_OK);
                CHECK(memcmp(&k, &got, sizeof k) == 0 && index < 255);
                {
                    /* Another key hash: unknown, and nothing written. */
                    sigsum_hash other = hashes[i];
                    sigsum_public_key kept = got;
                    uint32_t kept_index = index;
                    other.bytes[31] ^= 1;
                    CHECK_STATUS(sigsum_policy_find_witness(&policy, &other, &got, &index),
                                 SIGSUM_STATUS_UNKNOWN_WITNESS);
                    CHECK(memcmp(&kept, &got, sizeof got) == 0 && index == kept_index);
                }
            }
            CHECK(ok);
            CHECK_STATUS(sigsum_policy_check_quorum(&policy, hashes, n),
                         want ? SIGSUM_STATUS_OK : SIGSUM_STATUS_QUORUM_NOT_MET);
            /* Listing a witness twice changes nothing. */
            if (n > 0 && n < MAX_NAMES) {
                hashes[n] = hashes[0];
                CHECK_STATUS(sigsum_policy_check_quorum(&policy, hashes, n + 1),
                             want ? SIGSUM_STATUS_OK : SIGSUM_STATUS_QUORUM_NOT_MET);
            }
            evals++;
        }
    }
    free(file);
    CHECK(cases >= 10 && evals >= 20);
}

/* Key hash of witness `index` of a compiled blob. */
static sigsum_hash blob_witness_hash(const unsigned char *blob, size_t index)
{
    sigsum_public_key k;
    sigsum_hash h;
    memcpy(k.bytes, blob + 4 + 32 * (size_t)blob[1] + 32 * index, 32);
    if (sigsum_public_key_hash(&k, &h) != SIGSUM_STATUS_OK) {
        exit(2);
    }
    return h;
}

/* The compiled-policy vectors: every compiled blob loads, its truth table
 * holds for the blob and for the text policy (when sigsum-go's rules
 * accept the text), and damaged blobs fail with the exact status. */
static void test_compiled(const char *vectors)
{
    size_t flen, blobs = 0, evals = 0;
    char *file = read_file(vectors, "policy/compiled-policy-vectors.txt", &flen), *pos = file, *line;
    static char text[MAX_TEXT];
    static unsigned char blob[20000];
    static char order[MAX_NAMES][64];
    size_t tlen = 0, norder = 0, compiled_from_text = 0, compiled_large = 0, compile_errors = 0;
    int blen = -1, in_policy = 0, go_rejects = 0, is_blob_vector = 0;
    char name[256] = "";
    while ((line = next_line(&pos)) != NULL) {
        if (strncmp(line, "vector ", 7) == 0 || strncmp(line, "blob-vector ", 12) == 0) {
            snprintf(name, sizeof name, "%s", line);
            tlen = 0;
            norder = 0;
            blen = -1;
            go_rejects = 0;
            is_blob_vector = line[0] == 'b';
        } else if (strcmp(line, "policy") == 0) {
            in_policy = 1;
        } else if (in_policy && (strncmp(line, "    ", 4) == 0 || line[0] == '\0')) {
            size_t n = line[0] == '\0' ? 0 : strlen(line + 4);
            if (tlen + n + 1 < MAX_TEXT) {
                memcpy(text + tlen, line + 4 - (line[0] == '\0' ? 4 : 0), n);
                tlen += n;
                text[tlen++] = '\n';
            }
        } else {
            in_policy = 0;
        }
        if (in_policy) {
            continue;
        }
        if (strncmp(line, "sigsum-go-rejects", 17) == 0) {
            go_rejects = 1;
        } else if (strncmp(line, "error ", 6) == 0 && !is_blob_vector) {
            /* The reference compiler refused: so do we, at parse time for
             * texts beyond the format's limits, else when compiling
             * (sigsum_policy_compile takes texts up to 255 logs and
             * witnesses). */
            static uint8_t out[SIGSUM_MAX_COMPILED_POLICY_SIZE];
            size_t out_len = 0;
            sigsum_detail d;
            sigsum_status want = SIGSUM_STATUS_OK;
            const char *why = "";
            sigsum_status got;
            if (strstr(line, "256 logs")) {
                want = SIGSUM_STATUS_POLICY_TOO_LARGE;
                why = "more than 255 logs";
            } else if (strstr(line, "256 witnesses")) {
                want = SIGSUM_STATUS_POLICY_TOO_LARGE;
                why = "more than 255 witnesses";
            } else if (strstr(line, "too complex")) {
                want = SIGSUM_STATUS_POLICY_NOT_COMPILABLE;
                why = "too complex";
            } else if (strstr(name, "none-as-member")) {
                want = SIGSUM_STATUS_MALFORMED_POLICY;
                why = "cannot be a group member";
            } else if (strstr(line, "empty quorum group")) {
                want = SIGSUM_STATUS_POLICY_NOT_COMPILABLE;
                why = "quorum none cannot be compiled";
            }
            got = sigsum_policy_compile(text, tlen, out, sizeof out, &out_len, &d);
            if (got != want) {
                fprintf(stderr, "%s: %s -> %u (%s)\n", name, line, (unsigned)got,
                        sigsum_status_str(got));
            }
            CHECK_STATUS(got, want);
            if (want != SIGSUM_STATUS_OK) {
                CHECK(d.step == SIGSUM_STEP_POLICY);
                CHECK_MESSAGE(&d, why);
            }
            compile_errors++;
        } else if (strncmp(line, "compiled ", 9) == 0 || strncmp(line, "blob ", 5) == 0) {
            const char *hex = strchr(line, ' ') + 1;
            blen = hex_to_bytes(hex, blob, sizeof blob);
            CHECK(blen >= 0);
            if (!is_blob_vector && blen >= 0) {
                sigsum_detail d;
                sigsum_status ts = load_text(&policy, text, tlen, NULL);
                /* The text compiles to exactly these bytes, and the policy
                 * hash is their SHA-256. Texts beyond the loaded text
                 * capacity (32 logs, 64 witnesses, 32 groups) are too large
                 * to load, but compile and hash (up to the format's limits
                 * of 255). */
                int large = ts == SIGSUM_STATUS_POLICY_TOO_LARGE;
                if (ts == SIGSUM_STATUS_OK || large) {
                    static uint8_t out[SIGSUM_MAX_COMPILED_POLICY_SIZE];
                    size_t out_len = 0;
                    sigsum_hash h1, h3;
                    CHECK_STATUS(sigsum_policy_compile(text, tlen, out, sizeof out, &out_len, &d),
                                 SIGSUM_STATUS_OK);
                    CHECK(out_len == (size_t)blen && memcmp(out, blob, out_len) == 0);
                    CHECK_STATUS(sigsum_policy_hash(text, tlen, &h1, &d), SIGSUM_STATUS_OK);
                    CHECK_STATUS(sigsum_hash_sha256(blob, (size_t)blen, &h3), SIGSUM_STATUS_OK);
                    CHECK(memcmp(&h1, &h3, 32) == 0);
                    out_len = 12345;
                    CHECK_STATUS(sigsum_policy_compile(text, tlen, out, (size_t)blen - 1, &out_len, &d),
                                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
                    CHECK(out_len == 12345);
                    compiled_from_text++;
                    compiled_large += large;
                } else {
                    CHECK(go_rejects);
                }
                CHECK_STATUS(load_compiled(&compiled, blob, (size_t)blen, &d), SIGSUM_STATUS_OK);
                CHECK(d.step == SIGSUM_STEP_NONE);
                /* Damaged twins. */
                if (blen > 4) {
                    static sigsum_policy scratch;
                    CHECK_STATUS(load_compiled(&scratch, blob, (size_t)blen - 1, &d),
                                 SIGSUM_STATUS_MALFORMED_COMPILED_POLICY);
                    CHECK_MESSAGE(&d, "truncated");
                    blob[blen] = 0;
                    CHECK_STATUS(load_compiled(&scratch, blob, (size_t)blen + 1, &d),
                                 SIGSUM_STATUS_MALFORMED_COMPILED_POLICY);
                    CHECK_MESSAGE(&d, "trailing bytes");
                    blob[0] ^= 1;
                    CHECK_STATUS(load_compiled(&scratch, blob, (size_t)blen, &d),
                                 SIGSUM_STATUS_MALFORMED_COMPILED_POLICY);
                    CHECK(d.step == SIGSUM_STEP_POLICY);
                    CHECK_MESSAGE(&d, "unsupported compiled policy version");
                    blob[0] ^= 1;
                    CHECK_STATUS(load_compiled(&scratch, blob, 3, &d),
                                 SIGSUM_STATUS_MALFORMED_COMPILED_POLICY);
                    CHECK_MESSAGE(&d, "shorter than its 4-byte header");
                }
                blobs++;
            }
        } else if (strncmp(line, "order ", 6) == 0) {
            char *f[MAX_NAMES];
            size_t n = split_fields(line + 6, f, MAX_NAMES), i;
            for (i = 0; i < n && i < MAX_NAMES; i++) {
                const char *colon = strchr(f[i], ':');
                snprintf(order[i], sizeof order[i], "%s", colon ? colon + 1 : f[i]);
            }
            norder = n;
        } else if (strncmp(line, "eval ", 5) == 0 && blen >= 0 && !is_blob_vector) {
            char *names[MAX_NAMES];
            sigsum_hash hashes[MAX_NAMES];
            int want = 0, ok = 1;
            size_t n = parse_eval(line, names, MAX_NAMES, &want), i, j;
            for (i = 0; i < n; i++) {
                for (j = 0; j < norder && strcmp(order[j], names[i]) != 0; j++) {
                }
                ok &= j < norder;
                if (j < norder) {
                    hashes[i] = blob_witness_hash(blob, j);
                }
            }
            CHECK(ok);
            if (!ok) {
                fprintf(stderr, "%s: unknown names in %s\n", name, line);
                continue;
            }
            /* `compiled` holds this vector's blob, `policy` its text if
             * that loaded. */
            CHECK_STATUS(sigsum_policy_check_quorum(&compiled, hashes, n),
                         want ? SIGSUM_STATUS_OK : SIGSUM_STATUS_QUORUM_NOT_MET);
            if (!go_rejects && load_text(&policy, text, tlen, NULL) == SIGSUM_STATUS_OK) {
                CHECK_STATUS(sigsum_policy_check_quorum(&policy, hashes, n),
                             want ? SIGSUM_STATUS_OK : SIGSUM_STATUS_QUORUM_NOT_MET);
            }
            evals++;
        } else if (strncmp(line, "proposed ", 9) == 0 && is_blob_vector && blen >= 0) {
            const char *why = line + 9, *reason = "";
            sigsum_status want = SIGSUM_STATUS_MALFORMED_COMPILED_POLICY;
            sigsum_detail d;
            size_t announced = blen >= 4 ? 4 + 32 * ((size_t)blob[1] + blob[2]) + blob[3] : 0;
            if (strncmp(why, "accept", 6) == 0) {
                want = SIGSUM_STATUS_OK;
            } else if (strstr(why, "shorter than the 4-byte header")) {
                reason = "shorter than its 4-byte header";
            } else if (strstr(why, "unknown version")) {
                reason = "unsupported compiled policy version";
            } else if (strstr(why, "length != ")) {
                reason = (size_t)blen < announced ? "truncated" : "trailing bytes";
            } else if (strstr(why, "witness keys not") && strstr(why, "(duplicate)")) {
                reason = "is a duplicate";
            } else if (strstr(why, "witness keys not")) {
                reason = "out of key-hash order";
            } else if (strstr(why, "empty program")) {
                reason = "empty quorum program";
            } else {
                fprintf(stderr, "%s: unmapped reason %s\n", name, why);
                CHECK(0);
                continue;
            }
            CHECK_STATUS(load_compiled(&compiled, blob, (size_t)blen, &d), want);
            CHECK_MESSAGE(&d, reason);
            blobs++;
        }
    }
    free(file);
    CHECK(blobs >= 50 && evals >= 200 && compiled_from_text >= 40 && compile_errors == 6);
    CHECK(compiled_large >= 5);
}

static void test_builtins(const char *vectors)
{
    size_t i, n = 0;
    const char *name;
    sigsum_detail d;
    for (i = 0; (name = sigsum_policy_get_builtin_name(i)) != NULL; i++) {
        const char *text = NULL;
        size_t tlen = 0, flen;
        char path[128];
        char *file;
        CHECK_STATUS(sigsum_policy_get_builtin_text(name, strlen(name), &text, &tlen), SIGSUM_STATUS_OK);
        /* Identical to the vendored copy of sigsum-go's file. */
        snprintf(path, sizeof path, "real/%s.policy", name);
        file = read_file(vectors, path, &flen);
        CHECK(text != NULL && flen == tlen && memcmp(file, text, tlen) == 0);
        free(file);
        CHECK_STATUS(sigsum_policy_load_builtin(name, strlen(name), &policy, &d), SIGSUM_STATUS_OK);
        CHECK(d.step == SIGSUM_STEP_NONE);
        CHECK_STATUS(sigsum_policy_load_builtin(name, strlen(name) - 1, &policy, &d),
                     SIGSUM_STATUS_UNKNOWN_POLICY);
        CHECK(d.step == SIGSUM_STEP_POLICY);
        CHECK_MESSAGE(&d, "no builtin policy with this name");
        n++;
    }
    CHECK(n == 4);
    {
        const char *text = "unchanged";
        size_t tlen = 77;
        static sigsum_policy zero;
        CHECK_STATUS(sigsum_policy_get_builtin_text("Sigsum-test", 11, &text, &tlen),
                     SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_STATUS(sigsum_policy_get_builtin_text("-x", 2, &text, &tlen),
                     SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_STATUS(sigsum_policy_get_builtin_text("x", 1, &text, &tlen),
                     SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_STATUS(sigsum_policy_get_builtin_text("no-such-policy", 14, &text, &tlen),
                     SIGSUM_STATUS_UNKNOWN_POLICY);
        CHECK_STATUS(sigsum_policy_get_builtin_text(NULL, 3, &text, &tlen), SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_get_builtin_text("sigsum-test1-2025", 17, NULL, &tlen),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_get_builtin_text("sigsum-test1-2025", 17, &text, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK(strcmp(text, "unchanged") == 0 && tlen == 77);
        CHECK_STATUS(sigsum_policy_load_builtin("\xff\xfe", 2, &policy, &d),
                     SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_MESSAGE(&d, "invalid policy name");
        CHECK_STATUS(sigsum_policy_load_builtin("-x", 2, &policy, NULL),
                     SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_STATUS(sigsum_policy_check_name("sigsum-test1-2025", 17), SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_policy_check_name("../etc", 6), SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_STATUS(sigsum_policy_check_name("x", 1), SIGSUM_STATUS_INVALID_POLICY_NAME);
        CHECK_STATUS(sigsum_policy_check_name(NULL, 1), SIGSUM_STATUS_NULL_PARAMETER);
        /* A policy no load function filled is rejected, not read. */
        CHECK_STATUS(sigsum_policy_check_quorum(&zero, NULL, 0), SIGSUM_STATUS_INVALID_PARAMETER);
        CHECK_STATUS(sigsum_policy_check_quorum(NULL, NULL, 0), SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_load_text(NULL, 5, &policy, NULL), SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_load_text(NULL, 0, &policy, &d), SIGSUM_STATUS_MALFORMED_POLICY);
        CHECK(d.line == 0);
        CHECK_MESSAGE(&d, "no quorum defined");
        CHECK_STATUS(sigsum_policy_load_text("quorum none\n", 12, NULL, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_load_compiled(NULL, 1, &policy, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_load_builtin("sigsum-test1-2025", 17, NULL, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
    }
    CHECK(sigsum_policy_get_builtin_name(4) == NULL);
    CHECK(sigsum_policy_get_builtin_name((size_t)-1) == NULL);
}

void test_policy(const char *vectors)
{
    test_invalid_text(vectors);
    test_valid_text(vectors);
    test_compiled(vectors);
    test_builtins(vectors);
}
