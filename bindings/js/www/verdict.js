// The page's logic without the DOM (also run by test/www.test.js in Node):
// verify the given files and describe the verdict.
import { Policy, SigsumError, verify } from '../index.js';

/**
 * @param {object} input
 * @param {Uint8Array} input.data the signed file
 * @param {Uint8Array} input.proof the .proof file
 * @param {Uint8Array} input.keys the signer's OpenSSH key file
 * @param {string} [input.builtin] a builtin policy name, or
 * @param {Uint8Array} [input.policyText] a policy file
 * @returns {{ok: boolean, step: string|null, line: number|null, column: number|null, text: string}}
 */
export function check({ data, proof, keys, builtin, policyText }) {
  try {
    const policy = policyText ? Policy.fromText(policyText) : Policy.builtin(builtin);
    const v = verify(proof, { signerKeys: keys, policy, data });
    const when = v.quorumTimestamp === null ? 'no cosignature needed'
      : `quorum time ${new Date(v.quorumTimestamp * 1000).toISOString()}`;
    return {
      ok: true, step: null, line: null, column: null,
      text: `Verified: leaf ${v.leafIndex} of a tree of size ${v.treeSize}, ` +
        `${v.cosignaturesVerified} cosignature(s) checked, ${when}.`,
    };
  } catch (e) {
    if (!(e instanceof SigsumError) && !(e instanceof TypeError)) throw e;
    const step = e instanceof SigsumError ? e.step : 'input';
    const where = [e.line && `line ${e.line}`, e.column && `column ${e.column}`].filter(Boolean).join(', ');
    return {
      ok: false, step, line: e.line ?? null, column: e.column ?? null,
      text: `Not verified (step: ${step}${where ? `; ${where}` : ''}): ${e.message}`,
    };
  }
}
