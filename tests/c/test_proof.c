/* Proof files over tests/vectors/proofs/ and tests/vectors/real/ (the files
 * the Rust tests read): parse, v2 re-encoding, and verification with exact
 * status, step, line and reason for every accepted proof and its reject
 * twins; freshness. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static const char *vdir;

/* How a case gives its policy. */
#define POLICY_TEXT 1
#define POLICY_BUILTIN 2

struct proof_case {
    const char *name;
    const char *proof;   /* path under tests/vectors */
    const char *message; /* raw 32-byte message file, or NULL */
    const char *data;    /* data file whose SHA-256 is the message, or NULL */
    const char *signer;  /* hex key file */
    uint32_t policy_format;
    const char *policy; /* file (TEXT) or name (BUILTIN) */
    sigsum_status want;
    uint32_t want_step;
    uint32_t want_line;
    const char *why; /* part of detail.message on failure */
};

static const struct proof_case CASES[] = {
    {"P-a", "proofs/pa.proof", "proofs/pa.message", NULL, "proofs/pa-signer.hex",
     POLICY_TEXT, "proofs/pa.policy", SIGSUM_STATUS_OK, SIGSUM_STEP_NONE, 0, ""},
    {"P-b", "proofs/pb.proof", "proofs/pb.message", NULL, "proofs/pb-signer.hex",
     POLICY_TEXT, "proofs/pb.policy", SIGSUM_STATUS_OK, SIGSUM_STEP_NONE, 0, ""},
    {"barreleye odd (v1)", "proofs/barreleye-v1-odd.proof", NULL, "proofs/barreleye-v1-odd.data",
     "proofs/barreleye-signer.hex", POLICY_TEXT, "real/sigsum-test1-2025.policy",
     SIGSUM_STATUS_OK, SIGSUM_STEP_NONE, 0, ""},
    {"barreleye even (v1)", "proofs/barreleye-v1-even.proof", NULL,
     "proofs/barreleye-v1-even.data", "proofs/barreleye-signer.hex", POLICY_BUILTIN,
     "sigsum-test1-2025", SIGSUM_STATUS_OK, SIGSUM_STEP_NONE, 0, ""},
    {"serviceberry (v2, 8 cosignatures)", "real/serviceberry-v2.proof", NULL,
     "real/serviceberry.message", "real/serviceberry-signer.hex", POLICY_BUILTIN,
     "sigsum-test-2025-3", SIGSUM_STATUS_OK, SIGSUM_STEP_NONE, 0, ""},
    {"serviceberry, text policy", "real/serviceberry-v2.proof", NULL, "real/serviceberry.message",
     "real/serviceberry-signer.hex", POLICY_TEXT, "real/sigsum-test-2025-3.policy",
     SIGSUM_STATUS_OK, SIGSUM_STEP_NONE, 0, ""},
    {"sigsum-ts stray line", "proofs/sigsum-ts-stray-line.proof", NULL,
     "proofs/barreleye-v1-odd.data", "proofs/barreleye-signer.hex", POLICY_BUILTIN,
     "sigsum-test1-2025", SIGSUM_STATUS_MALFORMED_PROOF, SIGSUM_STEP_PROOF_PARSE, 8, "expected key"},
    {"legacy hello again", "proofs/legacy-tools-hello-again.proof", NULL,
     "proofs/legacy-tools-hello-again.data", "proofs/legacy-tools-signer.hex", POLICY_TEXT,
     "proofs/legacy-tools.policy", SIGSUM_STATUS_BAD_LEAF_SIGNATURE, SIGSUM_STEP_LEAF_SIGNATURE, 0,
     "bad leaf signature"},
    {"legacy old friend", "proofs/legacy-tools-old-friend.proof", NULL,
     "proofs/legacy-tools-old-friend.data", "proofs/legacy-tools-signer.hex", POLICY_TEXT,
     "proofs/legacy-tools.policy", SIGSUM_STATUS_BAD_LEAF_SIGNATURE, SIGSUM_STEP_LEAF_SIGNATURE, 0,
     "bad leaf signature"},
    /* Cross-wired inputs. */
    {"P-a under the P-b policy", "proofs/pa.proof", "proofs/pa.message", NULL,
     "proofs/pa-signer.hex", POLICY_TEXT, "proofs/pb.policy", SIGSUM_STATUS_UNKNOWN_LOG,
     SIGSUM_STEP_LOG, 0, "unknown log"},
    {"P-a with the P-b signer", "proofs/pa.proof", "proofs/pa.message", NULL,
     "proofs/pb-signer.hex", POLICY_TEXT, "proofs/pa.policy",
     SIGSUM_STATUS_UNKNOWN_SIGNER_KEY, SIGSUM_STEP_SIGNER_KEY, 0, "unknown signer key"},
    {"P-a with the P-b message", "proofs/pa.proof", "proofs/pb.message", NULL,
     "proofs/pa-signer.hex", POLICY_TEXT, "proofs/pa.policy", SIGSUM_STATUS_OK,
     SIGSUM_STEP_NONE, 0, ""},
    {"barreleye odd proof for the even data (v1)", "proofs/barreleye-v1-odd.proof", NULL,
     "proofs/barreleye-v1-even.data", "proofs/barreleye-signer.hex", POLICY_BUILTIN,
     "sigsum-test1-2025", SIGSUM_STATUS_SHORT_CHECKSUM_MISMATCH, SIGSUM_STEP_SHORT_CHECKSUM, 0,
     "short checksum mismatch"},
    {"serviceberry under sigsum-test1-2025", "real/serviceberry-v2.proof", NULL,
     "real/serviceberry.message", "real/serviceberry-signer.hex", POLICY_BUILTIN,
     "sigsum-test1-2025", SIGSUM_STATUS_UNKNOWN_LOG, SIGSUM_STEP_LOG, 0, "unknown log"},
};

