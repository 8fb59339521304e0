/* Merkle proofs over tests/vectors/merkle/ (the files the Rust tests read),
 * each accepted case with reject twins asserting the exact status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MAX_PATH 64

static int eq(const sigsum_hash *a, const sigsum_hash *b)
{
    return memcmp(a->bytes, b->bytes, SIGSUM_HASH_SIZE) == 0;
}

/* RFC 6962 MTH of leaves[0..n) with the exported node hash, as an
 * independent check of roots.txt. */
static sigsum_hash mth(const sigsum_hash *leaves, size_t n)
{
    sigsum_hash l, r, out;
    size_t k = 1;
    if (n == 0) {
        if (sigsum_sha256(NULL, 0, &out) != SIGSUM_STATUS_OK) {
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
        size_t nf, np, i, plen = 99;
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

        CHECK_STATUS(sigsum_inclusion_path_len(index, size, &plen), SIGSUM_STATUS_OK);
        CHECK(plen == np);
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, np), SIGSUM_STATUS_OK);
        CHECK_STATUS(sigsum_inclusion_root(&leaf, index, size, path, np, &got), SIGSUM_STATUS_OK);
        CHECK(eq(&got, &root));

        /* Reject twins. */
        for (i = 0; i < np; i++) {
            path[i].bytes[i % 32] ^= 0x01;
            CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, np),
                         SIGSUM_STATUS_MERKLE_ROOT_MISMATCH);
            path[i].bytes[i % 32] ^= 0x01;
        }
        leaf.bytes[0] ^= 0x80;
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, np),
                     SIGSUM_STATUS_MERKLE_ROOT_MISMATCH);
        leaf.bytes[0] ^= 0x80;
        root.bytes[31] ^= 0x01;
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, np),
                     SIGSUM_STATUS_MERKLE_ROOT_MISMATCH);
        root.bytes[31] ^= 0x01;
        if (np > 0) {
            CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, np - 1),
                         SIGSUM_STATUS_MERKLE_PATH_TOO_SHORT);
            CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, NULL, np),
                         SIGSUM_STATUS_NULL_PARAMETER);
        }
        path[np] = leaf;
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, np + 1),
                     SIGSUM_STATUS_MERKLE_PATH_TOO_LONG);
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, size, size, &root, path, np),
                     SIGSUM_STATUS_MERKLE_INDEX_OUT_OF_RANGE);
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, 0, &root, path, np),
                     SIGSUM_STATUS_MERKLE_INDEX_OUT_OF_RANGE);
        CHECK_STATUS(sigsum_inclusion_path_len(size, size, &plen),
                     SIGSUM_STATUS_MERKLE_INDEX_OUT_OF_RANGE);
        CHECK(plen == np);
        got = leaf;
        CHECK_STATUS(sigsum_inclusion_root(&leaf, index, size, path, np + 1, &got),
                     SIGSUM_STATUS_MERKLE_PATH_TOO_LONG);
        CHECK(eq(&got, &leaf));
        CHECK_STATUS(sigsum_inclusion_verify(NULL, index, size, &root, path, np),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, NULL, path, np),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_inclusion_root(&leaf, index, size, path, np, NULL),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_inclusion_verify(&leaf, index, size, &root, path, (size_t)-1),
                     SIGSUM_STATUS_INVALID_LENGTH);
    }
    free(text);
    CHECK(cases >= 5);
    CHECK_STATUS(sigsum_inclusion_path_len(0, 1, NULL), SIGSUM_STATUS_NULL_PARAMETER);
}

static void test_consistency(const char *vectors)
{
    size_t len, cases = 0;
    char *text = read_file(vectors, "merkle/consistency.txt", &len), *pos = text, *line;
    while ((line = next_line(&pos)) != NULL) {
        char *f[4 + MAX_PATH];
        size_t nf, np, i, plen = 99;
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

        CHECK_STATUS(sigsum_consistency_path_len(old_size, new_size, &plen), SIGSUM_STATUS_OK);
        CHECK(plen == np);
        CHECK_STATUS(sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, path, np),
                     SIGSUM_STATUS_OK);

        /* Reject twins. A changed path element breaks the old or the new
         * root, depending on which side it feeds. */
        for (i = 0; i < np; i++) {
            sigsum_status s;
            path[i].bytes[5] ^= 0x20;
            s = sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, path, np);
            CHECK(s == SIGSUM_STATUS_MERKLE_OLD_ROOT_MISMATCH ||
                  s == SIGSUM_STATUS_MERKLE_NEW_ROOT_MISMATCH);
            path[i].bytes[5] ^= 0x20;
        }
        old_root.bytes[0] ^= 1;
        CHECK_STATUS(sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, path, np),
                     /* Equal sizes first, (0, 0) included (spec §2.3). */
                     old_size == new_size ? SIGSUM_STATUS_MERKLE_EQUAL_SIZE_ROOTS_DIFFER
                     : old_size == 0      ? SIGSUM_STATUS_MERKLE_OLD_ROOT_NOT_EMPTY
                     /* A power-of-two old tree is a complete subtree: the
                      * old root seeds the fold, so only the new root can
                      * disagree. */
                     : (old_size & (old_size - 1)) == 0 ? SIGSUM_STATUS_MERKLE_NEW_ROOT_MISMATCH
                                                         : SIGSUM_STATUS_MERKLE_OLD_ROOT_MISMATCH);
        old_root.bytes[0] ^= 1;
        if (old_size != 0 || new_size == 0) {
            new_root.bytes[0] ^= 1;
            CHECK_STATUS(
                sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, path, np),
                old_size == new_size ? SIGSUM_STATUS_MERKLE_EQUAL_SIZE_ROOTS_DIFFER
                                     : SIGSUM_STATUS_MERKLE_NEW_ROOT_MISMATCH);
            new_root.bytes[0] ^= 1;
        }
        if (np > 0) {
            CHECK_STATUS(
                sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, path, np - 1),
                SIGSUM_STATUS_MERKLE_PATH_TOO_SHORT);
        }
        path[np] = old_root;
        CHECK_STATUS(sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, path, np + 1),
                     trivial ? SIGSUM_STATUS_MERKLE_NON_EMPTY_PATH : SIGSUM_STATUS_MERKLE_PATH_TOO_LONG);
        if (old_size != new_size) {
            CHECK_STATUS(
                sigsum_consistency_verify(new_size, old_size, &new_root, &old_root, path, np),
                SIGSUM_STATUS_MERKLE_OLD_SIZE_AFTER_NEW_SIZE);
            CHECK_STATUS(sigsum_consistency_path_len(new_size, old_size, &plen),
                         SIGSUM_STATUS_MERKLE_OLD_SIZE_AFTER_NEW_SIZE);
        }
        CHECK_STATUS(sigsum_consistency_verify(old_size, new_size, NULL, &new_root, path, np),
                     SIGSUM_STATUS_NULL_PARAMETER);
        CHECK_STATUS(sigsum_consistency_verify(old_size, new_size, &old_root, NULL, path, np),
                     SIGSUM_STATUS_NULL_PARAMETER);
        if (np > 0) {
            CHECK_STATUS(
                sigsum_consistency_verify(old_size, new_size, &old_root, &new_root, NULL, np),
                SIGSUM_STATUS_NULL_PARAMETER);
        }
    }
    free(text);
    CHECK(cases >= 7);
    CHECK_STATUS(sigsum_consistency_path_len(1, 2, NULL), SIGSUM_STATUS_NULL_PARAMETER);
}

void test_merkle(const char *vectors)
{
    test_leaves_and_roots(vectors);
    test_inclusion(vectors);
    test_consistency(vectors);
}
