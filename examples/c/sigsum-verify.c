/* sigsum-verify in C, on libsigsum: a drop-in for the reference tool.
 *
 *   sigsum-verify [-k KEY-FILE]... [-p POLICY-FILE | -P POLICY-NAME] [--raw-hash]
 *                 PROOF-FILE < INPUT
 *
 * Checks that INPUT (or, with --raw-hash, the 32-byte hash given as 32 raw
 * bytes or 64 hex digits) was signed by one of the submitter keys and
 * logged as the policy requires. Exit status 0 if the proof verifies, 1
 * otherwise (the reason on stderr).
 *
 * Status: scaffold. Argument handling, key and message reading are done;
 * the proof check is wired in once libsigsum exports proof verification. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigsum.h"

#define MAX_KEYS 64

static void usage(FILE *out)
{
    fprintf(out, "usage: sigsum-verify [-k KEY-FILE]... [-p POLICY-FILE | -P POLICY-NAME] "
                 "[--raw-hash] PROOF-FILE < INPUT\n");
}

static void die(const char *what, sigsum_status s)
{
    fprintf(stderr, "sigsum-verify: %s: %s\n", what, sigsum_status_str((uint32_t)s));
    exit(1);
}

/* Read a whole stream into a malloc'ed buffer. */
static unsigned char *read_all(FILE *f, size_t *len)
{
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        size_t r;
        if (cap - n < 65536) {
            unsigned char *nb;
            cap = cap * 2 + 65536;
            nb = (unsigned char *)realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fprintf(stderr, "sigsum-verify: out of memory\n");
                exit(1);
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            break;
        }
    }
    if (ferror(f)) {
        free(buf);
        fprintf(stderr, "sigsum-verify: read error\n");
        exit(1);
    }
    *len = n;
    return buf;
}

static unsigned char *read_path(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    if (f == NULL) {
        fprintf(stderr, "sigsum-verify: opening file \"%s\" failed\n", path);
        exit(1);
    }
    buf = read_all(f, len);
    fclose(f);
    return buf;
}

/* The message: SHA-256 of the input, or with --raw-hash the input itself
 * (32 raw bytes, else 64 hex digits with surrounding white space). */
static sigsum_hash read_message(int raw_hash)
{
    size_t len, start = 0, end;
    unsigned char *in = read_all(stdin, &len);
    sigsum_hash msg;
    sigsum_status s;
    if (!raw_hash) {
        s = sigsum_sha256(in, len, &msg);
    } else if (len == SIGSUM_HASH_SIZE) {
        memcpy(msg.bytes, in, SIGSUM_HASH_SIZE);
        s = SIGSUM_STATUS_OK;
    } else {
        end = len;
        while (start < end && strchr(" \t\r\n\v\f", in[start]) != NULL) {
            start++;
        }
        while (end > start && strchr(" \t\r\n\v\f", in[end - 1]) != NULL) {
            end--;
        }
        s = sigsum_hash_from_hex((const char *)in + start, end - start, &msg);
    }
    free(in);
    if (s != SIGSUM_STATUS_OK) {
        die("reading the message", s);
    }
    return msg;
}

int main(int argc, char **argv)
{
    const char *key_files[MAX_KEYS];
    size_t n_key_files = 0, i;
    const char *policy_file = NULL, *policy_name = NULL, *proof_file = NULL;
    int raw_hash = 0;
    unsigned char *proof;
    size_t proof_len;
    sigsum_hash msg;

    for (i = 1; i < (size_t)argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < (size_t)argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-v") == 0) {
            printf("sigsum-verify (libsigsum %s)\n", sigsum_version());
            return 0;
        } else if (strcmp(a, "--raw-hash") == 0) {
            raw_hash = 1;
        } else if ((strcmp(a, "-k") == 0 || strcmp(a, "--key") == 0) && next != NULL) {
            if (n_key_files == MAX_KEYS) {
                fprintf(stderr, "sigsum-verify: too many key files\n");
                return 1;
            }
            key_files[n_key_files++] = next;
            i++;
        } else if ((strcmp(a, "-p") == 0 || strcmp(a, "--policy") == 0) && next != NULL) {
            policy_file = next;
            i++;
        } else if ((strcmp(a, "-P") == 0 || strcmp(a, "--named-policy") == 0) && next != NULL) {
            policy_name = next;
            i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            usage(stderr);
            return 1;
        } else if (proof_file == NULL) {
            proof_file = a;
        } else {
            usage(stderr);
            return 1;
        }
    }
    if (policy_file != NULL && policy_name != NULL) {
        fprintf(stderr, "sigsum-verify: The -P (--named-policy) and -p (--policy) options are "
                        "mutually exclusive.\n");
        return 1;
    }
    if (proof_file == NULL) {
        fprintf(stderr, "sigsum-verify: no proof given on command line\n");
        return 1;
    }
    if (n_key_files == 0) {
        usage(stderr);
        return 1;
    }

    for (i = 0; i < n_key_files; i++) {
        /* Scaffold: one raw hex key per line (OpenSSH lines once libsigsum
         * exports key parsing). */
        size_t len, pos = 0;
        unsigned char *text = read_path(key_files[i], &len);
        while (pos < len) {
            size_t eol = pos;
            sigsum_public_key k;
            sigsum_status s;
            while (eol < len && text[eol] != '\n') {
                eol++;
            }
            if (eol > pos) {
                s = sigsum_public_key_from_hex((const char *)text + pos, eol - pos, &k);
                if (s != SIGSUM_STATUS_OK) {
                    free(text);
                    die(key_files[i], s);
                }
            }
            pos = eol + 1;
        }
        free(text);
    }
    msg = read_message(raw_hash);
    proof = read_path(proof_file, &proof_len);
    (void)msg;
    free(proof);
    fprintf(stderr, "sigsum-verify: this libsigsum (%s) cannot verify proofs yet\n",
            sigsum_version());
    return 1;
}
