// The playground page: file tabs and editors, live diagnostics, rule pages, the compat and simulate panels, and the
// shareable URL. All eventlint work happens in the worker (engine.js); this file only draws.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { json } from '@codemirror/lang-json';
import { marked } from 'marked';

import { startEngine } from './engine.js';
import { EXAMPLE_FILES } from './example.js';
import { decodeState, encodeState } from './share.js';
import './style.css';

const $ = (selector) => document.querySelector(selector);
const engine = startEngine();
const LINT_DELAY_MS = 120;

const state = {
  files: { ...EXAMPLE_FILES },
  active: defaultActive(EXAMPLE_FILES),
  view: 'lint',
  compat: { mode: 'BACKWARD', writer: 'schemas/history/PaymentAuthorized-2.0.0.avsc', reader: 'schemas/PaymentAuthorized.avsc' },
  sim: { file: 'poison-pill.scenario.yaml' },
};
let capabilities = { lint: true, compat: false, simulate: false, rules: false };
let diagnostics = [];

function defaultActive(files) {
  return Object.keys(files).find((path) => path.endsWith('.catalog.yaml')) ?? Object.keys(files)[0];
}

/// Catalogs first, then scenarios, then schemas; alphabetical within each group.
function orderedPaths() {
  const rank = (path) => (path.endsWith('.avsc') ? 2 : path.includes('scenario') ? 1 : 0);
  return Object.keys(state.files).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// ---------------------------------------------------------------------------------------------------------------
// Editors

function languageOf(path) {
  return path.endsWith('.avsc') || path.endsWith('.json') ? json() : yaml();
}

function baseExtensions(path, onChange) {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    languageOf(path),
    EditorView.lineWrapping,
    EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString())),
  ];
}

const editorStates = new Map();
const mainEditor = new EditorView({ parent: $('#editor') });

function editorStateFor(path) {
  if (!editorStates.has(path)) {
    const onChange = (text) => {
      state.files[path] = text;
      scheduleLint();
      scheduleHashUpdate();
    };
    editorStates.set(path, EditorState.create({ doc: state.files[path] ?? '', extensions: [...baseExtensions(path, onChange), lintGutter()] }));
  }
  return editorStates.get(path);
}

function openFile(path, selection) {
  syncActiveState();
  state.active = path;
  mainEditor.setState(editorStateFor(path));
  showDiagnosticsInEditor();
  renderTabs();
  if (selection) {
    mainEditor.dispatch({ selection, scrollIntoView: true });
    mainEditor.focus();
  }
  scheduleHashUpdate();
}

/// Remembers the main editor's state (undo history, selection) for its file, unless another panel changed the text.
function syncActiveState() {
  if (mainEditor.state.doc.toString() === state.files[state.active]) editorStates.set(state.active, mainEditor.state);
  else mainEditor.setState(editorStateFor(state.active));
}

function simpleEditor(parent, path, text, onChange = () => {}, extra = []) {
  return new EditorView({ parent, state: EditorState.create({ doc: text, extensions: [...baseExtensions(path, onChange), ...extra] }) });
}

// ---------------------------------------------------------------------------------------------------------------
// Lint

let lintTimer = 0;
function scheduleLint() {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(runLint, LINT_DELAY_MS);
}

const filesArray = () => orderedPaths().map((path) => ({ path, text: state.files[path] }));

async function runLint() {
  const { result, ms } = await engine.call('lint', filesArray());
  if (!result.ok) {
    if (result.error.kind !== 'superseded') setStatus(`lint failed: ${result.error.message}`, 'error');
    return;
  }
  diagnostics = result.diagnostics;
  const { errors, warnings, infos } = result.summary;
  setStatus(`${result.files.length} files linted in ${ms.toFixed(1)} ms`);
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  $('#summary').textContent = [[errors, 'error'], [warnings, 'warning'], [infos, 'info']]
    .filter(([n]) => n > 0)
    .map(([n, word]) => plural(n, word))
    .join(' · ');
  syncActiveState();
  showDiagnosticsInEditor();
  renderProblems();
  renderTabs();
  document.body.dataset.linted = String(Number(document.body.dataset.linted ?? 0) + 1);
}

