"""Time verify() on the real serviceberry proof with each policy form.

Run with the wheel installed: python bench.py [path/to/tests/vectors]
"""

import sys
import timeit
from pathlib import Path

import sigsum_core as sc

vectors = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[2] / "tests" / "vectors")
proof = (vectors / "real/serviceberry-v2.proof").read_bytes()
keys = (vectors / "real/serviceberry-signer.pub").read_bytes()
data = (vectors / "real/serviceberry.message").read_bytes()
text = (vectors / "real/sigsum-test-2025-3.policy").read_bytes()

policies = {
    "builtin": sc.Policy.builtin("sigsum-test-2025-3"),
    "text": sc.Policy.from_text(text),
    "compiled": sc.Policy.from_compiled(sc.Policy.from_text(text).compile()),
}


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


for name, policy in policies.items():
    us = best(lambda: sc.verify(proof, signer_keys=keys, policy=policy, data=data), 200)
    print(f"verify serviceberry, {name} policy: {us:.1f} us")
print(f"Policy.from_text (parse {len(text)} bytes): {best(lambda: sc.Policy.from_text(text), 2000):.1f} us")
print(f"Policy.hash of the text policy (parse + compile + hash): {best(lambda: policies['text'].hash(), 2000):.1f} us")
