/* sigsum-verify in C, on libsigsum: a drop-in for the reference tool.
 *
 *   sigsum-verify [-k KEY-FILE]... [-p POLICY-FILE | -P POLICY-NAME] [--raw-hash]
 *                 [--max-age SECONDS] PROOF-FILE < INPUT
 *
 * Checks that INPUT (or, with --raw-hash, the 32-byte message given as 32
 * raw bytes or 64 hex digits) was signed by one of the submitter keys and
 * logged and cosigned as the trust policy requires. Exit status 0 if the
 * proof verifies, 1 otherwise, with one line on stderr naming the failing
 * step.
 *
 * -P NAME uses $SIGSUM_POLICY_DIR/NAME.sigsum-policy (default directory
 * /etc/sigsum/policy) if that file exists, else the builtin policy NAME.
 *
 * Plain C99 on the public libsigsum API only; all memory is the
 * program's own (libsigsum allocates nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sigsum.h"

#define MAX_KEY_FILES 64

static const char USAGE[] =
    "Usage: sigsum-verify [-k KEY-FILE]... [-p POLICY-FILE | -P POLICY-NAME] [--raw-hash]\n"
    "                     [--max-age SECONDS] PROOF-FILE < INPUT\n"
    "\n"
    "Verify that a message's signed checksum is logged for a given trust policy.\n"
    "The message to be verified is read on stdin.\n"
    "\n"
    "  -k, --key KEY-FILE          submitter public keys, one per line in OpenSSH\n"
    "                              format (may be repeated)\n"
    "  -p, --policy POLICY-FILE    trust policy file (logs, witnesses, quorum rule)\n"
    "  -P, --named-policy NAME     named trust policy: $SIGSUM_POLICY_DIR/NAME.sigsum-policy\n"
    "                              (default /etc/sigsum/policy), else a builtin\n"
    "      --raw-hash              INPUT is the message itself: 32 raw bytes, or 64 hex\n"
    "                              digits (surrounding white space ignored)\n"
    "      --max-age SECONDS       also require the quorum's cosignature timestamp to be\n"
    "                              at most SECONDS old\n"
    "  -v, --version               show the version and exit\n"
    "      --help                  show this help and exit\n"
    "\n"
    "Without -p or -P, the policy named by sigsum-policy=\"NAME\" in the key files\n"
    "is used (all key lines must agree). Exit status 0 if the proof verifies, 1 on\n"
    "any failure (one line on stderr names the failing step).\n";

static void fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "sigsum-verify: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

static void fail_status(const char *what, const char *arg, sigsum_status s)
{
    fprintf(stderr, "sigsum-verify: %s%s: %s\n", what, arg, sigsum_status_str((uint32_t)s));
    exit(1);
}

/* As fail_status, with the line and reason of a detail. */
static void fail_detail(const char *what, const char *arg, sigsum_status s, const sigsum_detail *d)
{
    char where[32] = "";
    if (d->line != 0) {
        snprintf(where, sizeof where, ": line %u", (unsigned)d->line);
    }
    fprintf(stderr, "sigsum-verify: %s%s%s: %s: %s\n", what, arg, where,
            sigsum_status_str((uint32_t)s), d->message);
    exit(1);
}

/* A canonical decimal (0, or digits without a leading zero) of at most
 * 2^63 - 1, as sigsum-go parses numbers; returns 0 if `text` is not one. */
static int parse_decimal(const char *text, uint64_t *out)
{
    uint64_t v = 0;
    size_t i, n = strlen(text);
    if (n == 0 || n > 19 || (text[0] == '0' && n > 1)) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return 0;
        }
        v = v * 10 + (uint64_t)(text[i] - '0');
    }
    if (v > UINT64_C(9223372036854775807)) {
        return 0;
    }
    *out = v;
    return 1;
}

/* Read a whole stream into a malloc'ed buffer (NUL-terminated; the NUL is
 * not counted). */
