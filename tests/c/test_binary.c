/* Binary proofs (tests/vectors/spic/, tests/vectors/tkey/): the converted
 * real serviceberry proof verifies with sigsum_spic_verify and
 * sigsum_tkey_verify; reject twins with the exact status, step and byte
 * position; NULL arguments; freshness. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static sigsum_hash message;
static sigsum_public_key signer;

static sigsum_status spic(const uint8_t *pol, size_t pol_len, const uint8_t *prf, size_t prf_len,
                          const sigsum_public_key *keys, size_t nkeys, const sigsum_hash *msg,
                          sigsum_detail *d)
{
    return sigsum_spic_verify(msg, keys, nkeys, pol, pol_len, prf, prf_len, NULL, NULL, d);
}

static void test_spic(const char *vdir)
{
    size_t pol_len, prf_len;
    uint8_t *pol = (uint8_t *)read_file(vdir, "spic/serviceberry.policy.bin", &pol_len);
    uint8_t *prf = (uint8_t *)read_file(vdir, "spic/serviceberry.proof.bin", &prf_len);
    uint8_t *longer = (uint8_t *)malloc(prf_len + 1);
    sigsum_detail d;
    sigsum_hash other = message;
    sigsum_public_key keys[2];

    CHECK_STATUS(spic(pol, pol_len, prf, prf_len, &signer, 1, &message, &d), SIGSUM_STATUS_OK);
    CHECK(d.step == SIGSUM_STEP_NONE && d.tree_size == 381382 && d.leaf_index == 381381);
    CHECK(d.signature_checks == 6 && d.cosignatures_verified == 4 && d.has_quorum_timestamp == 1);

    /* Another message: the leaf signature. */
    other.bytes[0] ^= 1;
    CHECK_STATUS(spic(pol, pol_len, prf, prf_len, &signer, 1, &other, &d),
                 SIGSUM_STATUS_BAD_LEAF_SIGNATURE);
    CHECK(d.step == SIGSUM_STEP_LEAF_SIGNATURE);
    /* No key: the leaf key index 0 is out of range. */
    CHECK_STATUS(spic(pol, pol_len, prf, prf_len, NULL, 0, &message, &d),
                 SIGSUM_STATUS_KEY_INDEX_OUT_OF_RANGE);
    CHECK(d.step == SIGSUM_STEP_SIGNER_KEY);
    CHECK_MESSAGE(&d, "leaf key index 0 out of range (0 submitter keys)");
    /* The key indexes follow the caller's order. */
    memset(keys[0].bytes, 0, 32);
    keys[1] = signer;
    CHECK_STATUS(spic(pol, pol_len, prf, prf_len, keys, 2, &message, &d),
                 SIGSUM_STATUS_BAD_LEAF_SIGNATURE);
    /* Extended by one byte: the position is 1-based. */
    memcpy(longer, prf, prf_len);
    longer[prf_len] = 0;
    CHECK_STATUS(spic(pol, pol_len, longer, prf_len + 1, &signer, 1, &message, &d),
                 SIGSUM_STATUS_MALFORMED_BINARY_PROOF);
    CHECK(d.step == SIGSUM_STEP_PROOF_PARSE && d.line == 0 && d.column == prf_len + 1);
    CHECK_MESSAGE(&d, "trailing bytes");
    /* The last cosignature's signature flipped: fatal in spic. */
    memcpy(longer, prf, prf_len);
    longer[prf_len - 1] ^= 1;
    CHECK_STATUS(spic(pol, pol_len, longer, prf_len, &signer, 1, &message, &d),
                 SIGSUM_STATUS_BAD_COSIGNATURE);
    CHECK(d.step == SIGSUM_STEP_QUORUM);
    CHECK_MESSAGE(&d, "bad cosignature 3 (witness 7)");
    /* Truncated policy. */
    CHECK_STATUS(spic(pol, pol_len - 1, prf, prf_len, &signer, 1, &message, &d),
                 SIGSUM_STATUS_MALFORMED_BINARY_POLICY);
    CHECK(d.step == SIGSUM_STEP_POLICY && d.column == 324);
    CHECK_MESSAGE(&d, "truncated in quorum");
    /* Arguments. */
    CHECK_STATUS(spic(pol, pol_len, prf, prf_len, &signer, 1, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(spic(NULL, 1, prf, prf_len, &signer, 1, &message, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(spic(NULL, 0, prf, prf_len, &signer, 1, &message, &d),
                 SIGSUM_STATUS_MALFORMED_BINARY_POLICY);
    free(pol);
    free(prf);
    free(longer);
}

static void test_tkey(const char *vdir)
{
    size_t pol_len, prf_len;
    uint8_t *pol = (uint8_t *)read_file(vdir, "tkey/serviceberry.policy.bin", &pol_len);
    uint8_t *prf = (uint8_t *)read_file(vdir, "tkey/serviceberry.proof.bin", &prf_len);
    sigsum_detail d;
    sigsum_hash other = message;
    sigsum_freshness fresh;

    CHECK(prf_len == 242 + 8 * 104 + 10 * 32);
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, NULL, NULL, &d),
                 SIGSUM_STATUS_OK);
    CHECK(d.tree_size == 381382 && d.signature_checks == 6 && d.has_quorum_timestamp == 1);
    /* Freshness: a day after the quorum timestamp, with a max age of an
     * hour, is too old; an hour is fine. */
    fresh.now = d.quorum_timestamp + 86400;
    fresh.max_age = 3600;
    fresh.max_skew = 0;
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, &fresh, NULL, &d),
                 SIGSUM_STATUS_TOO_OLD);
    CHECK(d.step == SIGSUM_STEP_FRESHNESS);
    fresh.max_age = 86400;
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, &fresh, NULL, &d),
                 SIGSUM_STATUS_OK);
    /* Another message: its leaf is not in the tree. */
    other.bytes[0] ^= 1;
    CHECK_STATUS(sigsum_tkey_verify(&other, pol, pol_len, prf, prf_len, NULL, NULL, &d),
                 SIGSUM_STATUS_INCLUSION_FAILED);
    CHECK(d.step == SIGSUM_STEP_INCLUSION);
    /* Another log key hash. */
    prf[0] ^= 1;
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, NULL, NULL, &d),
                 SIGSUM_STATUS_UNKNOWN_LOG);
    prf[0] ^= 1;
    /* 17 cosignatures. */
    prf[240] = 17;
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, NULL, NULL, &d),
                 SIGSUM_STATUS_MALFORMED_BINARY_PROOF);
    CHECK(d.step == SIGSUM_STEP_PROOF_PARSE && d.column == 241);
    CHECK_MESSAGE(&d, "more than 16 cosignatures");
    prf[240] = 8;
    /* No submitter key in the blob. */
    pol[0] = 0;
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, NULL, NULL, &d),
                 SIGSUM_STATUS_MALFORMED_BINARY_POLICY);
    CHECK(d.step == SIGSUM_STEP_POLICY && d.column == 1);
    CHECK_MESSAGE(&d, "no submitter key");
    pol[0] = 1;
    /* The proof alone: a message after it is trailing bytes here. */
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len - 1, NULL, NULL, &d),
                 SIGSUM_STATUS_MALFORMED_BINARY_PROOF);
    CHECK_MESSAGE(&d, "truncated in inclusion path");
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, NULL, 5, NULL, NULL, &d),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tkey_verify(&message, pol, pol_len, prf, prf_len, NULL, NULL, NULL),
                 SIGSUM_STATUS_OK);
    free(pol);
    free(prf);
}

void test_binary(const char *vdir)
{
    size_t len;
    char *text = read_file(vdir, "real/serviceberry.message", &len);
    if (sigsum_hash_sha256((const uint8_t *)text, len, &message) != SIGSUM_STATUS_OK) {
        exit(2);
    }
    free(text);
    text = read_file(vdir, "real/serviceberry-signer.hex", &len);
    if (sigsum_public_key_parse_hex(text, len, &signer, NULL) != SIGSUM_STATUS_OK) {
        exit(2);
    }
    free(text);
    test_spic(vdir);
    test_tkey(vdir);
}
