/* Merkle proofs over tests/vectors/merkle/ (the files the Rust tests read),
 * each accepted case with reject twins asserting the exact status and the
 * reason in the detail message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MAX_PATH 64

static int eq(const sigsum_hash *a, const sigsum_hash *b)
{
    return memcmp(a->bytes, b->bytes, SIGSUM_HASH_SIZE) == 0;
}

/* sigsum_merkle_verify_inclusion with the expected status, step and (for
 * failures) a part of the reason. */
static void inclusion(const sigsum_hash *leaf, uint64_t index, uint64_t size,
                      const sigsum_hash *root, const sigsum_hash *path, size_t np,
                      sigsum_status want, const char *why, int line)
{
    sigsum_detail d;
    sigsum_status s = sigsum_merkle_verify_inclusion(leaf, index, size, root, path, np, &d);
    harness_check_status(s, want, "sigsum_merkle_verify_inclusion", __FILE__, line);
    if (want == SIGSUM_STATUS_INCLUSION_FAILED) {
        harness_check(d.step == SIGSUM_STEP_INCLUSION, "step", __FILE__, line);
        harness_check_message(&d, why, __FILE__, line);
    }
}
#define INCLUSION(leaf, index, size, root, path, np, want, why)                                   \
    inclusion(leaf, index, size, root, path, np, want, why, __LINE__)

static void consistency(uint64_t old_size, uint64_t new_size, const sigsum_hash *old_root,
                        const sigsum_hash *new_root, const sigsum_hash *path, size_t np,
                        sigsum_status want, const char *why, int line)
{
    sigsum_detail d;
    sigsum_status s =
        sigsum_merkle_verify_consistency(old_size, new_size, old_root, new_root, path, np, &d);
    harness_check_status(s, want, "sigsum_merkle_verify_consistency", __FILE__, line);
    if (want == SIGSUM_STATUS_CONSISTENCY_FAILED) {
        harness_check(d.step == SIGSUM_STEP_CONSISTENCY, "step", __FILE__, line);
        harness_check_message(&d, why, __FILE__, line);
    }
}
#define CONSISTENCY(old_size, new_size, old_root, new_root, path, np, want, why)                  \
    consistency(old_size, new_size, old_root, new_root, path, np, want, why, __LINE__)

/* The reasons, as the detail messages word them. */
#define ROOT_MISMATCH "does not lead to the root"
#define TOO_SHORT "path too short"
#define TOO_LONG "path too long"
#define OUT_OF_RANGE "leaf index out of range"
#define OLD_MISMATCH "old root mismatch"
#define NEW_MISMATCH "new root mismatch"
#define ROOTS_DIFFER "same tree size, but the roots differ"
#define OLD_NOT_EMPTY "old root of the empty tree"
#define NON_EMPTY_PATH "non-empty consistency path"
#define OLD_AFTER_NEW "old tree size is larger"

/* RFC 6962 MTH of leaves[0..n) with the exported node hash, as an
 * independent check of roots.txt. */
static sigsum_hash mth(const sigsum_hash *leaves, size_t n)
{
    sigsum_hash l, r, out;
    size_t k = 1;
    if (n == 0) {
        if (sigsum_hash_sha256(NULL, 0, &out) != SIGSUM_STATUS_OK) {
            exit(2);
        }
        return out;
    }
    if (n == 1) {
        return leaves[0];
    }
    while (k * 2 < n) {
        k *= 2;
    }
    l = mth(leaves, k);
    r = mth(leaves + k, n - k);
    if (sigsum_merkle_hash_node(&l, &r, &out) != SIGSUM_STATUS_OK) {
        exit(2);
    }
    return out;
}

