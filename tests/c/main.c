/* C tests of libsigsum, written against include/sigsum.h only.
 *
 * Usage: test_api VECTORS-DIR   (the repository's tests/vectors)
 *
 * Every accept case has reject twins that assert the exact status code, and
 * every function is called with NULL pointers; outputs must be untouched on
 * failure. Prints "N passed, M failed" last and exits non-zero on any
 * failure. */
#include <stdio.h>

#include "harness.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS-DIR\n", argv[0]);
        return 2;
    }
    test_basics(argv[1]);
    test_merkle(argv[1]);
    test_policy(argv[1]);
    test_proof(argv[1]);
    test_keys(argv[1]);
    test_checkpoint(argv[1]);
    test_tlog(argv[1]);
    test_binary(argv[1]);
    return harness_finish();
}
