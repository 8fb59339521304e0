// The page: pick or drop the files, choose a policy, see the verdict.
// Everything runs here; nothing is uploaded.
import { Policy } from '../index.js';
import { check } from './verdict.js';

const $ = (id) => document.getElementById(id);
const files = { data: null, proof: null, keys: null, policyText: null };
const names = { data: 'data-name', proof: 'proof-name', keys: 'keys-name', policyText: 'policy-name' };

const select = $('builtin');
for (const name of Policy.builtinNames()) select.add(new Option(name, name));
select.value = 'sigsum-test-2025-3';

function set(slot, name, bytes) {
  files[slot] = bytes;
  $(names[slot]).textContent = `${name} (${bytes.length} bytes)`;
  update();
}

async function readFile(slot, file) {
  set(slot, file.name, new Uint8Array(await file.arrayBuffer()));
}

/** Which slot a dropped file fills, by its name. */
function slotOf(name) {
  if (name.endsWith('.proof')) return 'proof';
  if (name.endsWith('.pub') || name.endsWith('.keys')) return 'keys';
  if (name.endsWith('.policy')) return 'policyText';
  return 'data';
}

for (const slot of Object.keys(files)) {
  $(`${slot}-input`).addEventListener('change', (e) => {
    if (e.target.files[0]) readFile(slot, e.target.files[0]);
  });
}
$('policy-clear').addEventListener('click', () => {
  files.policyText = null;
  $('policy-name').textContent = 'none (the builtin above is used)';
  update();
});
select.addEventListener('change', update);

const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  for (const file of e.dataTransfer.files) readFile(slotOf(file.name), file);
});

function update() {
  const out = $('verdict');
  const missing = ['data', 'proof', 'keys'].filter((s) => !files[s]);
  if (missing.length) {
    out.className = 'pending';
    out.textContent = `Waiting for: ${missing.join(', ')}.`;
    out.dataset.state = 'pending';
    return;
  }
  const r = check({ ...files, builtin: select.value });
  out.className = r.ok ? 'ok' : 'fail';
  out.textContent = r.text;
  out.dataset.state = r.ok ? 'verified' : 'rejected';
  out.dataset.step = r.step ?? '';
  out.dataset.line = r.line ?? '';
}

async function example(tampered) {
  const get = async (name) => new Uint8Array(await (await fetch(new URL(`example/${name}`, import.meta.url))).arrayBuffer());
  const proof = tampered ? 'serviceberry-v2-tampered.proof' : 'serviceberry-v2.proof';
  select.value = 'sigsum-test-2025-3';
  files.policyText = null;
  set('data', 'serviceberry.data', await get('serviceberry.data'));
  set('keys', 'serviceberry-signer.pub', await get('serviceberry-signer.pub'));
  set('proof', proof, await get(proof));
}
$('example').addEventListener('click', () => example(false));
$('example-tampered').addEventListener('click', () => example(true));

// ?example=good or ?example=tampered loads an example at once (used by the
// headless browser test).
const which = new URLSearchParams(location.search).get('example');
if (which) await example(which === 'tampered');
else update();
