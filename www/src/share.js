// Shareable state in the URL hash: only what differs from the bundled example, deflated and base64url-encoded.
const PREFIX = '#s=';

async function pipe(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/// The hash for `state` (`{files: {path: text}, ...}`), given the example's files.
export async function encodeState(state, exampleFiles) {
  const changed = {};
  for (const [path, text] of Object.entries(state.files)) if (exampleFiles[path] !== text) changed[path] = text;
  const removed = Object.keys(exampleFiles).filter((path) => !(path in state.files));
  const compact = { v: 1, changed, removed, view: state.view, active: state.active, compat: state.compat, sim: state.sim };
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(compact)), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(bytes);
}

/// The state a hash describes, or `null` when there is none or it cannot be read.
export async function decodeState(hash, exampleFiles) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    const compact = JSON.parse(new TextDecoder().decode(bytes));
    const files = { ...exampleFiles };
    for (const path of compact.removed ?? []) delete files[path];
    Object.assign(files, compact.changed ?? {});
    return { files, view: compact.view, active: compact.active, compat: compact.compat, sim: compact.sim };
  } catch {
    return null;
  }
}
