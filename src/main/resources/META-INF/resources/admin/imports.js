// Imports: upload a list (a dry run by default), watch it run, read its report, publish it; past imports.
import { api, ApiError, el, number, dateTime, say, sayError, startPage } from '/admin/admin.js';

const POLL_MILLIS = 1000;
const POLL_FAILURES_TOLERATED = 5;
const REPORT_ROWS_SHOWN = 500;
const HISTORY_PAGE = 20;

/** Short words for the table of past imports. */
const STATUS_SHORT = {
  running: 'Running',
  published: 'Published',
  validated: 'Checked (dry run)',
  failed: 'Failed',
  abandoned: 'Stopped',
};

const STATUS_WORDS = {
  running: 'Running',
  published: 'Published',
  validated: 'Checked (dry run): nothing was published',
  failed: 'Failed: nothing was published',
  abandoned: 'Stopped before it finished: nothing was published',
};

const form = document.getElementById('upload');
const uploadButton = document.getElementById('upload-button');
const uploadMessage = document.getElementById('upload-message');
const dryRun = document.getElementById('dry-run');
const runSection = document.getElementById('run');
const runHeading = document.getElementById('run-heading');
const runFacts = document.getElementById('run-facts');
const runStatus = document.getElementById('run-status');
const runMessage = document.getElementById('run-message');
const progress = document.getElementById('run-progress');
const progressLine = document.getElementById('run-progress-line');
const progressText = document.getElementById('run-progress-text');
const counts = document.getElementById('run-counts');
const actions = document.getElementById('run-actions');
const report = document.getElementById('run-report');
const historyTable = document.getElementById('history');
const historyStatus = document.getElementById('history-status');
const historyMessage = document.getElementById('history-message');
const olderButton = document.getElementById('older');

let watched = null; // the id of the run the page is following; a newer choice stops the older poll
let oldestShown = null;

function statusWords(run) {
  if (run.status === 'running') {
    return run.phase ? `Running: ${run.phase}` : 'Running';
  }
  return STATUS_WORDS[run.status] ?? run.status;
}

function kindWords(run) {
  const mode = run.mode === 'sync' ? 'sync' : 'upsert';
  return run.dryRun ? `Dry run, ${mode}` : `Import, ${mode}`;
}

function showProgress(run) {
  const running = run.status === 'running';
  progressLine.hidden = !running;
  if (run.fileBytes) {
    progress.max = run.fileBytes;
    progress.value = Math.min(run.bytesRead ?? 0, run.fileBytes);
  } else {
    progress.removeAttribute('value');
  }
  const percent = run.fileBytes ? ` (${Math.floor((100 * (run.bytesRead ?? 0)) / run.fileBytes)}% of the file)` : '';
  progressText.textContent = `${number(run.rowsRead)} rows read, ${number(run.rejected)} rejected${percent}`;
}

function showCounts(run) {
  const would = run.dryRun;
  const rows = [
    ['Rows read', run.rowsRead],
    ['Accepted', run.accepted],
    ['Rejected', run.rejected],
    [would ? 'Would be added' : 'Added', run.inserted],
    [would ? 'Would be updated' : 'Updated', run.updated],
    ['Unchanged', run.unchanged],
    [would ? 'Would be unpublished' : 'Unpublished', run.unpublished],
    ['Merged duplicates', run.merged],
  ];
  counts.replaceChildren(...rows.map(([term, value]) => el('div', {}, el('dt', { text: term }), el('dd', { text: number(value) }))));
  counts.hidden = false;
}

function showActions(run) {
  actions.replaceChildren();
  if (run.dryRun && run.publishable) {
    actions.append(el('button', { type: 'button', id: 'publish', text: 'Publish this list', onClick: () => publish(run) }));
  }
  if (run.publishedAs) {
    actions.append(
      el('span', { text: run.publishable ? 'An earlier attempt to publish it did not finish.' : 'This dry run has been published.' }),
      el('button', { type: 'button', className: 'secondary', text: 'Open the publishing run', onClick: () => openRun(run.publishedAs) }),
    );
  } else if (run.dryRun && run.status === 'validated' && !run.publishable) {
    actions.append(el('span', { className: 'hint', text: 'This dry run can no longer be published: its file is no longer kept. Upload the list again.' }));
  }
}