struct loaded {
    char *proof;
    size_t proof_len;
    char *policy_file; /* the text the loaded policy borrows */
    sigsum_policy policy;
    sigsum_hash message;
    sigsum_public_key signer;
};

static void load(const struct proof_case *c, struct loaded *l)
{
    size_t len;
    char *text;
    l->proof = read_file(vdir, c->proof, &l->proof_len);
    if (c->message != NULL) {
        text = read_file(vdir, c->message, &len);
        if (len != 32) {
            fprintf(stderr, "%s: message is not 32 bytes\n", c->name);
            exit(2);
        }
        memcpy(l->message.bytes, text, 32);
    } else {
        text = read_file(vdir, c->data, &len);
        if (sigsum_hash_sha256((const uint8_t *)text, len, &l->message) != SIGSUM_STATUS_OK) {
            exit(2);
        }
    }
    free(text);
    text = read_file(vdir, c->signer, &len);
    if (sigsum_public_key_parse_hex(text, len, &l->signer, NULL) != SIGSUM_STATUS_OK) {
        fprintf(stderr, "%s: bad signer key\n", c->name);
        exit(2);
    }
    free(text);
    if (c->policy_format == POLICY_TEXT) {
        l->policy_file = read_file(vdir, c->policy, &len);
        if (sigsum_policy_load_text(l->policy_file, len, &l->policy, NULL) != SIGSUM_STATUS_OK) {
            fprintf(stderr, "%s: bad policy\n", c->name);
            exit(2);
        }
    } else {
        l->policy_file = NULL;
        if (sigsum_policy_load_builtin(c->policy, strlen(c->policy), &l->policy, NULL) !=
            SIGSUM_STATUS_OK) {
            fprintf(stderr, "%s: bad builtin policy\n", c->name);
            exit(2);
        }
    }
}

static void unload(struct loaded *l)
{
    free(l->proof);
    free(l->policy_file);
}

/* A copy of `text` with one hex digit of the value of the first line
 * starting with `key` changed; returns NULL if there is no such line. */