static void test_leaves_and_roots(const char *vectors)
{
    size_t len, n_leaves = 0, n_roots = 0;
    sigsum_hash leaves[16];
    char *text = read_file(vectors, "merkle/leaves.txt", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *f[3];
        unsigned char be[8];
        sigsum_hash h;
        unsigned long i;
        int b;
        if (line[0] == '#' || split_fields(line, f, 3) != 2) {
            continue;
        }
        i = strtoul(f[0], NULL, 10);
        for (b = 0; b < 8; b++) {
            be[b] = (unsigned char)(((unsigned long long)i >> (56 - 8 * b)) & 0xff);
        }
        CHECK_STATUS(sigsum_merkle_hash_leaf(be, 8, &h), SIGSUM_STATUS_OK);
        CHECK(i == n_leaves && i < 16);
        if (i < 16) {
            leaves[i] = hash_hex(f[1]);
            CHECK(eq(&h, &leaves[i]));
        }
        n_leaves++;
    }
    free(text);
    text = read_file(vectors, "merkle/roots.txt", &len);
    pos = text;
    while ((line = next_line(&pos)) != NULL) {
        char *f[3];
        size_t n;
        sigsum_hash want, got;
        if (line[0] == '#' || split_fields(line, f, 3) != 2) {
            continue;
        }
        n = (size_t)strtoul(f[0], NULL, 10);
        want = hash_hex(f[1]);
        CHECK(n <= n_leaves);
        if (n <= n_leaves) {
            got = mth(leaves, n);
            CHECK(eq(&got, &want));
        }
        n_roots++;
    }
    free(text);
    CHECK(n_leaves >= 8 && n_roots >= 8);
}

