/* Checkpoints over tests/vectors/checkpoint/ (the files the Rust tests
 * read): parse, Sigsum log signature, vkey signature, cosignature lines,
 * each with reject twins asserting the exact status, line and reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static sigsum_public_key key_hex(const char *hex)
{
    sigsum_public_key k;
    if (sigsum_public_key_parse_hex(hex, strlen(hex), &k, NULL) != SIGSUM_STATUS_OK) {
        exit(2);
    }
    return k;
}

/* 64 lowercase hex digits and a NUL. */
static void to_hex(const sigsum_hash *h, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < 32; i++) {
        out[2 * i] = digits[h->bytes[i] >> 4];
        out[2 * i + 1] = digits[h->bytes[i] & 15];
    }
    out[64] = '\0';
}

/* A copy of text with the byte at `at` replaced. */
static char *with_byte(const char *text, size_t len, size_t at, char c)
{
    char *copy = (char *)malloc(len + 1);
    memcpy(copy, text, len + 1);
    copy[at] = c;
    return copy;
}

static void sigsum_checkpoint_case(const char *vectors, const char *file, const char *log_key_hex,
                                   uint64_t want_size)
{
    size_t len;
    char *text = read_file(vectors, file, &len), *m;
    sigsum_public_key key = key_hex(log_key_hex), other = key;
    sigsum_checkpoint_info info;
    sigsum_detail d;
    sigsum_hash kh;
    char want_origin[128], hex[65];
    size_t sig_line_at;

    memset(&info, 0, sizeof info);
    CHECK_STATUS(sigsum_checkpoint_verify(text, len, &key, NULL, &info, &d), SIGSUM_STATUS_OK);
    CHECK(info.tree_head.size == want_size && info.signature_count >= 1 && info.has_extensions == 0);
    CHECK_STATUS(sigsum_public_key_hash(&key, &kh), SIGSUM_STATUS_OK);
    to_hex(&kh, hex);
    snprintf(want_origin, sizeof want_origin, "sigsum.org/v1/tree/%s", hex);
    CHECK(info.origin.offset == 0 && info.origin.len == strlen(want_origin) &&
          memcmp(text, want_origin, info.origin.len) == 0);
    CHECK(info.text.offset == 0 && text[info.text.len - 1] == '\n' && text[info.text.len] == '\n');
    /* The signed text is the body the log signs for this tree head. */
    {
        uint8_t body[SIGSUM_MAX_BODY_SIZE];
        size_t blen = 0;
        CHECK_STATUS(sigsum_tree_head_write_body(&info.tree_head, &kh, body, sizeof body, &blen),
                     SIGSUM_STATUS_OK);
        CHECK(blen == info.text.len && memcmp(body, text, blen) == 0);
    }
    /* Parse alone agrees. */
    {
        sigsum_checkpoint_info p;
        CHECK_STATUS(sigsum_checkpoint_parse(text, len, &p, NULL), SIGSUM_STATUS_OK);
        CHECK(memcmp(&p, &info, sizeof p) == 0);
    }

    /* Twins. */
    other.bytes[0] ^= 1;
    CHECK_STATUS(sigsum_checkpoint_verify(text, len, &other, NULL, NULL, &d),
                 SIGSUM_STATUS_ORIGIN_MISMATCH);
    CHECK(d.line == 1 && d.step == SIGSUM_STEP_CHECKPOINT);
    CHECK_MESSAGE(&d, "not the log's Sigsum origin");
    /* A changed root hash digit (still canonical base64): bad signature on
     * the signature line (line 5). */
    m = with_byte(text, len, info.origin.len + 1 + strcspn(text + info.origin.len + 1, "\n") + 2,
                  'A');
    if (memcmp(m, text, len) != 0) {
        CHECK_STATUS(sigsum_checkpoint_verify(m, len, &key, NULL, NULL, &d),
                     SIGSUM_STATUS_BAD_LOG_SIGNATURE);
        CHECK(d.line == 5);
        CHECK_MESSAGE(&d, "invalid log signature");
    }
    free(m);
    /* A size with a leading zero, at line 2. */
    m = (char *)malloc(len + 2);
    memcpy(m, text, info.origin.len + 1);
    m[info.origin.len + 1] = '0';
    memcpy(m + info.origin.len + 2, text + info.origin.len + 1, len - info.origin.len);
    CHECK_STATUS(sigsum_checkpoint_parse(m, len + 1, &info, &d), SIGSUM_STATUS_MALFORMED_CHECKPOINT);
    CHECK(d.line == 2 && d.step == SIGSUM_STEP_CHECKPOINT);
    CHECK_MESSAGE(&d, "decimal number with a leading zero");
    free(m);
    /* No final newline; CR; no blank line. */
    CHECK_STATUS(sigsum_checkpoint_parse(text, len - 1, &info, &d), SIGSUM_STATUS_MALFORMED_CHECKPOINT);
    CHECK_MESSAGE(&d, "does not end with a newline");
    m = with_byte(text, len, 5, '\r');
    CHECK_STATUS(sigsum_checkpoint_parse(m, len, &info, &d), SIGSUM_STATUS_MALFORMED_CHECKPOINT);
    CHECK(d.line == 1 && d.column == 6);
    CHECK_MESSAGE(&d, "control character");
    free(m);
    sig_line_at = info.text.len;
    m = with_byte(text, len, sig_line_at, 'x');
    CHECK_STATUS(sigsum_checkpoint_parse(m, len, &info, &d), SIGSUM_STATUS_MALFORMED_CHECKPOINT);
    CHECK_MESSAGE(&d, "no blank line");
    free(m);
    /* The signature line's base64. */
    m = with_byte(text, len, len - 3, '!');
    CHECK_STATUS(sigsum_checkpoint_verify(m, len, &key, NULL, NULL, &d),
                 SIGSUM_STATUS_MALFORMED_CHECKPOINT);
    CHECK(d.line == 5);
    CHECK_MESSAGE(&d, "invalid base64 signature");
    free(m);
    CHECK_STATUS(sigsum_checkpoint_verify(text, len, NULL, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_checkpoint_parse(text, len, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    free(text);
}

static void test_vkey_checkpoints(const char *vectors)
{
    static const char *vkey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    static const char *files[] = {"checkpoint/gosumdb-30055305.checkpoint",
                                  "checkpoint/gosumdb-49189689.checkpoint"};
    size_t i;
    for (i = 0; i < 2; i++) {
        size_t len;
        char *text = read_file(vectors, files[i], &len), *bad;
        sigsum_checkpoint_info info;
        sigsum_detail d;
        sigsum_public_key k;
        CHECK_STATUS(sigsum_checkpoint_verify_vkey(text, len, vkey, strlen(vkey), NULL, &info, &d),
                     SIGSUM_STATUS_OK);
        CHECK(info.origin.len == 20 && memcmp(text, "go.sum database tree", 20) == 0);
        CHECK(info.tree_head.size == (i == 0 ? 30055305u : 49189689u));
        /* As a Sigsum checkpoint it has the wrong origin for any key. */
        CHECK_STATUS(sigsum_public_key_parse_vkey(vkey, strlen(vkey), &k, NULL, NULL, NULL),
                     SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_checkpoint_verify(text, len, &k, NULL, NULL, &d),
                     SIGSUM_STATUS_ORIGIN_MISMATCH);
        /* Another name: no signature line; a damaged vkey. */
        CHECK_STATUS(sigsum_checkpoint_verify_vkey(text, len,
                                                   "sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
                                                   strlen(vkey), NULL, NULL, &d),
                     SIGSUM_STATUS_MALFORMED_KEY);
        CHECK(d.step == SIGSUM_STEP_KEYS);
        CHECK_MESSAGE(&d, "key id does not match");
        bad = with_byte(text, len, 0, 'G');
        CHECK_STATUS(sigsum_checkpoint_verify_vkey(bad, len, vkey, strlen(vkey), NULL, NULL, &d),
                     SIGSUM_STATUS_BAD_LOG_SIGNATURE);
        CHECK(d.line == 5);
        CHECK_MESSAGE(&d, "invalid log signature");
        free(bad);
        free(text);
    }
}

static void test_cosigned(const char *vectors)
{
    size_t len, plen;
    char *text = read_file(vectors, "checkpoint/p-a-cosigned.checkpoint", &len);
    char *policy_text = read_file(vectors, "proofs/pa.policy", &plen);
    sigsum_public_key log_key =
        key_hex("ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5");
    sigsum_public_key wkey =
        key_hex("cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a");
    static const char *wname =
        "sigsum.org/v1/witness/bd8385aa82e07c3e1e297a1600c12bb25ce7a9490b5c1287ec30e09ac4c8b884";
    sigsum_note_witness w[3];
    uint8_t results[3] = {9, 9, 9};
    size_t unknown = 99;
    sigsum_detail d;
    sigsum_checkpoint_info info;
    static sigsum_policy policy;
    sigsum_hash wh;
    char *bad;

    CHECK_STATUS(sigsum_checkpoint_verify(text, len, &log_key, NULL, &info, &d), SIGSUM_STATUS_OK);
    CHECK(info.signature_count == 2 && info.tree_head.size == 4);
    w[0].name = wname;
    w[0].name_len = strlen(wname);
    w[0].key = wkey;
    w[1] = w[0];
    w[1].name_len -= 1; /* another name: no line from it */
    w[2] = w[0];
    w[2].key.bytes[5] ^= 1; /* another key: another key id */
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w, 3, NULL, results, 3, &unknown, &d),
                 SIGSUM_STATUS_OK);
    CHECK(results[0] == SIGSUM_COSIGNATURE_VALID && results[1] == SIGSUM_COSIGNATURE_ABSENT &&
          results[2] == SIGSUM_COSIGNATURE_ABSENT && unknown == 0);
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w + 1, 2, NULL, results, 3, &unknown, &d),
                 SIGSUM_STATUS_OK);
    CHECK(results[0] == SIGSUM_COSIGNATURE_ABSENT && unknown == 1);
    /* The quorum of the P-a policy with the valid witness. */
    CHECK_STATUS(sigsum_policy_load_text(policy_text, plen, &policy, NULL), SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_public_key_hash(&wkey, &wh), SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_policy_check_quorum(&policy, &wh, 1), SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_policy_check_quorum(&policy, NULL, 0), SIGSUM_STATUS_QUORUM_NOT_MET);
    /* A damaged cosignature is invalid, not an error. */
    bad = with_byte(text, len, len - 10, text[len - 10] == 'A' ? 'B' : 'A');
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(bad, len, w, 1, NULL, results, 1, NULL, &d),
                 SIGSUM_STATUS_OK);
    CHECK(results[0] == SIGSUM_COSIGNATURE_INVALID);
    CHECK_STATUS(sigsum_checkpoint_verify(bad, len, &log_key, NULL, NULL, &d), SIGSUM_STATUS_OK);
    free(bad);
    /* Arguments. */
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w, 1, NULL, NULL, 1, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w, 1, NULL, NULL, 0, NULL, &d),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w, 2, NULL, results, 1, NULL, &d),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, NULL, 1, NULL, results, 1, NULL,
                                                       &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, NULL, 0, NULL, NULL, 0, &unknown,
                                                       &d),
                 SIGSUM_STATUS_OK);
    CHECK(unknown == 1);
    w[0].name = NULL;
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w, 1, NULL, results, 1, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    /* An empty name: the witness is found by its key alone. */
    w[0].name_len = 0;
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w, 1, NULL, results, 1, &unknown,
                                                       &d),
                 SIGSUM_STATUS_OK);
    CHECK(results[0] == SIGSUM_COSIGNATURE_VALID && unknown == 0);
    w[2].name = NULL;
    w[2].name_len = 0; /* another key, by key: absent */
    CHECK_STATUS(sigsum_checkpoint_verify_cosignatures(text, len, w + 2, 1, NULL, results, 1,
                                                       &unknown, &d),
                 SIGSUM_STATUS_OK);
    CHECK(results[0] == SIGSUM_COSIGNATURE_ABSENT && unknown == 1);
    free(text);
    free(policy_text);
}

void test_checkpoint(const char *vectors)
{
    sigsum_checkpoint_case(vectors, "checkpoint/seed11.checkpoint",
                           "66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7", 10);
    sigsum_checkpoint_case(vectors, "checkpoint/jellyfish-30586.checkpoint",
                           "154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b", 30586);
    sigsum_checkpoint_case(vectors, "checkpoint/jellyfish-30588.checkpoint",
                           "154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b", 30588);
    test_vkey_checkpoints(vectors);
    test_cosigned(vectors);
}
