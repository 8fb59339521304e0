/* Basic building blocks: layout, version, status strings, hex, hashes,
 * leaves, tree heads, cosignatures, Ed25519 backends and edge vectors. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* --- layout and version: checked at compile time --- */
_Static_assert(sizeof(sigsum_hash) == SIGSUM_HASH_SIZE, "hash size");
_Static_assert(sizeof(sigsum_public_key) == SIGSUM_PUBLIC_KEY_SIZE, "key size");
_Static_assert(sizeof(sigsum_signature) == SIGSUM_SIGNATURE_SIZE, "signature size");
_Static_assert(sizeof(sigsum_leaf) == SIGSUM_LEAF_SIZE, "leaf size");
_Static_assert(sizeof(sigsum_tree_head) == 8 + 32, "tree head size");
_Static_assert(sizeof(sigsum_cosignature) == 32 + 8 + 64, "cosignature size");
_Static_assert(sizeof(sigsum_detail) == 10 * 4 + 3 * 8 + 2 * 32 + SIGSUM_DETAIL_MESSAGE_SIZE + 8 +
                                         sizeof(sigsum_span) + 32 + 2 * 4,
               "detail layout");
_Static_assert(sizeof(sigsum_policy) == SIGSUM_POLICY_SIZE, "policy size");
_Static_assert(sizeof(sigsum_freshness) == 3 * 8, "freshness layout");
_Static_assert(sizeof(sigsum_proof_info) == 256, "proof info layout");
_Static_assert(sizeof(sigsum_backend) == 2 * sizeof(void *), "backend layout");
_Static_assert(sizeof(sigsum_status) == 4, "status is 32 bits");
_Static_assert(SIGSUM_STATUS_OK == 0, "OK is zero");
/* The packed version must use PATCH in the low byte (rustls-ffi once used
 * MINOR twice); computed independently of the header's own expression. */
_Static_assert(SIGSUM_VERSION_NUMBER == SIGSUM_VERSION_MAJOR * 65536 + SIGSUM_VERSION_MINOR * 256 +
                                           SIGSUM_VERSION_PATCH,
               "packed version");
_Static_assert(SIGSUM_VERSION_MINOR < 256 && SIGSUM_VERSION_PATCH < 256, "version fits");

static const char *vectors;

/* The P-a vector (see tests/vectors/ffi/README.md). */
static char *pa_text;
static char val[1024];
static sigsum_hash pa_message, pa_checksum, pa_log_key_hash, pa_submitter_key_hash,
    pa_witness_key_hash, pa_leaf_hash, pa_root, pa_path[2];
static sigsum_public_key pa_log_key, pa_submitter_key, pa_witness_key;
static sigsum_signature pa_leaf_sig, pa_th_sig, pa_cosig_sig;
static uint64_t pa_size, pa_timestamp, pa_index;

static void get_hash(const char *key, sigsum_hash *out)
{
    kv_get(pa_text, key, val, sizeof val);
    if (sigsum_hash_parse_hex(val, strlen(val), out, NULL) != SIGSUM_STATUS_OK) {
        fprintf(stderr, "bad vector %s\n", key);
        exit(2);
    }
}
static void get_key(const char *key, sigsum_public_key *out)
{
    kv_get(pa_text, key, val, sizeof val);
    if (sigsum_public_key_parse_hex(val, strlen(val), out, NULL) != SIGSUM_STATUS_OK) {
        fprintf(stderr, "bad vector %s\n", key);
        exit(2);
    }
}
static void get_sig(const char *key, sigsum_signature *out)
{
    kv_get(pa_text, key, val, sizeof val);
    if (hex_to_bytes(val, out->bytes, sizeof out->bytes) != SIGSUM_SIGNATURE_SIZE) {
        fprintf(stderr, "bad vector %s\n", key);
        exit(2);
    }
}
static void get_u64(const char *key, uint64_t *out)
{
    kv_get(pa_text, key, val, sizeof val);
    *out = decimal(val);
}