static char *mutate_value(const char *text, size_t len, const char *key, size_t offset)
{
    char *copy = (char *)malloc(len + 1);
    char *p = copy;
    size_t klen = strlen(key);
    memcpy(copy, text, len + 1);
    while (p != NULL && *p != '\0') {
        if (strncmp(p, key, klen) == 0) {
            char *c = p + klen + offset;
            *c = *c == '0' ? '1' : '0';
            return copy;
        }
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    free(copy);
    return NULL;
}

/* A copy of `text` without its lines starting with `key`. */
static char *drop_lines(const char *text, size_t len, const char *key, size_t *out_len)
{
    char *copy = (char *)malloc(len + 1);
    const char *p = text;
    size_t n = 0, klen = strlen(key);
    while (*p != '\0') {
        const char *eol = strchr(p, '\n');
        size_t l = eol ? (size_t)(eol - p) + 1 : strlen(p);
        if (strncmp(p, key, klen) != 0) {
            memcpy(copy + n, p, l);
            n += l;
        }
        p += l;
    }
    copy[n] = '\0';
    *out_len = n;
    return copy;
}

static unsigned long callback_calls;

static int counting(void *ctx, const uint8_t *pub, const uint8_t *msg, size_t len,
                    const uint8_t *sig)
{
    (void)ctx;
    callback_calls++;
    return sigsum_ed25519_verify_default(NULL, pub, msg, len, sig);
}

static int reject_all(void *ctx, const uint8_t *pub, const uint8_t *msg, size_t len,
                      const uint8_t *sig)
{
    (void)ctx;
    (void)pub;
    (void)msg;
    (void)len;
    (void)sig;
    callback_calls++;
    return 0;
}

static sigsum_status run(const struct loaded *l, const char *proof, size_t proof_len,
                         sigsum_detail *d)
{
    return sigsum_proof_verify(&l->message, &l->signer, 1, &l->policy, proof, proof_len, NULL, NULL,
                               d);
}

/* Reject twins of an accepted proof, each with its exact status and step. */
static void twins(const struct proof_case *c, const struct loaded *l, const sigsum_proof_info *info)
{
    sigsum_detail d;
    sigsum_hash msg = l->message;
    sigsum_public_key keys[2];
    sigsum_backend b;
    char *m;
    size_t mlen;

    /* Another message. */
    msg.bytes[7] ^= 0x10;
    CHECK_STATUS(sigsum_proof_verify(&msg, &l->signer, 1, &l->policy, l->proof, l->proof_len, NULL,
                                     NULL, &d),
                 info->version == 1 ? SIGSUM_STATUS_SHORT_CHECKSUM_MISMATCH
                                    : SIGSUM_STATUS_INCLUSION_FAILED);
    CHECK(d.step == (info->version == 1 ? SIGSUM_STEP_SHORT_CHECKSUM : SIGSUM_STEP_INCLUSION));
    CHECK_MESSAGE(&d, info->version == 1 ? "short checksum mismatch" : "does not lead to the root");
    /* No signer keys; the right key among others is fine. */
    CHECK_STATUS(sigsum_proof_verify(&l->message, NULL, 0, &l->policy, l->proof, l->proof_len, NULL,
                                     NULL, &d),
                 SIGSUM_STATUS_UNKNOWN_SIGNER_KEY);
    CHECK(d.step == SIGSUM_STEP_SIGNER_KEY);
    keys[0] = l->signer;
    keys[0].bytes[0] ^= 1;
    keys[1] = l->signer;
    CHECK_STATUS(sigsum_proof_verify(&l->message, keys, 2, &l->policy, l->proof, l->proof_len, NULL,
                                     NULL, NULL),
                 SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_proof_verify(&l->message, keys, 1, &l->policy, l->proof, l->proof_len, NULL,
                                     NULL, NULL),
                 SIGSUM_STATUS_UNKNOWN_SIGNER_KEY);
    /* Truncated text: the last line loses its newline. */
    CHECK_STATUS(run(l, l->proof, l->proof_len - 1, &d), SIGSUM_STATUS_MALFORMED_PROOF);
    CHECK(d.step == SIGSUM_STEP_PROOF_PARSE && d.line > 5);
    CHECK_MESSAGE(&d, "does not end in a newline");
    /* Root hash: the inclusion proof fails before any signature check. */
    m = mutate_value(l->proof, l->proof_len, "root_hash=", 10);
    callback_calls = 0;
    b.verify = counting;
    b.ctx = NULL;
    CHECK_STATUS(sigsum_proof_verify(&l->message, &l->signer, 1, &l->policy, m, l->proof_len, NULL,
                                     &b, &d),
                 SIGSUM_STATUS_INCLUSION_FAILED);
    CHECK(d.step == SIGSUM_STEP_INCLUSION && callback_calls == 0);
    CHECK_MESSAGE(&d, "does not lead to the root");
    free(m);
    /* The leaf signature is part of the leaf hash: inclusion fails too. */
    m = mutate_value(l->proof, l->proof_len, "leaf=", info->version == 1 ? 5 + 70 : 5 + 70);
    CHECK_STATUS(run(l, m, l->proof_len, &d), SIGSUM_STATUS_INCLUSION_FAILED);
    CHECK_MESSAGE(&d, "does not lead to the root");
    free(m);
    /* The log signature. */
    m = mutate_value(l->proof, l->proof_len, "signature=", 3);
    CHECK_STATUS(run(l, m, l->proof_len, &d), SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    CHECK(d.step == SIGSUM_STEP_LOG_SIGNATURE);
    free(m);
    /* A size digit: the path no longer fits (or the root is wrong). */
    m = mutate_value(l->proof, l->proof_len, "log=", 0);
    CHECK_STATUS(run(l, m, l->proof_len, &d), SIGSUM_STATUS_UNKNOWN_LOG);
    CHECK(d.step == SIGSUM_STEP_LOG);
    free(m);
    /* A bad hex digit is the field's encoding error, with its line. */
    m = mutate_value(l->proof, l->proof_len, "root_hash=", 0);
    m[strstr(m, "root_hash=") - m + 10] = 'g';
    CHECK_STATUS(run(l, m, l->proof_len, &d), SIGSUM_STATUS_MALFORMED_PROOF);
    CHECK(d.step == SIGSUM_STEP_PROOF_PARSE && d.line == 6);
    CHECK_MESSAGE(&d, "invalid hex digit");
    free(m);
    /* Without cosignatures the quorum fails, unless it is `none`. */
    m = drop_lines(l->proof, l->proof_len, "cosignature=", &mlen);
    CHECK_STATUS(run(l, m, mlen, &d), info->cosignature_count == 0
                                          ? SIGSUM_STATUS_OK
                                          : SIGSUM_STATUS_QUORUM_NOT_MET);
    if (info->cosignature_count > 0) {
        CHECK(d.step == SIGSUM_STEP_QUORUM && d.cosignatures_known == 0 &&
              d.cosignatures_verified == 0);
    }
    free(m);
    /* The inclusion path: one node short, one node more. */
    if (info->path_count > 0) {
        const char *last = strstr(l->proof, "node_hash=");
        const char *p = last;
        char *more;
        while ((p = strstr(p + 1, "node_hash=")) != NULL) {
            last = p;
        }
        CHECK_STATUS(run(l, l->proof, (size_t)(last - l->proof), &d),
                     SIGSUM_STATUS_INCLUSION_FAILED);
        CHECK(d.step == SIGSUM_STEP_INCLUSION);
        CHECK_MESSAGE(&d, "path too short");
        more = (char *)malloc(l->proof_len + 76);
        memcpy(more, l->proof, l->proof_len);
        memcpy(more + l->proof_len, last, 75);
        CHECK_STATUS(run(l, more, l->proof_len + 75, &d), SIGSUM_STATUS_INCLUSION_FAILED);
        CHECK(d.step == SIGSUM_STEP_INCLUSION);
        CHECK_MESSAGE(&d, "path too long");
        free(more);
    }
    /* A damaged cosignature does not count (and is not an error). */
    if (info->cosignature_count == 1) {
        m = mutate_value(l->proof, l->proof_len, "cosignature=", 64 + 1 + 10 + 1 + 5);
        CHECK_STATUS(run(l, m, l->proof_len, &d), SIGSUM_STATUS_QUORUM_NOT_MET);
        CHECK(d.step == SIGSUM_STEP_QUORUM && d.cosignatures_verified == 0 &&
              d.cosignatures_failed == 1 && d.cosignatures_known == 1);
        free(m);
    }
    /* A backend that rejects everything fails at the leaf signature. */
    b.verify = reject_all;
    callback_calls = 0;
    CHECK_STATUS(sigsum_proof_verify(&l->message, &l->signer, 1, &l->policy, l->proof, l->proof_len,
                                     NULL, &b, &d),
                 SIGSUM_STATUS_BAD_LEAF_SIGNATURE);
    CHECK(d.step == SIGSUM_STEP_LEAF_SIGNATURE && callback_calls == 1);
    (void)c;
}

static void test_verify_cases(void)
{
    size_t i;
    for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const struct proof_case *c = &CASES[i];
        struct loaded l;
        sigsum_detail d;
        sigsum_proof_info info;
        sigsum_status s;
        sigsum_backend b;
        load(c, &l);
        memset(&d, 0xEE, sizeof d);
        s = run(&l, l.proof, l.proof_len, &d);
        if (s != c->want || d.step != c->want_step || d.line != c->want_line) {
            fprintf(stderr, "case %s: status %u (%s) step %u line %u\n", c->name, (unsigned)s,
                    sigsum_status_str(s), d.step, d.line);
        }
        CHECK_STATUS(s, c->want);
        CHECK(d.status == (uint32_t)c->want);
        CHECK(d.step == c->want_step);
        CHECK(d.line == c->want_line);
        if (c->want == SIGSUM_STATUS_OK) {
            CHECK(d.message[0] == '\0');
        } else {
            CHECK_MESSAGE(&d, c->why);
        }
        if (c->want == SIGSUM_STATUS_OK) {
            sigsum_hash kh;
            CHECK_STATUS(sigsum_proof_parse(l.proof, l.proof_len, &info, NULL, 0, NULL, 0, NULL),
                         SIGSUM_STATUS_OK);
            CHECK(d.tree_size == info.tree_head.size && d.leaf_index == info.leaf_index);
            CHECK(memcmp(&d.log_key_hash, &info.log_key_hash, 32) == 0);
            CHECK_STATUS(sigsum_public_key_hash(&l.signer, &kh), SIGSUM_STATUS_OK);
            CHECK(memcmp(&d.signer_key_hash, &kh, 32) == 0);
            CHECK(d.cosignatures_verified <= info.cosignature_count);
            CHECK(d.has_quorum_timestamp == (d.cosignatures_verified > 0));
            CHECK(d.signature_checks == 2 + d.cosignatures_verified + d.cosignatures_failed);
            /* The same through a caller backend: same verdict, and every
             * signature check went through the callback. */
            callback_calls = 0;
            b.verify = counting;
            b.ctx = NULL;
            CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof,
                                             l.proof_len, NULL, &b, NULL),
                         SIGSUM_STATUS_OK);
            CHECK(callback_calls == d.signature_checks);
            twins(c, &l, &info);
        }
        unload(&l);
    }
}

