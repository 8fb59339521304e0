// Instantiate a wasm-bindgen module (target "web") in browsers and in
// Node: browsers fetch the .wasm next to the glue; Node reads the file.

/**
 * @param {(arg: {module_or_path: any}) => Promise<unknown>} init
 * @param {URL} url
 */
export async function load(init, url) {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    await init({ module_or_path: await readFile(url) });
  } else {
    await init({ module_or_path: url });
  }
}

const encoder = new TextEncoder();

/**
 * Bytes of an argument: a Uint8Array (or Node Buffer), another typed array
 * or DataView, an ArrayBuffer, or (if `text`) a string, UTF-8 encoded.
 * @param {unknown} value
 * @param {string} what
 * @param {boolean} text
 * @returns {Uint8Array}
 */
export function bytes(value, what, text = true) {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (text && typeof value === 'string') return encoder.encode(value);
  throw new TypeError(`${what} must be a Uint8Array${text ? ' or a string' : ''}, not ${value === null ? 'null' : typeof value}`);
}
