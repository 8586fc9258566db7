// The payments example, bundled at build time from ../examples/payments (the repository's copy is the only one).
const raw = import.meta.glob('../../examples/payments/**/*.{yaml,yml,avsc}', { query: '?raw', import: 'default', eager: true });

export const EXAMPLE_FILES = Object.fromEntries(
  Object.entries(raw)
    .map(([path, text]) => [path.replace('../../examples/payments/', ''), text])
    .sort(([a], [b]) => a.localeCompare(b)),
);
