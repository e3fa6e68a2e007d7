// Partners (admin role only): add a partner and show its key once, change its sites and rate, revoke its key.
import { api, el, dateTime, say, sayError, startPage } from '/admin/admin.js';

const createForm = document.getElementById('create');
const createMessage = document.getElementById('create-message');
const newKey = document.getElementById('new-key');
const newKeyHeading = document.getElementById('new-key-heading');
const newKeyValue = document.getElementById('new-key-value');
const copyStatus = document.getElementById('copy-status');
const listHeading = document.getElementById('list-heading');
const listStatus = document.getElementById('list-status');
const listMessage = document.getElementById('list-message');
const table = document.getElementById('partners');

const lines = (text) => text.split(/[\n,]/).map((line) => line.trim()).filter(Boolean);

function restoreFocus(id, selector) {
  table.querySelector(`tr[data-partner="${CSS.escape(id)}"] ${selector}`)?.focus();
}

function editRow(partner, row) {
  const originsId = `origins-${partner.id}`;
  const rateId = `rate-${partner.id}`;
  const origins = el('textarea', { id: originsId, rows: 3 });
  origins.value = partner.origins.join('\n');
  const rate = el('input', { id: rateId, type: 'text', value: partner.rate });
  const save = async (event) => {
    event.preventDefault();
    say(listMessage, '');
    try {
      await api(`/api/v1/admin/partners/${encodeURIComponent(partner.id)}`,
        { method: 'PATCH', json: { origins: lines(origins.value), rate: rate.value.trim() } });
      await load();
      listStatus.textContent = `${partner.name} changed.`;
      restoreFocus(partner.id, 'button.edit');
    } catch (error) {
      sayError(listMessage, error);
    }
  };
  const form = el('form', { className: 'inline-form', 'aria-label': `Change ${partner.name}`, onSubmit: save },
    el('p', {}, el('label', { for: originsId, text: 'Sites, one a line' }), origins),
    el('p', {}, el('label', { for: rateId, text: 'Rate' }), rate),
    el('p', {}, el('button', { type: 'submit', text: 'Save' }), ' ',
      el('button', { type: 'button', className: 'secondary', text: 'Cancel', onClick: () => load().then(() => restoreFocus(partner.id, 'button.edit')) })));
  row.classList.add('editing');
  row.cells[2].replaceChildren(form);
  origins.focus();
}

function confirmRevoke(partner, row) {
  const cell = row.cells[6];
  const revoke = async () => {
    say(listMessage, '');
    try {
      await api(`/api/v1/admin/partners/${encodeURIComponent(partner.id)}/revoke`, { method: 'POST' });
      await load();
      listStatus.textContent = `The key of ${partner.name} is revoked: its sites can no longer use it.`;
      listHeading.focus();
    } catch (error) {
      sayError(listMessage, error);
    }
  };
  cell.replaceChildren(el('div', { role: 'group', 'aria-label': `Revoke ${partner.name}` },
    el('p', { text: `Revoke the key of ${partner.name} for good? Its sites stop working with it.` }),
    el('p', { className: 'actions' },
      el('button', { type: 'button', className: 'danger', text: 'Revoke for good', onClick: revoke }),
      el('button', { type: 'button', className: 'secondary', text: 'Keep it', onClick: () => load().then(() => restoreFocus(partner.id, 'button.revoke')) }))));
  cell.querySelector('button.danger').focus();
}

function partnerRow(partner) {
  const row = el('tr', { 'data-partner': partner.id },
    el('td', { text: partner.name }),
    el('td', {}, el('code', { text: partner.keyHint })),
    el('td', {}, el('ul', { className: 'plain' }, partner.origins.map((origin) => el('li', { text: origin })))),
    el('td', { text: partner.rate }),
    el('td', { text: dateTime(partner.createdAt) }),
    el('td', {}, partner.revokedAt
      ? [el('span', { className: 'badge no', text: 'Revoked' }), el('br'), el('span', { className: 'hint', text: dateTime(partner.revokedAt) })]
      : el('span', { className: 'badge yes', text: 'Active' })),
    el('td', {}));
  if (!partner.revokedAt) {
    row.cells[6].append(el('p', { className: 'actions' },
      el('button', { type: 'button', className: 'secondary small edit', text: 'Change', 'aria-label': `Change ${partner.name}`, onClick: () => editRow(partner, row) }),
      el('button', { type: 'button', className: 'secondary small revoke', text: 'Revoke', 'aria-label': `Revoke ${partner.name}`, onClick: () => confirmRevoke(partner, row) })));
  }
  return row;
}

async function load() {
  try {
    const { body } = await api('/api/v1/admin/partners');
    table.tBodies[0].replaceChildren(...body.items.map(partnerRow));
    table.hidden = body.items.length === 0;
    const active = body.items.filter((partner) => !partner.revokedAt).length;
    listStatus.textContent = body.items.length === 0 ? 'No partner yet.'
      : `${body.items.length} ${body.items.length === 1 ? 'partner' : 'partners'}, ${active} with an active key.`;
  } catch (error) {
    sayError(listMessage, error);
  }
}

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = createForm.elements.name.value.trim();
  const origins = lines(createForm.elements.origins.value);
  if (!name || !origins.length) {
    say(createMessage, 'A partner needs a name and at least one site.', { kind: 'error' });
    (name ? createForm.elements.origins : createForm.elements.name).focus();
    return;
  }
  const partner = { name, origins };
  const rate = createForm.elements.rate.value.trim();
  if (rate) {
    partner.rate = rate;
  }
  say(createMessage, '');
  newKey.hidden = true;
  try {
    const { body } = await api('/api/v1/admin/partners', { method: 'POST', json: partner });
    createForm.reset();
    newKeyHeading.textContent = `Key for ${body.name}`;
    newKeyValue.textContent = body.key;
    copyStatus.textContent = '';
    newKey.hidden = false;
    newKeyHeading.focus();
    load();
  } catch (error) {
    sayError(createMessage, error);
  }
});

document.getElementById('copy-key').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(newKeyValue.textContent);
    copyStatus.textContent = 'Copied.';
  } catch {
    // Without clipboard access the key is selected, ready to copy by hand.
    window.getSelection().selectAllChildren(newKeyValue);
    copyStatus.textContent = 'Copying was not allowed: the key is selected, copy it with Ctrl+C.';
  }
});

startPage().then((account) => {
  if (account.role !== 'admin') {
    document.getElementById('not-admin').hidden = false;
    return;
  }
  document.getElementById('partner-sections').hidden = false;
  load();
}).catch(() => {});