/// A diagnostic's 1-based line and UTF-16 column, as an offset in `doc` (clamped to the document).
function offsetOf(doc, { line, column }) {
  if (line > doc.lines) return doc.length;
  const at = doc.line(Math.max(1, line));
  return Math.min(at.from + Math.max(0, column - 1), at.to);
}

const CM_SEVERITY = { error: 'error', warning: 'warning', info: 'info' };

function showDiagnosticsInEditor() {
  const doc = mainEditor.state.doc;
  const marks = diagnostics
    .filter((d) => d.file === state.active && d.range)
    .map((d) => {
      const from = offsetOf(doc, d.range.start);
      const to = Math.max(from, offsetOf(doc, d.range.end));
      return { from, to, severity: CM_SEVERITY[d.severity] ?? 'info', source: d.rule, message: d.message + (d.help ? `\nhelp: ${d.help}` : '') };
    });
  mainEditor.dispatch(setDiagnostics(mainEditor.state, marks));
}

const ICON = { error: '✖', warning: '▲', info: 'ℹ' };

function renderProblems() {
  const list = $('#problems');
  list.replaceChildren();
  $('#problem-count').textContent = String(diagnostics.length);
  if (!diagnostics.length) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = capabilities.rules
      ? 'No problems found.'
      : 'No problems found by the loaders. (The lint rules are not available in this build.)';
    list.append(empty);
    return;
  }
  for (const d of diagnostics) {
    const item = document.createElement('li');
    item.className = `problem ${d.severity}`;
    item.dataset.rule = d.rule;
    const where = d.file ? `${d.file}:${d.line}:${d.column}` : '';
    item.innerHTML = `
      <span class="icon" aria-label="${d.severity}">${ICON[d.severity] ?? '•'}</span>
      <div class="body">
        <div class="message"></div>
        <div class="meta"><button class="rule link"></button><button class="where link"></button></div>
        ${d.help ? '<div class="help"></div>' : ''}
      </div>`;
    item.querySelector('.message').innerHTML = inlineCode(d.message);
    item.querySelector('.rule').textContent = d.rule;
    item.querySelector('.rule').onclick = () => showDocs(d);
    item.querySelector('.where').textContent = where;
    item.querySelector('.where').onclick = () => goTo(d);
    if (d.help) item.querySelector('.help').innerHTML = `help: ${inlineCode(d.help)}`;
    list.append(item);
  }
}

/// Escapes text and turns `code` spans into <code>.
function inlineCode(text) {
  const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}

function goTo(d) {
  if (!d.file || !(d.file in state.files)) return;
  switchView('lint');
  const doc = editorStateFor(d.file).doc;
  const anchor = offsetOf(doc, d.range.start);
  openFile(d.file, { anchor, head: Math.max(anchor, offsetOf(doc, d.range.end)) });
}

