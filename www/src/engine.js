// The page's handle on the worker: `call(op, ...args)` resolves to `{result, ms}`.
export function startEngine() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const pending = new Map();
  let nextId = 1;
  worker.onmessage = ({ data: { id, result, ms } }) => {
    const resolve = pending.get(id);
    pending.delete(id);
    resolve?.({ result, ms });
  };
  worker.onerror = (event) => {
    for (const resolve of pending.values()) {
      resolve({ result: { ok: false, error: { kind: 'load', message: event.message || 'the worker failed' } }, ms: 0 });
    }
    pending.clear();
  };
  return {
    call(op, ...args) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, op, args });
      });
    },
  };
}
