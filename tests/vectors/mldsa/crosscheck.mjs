// Cross-check of the ML-DSA-44 cosignature vectors with @noble/post-quantum,
// a JavaScript FIPS 204 implementation we did not write.
//
//   npm install @noble/post-quantum@0.7.1     (in a scratch directory)
//   NODE_PATH=<scratch>/node_modules node crosscheck.mjs [--check]
//
// As crosscheck.py: for each case of rustcrypto.json the cosigned_message
// is rebuilt here and must equal ours; the key from the seed, the key id
// and our deterministic signature must equal noble's; our signature must
// verify with noble; a randomized noble signature is written to noble.json
// (or, with --check, the committed one is verified). Also checks the real
// torchwood vector. Pure ML-DSA, empty context.
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(join(process.env.NODE_PATH || ".", "x.js"));
const { ml_dsa44 } = require("@noble/post-quantum/ml-dsa.js");

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "noble.json");
const check = process.argv.includes("--check");
const hex = (b) => Buffer.from(b).toString("hex");
const unhex = (s) => new Uint8Array(Buffer.from(s, "hex"));
const u64 = (s) => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(s)); return b; };
function assert(ok, what) { if (!ok) { throw new Error(what); } }

function cosignedMessage(name, ts, origin, start, end, root) {
  assert(name.length >= 1 && name.length <= 255 && origin.length >= 1 && origin.length <= 255, "lengths");
  return new Uint8Array(Buffer.concat([Buffer.from("subtree/v1\n\0"), Buffer.from([name.length]), name,
    u64(ts), Buffer.from([origin.length]), origin, u64(start), u64(end), root]));
}
const keyId = (name, pk) =>
  createHash("sha256").update(Buffer.concat([name, Buffer.from([0x0a, 0x06]), pk])).digest().subarray(0, 4).toString("hex");

function checkTorchwood() {
  const vkey = readFileSync(join(here, "torchwood-mldsa-log.vkey"), "utf8").trim();
  const [name, kid] = vkey.split("+", 2);
  const raw = Buffer.from(vkey.slice(name.length + kid.length + 2), "base64");
  assert(raw[0] === 6 && raw.length === 1313, "torchwood vkey");
  const pk = raw.subarray(1);
  assert(keyId(Buffer.from(name), pk) === kid, "torchwood key id");
  const seed = unhex("2886adc2b0eabfce67c0472939127998bf886cf256bfee8ba76a253fce1146e0");
  assert(hex(ml_dsa44.keygen(seed).publicKey) === hex(pk), "torchwood seed");
  const [body, sigs] = readFileSync(join(here, "torchwood-mldsa-log.checkpoint"), "utf8").split("\n\n");
  const [origin, size, root] = body.split("\n");
  const blob = Buffer.from(sigs.trim().split(" ").pop(), "base64");
  assert(blob.subarray(0, 4).toString("hex") === kid && blob.length === 2432, "torchwood blob");
  const msg = cosignedMessage(Buffer.from(name), blob.readBigUInt64BE(4), Buffer.from(origin), 0, size,
    Buffer.from(root, "base64"));
  assert(ml_dsa44.verify(new Uint8Array(blob.subarray(12)), msg, new Uint8Array(pk)), "torchwood verify");
}

checkTorchwood();
const ours = JSON.parse(readFileSync(join(here, "rustcrypto.json"), "utf8")).cases;
const old = check ? JSON.parse(readFileSync(out, "utf8")).cases : null;
const res = ours.map((c, i) => {
  const name = Buffer.from(c.cosigner, "utf8"), origin = Buffer.from(c.origin, "utf8");
  const msg = cosignedMessage(name, c.timestamp, origin, c.start, c.end, unhex(c.hash));
  assert(hex(msg) === c.message, `case ${i}: message layout differs`);
  const { publicKey, secretKey } = ml_dsa44.keygen(unhex(c.seed));
  assert(hex(publicKey) === c.public_key, `case ${i}: key`);
  assert(keyId(name, publicKey) === c.key_id, `case ${i}: key id`);
  const sig = unhex(c.signature);
  assert(ml_dsa44.verify(sig, msg, publicKey), `case ${i}: ours rejected`);
  const bad = msg.slice(); bad[bad.length - 1] ^= 1;
  assert(!ml_dsa44.verify(sig, bad, publicKey), `case ${i}: changed message accepted`);
  const det = ml_dsa44.sign(msg, secretKey, { extraEntropy: false });
  assert(hex(det) === c.signature, `case ${i}: deterministic signatures differ`);
  let hedged;
  if (check) {
    assert(old[i].message === c.message && old[i].public_key === c.public_key, `case ${i}: old file`);
    hedged = unhex(old[i].hedged_signature);
  } else {
    hedged = ml_dsa44.sign(msg, secretKey);
  }
  assert(hex(hedged) !== hex(det) && ml_dsa44.verify(hedged, msg, publicKey), `case ${i}: hedged`);
  return { message: hex(msg), public_key: hex(publicKey), deterministic_signature: hex(det),
           hedged_signature: hex(hedged) };
});
if (!check) {
  const doc = { _comment: "Written by crosscheck.mjs with @noble/post-quantum 0.7.1 (JavaScript FIPS 204): " +
    "for each case of rustcrypto.json, noble's key from the seed, its deterministic signature (equal to " +
    "RustCrypto's) and a randomized (hedged) signature of the message, pure ML-DSA-44, empty context.",
    cases: res };
  writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
}
console.log(`noble: ${ours.length} cases and the torchwood vector agree` + (check ? " (checked)" : ", wrote noble.json"));