async function showDocs(d) {
  const panel = $('#docs');
  panel.hidden = false;
  $('#docs-title').textContent = d.rule;
  const body = $('#docs-body');
  if (d.kind === 'load') {
    body.innerHTML = `<p><strong>${inlineCode(d.rule)}</strong> is a load error: eventlint could not read the model, so the rules did not run on this part. Load errors have no rule page; the message says what is wrong.</p>
      <p>${inlineCode(d.message)}</p>${d.help ? `<p>help: ${inlineCode(d.help)}</p>` : ''}`;
    return;
  }
  if (!capabilities.rules) {
    body.innerHTML = '<p class="unavailable">Rule documentation is not available in this build.</p>';
    return;
  }
  const { result } = await engine.call('rule_docs', d.rule);
  if (!result.ok) {
    body.innerHTML = `<p class="unavailable">${inlineCode(result.error.message)}</p>`;
    return;
  }
  const response = await fetch(result.page);
  body.innerHTML = response.ok
    ? marked.parse(await response.text())
    : `<p class="unavailable">The page ${inlineCode(result.page)} could not be loaded (${response.status}).</p>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Tabs, views and status

function renderTabs() {
  const tabs = $('.file-tabs');
  tabs.replaceChildren();
  const counts = {};
  const worst = {};
  const rank = { info: 0, warning: 1, error: 2 };
  for (const d of diagnostics) {
    if (!d.file) continue;
    counts[d.file] = (counts[d.file] ?? 0) + 1;
    if ((rank[d.severity] ?? 0) >= (rank[worst[d.file]] ?? -1)) worst[d.file] = d.severity;
  }
  let group = '';
  for (const path of orderedPaths()) {
    const kind = path.endsWith('.avsc') ? 'Schemas' : /scenario\.ya?ml$/.test(path) ? 'Scenarios' : 'Catalogs';
    if (kind !== group) {
      group = kind;
      const heading = document.createElement('span');
      heading.className = 'group';
      heading.textContent = kind;
      tabs.append(heading);
    }
    const tab = document.createElement('button');
    tab.role = 'tab';
    tab.className = 'file-tab';
    tab.dataset.path = path;
    tab.title = path;
    tab.setAttribute('aria-selected', String(path === state.active));
    const slash = path.lastIndexOf('/');
    tab.innerHTML = `<span class="dir"></span><span class="name"></span>${counts[path] ? `<span class="badge ${worst[path]}">${counts[path]}</span>` : ''}`;
    tab.querySelector('.dir').textContent = slash >= 0 ? path.slice(0, slash + 1).replace(/^schemas\//, '') : '';
    tab.querySelector('.name').textContent = path.slice(slash + 1);
    tab.onclick = () => openFile(path);
    tabs.append(tab);
  }
  tabs.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function switchView(view) {
  state.view = view;
  for (const button of document.querySelectorAll('.views [role="tab"]')) button.setAttribute('aria-selected', String(button.dataset.view === view));
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
  if (view === 'lint') syncActiveState();
  if (view === 'compat') ensureCompatEditors();
  if (view === 'simulate') ensureSimEditor();
  scheduleHashUpdate();
}

/// Which engines this build carries, so an empty problems list is never mistaken for a clean bill of health.
function renderEngines() {
  const engines = [['loaders', capabilities.lint], ['rules', capabilities.rules], ['compat', capabilities.compat], ['simulator', capabilities.simulate]];
  $('#engines').innerHTML = `<span class="muted">eventlint ${inlineCode(capabilities.version ?? '')} · in this build:</span> ` +
    engines.map(([name, present]) => `<span class="engine ${present ? 'on' : 'off'}" title="${present ? 'available' : 'not available in this build'}">${present ? '✓' : '✗'} ${name}</span>`).join(' ');
}

function setStatus(text, tone = '') {
  const status = $('#status');
  status.textContent = text;
  status.dataset.tone = tone;
}

// ---------------------------------------------------------------------------------------------------------------
// Compat

const compatEditors = {};

function fillSelect(select, paths, chosen) {
  select.replaceChildren(...paths.map((path) => new Option(path, path, false, path === chosen)));
}

function ensureCompatEditors() {
  const schemas = orderedPaths().filter((path) => path.endsWith('.avsc'));
  for (const side of ['writer', 'reader']) {
    const select = $(`#compat-${side}-file`);
    fillSelect(select, schemas, state.compat[side]);
    if (!compatEditors[side]) {
      compatEditors[side] = simpleEditor($(`#compat-${side}`), 'x.avsc', state.files[state.compat[side]] ?? '', () => {}, [lintGutter()]);
      select.onchange = () => {
        state.compat[side] = select.value;
        const view = compatEditors[side];
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: state.files[select.value] ?? '' } });
        scheduleHashUpdate();
      };
    }
  }
  $('#compat-mode').value = state.compat.mode;
  if (!capabilities.compat) unavailable('#compat-result', '#compat-run', 'The compatibility engine is not available in this build.');
}