static char *read_all(FILE *f, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        size_t r;
        if (cap - n < 65536) {
            char *nb;
            cap = cap * 2 + 65536;
            nb = (char *)realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fail("%s", "out of memory");
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) {
            break;
        }
    }
    if (ferror(f)) {
        free(buf);
        fail("%s", "read error");
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static char *read_path(const char *path, const char *what, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    if (f == NULL) {
        fprintf(stderr, "sigsum-verify: reading %s %s failed\n", what, path);
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
    char *in = read_all(stdin, &len);
    sigsum_hash msg;
    sigsum_status s;
    if (!raw_hash) {
        s = sigsum_hash_sha256((const uint8_t *)in, len, &msg);
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
        s = sigsum_hash_parse_hex(in + start, end - start, &msg, NULL);
    }
    free(in);
    if (s != SIGSUM_STATUS_OK) {
        fail_status("reading message", "", s);
    }
    return msg;
}

/* Append the keys of one OpenSSH key file (as sigsum-go's -k files:
 * `[sigsum-policy="NAME"] ssh-ed25519 KEY [comment]` lines, `#` comments)
 * to keys[*n], skipping keys seen before. If want_policy, the file's
 * sigsum-policy name must equal the previous files' (none counts as a
 * name); it is copied to policy (cap bytes). */
static void read_keys(const char *path, sigsum_public_key *keys, size_t *n, int want_policy,
                      int first, char *policy, size_t cap)
{
    static sigsum_public_key file_keys[SIGSUM_MAX_KEYS_PER_FILE];
    size_t len, count = 0, i, j;
    char *text = read_path(path, "key file", &len);
    sigsum_span name = {0, 0};
    sigsum_detail d;
    sigsum_status s = sigsum_key_file_parse(text, len, file_keys, SIGSUM_MAX_KEYS_PER_FILE, &count,
                                            want_policy ? &name : NULL, &d);
    if (s != SIGSUM_STATUS_OK) {
        free(text);
        fail_detail("reading key file ", path, s, &d);
    }
    if (want_policy) {
        char this_name[256] = "";
        if (name.len >= sizeof this_name) {
            free(text);
            fail("reading key file %s: policy name too long", path);
        }
        memcpy(this_name, text + name.offset, name.len);
        this_name[name.len] = '\0';
        if (!first && strcmp(this_name, policy) != 0) {
            free(text);
            fail("reading key file %s: sigsum-policy differs from the previous key files", path);
        }
        snprintf(policy, cap, "%s", this_name);
    }
    free(text);
    for (i = 0; i < count; i++) {
        for (j = 0; j < *n && memcmp(&keys[j], &file_keys[i], sizeof keys[j]) != 0; j++) {
        }
        if (j < *n) {
            continue;
        }
        if (*n == SIGSUM_MAX_SIGNER_KEYS) {
            fail("too many submitter keys (at most %s)", "256");
        }
        keys[(*n)++] = file_keys[i];
    }
}

/* An option's value: `--opt=value`, `-xvalue`, or the next argument. */
static const char *value(int argc, char **argv, int *i, const char *inline_value)
{
    if (inline_value != NULL) {
        return inline_value;
    }
    if (*i + 1 >= argc) {
        fprintf(stderr, "sigsum-verify: option %s needs a value (see --help)\n", argv[*i]);
        exit(1);
    }
    return argv[++*i];
}

int main(int argc, char **argv)
{
    const char *key_files[MAX_KEY_FILES];
    size_t n_key_files = 0, n_keys = 0, i, proof_len;
    const char *policy_file = NULL, *policy_name = NULL, *proof_file = NULL;
    const char *max_age_arg = NULL;
    int raw_hash = 0, only_positional = 0, a;
    char *proof, *policy_text = NULL;
    static sigsum_public_key keys[SIGSUM_MAX_SIGNER_KEYS];
    static sigsum_policy policy; /* borrows policy_text once loaded */
    sigsum_hash msg;
    sigsum_freshness freshness;
    sigsum_detail detail;
    sigsum_status s;
    uint64_t max_age = 0;
    static char key_policy[256];

    for (a = 1; a < argc; a++) {
        const char *arg = argv[a], *inline_value = NULL;
        char name[64];
        /* As sigsum-go's getopt: the first operand (the proof file) ends the
         * options, and nothing may follow it, so an option appended after
         * the proof can never make the command succeed unverified. */
        if (proof_file != NULL) {
            fail("unexpected argument after the proof file: \"%s\" (see --help)", arg);
        }
        if (only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
            proof_file = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (arg[1] == '-') {
            const char *eq = strchr(arg, '=');
            size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
            if (n >= sizeof name) {
                n = sizeof name - 1;
            }
            memcpy(name, arg, n);
            name[n] = '\0';
            inline_value = eq ? eq + 1 : NULL;
        } else {
            name[0] = '-';
            name[1] = arg[1];
            name[2] = '\0';
            inline_value = arg[2] != '\0' ? arg + 2 : NULL;
        }
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(name, "--version") == 0 || strcmp(name, "-v") == 0) {
            printf("sigsum-verify (libsigsum %s)\n", sigsum_version_str());
            return 0;
        } else if (strcmp(name, "--raw-hash") == 0 && inline_value == NULL) {
            raw_hash = 1;
        } else if (strcmp(name, "-k") == 0 || strcmp(name, "--key") == 0) {
            if (n_key_files == MAX_KEY_FILES) {
                fail("%s", "too many key files");
            }
            key_files[n_key_files++] = value(argc, argv, &a, inline_value);
        } else if (strcmp(name, "-p") == 0 || strcmp(name, "--policy") == 0) {
            if (policy_file != NULL) {
                fail("%s", "option -p given twice");
            }
            policy_file = value(argc, argv, &a, inline_value);
        } else if (strcmp(name, "-P") == 0 || strcmp(name, "--named-policy") == 0) {
            if (policy_name != NULL) {
                fail("%s", "option -P given twice");
            }
            policy_name = value(argc, argv, &a, inline_value);
        } else if (strcmp(name, "--max-age") == 0) {
            max_age_arg = value(argc, argv, &a, inline_value);
            if (!parse_decimal(max_age_arg, &max_age)) {
                fail("--max-age %s: not a decimal number of seconds below 2^63", max_age_arg);
            }
        } else {
            fprintf(stderr, "sigsum-verify: unknown option %s (see --help)\n", name);
            return 1;
        }
    }
    if (policy_file != NULL && policy_name != NULL) {
        fail("%s", "the -P (--named-policy) and -p (--policy) options are mutually exclusive");
    }
    if (n_key_files == 0) {
        fail("%s", "no submitter key file given (-k)");
    }
    if (proof_file == NULL) {
        fail("%s", "no proof file given on the command line");
    }

    /* The key files' sigsum-policy name counts only without -p and -P. */
    for (i = 0; i < n_key_files; i++) {
        read_keys(key_files[i], keys, &n_keys, policy_file == NULL && policy_name == NULL, i == 0,
                  key_policy, sizeof key_policy);
    }
    if (policy_file == NULL && policy_name == NULL && key_policy[0] != '\0') {
        policy_name = key_policy;
    }
    msg = read_message(raw_hash);
    proof = read_path(proof_file, "proof", &proof_len);

    /* The policy: -p FILE, or -P NAME (installed file, else builtin). */
    if (policy_file != NULL) {
        size_t len;
        policy_text = read_path(policy_file, "policy", &len);
        s = sigsum_policy_load_text(policy_text, len, &policy, &detail);
        if (s != SIGSUM_STATUS_OK) {
            fail_detail("invalid policy ", policy_file, s, &detail);
        }
    } else if (policy_name != NULL) {
        const char *dir = getenv("SIGSUM_POLICY_DIR");
        char path[4096];
        FILE *f;
        s = sigsum_policy_check_name(policy_name, strlen(policy_name));
        if (s != SIGSUM_STATUS_OK) {
            fail_status("policy ", policy_name, s);
        }
        snprintf(path, sizeof path, "%s/%s.sigsum-policy",
                 dir != NULL && dir[0] != '\0' ? dir : "/etc/sigsum/policy", policy_name);
        f = fopen(path, "rb");
        if (f != NULL) {
            size_t len;
            policy_text = read_all(f, &len);
            fclose(f);
            s = sigsum_policy_load_text(policy_text, len, &policy, &detail);
            if (s != SIGSUM_STATUS_OK) {
                fail_detail("invalid policy ", path, s, &detail);
            }
        } else {
            s = sigsum_policy_load_builtin(policy_name, strlen(policy_name), &policy, &detail);
            if (s != SIGSUM_STATUS_OK) {
                fail_status("policy ", policy_name, s);
            }
        }
    } else {
        fail("%s", "no policy: give -p or -P, or sigsum-policy=\"NAME\" in the key file");
    }

    /* --max-age: the quorum timestamp at most that old. A timestamp in
     * the future counts as age 0 (any clock skew), as the Rust tool. */
    if (max_age_arg != NULL) {
        time_t now = time(NULL);
        freshness.now = now < 0 ? 0 : (uint64_t)now;
        freshness.max_age = max_age;
        freshness.max_skew = UINT64_MAX;
    }
    s = sigsum_proof_verify(&msg, keys, n_keys, &policy, proof, proof_len,
                            max_age_arg != NULL ? &freshness : NULL, NULL, &detail);
    free(proof);
    free(policy_text);
    if (s != SIGSUM_STATUS_OK) {
        if (detail.step == SIGSUM_STEP_PROOF_PARSE) {
            fail_detail("invalid proof", "", s, &detail);
        }
        fprintf(stderr, "sigsum-verify: proof failed to verify (%s): %s: %s\n",
                sigsum_step_str(detail.step), sigsum_status_str(s), detail.message);
        return 1;
    }
    return 0;
}
