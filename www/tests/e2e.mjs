// End-to-end test of the built playground (www/dist) in headless Chromium: the example's findings (the same as the
// CLI's), live edits, rule pages, the share link, the compat and simulate panels, a narrow window, and the time to
// lint a generated 1,000-message catalog (logged, not asserted). Screenshots go to target/playground-screenshots/.
//
// Needs www/dist (bash www/build.sh), /usr/bin/chromium (or $CHROMIUM) and the CLI binary (target/debug/eventlint or
// $EVENTLINT_BIN). With CI=true a missing piece fails the test; elsewhere it is skipped with a note.
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const www = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(www, '..');
const dist = join(www, 'dist');
const shots = join(root, 'target', 'playground-screenshots');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const cliPath = process.env.EVENTLINT_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'eventlint');

const missing = [
  [join(dist, 'index.html'), 'the playground build (run `bash www/build.sh`)'],
  [browserPath, 'chromium (run `bash scripts/setup`)'],
  [cliPath, 'the eventlint binary (run `cargo build`)'],
].filter(([path]) => !existsSync(path));
if (missing.length) {
  const list = missing.map(([, what]) => what).join(', ');
  if (process.env.CI === 'true' || process.env.CI === '1') {
    console.error(`e2e: FAILED: missing ${list}`);
    process.exit(1);
  }
  console.warn(`e2e: skipped (missing ${list}; with CI=true this fails)`);
  process.exit(0);
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const server = createServer((request, response) => {
  let path;
  try {
    path = normalize(decodeURIComponent(request.url.split(/[?#]/)[0])).replace(/^(\.\.[/\\])+/, '');
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = join(dist, path.endsWith('/') ? join(path, 'index.html') : path);
  if (!file.startsWith(dist) || !existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}/`;

const profile = mkdtempSync(join(tmpdir(), 'eventlint-e2e-'));
// A persistent context is how playwright takes a fresh `--user-data-dir`.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
  ],
});
mkdirSync(shots, { recursive: true });
const problems = [];
const steps = [];

async function newPage(viewport) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  return page;
}

async function step(name, body) {
  const start = Date.now();
  await body();
  steps.push(`${name} (${Date.now() - start} ms)`);
  console.log(`e2e: ok  ${name}`);
}

/// Waits until the page has linted more than `count` times, and returns the new count.
async function lintedAfter(page, count) {
  await page.waitForFunction((n) => Number(document.body.dataset.linted ?? 0) > n, count, { timeout: 20_000 });
  return page.evaluate(() => Number(document.body.dataset.linted));
}

const rulesOnPage = (page) => page.$$eval('.problem', (items) => items.map((item) => item.dataset.rule));

try {
  const page = await newPage({ width: 1400, height: 900 });
  let linted = 0;

  await step('opens on the payments example with the same findings as the CLI', async () => {
    await page.goto(url);
    linted = await lintedAfter(page, 0);
    const cli = JSON.parse(
      execFileSync(cliPath, ['check', '--isolated', '--exit-zero', '--output-format', 'json', 'examples/payments'], { cwd: root, encoding: 'utf8' }),
    );
    // The page's paths are relative to the example (in files and in messages that name a file); its columns are
    // UTF-16, the same as code points in this ASCII text.
    const expected = cli.diagnostics.map((d) => ({
      ...d,
      file: d.file?.replace(/^examples\/payments\//, '') ?? null,
      message: d.message.replaceAll('examples/payments/', ''),
    }));
    const labelsRelative = (d) => ({ ...d, labels: d.labels.map((l) => ({ ...l, file: l.file.replace(/^examples\/payments\//, '') })) });
    const onPage = await page.evaluate(() => window.eventlintPlayground.diagnostics());
    const project = (list) => list.map((d) => { const { fingerprint, ...rest } = labelsRelative(d); return rest; });
    assert.deepEqual(project(onPage), project(expected));
    assert.equal(Number(await page.textContent('[data-testid="problem-count"]')), expected.length);
    const tabs = await page.$$eval('.file-tab', (all) => all.map((tab) => tab.dataset.path));
    assert.equal(tabs[0], 'payments.catalog.yaml');
    assert.ok(tabs.includes('schemas/PaymentAuthorized.avsc'));
    console.log(`e2e: the example has ${expected.length} finding(s): ${expected.map((d) => d.rule).join(', ') || 'none'}`);
    const capabilities = await page.evaluate(async () => (await window.eventlintPlayground.capabilities()).result);
    if (capabilities.rules) {
      assert.ok(expected.some((d) => d.rule === 'clickbait-event'), 'the example shows a clickbait event');
      assert.ok(await page.$('.problem[data-rule="clickbait-event"]'));
      await page.click('.problem[data-rule="clickbait-event"] .where');
      await page.waitForSelector('#editor .cm-lintRange-warning');
      assert.ok(await page.$('#editor .cm-lint-marker-warning'), 'a warning marker in the gutter');
    }
    await page.screenshot({ path: join(shots, 'lint-1400x900.png') });
  });

  await step('a lint rule opens its documentation page', async () => {
    const capabilities = await page.evaluate(async () => (await window.eventlintPlayground.capabilities()).result);
    if (!capabilities.rules) return;
    await page.click('.problem[data-rule="clickbait-event"] .rule');
    await page.waitForFunction(() => document.querySelector('#docs-body h1')?.textContent === 'clickbait-event');
    assert.match(await page.textContent('#docs-body'), /What it does/);
    await page.screenshot({ path: join(shots, 'lint-rule-docs.png') });
  });

  await step('a broken catalog edit shows a load error as a mark and in the problems list', async () => {
    await page.click('.file-tab[data-path="payments.catalog.yaml"]');
    await page.click('#editor .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nmesages: {}\n');
    linted = await lintedAfter(page, linted);
    await page.waitForSelector('.problem[data-rule="load/unknown-key"]');
    const message = await page.textContent('.problem[data-rule="load/unknown-key"] .message');
    assert.match(message, /mesages/);
    assert.match(await page.textContent('.problem[data-rule="load/unknown-key"] .help'), /messages/);
    assert.ok(await page.$('#editor .cm-lintRange-error'), 'an error mark in the editor');
    assert.ok(await page.$('#editor .cm-lint-marker-error'), 'an error marker in the gutter');
    assert.ok(await page.$('.file-tab[data-path="payments.catalog.yaml"] .badge'), 'a problem count on the tab');
    await page.screenshot({ path: join(shots, 'lint-broken-catalog.png') });
  });

  await step('clicking a problem selects its range; clicking its rule opens the docs panel', async () => {
    await page.click('.problem[data-rule="load/unknown-key"] .where');
    const selected = await page.evaluate(() => getSelection().toString() || document.querySelector('.cm-selectionBackground') !== null);
    assert.ok(selected);
    await page.click('.problem[data-rule="load/unknown-key"] .rule');
    await page.waitForSelector('#docs:not([hidden])');
    assert.match(await page.textContent('#docs-body'), /load error/);
  });

  await step('a broken schema is located in its own tab', async () => {
    await page.click('.file-tab[data-path="schemas/Money.avsc"]');
    await page.click('#editor .cm-content');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('x');
    linted = await lintedAfter(page, linted);
    await page.waitForSelector('.problem[data-rule^="load/json"]');
    assert.ok(await page.$('#editor .cm-lint-marker-error'));
    await page.keyboard.press('Control+z');
    linted = await lintedAfter(page, linted);
    await page.waitForFunction(() => !document.querySelector('.problem[data-rule^="load/json"]'));
  });

  await step('the share link restores the edit in a fresh page', async () => {
    await page.click('#share');
    // The status changes once the link is in the address bar (an earlier, debounced hash may already be there).
    await page.waitForFunction(() => /link/.test(document.querySelector('#status').textContent));
    const shared = page.url();
    console.log(`e2e: share link is ${shared.length - url.length} characters of hash`);
    const other = await newPage({ width: 1400, height: 900 });
    await other.goto(shared);
    await lintedAfter(other, 0);
    assert.ok((await rulesOnPage(other)).includes('load/unknown-key'));
    await other.close();
  });

  const capabilities = await page.evaluate(async () => (await window.eventlintPlayground.capabilities()).result);

  await step('the compat panel', async () => {
    await page.click('.views [data-view="compat"]');
    await page.waitForSelector('#compat-writer .cm-content');
    if (capabilities.compat) {
      // 2.1.0 adds `riskScore` without a default: it cannot read 2.0.0 data (BACKWARD), but 2.0.0 reads 2.1.0 data.
      await page.selectOption('#compat-mode', 'BACKWARD');
      await page.click('#compat-run');
      await page.waitForSelector('#compat-result .verdict');
      assert.equal(await page.textContent('#compat-result .verdict'), 'incompatible');
      assert.match(await page.textContent('#compat-result'), /READER_FIELD_MISSING_DEFAULT_VALUE/);
      assert.match(await page.textContent('#compat-result'), /riskScore/);
      assert.ok(await page.$('#compat-reader .cm-lintRange-warning'), 'the reader field is marked');
      await page.screenshot({ path: join(shots, 'compat-1400x900.png') });
      await page.selectOption('#compat-mode', 'FORWARD');
      await page.click('#compat-run');
      await page.waitForFunction(() => document.querySelector('#compat-result .verdict')?.textContent === 'compatible');
    } else {
      assert.match(await page.textContent('#compat-result'), /not available in this build/);
      assert.ok(await page.isDisabled('#compat-run'));
      await page.screenshot({ path: join(shots, 'compat-1400x900.png') });
    }
  });

  await step('the simulate panel', async () => {
    await page.click('.views [data-view="simulate"]');
    await page.waitForSelector('#sim-editor .cm-content');
    if (capabilities.simulate) {
      // The catalog still has the broken edit: the simulation says why it cannot run.
      await page.click('#sim-run');
      await page.waitForSelector('#sim-result .verdict');
      assert.match(await page.textContent('#sim-result'), /not runnable/);
      assert.match(await page.textContent('#sim-result'), /load\/unknown-key/);
      // On the example as shipped, every policy runs and draws its timeline.
      await page.goto(url);
      await lintedAfter(page, 0);
      await page.click('.views [data-view="simulate"]');
      await page.click('#sim-run');
      await page.waitForSelector('#sim-result .run .timeline svg', { timeout: 30_000 });
      const runs = await page.$$eval('#sim-result .run', (all) => all.map((run) => `${run.dataset.policy} ${run.classList.contains('pass') ? 'pass' : 'fail'}`));
      assert.deepEqual(runs, ['declared fail', 'stop pass', 'skip pass', 'naive-dlq pass', 'key-parking-dlq pass']);
      assert.equal(await page.$$eval('#sim-result .timeline svg', (svgs) => svgs.length), 5);
    } else {
      assert.match(await page.textContent('#sim-result'), /not available in this build/);
      assert.ok(await page.isDisabled('#sim-run'));
    }
    await page.screenshot({ path: join(shots, 'simulate-1400x900.png') });
  });

  await step('a narrow window stacks the panes', async () => {
    const narrow = await newPage({ width: 400, height: 860 });
    await narrow.goto(url);
    await lintedAfter(narrow, 0);
    const editor = await narrow.$eval('.editor-pane', (element) => element.getBoundingClientRect().toJSON());
    const side = await narrow.$eval('.side-pane', (element) => element.getBoundingClientRect().toJSON());
    assert.ok(side.top >= editor.bottom - 1, 'problems below the editor');
    assert.ok(editor.width <= 400);
    await narrow.screenshot({ path: join(shots, 'lint-400x860.png') });
    await narrow.click('.views [data-view="compat"]');
    await narrow.waitForSelector('#compat-reader .cm-content');
    await narrow.screenshot({ path: join(shots, 'compat-400x860.png') });
    await narrow.click('.views [data-view="simulate"]');
    if (capabilities.simulate) {
      await narrow.click('#sim-run');
      await narrow.waitForSelector('#sim-result .run .timeline svg', { timeout: 30_000 });
    }
    await narrow.screenshot({ path: join(shots, 'simulate-400x860.png'), fullPage: false });
    await narrow.close();
  });

  await step('lint a generated 1,000-message catalog (timing logged)', async () => {
    const files = generatedCatalog(1000);
    const runs = [];
    for (let i = 0; i < 11; i++) runs.push(await page.evaluate(async (f) => {
      const start = performance.now();
      const { result, ms } = await window.eventlintPlayground.lint(f);
      return { ok: result.ok, errors: result.summary?.errors, files: result.files?.length, ms, roundTrip: performance.now() - start };
    }, files));
    for (const run of runs) assert.ok(run.ok && run.files === files.length, JSON.stringify(run));
    assert.equal(runs[0].errors, 0, 'the generated catalog loads cleanly');
    const warm = runs.slice(1);
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.log(
      `e2e: 1,000 messages (${files.length} files, ${(JSON.stringify(files).length / 1024).toFixed(0)} KiB): ` +
        `lint in the worker ${median(warm.map((r) => r.ms)).toFixed(1)} ms median of ${warm.length}, ` +
        `${Math.min(...warm.map((r) => r.ms)).toFixed(1)} ms best ` +
        `(first ${runs[0].ms.toFixed(1)} ms), round trip ${median(warm.map((r) => r.roundTrip)).toFixed(1)} ms`,
    );
  });

  assert.deepEqual(problems, [], 'no page errors or console errors');
  console.log(`e2e: passed; screenshots in ${shots}`);
} catch (error) {
  console.error(`e2e: FAILED: ${error.stack ?? error}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

/// A catalog of `count` events on ten topics (each topic carries many record types, so record-name subjects), each
/// event with its own Avro schema of six fields.
function generatedCatalog(count) {
  const lines = ['eventlint: 1', 'domain: generated', 'owner: team-generated', 'services:', '  producer-service:', '    summary: Produces every generated event.'];
  lines.push('topics:');
  for (let t = 0; t < 10; t++) lines.push(`  generated.events.v${t}:`, `    summary: Generated topic ${t}.`, '    partitions: 6', '    key: orderId',
    '    subjectStrategy: TopicRecordNameStrategy');
  lines.push('messages:');
  const files = [];
  for (let i = 0; i < count; i++) {
    const name = `Order${i}Placed`;
    lines.push(`  ${name}:`, '    version: 1.0.0', `    summary: Order ${i} was placed by a customer.`, '    producer: producer-service',
      `    topic: generated.events.v${i % 10}`, `    schema: schemas/${name}.avsc`);
    const schema = {
      type: 'record', name, namespace: 'com.example.generated', doc: `Order ${i} was placed.`,
      fields: [
        { name: 'orderId', type: 'string' }, { name: 'customerId', type: 'string' },
        { name: 'amountMinor', type: 'long' }, { name: 'currency', type: 'string' },
        { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'channel', type: { type: 'enum', name: `Channel${i}`, symbols: ['WEB', 'APP', 'STORE'] } },
      ],
    };
    files.push({ path: `schemas/${name}.avsc`, text: JSON.stringify(schema, null, 2) });
  }
  return [{ path: 'generated.catalog.yaml', text: lines.join('\n') + '\n' }, ...files];
}
