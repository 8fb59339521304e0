/* C2SP: a tlog-policy loaded into caller storage, the Oak tlog-proof of
 * tests/vectors/c2sp/ (and its checkpoint on its own) accepted, and its
 * reject twins with the exact status, step and line: every byte flipped,
 * another leaf, another index, another origin, a quorum not met, flipped
 * signatures, a duplicate cosignature, a checkpoint over the size limit,
 * freshness, NULL, misaligned and unloaded storage, unknown flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

_Static_assert(sizeof(sigsum_tlog_policy) == SIGSUM_TLOG_POLICY_SIZE, "tlog policy size");
_Static_assert(SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES == 1, "flag value");

/* The Oak vector: index 3 of a tree of 4, one cosignature by test-witness
 * at this time; proof lines 6..8 are the checkpoint text, 10 the log
 * signature, 11 the cosignature. */
#define OAK_TIME 1771605822u
#define OAK_ROOT "08fbfd847d12853ea4fd653d4197a1d5b57b6d87943a4ae706e08b0901bd1a01"
#define OAK_LOG_SIG "Un6ruNthJe4tf267eyOp8N1FYcK5AoY5b6v53qa6uDg33Xn5PqIaP35NSw87oCw"
#define OAK_COSIG "JjSe8AAAAABpmI8+HVh4f06FDH/kr4CtoQ63zVC31E8aT7JHzJMkLcOEIAGPiBG/"
/* A witness key that never cosigns (name other-witness, key bytes 0x11). */
#define OTHER_WITNESS "other-witness+b0d22709+BBERERERERERERERERERERERERERERERERERERERERER"

static sigsum_tlog_policy policy, other; /* static: zeroed, i.e. unloaded */
static char *policy_text, *proof_text, *entry;
static size_t policy_len, proof_len, entry_len;
static sigsum_hash leaf;

/* `text` with the first `from` replaced by `to` (malloc'ed; exits if
 * `from` is missing: a broken vector, never a silent pass). */