/// Marks `ranges` (`[{range, severity, message}]`, 1-based UTF-16) in a compat editor.
function markCompatEditor(side, marks) {
  const view = compatEditors[side];
  const doc = view.state.doc;
  const diagnostics = marks.map(({ range, severity, message }) => {
    const from = offsetOf(doc, range.start);
    return { from, to: Math.max(from, offsetOf(doc, range.end)), severity, message };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

async function runCompat() {
  state.compat.mode = $('#compat-mode').value;
  const reader = compatEditors.reader.state.doc.toString();
  const writer = compatEditors.writer.state.doc.toString();
  const imports = filesArray().filter(({ path }) => path.endsWith('.avsc') && path !== state.compat.reader && path !== state.compat.writer);
  const { result, ms } = await engine.call('compat', reader, writer, state.compat.mode, imports);
  const box = $('#compat-result');
  if (!result.ok) {
    box.innerHTML = `<p class="${result.error.kind === 'unavailable' ? 'unavailable' : 'failure'}">${inlineCode(result.error.message)}</p>`;
    return;
  }
  const marks = { reader: [], writer: [] };
  for (const d of result.diagnostics) if (d.file in marks && d.range) marks[d.file].push({ range: d.range, severity: 'error', message: d.message });
  const found = result.checks.flatMap((check) => (check.incompatibilities ?? []).map((i) => ({ ...i, direction: check.direction })));
  for (const i of found) {
    for (const side of ['reader', 'writer']) {
      const at = i[`${side}_range`];
      if (at?.file === side) marks[side].push({ range: at.range, severity: 'warning', message: `${i.type}: ${i.message}` });
    }
  }
  markCompatEditor('reader', marks.reader);
  markCompatEditor('writer', marks.writer);

  const verdict =
    result.compatible === null ? '<span class="verdict bad">does not load</span>'
    : result.compatible ? '<span class="verdict ok">compatible</span>' : '<span class="verdict bad">incompatible</span>';
  const explain = { backward: 'new reads previous', forward: 'previous reads new' };
  const rows = found
    .map((i) => `<tr><td>${explain[i.direction] ?? i.direction}</td><td><code>${inlineCode(i.type)}</code></td><td><code>${inlineCode(i.location)}</code></td><td>${inlineCode(i.message)}</td></tr>`)
    .join('');
  const errors = [
    ...result.checks.filter((check) => check.error).map((check) => `${explain[check.direction]}: ${check.error}`),
    ...result.diagnostics.map((d) => `${d.file}${d.line ? `:${d.line}:${d.column}` : ''}: ${d.message}`),
  ].map((text) => `<p class="failure">${inlineCode(text)}</p>`).join('');
  const checked = result.checks.map((check) => `${explain[check.direction]} ${check.compatible ? '✓' : '✗'}`).join(' · ');
  box.innerHTML = `<div class="result-head">${verdict}<span class="muted small">${inlineCode(result.mode)}${checked ? ` · ${checked}` : ''} · ${ms.toFixed(1)} ms</span></div>${errors}
    ${rows ? `<table class="incompat"><thead><tr><th>check</th><th>type</th><th>location</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Simulate

let simEditor = null;

function ensureSimEditor() {
  const scenarios = orderedPaths().filter((path) => /scenario\.ya?ml$/.test(path));
  const select = $('#sim-file');
  fillSelect(select, scenarios, state.sim.file);
  if (!simEditor) {
    simEditor = simpleEditor($('#sim-editor'), 'x.yaml', state.files[state.sim.file] ?? '', (text) => {
      state.files[state.sim.file] = text;
      editorStates.delete(state.sim.file);
      scheduleLint();
      scheduleHashUpdate();
    });
    select.onchange = () => {
      state.sim.file = select.value;
      simEditor.dispatch({ changes: { from: 0, to: simEditor.state.doc.length, insert: state.files[select.value] ?? '' } });
      scheduleHashUpdate();
    };
  }
  if (!capabilities.simulate) unavailable('#sim-result', '#sim-run', 'The simulator is not available in this build.');
}

async function runSimulation() {
  const box = $('#sim-result');
  box.innerHTML = '<p class="muted">Running…</p>';
  const { result, ms } = await engine.call('simulate', state.sim.file, filesArray());
  if (!result.ok) {
    box.innerHTML = `<p class="${result.error.kind === 'unavailable' ? 'unavailable' : 'failure'}">${inlineCode(result.error.message)}</p>`;
    return;
  }
  const problems = result.diagnostics
    .map((d) => `<li class="problem ${d.severity}"><span class="icon">${ICON[d.severity] ?? '•'}</span><div class="body"><div class="message">${inlineCode(d.message)}</div>
      <div class="meta"><code>${inlineCode(d.rule)}</code><span class="muted small">${inlineCode(`${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''}`)}</span></div>${d.help ? `<div class="help">help: ${inlineCode(d.help)}</div>` : ''}</div></li>`)
    .join('');
  const cards = result.runs.map(runCard).join('');
  const verdict = result.exit_code === 0 ? '<span class="verdict ok">all runs pass</span>' : result.exit_code === 1 ? '<span class="verdict bad">a run fails</span>' : '<span class="verdict bad">not runnable</span>';
  box.innerHTML = `<div class="result-head">${verdict}<span class="muted small">${result.runs.length} policies · ${ms.toFixed(0)} ms</span></div>
    ${problems ? `<ol class="problems">${problems}</ol>` : ''}<div class="runs">${cards}</div>`;
}

/// One policy's run: verdict, counts, violation codes and the SVG timeline.
function runCard(run) {
  const report = run.report;
  const counts = report.counts ?? {};
  const facts = [['processed', counts.processed], ['dlq', counts.dlq?.entries], ['lost', counts.lost], ['duplicates', counts.duplicates], ['stuck', counts.stuck], ['steps', counts.steps]]
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<span><strong>${value}</strong> ${name}</span>`)
    .join('');
  const codes = Object.entries(report.by_code ?? {})
    .map(([code, count]) => `<span class="chip ${count.expected ? 'expected' : ''}" title="${count.expected ? 'expected for this policy' : 'unexpected'}">${inlineCode(code)} ×${count.events}</span>`)
    .join('');
  const label = report.label === 'as-designed' ? 'as designed' : 'unexpected';
  const timeline = run.svg ?? `<p class="muted small">${inlineCode(run.svg_error ?? 'no timeline')}</p>`;
  const policy = inlineCode(run.policy);
  return `<article class="run ${run.passed ? 'pass' : 'fail'}" data-policy="${policy}">
      <header><strong>${policy}</strong><span class="muted small">${label}</span><span class="verdict ${run.passed ? 'ok' : 'bad'}">${run.passed ? 'pass' : 'fail'}</span></header>
      <div class="facts">${facts}</div>
      ${codes ? `<div class="chips">${codes}</div>` : '<div class="chips"><span class="chip clean">no violations</span></div>'}
      <div class="timeline">${timeline}</div>
    </article>`;
}

function unavailable(boxSelector, buttonSelector, text) {
  $(buttonSelector).disabled = true;
  $(boxSelector).innerHTML = `<p class="unavailable" data-testid="unavailable">${text}</p>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Sharing

let hashTimer = 0;
function scheduleHashUpdate() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(async () => window.history.replaceState(null, '', await encodeState(state, EXAMPLE_FILES)), 400);
}

async function share() {
  clearTimeout(hashTimer);
  const hash = await encodeState(state, EXAMPLE_FILES);
  window.history.replaceState(null, '', hash);
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus('link copied');
  } catch {
    setStatus('link is in the address bar');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Start

async function start() {
  const restored = await decodeState(location.hash, EXAMPLE_FILES);
  if (restored) {
    state.files = restored.files;
    state.active = restored.active in restored.files ? restored.active : defaultActive(restored.files);
    Object.assign(state.compat, restored.compat ?? {});
    Object.assign(state.sim, restored.sim ?? {});
    state.view = restored.view ?? 'lint';
  }
  for (const button of document.querySelectorAll('.views [role="tab"]')) button.onclick = () => switchView(button.dataset.view);
  $('#share').onclick = share;
  $('#reset').onclick = () => {
    window.history.replaceState(null, '', location.pathname);
    location.reload();
  };
  $('#docs-close').onclick = () => ($('#docs').hidden = true);
  $('#compat-run').onclick = runCompat;
  $('#sim-run').onclick = runSimulation;
  mainEditor.setState(editorStateFor(state.active));
  renderTabs();
  renderProblems();
  const { result } = await engine.call('capabilities');
  if (result.ok) capabilities = result;
  else setStatus(result.error.message, 'error');
  renderEngines();
  switchView(state.view);
  await runLint();
}

// Hooks for the end-to-end test and the console: lint arbitrary files, read the state.
window.eventlintPlayground = {
  lint: (files) => engine.call('lint', files),
  capabilities: () => engine.call('capabilities'),
  state,
  diagnostics: () => diagnostics,
};

start();