function showReport(run, issues) {
  const rejected = issues.filter((issue) => issue.kind === 'rejected');
  const others = issues.filter((issue) => issue.kind !== 'rejected');
  const table = document.getElementById('rejected');
  table.tBodies[0].replaceChildren(...rejected.slice(0, REPORT_ROWS_SHOWN).map((issue) => el('tr', {},
    el('td', { className: 'num', text: issue.line ?? '' }),
    el('td', { text: issue.field ?? '' }),
    el('td', { className: 'value', text: issue.value ?? '' }),
    el('td', { text: issue.reason }))));
  table.hidden = rejected.length === 0;
  document.getElementById('rejected-none').hidden = rejected.length > 0;
  document.getElementById('other-list').replaceChildren(...others.slice(0, REPORT_ROWS_SHOWN).map((issue) => el('li', {
    text: `${issue.line ? `Line ${issue.line}: ` : ''}${issue.kind === 'merged' ? 'merged' : 'ignored column'}`
      + `${issue.field ? ` (${issue.field})` : ''}: ${issue.reason}`,
  })));
  document.getElementById('other-issues').hidden = others.length === 0;
  const more = document.getElementById('report-more');
  const hidden = Math.max(0, rejected.length - REPORT_ROWS_SHOWN) + Math.max(0, others.length - REPORT_ROWS_SHOWN);
  more.hidden = hidden === 0;
  more.textContent = hidden ? `${number(hidden)} more entries are in the full report.` : '';
  document.getElementById('report-link').href = `/api/v1/admin/imports/${encodeURIComponent(run.id)}/report`;
  report.hidden = false;
}

function showRun(run) {
  runSection.hidden = false;
  runHeading.textContent = `${run.dryRun ? 'Dry run' : 'Import'} of ${run.fileName}`;
  runFacts.textContent = `Source ${run.source} · ${kindWords(run)} · started ${dateTime(run.startedAt)}`
    + `${run.startedBy ? ` by ${run.startedBy}` : ''}${run.finishedAt ? ` · finished ${dateTime(run.finishedAt)}` : ''}`;
  runStatus.textContent = statusWords(run);
  showProgress(run);
  if (run.failure) {
    say(runMessage, `Why: ${run.failure}`, { kind: 'error' });
  } else {
    say(runMessage, '');
  }
}

async function finished(run, { focus }) {
  showCounts(run);
  showActions(run);
  try {
    const { body } = await api(`/api/v1/admin/imports/${encodeURIComponent(run.id)}/report`);
    showReport(run, body.issues);
  } catch (error) {
    sayError(runMessage, error);
  }
  if (focus) {
    runHeading.focus();
  }
  loadHistory();
}

/** Follows a run every second until it has finished, then shows its counts and report. */
async function follow(run, { focus = true } = {}) {
  watched = run.id;
  counts.hidden = true;
  report.hidden = true;
  actions.replaceChildren();
  showRun(run);
  if (focus) {
    runHeading.focus();
  }
  let failures = 0;
  let current = run;
  while (current.status === 'running') {
    await new Promise((resolve) => { setTimeout(resolve, POLL_MILLIS); });
    if (watched !== run.id) {
      return;
    }
    try {
      current = (await api(`/api/v1/admin/imports/${encodeURIComponent(run.id)}`)).body;
      failures = 0;
    } catch (error) {
      failures += 1;
      if (failures >= POLL_FAILURES_TOLERATED) {
        sayError(runMessage, error);
        return;
      }
      continue;
    }
    if (watched !== run.id) {
      return;
    }
    showRun(current);
  }
  await finished(current, { focus });
}

