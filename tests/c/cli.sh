#!/bin/sh
# Command-line tests of the C sigsum-verify (examples/c/sigsum-verify.c) on
# the shared vectors: exit status 0 for accepted proofs, 1 with one line on
# stderr for rejected ones. If a second verifier is given (the Rust
# sigsum-verify), every case is also run through it and the exit statuses
# must agree.
#
# Usage: tests/c/cli.sh C-SIGSUM-VERIFY [OTHER-SIGSUM-VERIFY]
set -u
c_tool=$1
other=${2:-}
cd "$(dirname "$0")/../vectors" || exit 2
passed=0
failed=0
# Named policies: only the scratch directory below, never the host's.
SIGSUM_POLICY_DIR=$(mktemp -d)
export SIGSUM_POLICY_DIR
trap 'rm -rf "$SIGSUM_POLICY_DIR"' EXIT
cp proofs/pa.policy "$SIGSUM_POLICY_DIR/my-policy.sigsum-policy"

# case NAME WANT-EXIT STDIN-FILE ARGS...
case_() {
    name=$1 want=$2 input=$3
    shift 3
    err=$("$c_tool" "$@" < "$input" 2>&1 >/dev/null)
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, want $want: $err" >&2
        failed=$((failed + 1))
    elif [ "$want" -ne 0 ] && [ "$(printf '%s\n' "$err" | grep -c .)" -ne 1 ]; then
        echo "FAIL $name: want exactly one line on stderr, got: $err" >&2
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
    if [ -n "$other" ]; then
        "$other" "$@" < "$input" >/dev/null 2>&1
        o=$?
        if [ "$o" -ne "$got" ]; then
            echo "FAIL $name: C tool exit $got, other tool exit $o" >&2
            failed=$((failed + 1))
        else
            passed=$((passed + 1))
        fi
    fi
}

P=proofs
case_ "P-a raw hash" 0 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy --raw-hash $P/pa.proof
case_ "P-b raw hash" 0 $P/pb.message -k $P/pb-signer.pub -p $P/pb.policy --raw-hash $P/pb.proof
case_ "P-a hex message" 0 ffi/pa-message.hex -k $P/pa-signer.pub --policy=$P/pa.policy --raw-hash $P/pa.proof
case_ "barreleye odd, builtin" 0 $P/barreleye-v1-odd.data -k $P/barreleye-signer.pub -P sigsum-test1-2025 $P/barreleye-v1-odd.proof
case_ "barreleye even, file" 0 $P/barreleye-v1-even.data -k $P/barreleye-signer.pub -p real/sigsum-test1-2025.policy $P/barreleye-v1-even.proof
case_ "serviceberry" 0 real/serviceberry.message -k real/serviceberry-signer.pub -P sigsum-test-2025-3 real/serviceberry-v2.proof
case_ "serviceberry, two key files" 0 real/serviceberry.message -k $P/pa-signer.pub -k real/serviceberry-signer.pub --named-policy=sigsum-test-2025-3 real/serviceberry-v2.proof
case_ "serviceberry, -- before the proof" 0 real/serviceberry.message -k real/serviceberry-signer.pub -P sigsum-test-2025-3 -- real/serviceberry-v2.proof
case_ "serviceberry, generous max age" 0 real/serviceberry.message -k real/serviceberry-signer.pub -P sigsum-test-2025-3 --max-age 9000000000 real/serviceberry-v2.proof
case_ "policy named in the key file" 0 $P/barreleye-v1-odd.data -k $P/barreleye-signer-policy.pub $P/barreleye-v1-odd.proof
case_ "policy named in the key file (serviceberry)" 0 real/serviceberry.message -k real/serviceberry-signer-policy.pub real/serviceberry-v2.proof
case_ "-P overrides the key file's policy" 0 real/serviceberry.message -k real/serviceberry-signer-policy.pub -P sigsum-test-2025-3 real/serviceberry-v2.proof
case_ "-p overrides the key file's policy" 0 $P/pa.message -k $P/barreleye-signer-policy.pub -k $P/pa-signer.pub -p $P/pa.policy --raw-hash $P/pa.proof
case_ "installed named policy" 0 $P/pa.message -k $P/pa-signer.pub -P my-policy --raw-hash $P/pa.proof
# Rejections.
case_ "serviceberry too old" 1 real/serviceberry.message -k real/serviceberry-signer.pub -P sigsum-test-2025-3 --max-age 60 real/serviceberry-v2.proof
case_ "P-b has no quorum timestamp" 1 $P/pb.message -k $P/pb-signer.pub -p $P/pb.policy --raw-hash --max-age 9000000000 $P/pb.proof
case_ "P-a without --raw-hash" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy $P/pa.proof
case_ "P-a, other policy" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pb.policy --raw-hash $P/pa.proof
case_ "P-a, other signer" 1 $P/pa.message -k $P/pb-signer.pub -p $P/pa.policy --raw-hash $P/pa.proof
case_ "serviceberry, wrong builtin" 1 real/serviceberry.message -k real/serviceberry-signer.pub -P sigsum-test1-2025 real/serviceberry-v2.proof
case_ "stray line" 1 $P/barreleye-v1-odd.data -k $P/barreleye-signer.pub -P sigsum-test1-2025 $P/sigsum-ts-stray-line.proof
case_ "legacy formats" 1 $P/legacy-tools-old-friend.data -k $P/legacy-tools-signer.pub -p $P/legacy-tools.policy $P/legacy-tools-old-friend.proof
case_ "odd proof, even data" 1 $P/barreleye-v1-even.data -k $P/barreleye-signer.pub -P sigsum-test1-2025 $P/barreleye-v1-odd.proof
case_ "key files disagree on the policy" 1 $P/barreleye-v1-odd.data -k $P/barreleye-signer-policy.pub -k real/serviceberry-signer-policy.pub $P/barreleye-v1-odd.proof
case_ "one key file without policy name" 1 $P/barreleye-v1-odd.data -k $P/barreleye-signer-policy.pub -k $P/pa-signer.pub $P/barreleye-v1-odd.proof
case_ "key file policy: wrong log" 1 real/serviceberry.message -k real/serviceberry-signer.pub -k $P/barreleye-signer-policy.pub -P sigsum-test1-2025 real/serviceberry-v2.proof
case_ "hex key file is not OpenSSH" 1 $P/pa.message -k $P/pa-signer.hex -p $P/pa.policy --raw-hash $P/pa.proof
case_ "no policy at all" 1 $P/pa.message -k $P/pa-signer.pub --raw-hash $P/pa.proof
# Usage errors.
case_ "no key" 1 $P/pa.message -p $P/pa.policy --raw-hash $P/pa.proof
case_ "no proof" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy --raw-hash
case_ "-p and -P" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy -P sigsum-test1-2025 --raw-hash $P/pa.proof
case_ "bad policy name" 1 $P/pa.message -k $P/pa-signer.pub -P ../etc --raw-hash $P/pa.proof
case_ "unknown builtin" 1 $P/pa.message -k $P/pa-signer.pub -P no-such-policy --raw-hash $P/pa.proof
case_ "missing proof file" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy --raw-hash $P/no-such.proof
case_ "bad max age" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy --raw-hash --max-age 01 $P/pa.proof
case_ "option without value" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy --raw-hash $P/pa.proof -P
case_ "unknown option" 1 $P/pa.message -k $P/pa-signer.pub -p $P/pa.policy --raw-hash --frobnicate $P/pa.proof

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