static void test_inclusion(const char *vectors)
{
    size_t len, cases = 0;
    char *text = read_file(vectors, "merkle/inclusion.txt", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *f[4 + MAX_PATH];
        size_t nf, np, i;
        uint64_t index, size;
        sigsum_hash leaf, root, path[MAX_PATH + 1], got = {{0}};
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        nf = split_fields(line, f, 4 + MAX_PATH);
        if (nf < 4) {
            CHECK(0);
            continue;
        }
        index = strtoull(f[0], NULL, 10);
        size = strtoull(f[1], NULL, 10);
        leaf = hash_hex(f[2]);
        root = hash_hex(f[3]);
        np = nf - 4;
        for (i = 0; i < np; i++) {
            path[i] = hash_hex(f[4 + i]);
        }
        cases++;

        INCLUSION(&leaf, index, size, &root, path, np, SIGSUM_STATUS_OK, "");
        CHECK_STATUS(sigsum_merkle_compute_root(&leaf, index, size, path, np, &got, NULL),
                     SIGSUM_STATUS_OK);
        CHECK(eq(&got, &root));

        /* Reject twins. */
        for (i = 0; i < np; i++) {
            path[i].bytes[i % 32] ^= 0x01;
            INCLUSION(&leaf, index, size, &root, path, np, SIGSUM_STATUS_INCLUSION_FAILED,
                      ROOT_MISMATCH);
            path[i].bytes[i % 32] ^= 0x01;
        }
        leaf.bytes[0] ^= 0x80;
        INCLUSION(&leaf, index, size, &root, path, np, SIGSUM_STATUS_INCLUSION_FAILED,
                  ROOT_MISMATCH);
        leaf.bytes[0] ^= 0x80;
        root.bytes[31] ^= 0x01;
        INCLUSION(&leaf, index, size, &root, path, np, SIGSUM_STATUS_INCLUSION_FAILED,
                  ROOT_MISMATCH);
        root.bytes[31] ^= 0x01;
        if (np > 0) {
            INCLUSION(&leaf, index, size, &root, path, np - 1, SIGSUM_STATUS_INCLUSION_FAILED,
                      TOO_SHORT);
            INCLUSION(&leaf, index, size, &root, NULL, np, SIGSUM_STATUS_NULL_PARAMETER, "");
        }
        path[np] = leaf;
        INCLUSION(&leaf, index, size, &root, path, np + 1, SIGSUM_STATUS_INCLUSION_FAILED,
                  TOO_LONG);
        INCLUSION(&leaf, size, size, &root, path, np, SIGSUM_STATUS_INCLUSION_FAILED,
                  OUT_OF_RANGE);
        INCLUSION(&leaf, index, 0, &root, path, np, SIGSUM_STATUS_INCLUSION_FAILED, OUT_OF_RANGE);
        got = leaf;
        {
            sigsum_detail d;
            CHECK_STATUS(sigsum_merkle_compute_root(&leaf, index, size, path, np + 1, &got, &d),
                         SIGSUM_STATUS_INCLUSION_FAILED);
            CHECK(d.step == SIGSUM_STEP_INCLUSION);
            CHECK_MESSAGE(&d, TOO_LONG);
        }
        CHECK(eq(&got, &leaf));
        INCLUSION(NULL, index, size, &root, path, np, SIGSUM_STATUS_NULL_PARAMETER, "");
        INCLUSION(&leaf, index, size, NULL, path, np, SIGSUM_STATUS_NULL_PARAMETER, "");
        CHECK_STATUS(sigsum_merkle_compute_root(&leaf, index, size, path, np, NULL, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        INCLUSION(&leaf, index, size, &root, path, (size_t)-1, SIGSUM_STATUS_INVALID_PARAMETER, "");
    }
    free(text);
    CHECK(cases >= 5);
}

static void test_consistency(const char *vectors)
{
    size_t len, cases = 0;
    char *text = read_file(vectors, "merkle/consistency.txt", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *f[4 + MAX_PATH];
        size_t nf, np, i;
        uint64_t old_size, new_size;
        sigsum_hash old_root, new_root, path[MAX_PATH + 1];
        int trivial;
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        nf = split_fields(line, f, 4 + MAX_PATH);
        if (nf < 4) {
            CHECK(0);
            continue;
        }
        old_size = strtoull(f[0], NULL, 10);
        new_size = strtoull(f[1], NULL, 10);
        old_root = hash_hex(f[2]);
        new_root = hash_hex(f[3]);
        np = nf - 4;
        for (i = 0; i < np; i++) {
            path[i] = hash_hex(f[4 + i]);
        }
        trivial = old_size == 0 || old_size == new_size;
        cases++;

        CONSISTENCY(old_size, new_size, &old_root, &new_root, path, np, SIGSUM_STATUS_OK, "");

        /* Reject twins. A changed path element breaks the old or the new
         * root, depending on which side it feeds. */
        for (i = 0; i < np; i++) {
            sigsum_detail d;
            path[i].bytes[5] ^= 0x20;
            CHECK_STATUS(sigsum_merkle_verify_consistency(old_size, new_size, &old_root, &new_root,
                                                          path, np, &d),
                         SIGSUM_STATUS_CONSISTENCY_FAILED);
            CHECK(strstr(d.message, OLD_MISMATCH) != NULL || strstr(d.message, NEW_MISMATCH) != NULL);
            path[i].bytes[5] ^= 0x20;
        }
        old_root.bytes[0] ^= 1;
        CONSISTENCY(old_size, new_size, &old_root, &new_root, path, np,
                    SIGSUM_STATUS_CONSISTENCY_FAILED,
                    /* Equal sizes first, (0, 0) included (as sigsum-go's VerifyConsistency). */
                    old_size == new_size ? ROOTS_DIFFER
                    : old_size == 0      ? OLD_NOT_EMPTY
                    /* A power-of-two old tree is a complete subtree: the
                     * old root seeds the fold, so only the new root can
                     * disagree. */
                    : (old_size & (old_size - 1)) == 0 ? NEW_MISMATCH
                                                        : OLD_MISMATCH);
        old_root.bytes[0] ^= 1;
        if (old_size != 0 || new_size == 0) {
            new_root.bytes[0] ^= 1;
            CONSISTENCY(old_size, new_size, &old_root, &new_root, path, np,
                        SIGSUM_STATUS_CONSISTENCY_FAILED,
                        old_size == new_size ? ROOTS_DIFFER : NEW_MISMATCH);
            new_root.bytes[0] ^= 1;
        }
        if (np > 0) {
            CONSISTENCY(old_size, new_size, &old_root, &new_root, path, np - 1,
                        SIGSUM_STATUS_CONSISTENCY_FAILED, TOO_SHORT);
        }
        path[np] = old_root;
        CONSISTENCY(old_size, new_size, &old_root, &new_root, path, np + 1,
                    SIGSUM_STATUS_CONSISTENCY_FAILED, trivial ? NON_EMPTY_PATH : TOO_LONG);
        if (old_size != new_size) {
            CONSISTENCY(new_size, old_size, &new_root, &old_root, path, np,
                        SIGSUM_STATUS_CONSISTENCY_FAILED, OLD_AFTER_NEW);
        }
        CONSISTENCY(old_size, new_size, NULL, &new_root, path, np, SIGSUM_STATUS_NULL_PARAMETER, "");
        CONSISTENCY(old_size, new_size, &old_root, NULL, path, np, SIGSUM_STATUS_NULL_PARAMETER, "");
        if (np > 0) {
            CONSISTENCY(old_size, new_size, &old_root, &new_root, NULL, np,
                        SIGSUM_STATUS_NULL_PARAMETER, "");
        }
    }
    free(text);
    CHECK(cases >= 7);
}

void test_merkle(const char *vectors)
{
    test_leaves_and_roots(vectors);
    test_inclusion(vectors);
    test_consistency(vectors);
}