async function openRun(id) {
  say(historyMessage, '');
  try {
    const { body } = await api(`/api/v1/admin/imports/${encodeURIComponent(id)}`);
    await follow(body);
  } catch (error) {
    sayError(historyMessage, error);
  }
}

async function publish(run) {
  const button = document.getElementById('publish');
  button.disabled = true;
  try {
    const { body } = await api(`/api/v1/admin/imports/${encodeURIComponent(run.id)}/publish`, { method: 'POST' });
    await follow(body);
  } catch (error) {
    button.disabled = false;
    sayError(runMessage, error);
  }
}

function importUrl() {
  const query = new URLSearchParams();
  query.set('source', form.elements.source.value.trim());
  query.set('mode', form.elements.mode.value);
  query.set('dryRun', String(dryRun.checked));
  const country = form.elements.country.value.trim();
  if (country) {
    query.set('country', country);
  }
  return `/api/v1/admin/imports?${query}`;
}

function missingField() {
  if (!form.elements.file.files.length) {
    return [form.elements.file, 'Choose the file to upload.'];
  }
  if (!form.elements.source.value.trim()) {
    return [form.elements.source, 'Say who the list comes from (the source).'];
  }
  return null;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  for (const field of [form.elements.file, form.elements.source]) {
    field.removeAttribute('aria-invalid');
  }
  const missing = missingField();
  if (missing) {
    missing[0].setAttribute('aria-invalid', 'true');
    say(uploadMessage, missing[1], { kind: 'error' });
    missing[0].focus();
    return;
  }
  say(uploadMessage, '');
  const data = new FormData();
  data.append('file', form.elements.file.files[0]);
  uploadButton.disabled = true;
  try {
    const { body } = await api(importUrl(), { method: 'POST', body: data });
    form.elements.file.value = '';
    follow(body);
  } catch (error) {
    sayError(uploadMessage, error);
  } finally {
    uploadButton.disabled = false;
  }
});

dryRun.addEventListener('change', () => {
  uploadButton.textContent = dryRun.checked ? 'Upload and check' : 'Upload and publish';
});

function historyRow(run) {
  return el('tr', {},
    el('td', { text: dateTime(run.startedAt) }),
    el('td', { text: run.source }),
    el('td', { className: 'file', text: run.fileName }),
    el('td', { text: kindWords(run) }),
    el('td', { text: STATUS_SHORT[run.status] ?? run.status }),
    el('td', { className: 'num', text: number(run.rowsRead) }),
    el('td', { className: 'num', text: number(run.accepted) }),
    el('td', { className: 'num', text: number(run.rejected) }),
    el('td', {}, el('button', {
      type: 'button', className: 'secondary small', text: 'Open report',
      'aria-label': `Open the report of ${run.fileName}, started ${dateTime(run.startedAt)}`,
      onClick: () => openRun(run.id),
    })));
}

async function loadHistory({ older = false } = {}) {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (older && oldestShown) {
    query.set('before', oldestShown);
  }
  try {
    const { body } = await api(`/api/v1/admin/imports?${query}`);
    const rows = body.items.map(historyRow);
    const tbody = historyTable.tBodies[0];
    if (older) {
      tbody.append(...rows);
    } else {
      tbody.replaceChildren(...rows);
    }
    if (body.items.length) {
      oldestShown = body.items[body.items.length - 1].startedAt;
    }
    historyTable.hidden = tbody.rows.length === 0;
    olderButton.hidden = body.items.length < HISTORY_PAGE;
    historyStatus.textContent = tbody.rows.length === 0 ? 'No import yet.'
      : `${number(tbody.rows.length)} ${tbody.rows.length === 1 ? 'import' : 'imports'} shown, newest first.`;
  } catch (error) {
    historyStatus.textContent = error instanceof ApiError ? error.message : 'Past imports could not be read.';
  }
}

olderButton.addEventListener('click', () => loadHistory({ older: true }));

startPage().then(() => loadHistory()).catch(() => {});
