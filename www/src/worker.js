// The Web Worker that owns the wasm module, so linting never blocks typing. Requests are `{id, op, args}`; every
// answer is `{id, result, ms}` where `result` is the module's JSON envelope (or a worker-made one if it trapped).
import init, * as eventlint from '../pkg/eventlint_wasm.js';
import wasmUrl from '../pkg/eventlint_wasm_bg.wasm?url';

const OPS = {
  lint: (files) => eventlint.lint(JSON.stringify(files)),
  compat: (reader, writer, mode, imports) => eventlint.compat(reader, writer, mode, JSON.stringify(imports)),
  simulate: (scenario, files) => eventlint.simulate(scenario, JSON.stringify(files)),
  rules: () => eventlint.rules(),
  rule_docs: (name) => eventlint.rule_docs(name),
  capabilities: () => eventlint.capabilities(),
};

let ready = init({ module_or_path: wasmUrl });
// Only the newest lint request matters: older ones still queued are answered as superseded.
let latestLint = 0;

self.onmessage = async ({ data: { id, op, args } }) => {
  if (op === 'lint') latestLint = id;
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id, result: { ok: false, error: { kind: 'load', message: `cannot load the wasm module: ${error}` } }, ms: 0 });
    return;
  }
  if (op === 'lint' && id !== latestLint) {
    self.postMessage({ id, result: { ok: false, error: { kind: 'superseded', message: 'a newer lint request replaced this one' } }, ms: 0 });
    return;
  }
  const start = performance.now();
  let result;
  try {
    const run = OPS[op];
    result = run ? JSON.parse(run(...args)) : { ok: false, error: { kind: 'invalid-request', message: `unknown operation \`${op}\`` } };
  } catch (error) {
    // A trap leaves the instance unusable: start a fresh one for the next request.
    ready = init({ module_or_path: wasmUrl });
    result = { ok: false, error: { kind: 'internal', message: `eventlint crashed: ${error}` } };
  }
  self.postMessage({ id, result, ms: performance.now() - start });
};
