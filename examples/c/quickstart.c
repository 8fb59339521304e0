/* Verify a Sigsum proof with libsigsum.
 * Build: cc quickstart.c $(pkg-config --cflags --libs sigsum) -o quickstart
 * Usage: quickstart DATA-FILE SIGNER-KEY-FILE POLICY-FILE PROOF-FILE
 * (the key file in OpenSSH format, as sigsum-key writes it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sigsum.h>

#define MAX_FILE (1 << 20)

/* A whole file (at most 1 MiB) in a malloc'ed buffer, or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(MAX_FILE + 1) : NULL;
    *len = buf ? fread(buf, 1, MAX_FILE + 1, f) : 0;
    if (f) {
        fclose(f);
    }
    if (buf && *len > MAX_FILE) { /* too large: refuse, never truncate */
        free(buf);
        buf = NULL;
    }
    return buf;
}

int main(int argc, char **argv)
{
    size_t data_len, key_len, policy_len, proof_len, n_keys = 0;
    char *data, *key_file, *policy_text, *proof;
    static sigsum_public_key signers[SIGSUM_MAX_KEYS_PER_FILE];
    static sigsum_policy policy; /* caller storage, SIGSUM_POLICY_SIZE bytes */
    sigsum_hash message;
    sigsum_detail detail;
    sigsum_status s;

    if (argc != 5) {
        fprintf(stderr, "usage: %s DATA SIGNER-KEY-FILE POLICY PROOF\n", argv[0]);
        return 2;
    }
    memset(&detail, 0, sizeof detail);
    data = slurp(argv[1], &data_len);
    key_file = slurp(argv[2], &key_len);
    policy_text = slurp(argv[3], &policy_len);
    proof = slurp(argv[4], &proof_len);
    if (!data || !key_file || !policy_text || !proof) {
        fprintf(stderr, "cannot read the input files\n");
        return 2;
    }

    /* The message is the SHA-256 of the data. */
    s = sigsum_hash_sha256((const uint8_t *)data, data_len, &message);
    /* The submitter keys: every line of the OpenSSH key file. */
    if (s == SIGSUM_STATUS_OK) {
        s = sigsum_key_file_parse(key_file, key_len, signers, SIGSUM_MAX_KEYS_PER_FILE, &n_keys,
                                  NULL, &detail);
    }
    /* Load the policy once (it borrows policy_text, kept until the end). */
    if (s == SIGSUM_STATUS_OK) {
        s = sigsum_policy_load_text(policy_text, policy_len, &policy, &detail);
    }
    /* NULL freshness: no age check; NULL backend: built-in Ed25519. */
    if (s == SIGSUM_STATUS_OK) {
        s = sigsum_proof_verify(&message, signers, n_keys, &policy, proof, proof_len, NULL, NULL,
                                &detail);
    }
    if (s == SIGSUM_STATUS_OK) {
        printf("verified: leaf %llu of %llu, %u cosignatures\n",
               (unsigned long long)detail.leaf_index, (unsigned long long)detail.tree_size,
               (unsigned)detail.cosignatures_verified);
    } else {
        fprintf(stderr, "not verified (%s, line %u): %s: %s\n", sigsum_step_str(detail.step),
                (unsigned)detail.line, sigsum_status_str(s), detail.message);
    }
    free(data);
    free(key_file);
    free(policy_text);
    free(proof);
    return s == SIGSUM_STATUS_OK ? 0 : 1;
}