static void load_pa(void)
{
    size_t len;
    pa_text = read_file(vectors, "ffi/p-a.txt", &len);
    get_hash("message", &pa_message);
    get_hash("checksum", &pa_checksum);
    get_hash("log_key_hash", &pa_log_key_hash);
    get_hash("submitter_key_hash", &pa_submitter_key_hash);
    get_hash("witness_key_hash", &pa_witness_key_hash);
    get_hash("leaf_hash", &pa_leaf_hash);
    get_hash("root_hash", &pa_root);
    get_hash("node_hash_0", &pa_path[0]);
    get_hash("node_hash_1", &pa_path[1]);
    get_key("log_key", &pa_log_key);
    get_key("submitter_key", &pa_submitter_key);
    get_key("witness_key", &pa_witness_key);
    get_sig("leaf_signature", &pa_leaf_sig);
    get_sig("tree_head_signature", &pa_th_sig);
    get_sig("cosignature_signature", &pa_cosig_sig);
    get_u64("size", &pa_size);
    get_u64("cosignature_timestamp", &pa_timestamp);
    get_u64("leaf_index", &pa_index);
}

static int hash_eq(const sigsum_hash *a, const sigsum_hash *b)
{
    return memcmp(a->bytes, b->bytes, SIGSUM_HASH_SIZE) == 0;
}

static const sigsum_hash SENTINEL_HASH = {{0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
                                           0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
                                           0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
                                           0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA}};

/* ------------------------------------------------------------------ */

static void test_version(void)
{
    char buf[64];
    CHECK(sigsum_version_number() == SIGSUM_VERSION_NUMBER);
    snprintf(buf, sizeof buf, "%d.%d.%d", SIGSUM_VERSION_MAJOR, SIGSUM_VERSION_MINOR,
             SIGSUM_VERSION_PATCH);
    CHECK(strcmp(sigsum_version_str(), buf) == 0);
}

/* Every status code of the header, by name. */
static const struct {
    uint32_t code;
    const char *name;
} STATUSES[] = {
#define S(x) {x, #x}
/* Generated from include/sigsum.h by the Makefile, so every code the
 * header declares is checked. */
#include "statuses.inc"
#undef S
};

static void test_status_str(void)
{
    size_t i, j, n = sizeof STATUSES / sizeof STATUSES[0];
    uint32_t unknown[] = {5, 99, 115, 199, 215, 303, 4000, 0x7fffffffu, 0xffffffffu};
    for (i = 0; i < n; i++) {
        const char *s = sigsum_status_str(STATUSES[i].code);
        int ok = s != NULL && strcmp(s, "unknown status") != 0 && s[0] != '\0';
        if (!ok) {
            fprintf(stderr, "no description for %s\n", STATUSES[i].name);
        }
        CHECK(ok);
        for (j = 0; j < i; j++) {
            CHECK(STATUSES[i].code != STATUSES[j].code);
            CHECK(strcmp(s, sigsum_status_str(STATUSES[j].code)) != 0);
        }
    }
    CHECK(n >= 30 && n <= 50);
    CHECK(strcmp(sigsum_status_str(SIGSUM_STATUS_OK), "Success") == 0);
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        CHECK(strcmp(sigsum_status_str(unknown[i]), "unknown status") == 0);
    }
}