static void test_pa_detail(void)
{
    struct loaded l;
    sigsum_detail d;
    sigsum_proof_info info;
    sigsum_cosignature cos[SIGSUM_MAX_COSIGNATURES];
    sigsum_hash path[SIGSUM_MAX_PATH_LEN], want;
    load(&CASES[0], &l);
    CHECK_STATUS(run(&l, l.proof, l.proof_len, &d), SIGSUM_STATUS_OK);
    CHECK(d.cosignatures_verified == 1 && d.cosignatures_failed == 0);
    CHECK(d.has_quorum_timestamp == 1 && d.quorum_timestamp == UINT64_C(1683202758));
    CHECK(d.tree_size == 4 && d.leaf_index == 3 && d.signature_checks == 3);

    /* Freshness, inside the verification. */
    {
        uint64_t ts = d.quorum_timestamp;
        sigsum_freshness f;
        f.now = ts + 10;
        f.max_age = 10;
        f.max_skew = 0;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, &d),
                     SIGSUM_STATUS_OK);
        f.now = ts + 11;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, &d),
                     SIGSUM_STATUS_TOO_OLD);
        /* The verification's results are still there. */
        CHECK(d.step == SIGSUM_STEP_FRESHNESS && d.quorum_timestamp == ts && d.tree_size == 4 &&
              d.cosignatures_verified == 1);
        CHECK_MESSAGE(&d, "is 11 seconds old");
        /* Without a detail the caller still gets the verdict. */
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, NULL),
                     SIGSUM_STATUS_TOO_OLD);
        /* A quorum timestamp in the future: within the skew it has age 0. */
        f.now = ts - 100;
        f.max_age = 0;
        f.max_skew = 100;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, &d),
                     SIGSUM_STATUS_OK);
        f.max_skew = 99;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, &d),
                     SIGSUM_STATUS_IN_FUTURE);
        CHECK(d.step == SIGSUM_STEP_FRESHNESS);
        CHECK_MESSAGE(&d, "is in the future (now ");
        f.max_skew = UINT64_MAX;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, &d),
                     SIGSUM_STATUS_OK);
        f.now = UINT64_MAX;
        f.max_age = UINT64_MAX;
        f.max_skew = 0;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, l.proof, l.proof_len,
                                         &f, NULL, &d),
                     SIGSUM_STATUS_OK);
        /* A failed verification is not a freshness failure. */
        CHECK_STATUS(sigsum_proof_verify(&l.message, NULL, 0, &l.policy, l.proof, l.proof_len, &f,
                                         NULL, &d),
                     SIGSUM_STATUS_UNKNOWN_SIGNER_KEY);
        /* P-b's policy is `quorum none`: no quorum timestamp, so no
         * freshness. */
        {
            struct loaded pb;
            load(&CASES[1], &pb);
            CHECK_STATUS(run(&pb, pb.proof, pb.proof_len, &d), SIGSUM_STATUS_OK);
            CHECK(d.has_quorum_timestamp == 0);
            CHECK_STATUS(sigsum_proof_verify(&pb.message, &pb.signer, 1, &pb.policy, pb.proof,
                                             pb.proof_len, &f, NULL, &d),
                         SIGSUM_STATUS_NO_QUORUM_TIMESTAMP);
            CHECK(d.step == SIGSUM_STEP_FRESHNESS);
            CHECK_MESSAGE(&d, "no timestamp to check");
            unload(&pb);
        }
    }
    /* Step names: distinct, and any value is allowed. */
    {
        uint32_t i, j;
        for (i = 0; i <= SIGSUM_STEP_HEX; i++) {
            CHECK(strcmp(sigsum_step_str(i), "unknown step") != 0);
            for (j = 0; j < i; j++) {
                CHECK(strcmp(sigsum_step_str(i), sigsum_step_str(j)) != 0);
            }
        }
        CHECK(strcmp(sigsum_step_str(SIGSUM_STEP_HEX + 1), "unknown step") == 0);
        CHECK(strcmp(sigsum_step_str(0xffffffffu), "unknown step") == 0);
    }
    CHECK_STATUS(sigsum_proof_parse(l.proof, l.proof_len, &info, cos, SIGSUM_MAX_COSIGNATURES, path,
                                    SIGSUM_MAX_PATH_LEN, &d),
                 SIGSUM_STATUS_OK);
    CHECK(info.version == 2 && info.cosignature_count == 1 && info.path_count == 2);
    CHECK(info.short_checksum[0] == 0 && info.padding[0] == 0);
    CHECK(cos[0].timestamp == UINT64_C(1683202758));
    want = hash_hex("61010ae798308f5b97237615ab8c1b14f2c782c37616e97d0a170b617bc7a4ce");
    CHECK(memcmp(&path[0], &want, 32) == 0);
    /* The parsed parts verify with the building blocks too. */
    {
        sigsum_public_key wk;
        sigsum_leaf leaf;
        sigsum_hash lh;
        CHECK_STATUS(sigsum_tree_head_verify(&info.tree_head, NULL, &info.tree_head_signature, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_policy_find_witness(&l.policy, &cos[0].key_hash, &wk, NULL),
                     SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_cosignature_verify(&cos[0], &wk, &info.log_key_hash, &info.tree_head, NULL),
                     SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_hash_sha256(l.message.bytes, SIGSUM_HASH_SIZE, &leaf.checksum),
                     SIGSUM_STATUS_OK);
        leaf.signature = info.leaf_signature;
        leaf.key_hash = info.leaf_key_hash;
        CHECK_STATUS(sigsum_leaf_verify(&leaf, &l.signer, NULL), SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_leaf_hash(&leaf, &lh), SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_merkle_verify_inclusion(&lh, info.leaf_index, info.tree_head.size,
                                                    &info.tree_head.root_hash, path,
                                                    info.path_count, NULL),
                     SIGSUM_STATUS_OK);
    }
    /* Arrays too small: nothing written. */
    memset(&info, 0x33, sizeof info);
    CHECK_STATUS(sigsum_proof_parse(l.proof, l.proof_len, &info, cos, 0, NULL, 0, NULL),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(sigsum_proof_parse(l.proof, l.proof_len, &info, NULL, 0, path, 1, NULL),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(sigsum_proof_parse(l.proof, l.proof_len, &info, NULL, 1, NULL, 0, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(info.version == 0x33333333u);
    CHECK_STATUS(sigsum_proof_parse(l.proof, l.proof_len, NULL, NULL, 0, NULL, 0, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_proof_parse(NULL, 5, &info, NULL, 0, NULL, 0, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(d.step == SIGSUM_STEP_ARGUMENTS && d.status == SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_proof_parse(NULL, 0, &info, NULL, 0, NULL, 0, &d),
                 SIGSUM_STATUS_MALFORMED_PROOF);
    CHECK(d.step == SIGSUM_STEP_PROOF_PARSE && d.line == 1);
    CHECK_MESSAGE(&d, "unexpected end of input");

    /* NULL arguments of verify. */
    CHECK_STATUS(sigsum_proof_verify(NULL, &l.signer, 1, &l.policy, l.proof, l.proof_len, NULL, NULL,
                                     &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(d.step == SIGSUM_STEP_ARGUMENTS);
    CHECK_MESSAGE(&d, "NULL");
    CHECK_STATUS(sigsum_proof_verify(&l.message, NULL, 1, &l.policy, l.proof, l.proof_len, NULL, NULL,
                                     &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, NULL, l.proof, l.proof_len, NULL, NULL,
                                     &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &l.policy, NULL, l.proof_len, NULL,
                                     NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 257, &l.policy, l.proof, l.proof_len,
                                     NULL, NULL, &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK(d.step == SIGSUM_STEP_ARGUMENTS);
    CHECK_MESSAGE(&d, "more than 256 signer keys");
    CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, (size_t)-1 / 16, &l.policy, l.proof,
                                     l.proof_len, NULL, NULL, &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    {
        /* A policy no load function filled, or one that failed to load. */
        static sigsum_policy bad;
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &bad, l.proof, l.proof_len, NULL,
                                         NULL, &d),
                     SIGSUM_STATUS_INVALID_PARAMETER);
        CHECK(d.step == SIGSUM_STEP_ARGUMENTS);
        CHECK_MESSAGE(&d, "not loaded");
        CHECK_STATUS(sigsum_policy_load_text("log", 3, &bad, &d), SIGSUM_STATUS_MALFORMED_POLICY);
        CHECK(d.step == SIGSUM_STEP_POLICY && d.line == 1);
        CHECK_MESSAGE(&d, "invalid log policy line");
        CHECK_STATUS(sigsum_proof_verify(&l.message, &l.signer, 1, &bad, l.proof, l.proof_len, NULL,
                                         NULL, &d),
                     SIGSUM_STATUS_INVALID_PARAMETER);
    }
    unload(&l);
}

static void test_v2_round_trip(void)
{
    static const char *pairs[][2] = {
        {"proofs/go-size1-v1.proof", "proofs/go-size1-v2.proof"},
        {"proofs/go-size4-v1.proof", "proofs/go-size4-v2.proof"},
        {"proofs/go-size1-v2.proof", "proofs/go-size1-v2.proof"},
        {"proofs/go-size4-v2.proof", "proofs/go-size4-v2.proof"},
        {"proofs/pa.proof", "proofs/pa.proof"},
    };
    static char out[SIGSUM_MAX_PROOF_V2_SIZE];
    size_t i;
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        size_t in_len, want_len, out_len = 0;
        char *in = read_file(vdir, pairs[i][0], &in_len);
        char *want = read_file(vdir, pairs[i][1], &want_len);
        sigsum_detail d;
        CHECK_STATUS(sigsum_proof_write_v2(in, in_len, out, sizeof out, &out_len, &d),
                     SIGSUM_STATUS_OK);
        CHECK(out_len == want_len && memcmp(out, want, want_len) == 0);
        out_len = 12345;
        CHECK_STATUS(sigsum_proof_write_v2(in, in_len, out, want_len - 1, &out_len, &d),
                     SIGSUM_STATUS_BUFFER_TOO_SMALL);
        CHECK(out_len == 12345);
        CHECK_STATUS(sigsum_proof_write_v2(in, in_len - 1, out, sizeof out, &out_len, &d),
                     SIGSUM_STATUS_MALFORMED_PROOF);
        CHECK_MESSAGE(&d, "does not end in a newline");
        CHECK_STATUS(sigsum_proof_write_v2(in, in_len, out, sizeof out, NULL, &d),
                     SIGSUM_STATUS_NULL_PARAMETER);
        free(in);
        free(want);
    }
    /* Size 1: the leaf hash is the root. */
    {
        size_t len;
        char *proof = read_file(vdir, "proofs/go-size1-v2.proof", &len);
        char *msg = read_file(vdir, "proofs/go-size1.message", &len);
        sigsum_proof_info info;
        sigsum_leaf leaf;
        sigsum_hash m, lh;
        size_t plen;
        memcpy(m.bytes, msg, 32);
        plen = strlen(proof);
        CHECK_STATUS(sigsum_proof_parse(proof, plen, &info, NULL, 0, NULL, 0, NULL), SIGSUM_STATUS_OK);
        CHECK(info.tree_head.size == 1 && info.path_count == 0 && info.leaf_index == 0);
        CHECK_STATUS(sigsum_hash_sha256(m.bytes, SIGSUM_HASH_SIZE, &leaf.checksum), SIGSUM_STATUS_OK);
        leaf.signature = info.leaf_signature;
        leaf.key_hash = info.leaf_key_hash;
        CHECK_STATUS(sigsum_leaf_hash(&leaf, &lh), SIGSUM_STATUS_OK);
        CHECK(memcmp(&lh, &info.tree_head.root_hash, 32) == 0);
        CHECK_STATUS(sigsum_merkle_verify_inclusion(&lh, 0, 1, &info.tree_head.root_hash, NULL, 0,
                                                    NULL),
                     SIGSUM_STATUS_OK);
        free(proof);
        free(msg);
    }
}

/* The detail fields a prepared or batch verification must reproduce. */
static void check_same_detail(const sigsum_detail *a, const sigsum_detail *b, int checks)
{
    CHECK(a->status == b->status && a->step == b->step && a->line == b->line);
    CHECK(strcmp(a->message, b->message) == 0);
    CHECK(a->cosignatures_verified == b->cosignatures_verified);
    CHECK(a->cosignatures_failed == b->cosignatures_failed);
    if (checks) {
        CHECK(a->signature_checks == b->signature_checks);
    }
    if (a->status == SIGSUM_STATUS_OK) {
        CHECK(a->tree_size == b->tree_size && a->leaf_index == b->leaf_index);
        CHECK(a->has_quorum_timestamp == b->has_quorum_timestamp);
        CHECK(a->quorum_timestamp == b->quorum_timestamp);
        CHECK(memcmp(&a->log_key_hash, &b->log_key_hash, 32) == 0);
        CHECK(memcmp(&a->signer_key_hash, &b->signer_key_hash, 32) == 0);
    }
}

/* Prepared policies and batches give sigsum_proof_verify's statuses and
 * detail on every case and on mutated cosignature and signature lines
 * verified through one batch (so that cached tree heads are reused and
 * must not be confused). */
static void test_prepared_and_batch(void)
{
    static sigsum_prepared_policy prepared;
    static sigsum_batch batch;
    static sigsum_public_key many[SIGSUM_MAX_PREPARED_KEYS + 1];
    size_t i, k;
    for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const struct proof_case *c = &CASES[i];
        const char *keys[] = {"cosignature=", "signature=", "root_hash=", "node_hash="};
        struct loaded l;
        sigsum_detail d1, d2, d3;
        sigsum_status s;
        load(c, &l);
        s = run(&l, l.proof, l.proof_len, &d1);
        CHECK_STATUS(sigsum_prepared_policy_init(&l.policy, &l.signer, 1, &prepared, NULL),
                     SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_prepared_policy_verify(&prepared, &l.message, l.proof, l.proof_len,
                                                   NULL, &d2),
                     s);
        check_same_detail(&d1, &d2, 1);
        CHECK_STATUS(sigsum_batch_init(&prepared, &batch, NULL), SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_batch_verify(&batch, &l.message, l.proof, l.proof_len, NULL, &d3), s);
        check_same_detail(&d1, &d3, 1);
        CHECK_STATUS(sigsum_batch_verify(&batch, &l.message, l.proof, l.proof_len, NULL, &d3), s);
        check_same_detail(&d1, &d3, 0);
        if (s == SIGSUM_STATUS_OK) {
            /* The tree head came from the cache: only the leaf signature. */
            CHECK(d3.signature_checks == 1);
        }
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            size_t offset;
            /* Every value starts with at least 64 hex digits. */
            for (offset = 0; offset < 64; offset += 21) {
                char *m = mutate_value(l.proof, l.proof_len, keys[k], offset);
                if (m == NULL) {
                    continue;
                }
                s = run(&l, m, strlen(m), &d1);
                CHECK_STATUS(sigsum_batch_verify(&batch, &l.message, m, strlen(m), NULL, &d3), s);
                check_same_detail(&d1, &d3, 0);
                CHECK_STATUS(
                    sigsum_prepared_policy_verify(&prepared, &l.message, m, strlen(m), NULL, &d2), s);
                check_same_detail(&d1, &d2, 1);
                free(m);
            }
        }
        unload(&l);
    }
    /* Arguments. */
    {
        struct loaded l;
        sigsum_detail d;
        load(&CASES[0], &l);
        memset(&prepared, 0, sizeof prepared);
        memset(&batch, 0, sizeof batch);
        CHECK_STATUS(sigsum_prepared_policy_verify(&prepared, &l.message, l.proof, l.proof_len,
                                                   NULL, &d),
                     SIGSUM_STATUS_INVALID_PARAMETER);
        CHECK(d.step == SIGSUM_STEP_ARGUMENTS);
        CHECK_STATUS(sigsum_prepared_policy_verify(NULL, &l.message, l.proof, l.proof_len, NULL,
                                                   NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_batch_init(&prepared, &batch, NULL), SIGSUM_STATUS_INVALID_PARAMETER);
        CHECK_STATUS(sigsum_batch_verify(&batch, &l.message, l.proof, l.proof_len, NULL, NULL),
                     SIGSUM_STATUS_INVALID_PARAMETER);
        CHECK_STATUS(sigsum_batch_verify(NULL, &l.message, l.proof, l.proof_len, NULL, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_prepared_policy_init(NULL, &l.signer, 1, &prepared, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_prepared_policy_init(&l.policy, &l.signer, 1, NULL, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        /* More keys than a prepared policy holds (P-a: 1 log, 1
         * witness). */
        for (k = 0; k < sizeof many / sizeof many[0]; k++) {
            many[k] = l.signer;
            many[k].bytes[0] = (uint8_t)k;
            many[k].bytes[1] = (uint8_t)(k >> 8);
        }
        CHECK_STATUS(sigsum_prepared_policy_init(&l.policy, many, SIGSUM_MAX_PREPARED_KEYS, &prepared,
                                                 &d),
                     SIGSUM_STATUS_POLICY_TOO_LARGE);
        CHECK(d.step == SIGSUM_STEP_POLICY);
        CHECK_STATUS(sigsum_prepared_policy_init(&l.policy, many, SIGSUM_MAX_PREPARED_KEYS - 8,
                                                 &prepared, NULL),
                     SIGSUM_STATUS_OK);
        unload(&l);
    }
}

void test_proof(const char *vectors)
{
    vdir = vectors;
    test_verify_cases();
    test_prepared_and_batch();
    test_pa_detail();
    test_v2_round_trip();
}