static char *subst(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    size_t head, n;
    char *out;
    if (at == NULL) {
        fprintf(stderr, "test_tlog: %s not found\n", from);
        exit(2);
    }
    head = (size_t)(at - text);
    n = strlen(text) - strlen(from) + strlen(to);
    out = malloc(n + 1);
    if (out == NULL) {
        exit(2);
    }
    memcpy(out, text, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    return out;
}

static sigsum_status verify(const sigsum_tlog_policy *p, const char *proof, uint32_t flags,
                            const sigsum_freshness *f, sigsum_detail *d)
{
    return sigsum_tlog_proof_verify(proof, strlen(proof), &leaf, p, flags, f, NULL, d);
}

/* Load `text` (kept alive by the caller) into `p`; zero it on failure. */
static sigsum_status load(sigsum_tlog_policy *p, const char *text, sigsum_detail *d)
{
    sigsum_status s = sigsum_tlog_policy_load(text, strlen(text), p, d);
    if (s != SIGSUM_STATUS_OK) {
        memset(p, 0, sizeof *p);
    }
    return s;
}

/* Expect status, step and line of a tlog-proof under `p`. */
static void expect(const sigsum_tlog_policy *p, const char *proof, uint32_t flags,
                   sigsum_status want, sigsum_step step, uint32_t line, const char *why)
{
    sigsum_detail d;
    CHECK_STATUS(verify(p, proof, flags, NULL, &d), want);
    CHECK(d.status == (uint32_t)want);
    CHECK(d.step == (uint32_t)step);
    CHECK(d.line == line);
    if (why != NULL) {
        CHECK_MESSAGE(&d, why);
    }
}

static unsigned long calls;

static int counting(void *ctx, const uint8_t *pub, const uint8_t *msg, size_t len,
                    const uint8_t *sig)
{
    (void)ctx;
    calls++;
    return sigsum_ed25519_verify_default(NULL, pub, msg, len, sig);
}

static void test_accept(void)
{
    sigsum_detail d;
    sigsum_backend b = {counting, NULL};
    sigsum_hash root = hash_hex(OAK_ROOT);
    const char *note = strstr(proof_text, "\n\n") + 2;
    char *extra;
    uint32_t flags;

    for (flags = 0; flags <= SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES; flags++) {
        memset(&d, 0xa5, sizeof d);
        CHECK_STATUS(verify(&policy, proof_text, flags, NULL, &d), SIGSUM_STATUS_OK);
        CHECK(d.status == 0 && d.step == SIGSUM_STEP_NONE && d.line == 0 && d.message[0] == 0);
        CHECK(d.leaf_index == 3 && d.tree_size == 4);
        CHECK(d.has_quorum_timestamp == 1 && d.quorum_timestamp == OAK_TIME);
        CHECK(d.median_timestamp == OAK_TIME);
        CHECK(d.cosignatures_verified == 1 && d.cosignatures_failed == 0);
        CHECK(d.cosignatures_unsupported == 0 && d.signature_checks == 2);
        CHECK(memcmp(d.root_hash.bytes, root.bytes, 32) == 0);
        CHECK(d.extra.offset == 0 && d.extra.len == 0);
        CHECK(d.padding == 0 && d.padding2 == 0);
    }
    /* The same through a counting backend: one call per check. */
    calls = 0;
    CHECK_STATUS(sigsum_tlog_proof_verify(proof_text, proof_len, &leaf, &policy, 0, NULL, &b, &d),
                 SIGSUM_STATUS_OK);
    CHECK(calls == 2 && d.signature_checks == 2);
    /* NULL detail: the same verdict. */
    CHECK_STATUS(verify(&policy, proof_text, 0, NULL, NULL), SIGSUM_STATUS_OK);
    /* A memcpy'd policy works as the original. */
    memcpy(&other, &policy, sizeof policy);
    CHECK_STATUS(verify(&other, proof_text, 0, NULL, NULL), SIGSUM_STATUS_OK);
    memset(&other, 0, sizeof other);

    /* The checkpoint on its own. */
    memset(&d, 0xa5, sizeof d);
    CHECK_STATUS(sigsum_tlog_checkpoint_verify(note, strlen(note), &policy,
                                               SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES, NULL, NULL,
                                               &d),
                 SIGSUM_STATUS_OK);
    CHECK(d.tree_size == 4 && d.leaf_index == 0 && d.quorum_timestamp == OAK_TIME);
    CHECK(d.median_timestamp == OAK_TIME && d.cosignatures_verified == 1);
    CHECK(memcmp(d.root_hash.bytes, root.bytes, 32) == 0);

    /* Extra data is reported (where its base64 is), not authenticated. */
    extra = subst(proof_text, "\nindex", "\nextra AAEC\nindex");
    CHECK_STATUS(verify(&policy, extra, 0, NULL, &d), SIGSUM_STATUS_OK);
    CHECK(d.extra.offset == 29 && d.extra.len == 4);
    CHECK(memcmp(extra + d.extra.offset, "AAEC", 4) == 0);
    free(extra);
}

static void test_twins(void)
{
    sigsum_detail d;
    sigsum_hash wrong;
    size_t i;
    unsigned long accepted = 0;
    char *t, *t2, *p2, *big, *ext;

    /* Every byte flipped: never accepted (parse or verify fails). */
    t = malloc(proof_len + 1);
    for (i = 0; i < proof_len; i++) {
        memcpy(t, proof_text, proof_len + 1);
        t[i] ^= 0x01;
        if (sigsum_tlog_proof_verify(t, proof_len, &leaf, &policy, 0, NULL, NULL, NULL) ==
            SIGSUM_STATUS_OK) {
            accepted++;
        }
    }
    CHECK(accepted == 0);
    /* Truncated at every line end: never accepted. */
    for (i = 0; i < proof_len; i++) {
        if (proof_text[i] == '\n' &&
            sigsum_tlog_proof_verify(proof_text, i, &leaf, &policy, 0, NULL, NULL, NULL) ==
                SIGSUM_STATUS_OK) {
            accepted++;
        }
    }
    CHECK(accepted == 0);
    free(t);

    /* Another leaf, another index, an index past the tree. */
    CHECK_STATUS(sigsum_merkle_hash_leaf((const uint8_t *)entry, entry_len - 1, &wrong),
                 SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_tlog_proof_verify(proof_text, proof_len, &wrong, &policy, 0, NULL, NULL,
                                          &d),
                 SIGSUM_STATUS_INCLUSION_FAILED);
    CHECK(d.step == SIGSUM_STEP_INCLUSION);
    t = subst(proof_text, "index 3", "index 2");
    expect(&policy, t, 0, SIGSUM_STATUS_INCLUSION_FAILED, SIGSUM_STEP_INCLUSION, 0, NULL);
    free(t);
    t = subst(proof_text, "index 3", "index 4");
    expect(&policy, t, 0, SIGSUM_STATUS_INCLUSION_FAILED, SIGSUM_STEP_INCLUSION, 0, NULL);
    free(t);

    /* Syntax, before and inside the checkpoint (lines of the proof). */
    t = subst(proof_text, "index 3", "index 03");
    expect(&policy, t, 0, SIGSUM_STATUS_MALFORMED_PROOF, SIGSUM_STEP_PROOF_PARSE, 2, "index");
    free(t);
    t = subst(proof_text, "\n4\n", "\n04\n");
    expect(&policy, t, 0, SIGSUM_STATUS_MALFORMED_PROOF, SIGSUM_STEP_PROOF_PARSE, 7,
           "checkpoint starting on line 6");
    free(t);

    /* Another origin: no log of the policy. */
    t = subst(proof_text, "\nfake.log.origin/log\n", "\nfake.log.origin/lg\n");
    expect(&policy, t, 0, SIGSUM_STATUS_UNKNOWN_LOG, SIGSUM_STEP_LOG, 6, "not a log of the policy");
    free(t);

    /* Log signature flipped. */
    t = subst(proof_text, OAK_LOG_SIG, "Un6ruNthJe4tf267eyOp8N1FYcK5AoY5b6v53qa6uDg33Xn5PqIaP35NSw87oCX");
    expect(&policy, t, 0, SIGSUM_STATUS_BAD_LOG_SIGNATURE, SIGSUM_STEP_LOG_SIGNATURE, 10,
           "invalid log signature");
    free(t);

    /* Cosignature flipped: does not count, or rejects with the flag. */
    t = subst(proof_text, "IatdHdPk1mKe23SD", "IatdHdPk1mKe23SE");
    expect(&policy, t, 0, SIGSUM_STATUS_QUORUM_NOT_MET, SIGSUM_STEP_QUORUM, 0, "quorum not met");
    CHECK_STATUS(verify(&policy, t, 0, NULL, &d), SIGSUM_STATUS_QUORUM_NOT_MET);
    CHECK(d.cosignatures_verified == 0 && d.cosignatures_failed == 1 && d.cosignatures_known == 1);
    expect(&policy, t, SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES, SIGSUM_STATUS_BAD_COSIGNATURE,
           SIGSUM_STEP_QUORUM, 11, "invalid cosignature");
    free(t);

    /* A second line of the witness's key (one byte shorter). */
    t = malloc(proof_len + 200);
    sprintf(t, "%s\xe2\x80\x94 test-witness %s"
               "IatdHdPk1mKe23SDzKi04+Tmzub1qcwuVG78\n",
            proof_text, OAK_COSIG);
    expect(&policy, t, 0, SIGSUM_STATUS_DUPLICATE_COSIGNATURE, SIGSUM_STEP_QUORUM, 12,
           "second cosignature");
    free(t);

    /* A quorum of two witnesses, one of which never cosigns; any-of. */
    t2 = malloc(strlen(OTHER_WITNESS) + 64);
    sprintf(t2, "witness w2 %s\ngroup g all w1 w2\nquorum g", OTHER_WITNESS);
    p2 = subst(policy_text, "quorum w1", t2);
    CHECK_STATUS(load(&other, p2, NULL), SIGSUM_STATUS_OK);
    expect(&other, proof_text, 0, SIGSUM_STATUS_QUORUM_NOT_MET, SIGSUM_STEP_QUORUM, 0, NULL);
    CHECK_STATUS(verify(&other, proof_text, 0, NULL, &d), SIGSUM_STATUS_QUORUM_NOT_MET);
    CHECK(d.cosignatures_verified == 1 && d.cosignatures_known == 1);
    free(p2);
    p2 = subst(policy_text, "quorum w1", "witness w2 " OTHER_WITNESS "\ngroup g any w1 w2\nquorum g");
    CHECK_STATUS(load(&other, p2, NULL), SIGSUM_STATUS_OK);
    CHECK_STATUS(verify(&other, proof_text, 0, NULL, NULL), SIGSUM_STATUS_OK);
    memset(&other, 0, sizeof other);
    free(p2);
    free(t2);

    /* A checkpoint text over SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE. */
    ext = malloc(SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE + 16);
    memcpy(ext, "GgE=\n", 5);
    memset(ext + 5, 'x', SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE);
    for (i = 100; i <= SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE; i += 100) {
        ext[i] = '\n';
    }
    memcpy(ext + SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE + 5, "\n\n", 3);
    big = subst(proof_text, "GgE=\n\n", ext);
    expect(&policy, big, 0, SIGSUM_STATUS_CHECKPOINT_TOO_LARGE, SIGSUM_STEP_CHECKPOINT, 0, NULL);
    free(big);
    free(ext);
}

static void test_freshness(void)
{
    sigsum_freshness f = {OAK_TIME + 10, 10, 0};
    sigsum_detail d;
    char *none;
    CHECK_STATUS(verify(&policy, proof_text, 0, &f, &d), SIGSUM_STATUS_OK);
    f.now = OAK_TIME + 11;
    CHECK_STATUS(verify(&policy, proof_text, 0, &f, &d), SIGSUM_STATUS_TOO_OLD);
    /* The values of the verified proof are there. */
    CHECK(d.step == SIGSUM_STEP_FRESHNESS && d.tree_size == 4 && d.quorum_timestamp == OAK_TIME);
    f.now = OAK_TIME - 1;
    CHECK_STATUS(verify(&policy, proof_text, 0, &f, &d), SIGSUM_STATUS_IN_FUTURE);
    f.max_skew = 1;
    CHECK_STATUS(verify(&policy, proof_text, 0, &f, &d), SIGSUM_STATUS_OK);
    /* quorum none: no quorum timestamp. */
    none = subst(policy_text, "quorum w1", "quorum none");
    CHECK_STATUS(load(&other, none, NULL), SIGSUM_STATUS_OK);
    CHECK_STATUS(verify(&other, proof_text, 0, NULL, &d), SIGSUM_STATUS_OK);
    CHECK(d.has_quorum_timestamp == 0 && d.cosignatures_verified == 1);
    CHECK_STATUS(verify(&other, proof_text, 0, &f, &d), SIGSUM_STATUS_NO_QUORUM_TIMESTAMP);
    memset(&other, 0, sizeof other);
    free(none);
}

static void test_arguments(void)
{
    static sigsum_tlog_policy zero;
    static sigsum_policy sigsum;
    static uint64_t raw[SIGSUM_TLOG_POLICY_SIZE / 8 + 1];
    sigsum_tlog_policy *odd = (sigsum_tlog_policy *)(void *)((char *)raw + 4);
    sigsum_backend no_fn = {NULL, NULL};
    sigsum_detail d;
    char *bad;
    const char *note = strstr(proof_text, "\n\n") + 2;

    /* NULL pointers. */
    CHECK_STATUS(sigsum_tlog_policy_load(NULL, 5, &other, &d), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(d.step == SIGSUM_STEP_ARGUMENTS);
    CHECK_STATUS(sigsum_tlog_policy_load(policy_text, policy_len, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tlog_proof_verify(NULL, 5, &leaf, &policy, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tlog_proof_verify(proof_text, proof_len, NULL, &policy, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tlog_proof_verify(proof_text, proof_len, &leaf, NULL, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tlog_checkpoint_verify(NULL, 1, &policy, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tlog_checkpoint_verify(note, strlen(note), NULL, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    /* (NULL, 0) is the empty text: malformed, not an argument error. */
    CHECK_STATUS(sigsum_tlog_proof_verify(NULL, 0, &leaf, &policy, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_MALFORMED_PROOF);
    CHECK_STATUS(sigsum_tlog_checkpoint_verify(NULL, 0, &policy, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_MALFORMED_CHECKPOINT);
    CHECK_STATUS(sigsum_tlog_policy_load(NULL, 0, &other, &d), SIGSUM_STATUS_MALFORMED_POLICY);

    /* Unloaded (zeroed), misaligned, and Sigsum policy storage. */
    CHECK_STATUS(verify(&zero, proof_text, 0, NULL, &d), SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK(d.step == SIGSUM_STEP_ARGUMENTS);
    CHECK_MESSAGE(&d, "not loaded");
    CHECK_STATUS(sigsum_tlog_checkpoint_verify(note, strlen(note), &zero, 0, NULL, NULL, &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(sigsum_tlog_policy_load(policy_text, policy_len, odd, &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(verify(odd, proof_text, 0, NULL, &d), SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(sigsum_policy_load_builtin("sigsum-test1-2025", 17, &sigsum, NULL),
                 SIGSUM_STATUS_OK);
    CHECK_STATUS(verify((const sigsum_tlog_policy *)(const void *)&sigsum, proof_text, 0, NULL, &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);

    /* A failed load writes nothing: the storage stays unloaded. */
    bad = subst(policy_text, "quorum w1", "quorum w2");
    CHECK_STATUS(sigsum_tlog_policy_load(bad, strlen(bad), &zero, &d),
                 SIGSUM_STATUS_MALFORMED_POLICY);
    CHECK(d.step == SIGSUM_STEP_POLICY && d.line == 3);
    CHECK_MESSAGE(&d, "undefined name");
    CHECK_STATUS(verify(&zero, proof_text, 0, NULL, NULL), SIGSUM_STATUS_INVALID_PARAMETER);
    free(bad);
    /* CRLF is not allowed in a tlog-policy (a Sigsum policy accepts it). */
    bad = subst(policy_text, "\n", "\r\n");
    CHECK_STATUS(sigsum_tlog_policy_load(bad, strlen(bad), &zero, &d),
                 SIGSUM_STATUS_MALFORMED_POLICY);
    CHECK(d.line == 1);
    free(bad);

    /* Unknown flags, a backend without a function. */
    CHECK_STATUS(verify(&policy, proof_text, 2, NULL, &d), SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_MESSAGE(&d, "unknown flags 0x2");
    CHECK_STATUS(sigsum_tlog_checkpoint_verify(note, strlen(note), &policy, 0x80000000u, NULL,
                                               NULL, &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(sigsum_tlog_proof_verify(proof_text, proof_len, &leaf, &policy, 0, NULL, &no_fn,
                                          &d),
                 SIGSUM_STATUS_INVALID_PARAMETER);
}

void test_tlog(const char *vectors)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/c2sp", vectors);
    policy_text = read_file(dir, "oak-test.policy", &policy_len);
    proof_text = read_file(dir, "oak-test.tlog-proof", &proof_len);
    entry = read_file(dir, "oak-test.entry", &entry_len);
    CHECK_STATUS(sigsum_merkle_hash_leaf((const uint8_t *)entry, entry_len, &leaf),
                 SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_tlog_policy_load(policy_text, policy_len, &policy, NULL), SIGSUM_STATUS_OK);
    test_accept();
    test_twins();
    test_freshness();
    test_arguments();
    free(policy_text);
    free(proof_text);
    free(entry);
}
