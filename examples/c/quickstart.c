/* Verify a Sigsum proof with libsigsum.
 * Build: cc quickstart.c $(pkg-config --cflags --libs sigsum) -o quickstart
 * Usage: quickstart DATA-FILE SIGNER-KEY-HEX POLICY-FILE PROOF-FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sigsum.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 20);
    *len = f && buf ? fread(buf, 1, 1 << 20, f) : 0;
    if (f) {
        fclose(f);
    }
    return buf;
}

int main(int argc, char **argv)
{
    size_t data_len, key_len, policy_len, proof_len;
    char *data, *key_hex, *policy_text, *proof;
    sigsum_hash message;
    sigsum_public_key signer;
    sigsum_policy policy;
    sigsum_detail detail;
    sigsum_status s;

    if (argc != 5) {
        fprintf(stderr, "usage: %s DATA SIGNER-KEY-HEX POLICY PROOF\n", argv[0]);
        return 2;
    }
    memset(&detail, 0, sizeof detail);
    data = slurp(argv[1], &data_len); /* (files up to 1 MiB) */
    key_hex = slurp(argv[2], &key_len);
    policy_text = slurp(argv[3], &policy_len);
    proof = slurp(argv[4], &proof_len);

    /* The message is the SHA-256 of the data; the key is 64 hex digits. */
    s = sigsum_sha256((const uint8_t *)data, data_len, &message);
    if (s == SIGSUM_STATUS_OK) {
        s = sigsum_public_key_from_hex(key_hex, key_len > 64 ? 64 : key_len, &signer);
    }
    if (s == SIGSUM_STATUS_OK) {
        policy.format = SIGSUM_POLICY_TEXT;
        policy.data = policy_text;
        policy.len = policy_len;
        /* NULL backend: the built-in Ed25519 verifier. */
        s = sigsum_proof_verify(&message, &signer, 1, &policy, proof, proof_len, NULL, &detail);
    }
    if (s == SIGSUM_STATUS_OK) {
        printf("verified: leaf %llu of %llu, %u cosignatures\n",
               (unsigned long long)detail.leaf_index, (unsigned long long)detail.tree_size,
               (unsigned)detail.cosignatures_verified);
    } else {
        fprintf(stderr, "not verified (%s, line %u): %s\n", sigsum_step_str(detail.step),
                (unsigned)detail.line, sigsum_status_str(s));
    }
    free(data);
    free(key_hex);
    free(policy_text);
    free(proof);
    return s == SIGSUM_STATUS_OK ? 0 : 1;
}
