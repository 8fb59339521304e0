/* Proof verification (added when libsigsum exports it). */
#include "harness.h"

void test_proof(const char *vectors)
{
    (void)vectors;
}