static void test_hex(void)
{
    sigsum_hash h = SENTINEL_HASH, h2;
    sigsum_public_key k;
    sigsum_detail d;
    char upper[65], padded[80];
    const char *good = "3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8";
    size_t i;

    CHECK_STATUS(sigsum_hash_parse_hex(good, 64, &h, &d), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_root) && d.status == 0 && d.message[0] == '\0');
    for (i = 0; i < 64; i++) {
        upper[i] = (char)(good[i] >= 'a' ? good[i] - 32 : good[i]);
    }
    upper[64] = '\0';
    CHECK_STATUS(sigsum_hash_parse_hex(upper, 64, &h2, NULL), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &h2));
    /* Surrounding spaces, tabs, CRs and LFs are ignored, nothing else. */
    snprintf(padded, sizeof padded, " \t%s\r\n", good);
    CHECK_STATUS(sigsum_hash_parse_hex(padded, strlen(padded), &h2, NULL), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &h2));

    /* Reject twins: short, long, bad digit, inner space; output kept. */
    h = SENTINEL_HASH;
    CHECK_STATUS(sigsum_hash_parse_hex(good, 63, &h, &d), SIGSUM_STATUS_MALFORMED_HEX);
    CHECK(d.step == SIGSUM_STEP_HEX);
    CHECK_MESSAGE(&d, "wrong length");
    CHECK_STATUS(sigsum_hash_parse_hex(good, 62, &h, &d), SIGSUM_STATUS_MALFORMED_HEX);
    CHECK_MESSAGE(&d, "wrong length");
    CHECK_STATUS(sigsum_hash_parse_hex("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a80",
                                       65, &h, &d),
                 SIGSUM_STATUS_MALFORMED_HEX);
    CHECK_MESSAGE(&d, "wrong length");
    CHECK_STATUS(sigsum_hash_parse_hex("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7ag",
                                       64, &h, &d),
                 SIGSUM_STATUS_MALFORMED_HEX);
    CHECK_MESSAGE(&d, "invalid hex digit");
    CHECK_STATUS(sigsum_hash_parse_hex("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a\n",
                                       64, &h, &d),
                 SIGSUM_STATUS_MALFORMED_HEX);
    CHECK_MESSAGE(&d, "wrong length");
    CHECK_STATUS(sigsum_hash_parse_hex("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7 8",
                                       64, &h, &d),
                 SIGSUM_STATUS_MALFORMED_HEX);
    CHECK_MESSAGE(&d, "invalid hex digit");
    CHECK_STATUS(sigsum_hash_parse_hex(NULL, 0, &h, &d), SIGSUM_STATUS_MALFORMED_HEX);
    CHECK_STATUS(sigsum_hash_parse_hex(NULL, 64, &h, &d), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(d.step == SIGSUM_STEP_ARGUMENTS && d.status == SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_hash_parse_hex(good, 64, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_hash_parse_hex(good, (size_t)-1, &h, &d), SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK(hash_eq(&h, &SENTINEL_HASH));

    CHECK_STATUS(sigsum_public_key_parse_hex(good, 64, &k, NULL), SIGSUM_STATUS_OK);
    CHECK(memcmp(k.bytes, pa_root.bytes, 32) == 0);
    CHECK_STATUS(sigsum_public_key_parse_hex("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8aa",
                                             66, &k, &d),
                 SIGSUM_STATUS_MALFORMED_KEY);
    CHECK(d.step == SIGSUM_STEP_KEYS);
    CHECK_MESSAGE(&d, "wrong length");
    CHECK_STATUS(sigsum_public_key_parse_hex(good, 64, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
}

static void test_hashes(void)
{
    sigsum_hash h = SENTINEL_HASH, want;
    static const char abc_hex[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static const char empty_hex[] =
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    CHECK_STATUS(sigsum_hash_sha256((const uint8_t *)"abc", 3, &h), SIGSUM_STATUS_OK);
    want = hash_hex(abc_hex);
    CHECK(hash_eq(&h, &want));
    CHECK_STATUS(sigsum_hash_sha256(NULL, 0, &h), SIGSUM_STATUS_OK);
    want = hash_hex(empty_hex);
    CHECK(hash_eq(&h, &want));
    h = SENTINEL_HASH;
    CHECK_STATUS(sigsum_hash_sha256(NULL, 3, &h), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_hash_sha256((const uint8_t *)"abc", 3, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(hash_eq(&h, &SENTINEL_HASH));

    /* Key hashes of the three P-a keys, and twins. */
    CHECK_STATUS(sigsum_public_key_hash(&pa_log_key, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_log_key_hash));
    CHECK_STATUS(sigsum_public_key_hash(&pa_submitter_key, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_submitter_key_hash));
    CHECK_STATUS(sigsum_public_key_hash(&pa_witness_key, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_witness_key_hash));
    {
        sigsum_public_key k = pa_log_key;
        k.bytes[31] ^= 1;
        CHECK_STATUS(sigsum_public_key_hash(&k, &h), SIGSUM_STATUS_OK);
        CHECK(!hash_eq(&h, &pa_log_key_hash));
    }
    h = SENTINEL_HASH;
    CHECK_STATUS(sigsum_public_key_hash(NULL, &h), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_public_key_hash(&pa_log_key, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(hash_eq(&h, &SENTINEL_HASH));
}

static sigsum_leaf pa_leaf(void)
{
    sigsum_leaf l;
    l.checksum = pa_checksum;
    l.signature = pa_leaf_sig;
    l.key_hash = pa_submitter_key_hash;
    return l;
}

static void test_leaf(void)
{
    sigsum_leaf l = pa_leaf(), l2;
    sigsum_hash h = SENTINEL_HASH;
    uint8_t bytes[SIGSUM_LEAF_SIZE + 1], signed_data[SIGSUM_LEAF_SIGNED_DATA_SIZE];
    size_t len = 999;

    /* The leaf checksum is SHA-256(message). */
    CHECK_STATUS(sigsum_hash_sha256(pa_message.bytes, SIGSUM_HASH_SIZE, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_checksum));

    CHECK_STATUS(sigsum_leaf_write_signed_data(&pa_checksum, signed_data, sizeof signed_data, &len),
                 SIGSUM_STATUS_OK);
    CHECK(len == SIGSUM_LEAF_SIGNED_DATA_SIZE);
    CHECK(memcmp(signed_data, "sigsum.org/v1/tree-leaf\0", 24) == 0);
    CHECK(memcmp(signed_data + 24, pa_checksum.bytes, 32) == 0);
    len = 999;
    CHECK_STATUS(sigsum_leaf_write_signed_data(&pa_checksum, signed_data, sizeof signed_data - 1,
                                               &len),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 999);
    CHECK_STATUS(sigsum_leaf_write_signed_data(NULL, signed_data, sizeof signed_data, &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_leaf_write_signed_data(&pa_checksum, NULL, sizeof signed_data, &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_leaf_write_signed_data(&pa_checksum, signed_data, sizeof signed_data, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);

    CHECK_STATUS(sigsum_leaf_hash(&l, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_leaf_hash));
    CHECK_STATUS(sigsum_leaf_hash(NULL, &h), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_leaf_hash(&l, NULL), SIGSUM_STATUS_NULL_PARAMETER);

    /* Binary round trip; 127 and 129 bytes are length errors. */
    CHECK_STATUS(sigsum_leaf_write_bytes(&l, bytes, sizeof bytes, &len), SIGSUM_STATUS_OK);
    CHECK(len == SIGSUM_LEAF_SIZE);
    CHECK(memcmp(bytes, pa_checksum.bytes, 32) == 0);
    CHECK(memcmp(bytes + 32, pa_leaf_sig.bytes, 64) == 0);
    CHECK(memcmp(bytes + 96, pa_submitter_key_hash.bytes, 32) == 0);
    CHECK_STATUS(sigsum_merkle_hash_leaf(bytes, SIGSUM_LEAF_SIZE, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_leaf_hash));
    memset(&l2, 0, sizeof l2);
    CHECK_STATUS(sigsum_leaf_parse(bytes, SIGSUM_LEAF_SIZE, &l2), SIGSUM_STATUS_OK);
    CHECK(memcmp(&l, &l2, sizeof l) == 0);
    memset(&l2, 0, sizeof l2);
    CHECK_STATUS(sigsum_leaf_parse(bytes, SIGSUM_LEAF_SIZE - 1, &l2), SIGSUM_STATUS_MALFORMED_LEAF);
    CHECK_STATUS(sigsum_leaf_parse(bytes, SIGSUM_LEAF_SIZE + 1, &l2), SIGSUM_STATUS_MALFORMED_LEAF);
    CHECK_STATUS(sigsum_leaf_parse(NULL, 0, &l2), SIGSUM_STATUS_MALFORMED_LEAF);
    CHECK_STATUS(sigsum_leaf_parse(NULL, SIGSUM_LEAF_SIZE, &l2), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_leaf_parse(bytes, SIGSUM_LEAF_SIZE, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    len = 999;
    CHECK_STATUS(sigsum_leaf_write_bytes(&l, bytes, SIGSUM_LEAF_SIZE - 1, &len),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 999);
    CHECK_STATUS(sigsum_leaf_write_bytes(NULL, bytes, sizeof bytes, &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_leaf_write_bytes(&l, NULL, sizeof bytes, &len), SIGSUM_STATUS_NULL_PARAMETER);
    {
        sigsum_leaf zero;
        memset(&zero, 0, sizeof zero);
        CHECK(memcmp(&l2, &zero, sizeof zero) == 0);
    }

    /* Signature check and its twins. */
    CHECK_STATUS(sigsum_leaf_verify(&l, &pa_submitter_key, NULL), SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_leaf_verify(&l, &pa_witness_key, NULL),
                 SIGSUM_STATUS_KEY_HASH_MISMATCH);
    l2 = l;
    l2.signature.bytes[0] ^= 1;
    CHECK_STATUS(sigsum_leaf_verify(&l2, &pa_submitter_key, NULL), SIGSUM_STATUS_BAD_LEAF_SIGNATURE);
    l2 = l;
    l2.checksum.bytes[31] ^= 0x80;
    CHECK_STATUS(sigsum_leaf_verify(&l2, &pa_submitter_key, NULL), SIGSUM_STATUS_BAD_LEAF_SIGNATURE);
    l2 = l;
    l2.key_hash.bytes[3] ^= 1;
    CHECK_STATUS(sigsum_leaf_verify(&l2, &pa_submitter_key, NULL),
                 SIGSUM_STATUS_KEY_HASH_MISMATCH);
    CHECK_STATUS(sigsum_leaf_verify(NULL, &pa_submitter_key, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_leaf_verify(&l, NULL, NULL), SIGSUM_STATUS_NULL_PARAMETER);
}

static void test_merkle_nodes(void)
{
    /* P-a: index 3 of 4 is a right child at both levels. */
    sigsum_hash h = pa_leaf_hash, h2 = SENTINEL_HASH;
    CHECK(pa_index == 3 && pa_size == 4);
    CHECK_STATUS(sigsum_merkle_hash_node(&pa_path[0], &h, &h), SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_merkle_hash_node(&pa_path[1], &h, &h), SIGSUM_STATUS_OK);
    CHECK(hash_eq(&h, &pa_root));
    /* Twins: swapped order, other leaf. */
    h = pa_leaf_hash;
    CHECK_STATUS(sigsum_merkle_hash_node(&h, &pa_path[0], &h), SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_merkle_hash_node(&pa_path[1], &h, &h), SIGSUM_STATUS_OK);
    CHECK(!hash_eq(&h, &pa_root));
    CHECK_STATUS(sigsum_merkle_hash_node(NULL, &h, &h2), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_merkle_hash_node(&h, NULL, &h2), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_merkle_hash_node(&h, &h, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_merkle_hash_leaf(NULL, 1, &h2), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_merkle_hash_leaf(NULL, 0, NULL), SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(hash_eq(&h2, &SENTINEL_HASH));
}

static sigsum_tree_head pa_tree_head(void)
{
    sigsum_tree_head th;
    th.size = pa_size;
    th.root_hash = pa_root;
    return th;
}

static void test_tree_head(void)
{
    sigsum_tree_head th = pa_tree_head(), th2;
    uint8_t body[SIGSUM_MAX_BODY_SIZE];
    char want[512];
    size_t len = 12345, i;
    sigsum_signature sig;

    kv_get(pa_text, "body", want, sizeof want);
    for (i = 0; want[i] != '\0'; i++) {
        if (want[i] == '|') {
            want[i] = '\n';
        }
    }
    CHECK_STATUS(sigsum_tree_head_write_body(&th, &pa_log_key_hash, body, sizeof body, &len),
                 SIGSUM_STATUS_OK);
    CHECK(len == strlen(want) && memcmp(body, want, len) == 0);
    /* Exact size works, one less does not and writes nothing. */
    CHECK_STATUS(sigsum_tree_head_write_body(&th, &pa_log_key_hash, body, strlen(want), &len),
                 SIGSUM_STATUS_OK);
    memset(body, 0x55, sizeof body);
    len = 12345;
    CHECK_STATUS(sigsum_tree_head_write_body(&th, &pa_log_key_hash, body, strlen(want) - 1, &len),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 12345 && body[0] == 0x55);
    CHECK_STATUS(sigsum_tree_head_write_body(&th, &pa_log_key_hash, NULL, 0, &len),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(sigsum_tree_head_write_body(&th, &pa_log_key_hash, NULL, 10, &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tree_head_write_body(&th, &pa_log_key_hash, body, sizeof body, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tree_head_write_body(NULL, &pa_log_key_hash, body, sizeof body, &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tree_head_write_body(&th, NULL, body, sizeof body, &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(len == 12345);

    /* The log signature, and a twin per input. */
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &pa_th_sig, NULL), SIGSUM_STATUS_OK);
    th2 = th;
    th2.size++;
    CHECK_STATUS(sigsum_tree_head_verify(&th2, &pa_log_key, &pa_th_sig, NULL),
                 SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    th2 = th;
    th2.root_hash.bytes[0] ^= 1;
    CHECK_STATUS(sigsum_tree_head_verify(&th2, &pa_log_key, &pa_th_sig, NULL),
                 SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_witness_key, &pa_th_sig, NULL),
                 SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    sig = pa_th_sig;
    sig.bytes[63] ^= 1;
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &sig, NULL),
                 SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    CHECK_STATUS(sigsum_tree_head_verify(NULL, &pa_log_key, &pa_th_sig, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tree_head_verify(&th, NULL, &pa_th_sig, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, NULL, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
}

static sigsum_cosignature pa_cosignature(void)
{
    sigsum_cosignature c;
    c.key_hash = pa_witness_key_hash;
    c.timestamp = pa_timestamp;
    c.signature = pa_cosig_sig;
    return c;
}

static void test_cosignature(void)
{
    sigsum_tree_head th = pa_tree_head();
    sigsum_cosignature c = pa_cosignature(), c2;
    uint8_t msg[SIGSUM_MAX_COSIGNED_MESSAGE_SIZE];
    size_t len = 999;
    const char *prefix = "cosignature/v1\ntime 1683202758\nsigsum.org/v1/tree/";

    CHECK_STATUS(sigsum_cosignature_write_message(pa_timestamp, &th, &pa_log_key_hash, msg, sizeof msg, &len),
                 SIGSUM_STATUS_OK);
    CHECK(len > strlen(prefix) && memcmp(msg, prefix, strlen(prefix)) == 0);
    /* The witness signed exactly these bytes. */
    CHECK_STATUS(sigsum_ed25519_verify(&pa_witness_key, msg, len, &pa_cosig_sig, NULL),
                 SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_ed25519_verify(&pa_witness_key, msg, len - 1, &pa_cosig_sig, NULL),
                 SIGSUM_STATUS_BAD_SIGNATURE);
    len = 999;
    CHECK_STATUS(sigsum_cosignature_write_message(UINT64_C(1) << 63, &th, &pa_log_key_hash, msg, sizeof msg,
                                         &len),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(sigsum_cosignature_write_message(pa_timestamp, &th, &pa_log_key_hash, msg, 20, &len),
                 SIGSUM_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(sigsum_cosignature_write_message(pa_timestamp, NULL, &pa_log_key_hash, msg, sizeof msg,
                                         &len),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK(len == 999);

    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_OK);
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_log_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_KEY_HASH_MISMATCH);
    c2 = c;
    c2.timestamp++;
    CHECK_STATUS(sigsum_cosignature_verify(&c2, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_BAD_COSIGNATURE);
    c2.timestamp = UINT64_C(1) << 63;
    CHECK_STATUS(sigsum_cosignature_verify(&c2, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    c2 = c;
    c2.signature.bytes[10] ^= 4;
    CHECK_STATUS(sigsum_cosignature_verify(&c2, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_BAD_COSIGNATURE);
    c2 = c;
    c2.key_hash.bytes[0] ^= 1;
    CHECK_STATUS(sigsum_cosignature_verify(&c2, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_KEY_HASH_MISMATCH);
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, &pa_witness_key_hash, &th, NULL),
                 SIGSUM_STATUS_BAD_COSIGNATURE);
    th.size = 5;
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_BAD_COSIGNATURE);
    th = pa_tree_head();
    CHECK_STATUS(sigsum_cosignature_verify(NULL, &pa_witness_key, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_cosignature_verify(&c, NULL, &pa_log_key_hash, &th, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, NULL, &th, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, &pa_log_key_hash, NULL, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
}

/* --- caller-supplied Ed25519 backends --- */

struct counting_ctx {
    unsigned long calls;
    int forced; /* -1: forward to the built-in verifier; else return this */
};

static int counting_verify(void *ctx, const uint8_t *pub, const uint8_t *msg, size_t len,
                           const uint8_t *sig)
{
    struct counting_ctx *c = (struct counting_ctx *)ctx;
    c->calls++;
    if (msg == NULL) {
        return 0; /* documented never to happen; makes the test fail */
    }
    if (c->forced >= 0 || c->forced < -1) {
        return c->forced;
    }
    return sigsum_ed25519_verify_default(NULL, pub, msg, len, sig);
}

static void test_backends(void)
{
    struct counting_ctx ctx = {0, -1};
    sigsum_backend b;
    sigsum_backend nofn;
    sigsum_tree_head th = pa_tree_head();
    sigsum_leaf l = pa_leaf();
    sigsum_cosignature c = pa_cosignature();
    b.verify = counting_verify;
    b.ctx = &ctx;
    nofn.verify = NULL;
    nofn.ctx = &ctx;

    CHECK_STATUS(sigsum_leaf_verify(&l, &pa_submitter_key, &b), SIGSUM_STATUS_OK);
    CHECK(ctx.calls == 1);
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &pa_th_sig, &b), SIGSUM_STATUS_OK);
    CHECK(ctx.calls == 2);
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, &pa_log_key_hash, &th, &b),
                 SIGSUM_STATUS_OK);
    CHECK(ctx.calls == 3);
    /* A key hash mismatch is found before any signature is checked. */
    CHECK_STATUS(sigsum_leaf_verify(&l, &pa_log_key, &b), SIGSUM_STATUS_KEY_HASH_MISMATCH);
    CHECK(ctx.calls == 3);

    /* The callback decides: a backend that rejects everything... */
    ctx.forced = 0;
    CHECK_STATUS(sigsum_leaf_verify(&l, &pa_submitter_key, &b), SIGSUM_STATUS_BAD_LEAF_SIGNATURE);
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &pa_th_sig, &b),
                 SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    CHECK_STATUS(sigsum_cosignature_verify(&c, &pa_witness_key, &pa_log_key_hash, &th, &b),
                 SIGSUM_STATUS_BAD_COSIGNATURE);
    CHECK(ctx.calls == 6);
    /* ...one that accepts everything (so the library trusts the callback)... */
    ctx.forced = 1;
    th.size = 99;
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &pa_th_sig, &b), SIGSUM_STATUS_OK);
    /* ...and any value other than 1 means "not valid". */
    ctx.forced = 2;
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &pa_th_sig, &b),
                 SIGSUM_STATUS_BAD_LOG_SIGNATURE);
    ctx.forced = -5;
    CHECK_STATUS(sigsum_ed25519_verify(&pa_log_key, NULL, 0, &pa_th_sig, &b),
                 SIGSUM_STATUS_BAD_SIGNATURE);
    CHECK(ctx.calls == 9);

    /* A backend without a function is an error, not the default. */
    th = pa_tree_head();
    CHECK_STATUS(sigsum_tree_head_verify(&th, &pa_log_key, &pa_th_sig, &nofn),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(sigsum_leaf_verify(&l, &pa_submitter_key, &nofn), SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK_STATUS(sigsum_ed25519_verify(&pa_log_key, NULL, 0, &pa_th_sig, &nofn),
                 SIGSUM_STATUS_INVALID_PARAMETER);
    CHECK(ctx.calls == 9);

    /* The exported default verifier checks its pointers. */
    CHECK(sigsum_ed25519_verify_default(NULL, NULL, (const uint8_t *)"", 0, pa_th_sig.bytes) == 0);
    CHECK(sigsum_ed25519_verify_default(NULL, pa_log_key.bytes, (const uint8_t *)"", 0, NULL) == 0);
    CHECK(sigsum_ed25519_verify_default(NULL, pa_log_key.bytes, NULL, 5, pa_th_sig.bytes) == 0);
    CHECK_STATUS(sigsum_ed25519_verify(NULL, NULL, 0, &pa_th_sig, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_ed25519_verify(&pa_log_key, NULL, 0, NULL, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
    CHECK_STATUS(sigsum_ed25519_verify(&pa_log_key, NULL, 3, &pa_th_sig, NULL),
                 SIGSUM_STATUS_NULL_PARAMETER);
}

/* Ed25519 edge cases: tests/vectors/ed25519/vectors.tsv has one line per
 * vector, `id pubkey msg sig go-verdict` (hex, verdict A or r), tab
 * separated (an empty message is an empty column), `#` comments. Each vector goes through the built-in verifier
 * and through a caller callback that forwards to the exported default
 * verifier; both must give Go's verdict, and the callback must be called. */
static void test_ed25519_vectors(void)
{
    size_t len, n = 0, mismatches = 0, n_wrong_size = 0;
    char *text, *line, *save = NULL;
    struct counting_ctx ctx = {0, -1};
    sigsum_backend b;
    if (!file_exists(vectors, "ed25519/vectors.tsv")) {
        fprintf(stderr, "missing ed25519/vectors.tsv\n");
        CHECK(0);
        return;
    }
    b.verify = counting_verify;
    b.ctx = &ctx;
    text = read_file(vectors, "ed25519/vectors.tsv", &len);
    for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char id[128], pub_hex[128], msg_hex[8192], sig_hex[256], verdict[8];
        sigsum_public_key pub;
        sigsum_signature sig;
        static unsigned char msg[4096];
        int mlen, expect;
        sigsum_status s1, s2;
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        /* Tab-separated; the message column is empty for an empty message. */
        {
            char *cols[5];
            size_t nc = 0;
            char *p = line;
            cols[nc++] = p;
            while (nc < 5 && (p = strchr(p, '\t')) != NULL) {
                *p++ = '\0';
                cols[nc++] = p;
            }
            if (nc != 5 || strlen(cols[0]) >= sizeof id || strlen(cols[1]) >= sizeof pub_hex ||
                strlen(cols[2]) >= sizeof msg_hex || strlen(cols[3]) >= sizeof sig_hex ||
                strlen(cols[4]) >= sizeof verdict) {
                fprintf(stderr, "bad vector line: %s\n", line);
                CHECK(0);
                continue;
            }
            strcpy(id, cols[0]);
            strcpy(pub_hex, cols[1]);
            strcpy(msg_hex, cols[2]);
            strcpy(sig_hex, cols[3]);
            strcpy(verdict, cols[4]);
        }
        mlen = hex_to_bytes(msg_hex, msg, sizeof msg);
        if (strlen(pub_hex) != 64 || strlen(sig_hex) != 128) {
            /* A key or signature of another size cannot even be expressed
             * in the C API (fixed-size structs): Go must reject it, and
             * the hex decoders say why. */
            CHECK(verdict[0] == 'r');
            CHECK(sigsum_public_key_parse_hex(pub_hex, strlen(pub_hex), &pub, NULL) ==
                      (strlen(pub_hex) == 64 ? SIGSUM_STATUS_OK : SIGSUM_STATUS_MALFORMED_KEY) &&
                  (strlen(sig_hex) == 128) ==
                      (hex_to_bytes(sig_hex, sig.bytes, sizeof sig.bytes) == SIGSUM_SIGNATURE_SIZE));
            n_wrong_size++;
            continue;
        }
        if (mlen < 0 ||
            sigsum_public_key_parse_hex(pub_hex, strlen(pub_hex), &pub, NULL) != SIGSUM_STATUS_OK ||
            hex_to_bytes(sig_hex, sig.bytes, sizeof sig.bytes) != SIGSUM_SIGNATURE_SIZE) {
            fprintf(stderr, "bad vector %s\n", id);
            CHECK(0);
            continue;
        }
        expect = verdict[0] == 'A' ? SIGSUM_STATUS_OK : SIGSUM_STATUS_BAD_SIGNATURE;
        s1 = sigsum_ed25519_verify(&pub, msg, (size_t)mlen, &sig, NULL);
        s2 = sigsum_ed25519_verify(&pub, msg, (size_t)mlen, &sig, &b);
        if (s1 != (sigsum_status)expect || s2 != (sigsum_status)expect) {
            fprintf(stderr, "ed25519 vector %s: default %u, callback %u, Go says %s\n", id,
                    (unsigned)s1, (unsigned)s2, verdict);
            mismatches++;
        }
        n++;
    }
    free(text);
    CHECK(n > 1000);
    CHECK(mismatches == 0);
    CHECK(ctx.calls == n);
    CHECK(n + n_wrong_size == 1092);
    printf("ed25519: %lu vectors through the built-in verifier and a C callback, %lu disagree with "
           "Go; %lu more have a key or signature of the wrong size (Go rejects them too)\n",
           (unsigned long)n, (unsigned long)mismatches, (unsigned long)n_wrong_size);
}

void test_basics(const char *vectors_dir)
{
    vectors = vectors_dir;
    load_pa();
    test_version();
    test_status_str();
    test_hex();
    test_hashes();
    test_leaf();
    test_merkle_nodes();
    test_tree_head();
    test_cosignature();
    test_backends();
    test_ed25519_vectors();
    free(pa_text);
}
