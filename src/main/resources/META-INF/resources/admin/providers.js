// Providers: search by name, open one, change its details against the version read (If-Match), publish or
// unpublish it, and add or check its training credentials.
import { api, ApiError, el, number, dateTime, date, say, sayError, startPage, today } from '/admin/admin.js';

const PAGE_SIZE = 50;
const STALE = 'Someone else changed this provider since you opened it, so your change was not saved. '
  + 'Reload it to see their version, then make your change again.';

const searchForm = document.getElementById('search');
const resultsHeading = document.getElementById('results-heading');
const resultsTable = document.getElementById('results');
const searchStatus = document.getElementById('search-status');
const searchMessage = document.getElementById('search-message');
const previousButton = document.getElementById('previous');
const nextButton = document.getElementById('next');
const section = document.getElementById('provider');
const heading = document.getElementById('provider-heading');
const facts = document.getElementById('provider-facts');
const status = document.getElementById('provider-status');
const message = document.getElementById('provider-message');
const publishToggle = document.getElementById('publish-toggle');
const reloadButton = document.getElementById('reload');
const details = document.getElementById('details');
const treatmentChoices = document.getElementById('f-treatments');
const credentialRows = document.getElementById('credentials').tBodies[0];
const addCredential = document.getElementById('add-credential');

let search = { q: '', published: '', offset: 0 };
/** The provider as last read, with the ETag every change is made against. */
let current = null;
/** The form's values as last filled in, so that a save sends only what the admin changed. */
let loaded = null;

function yesNo(value, yes, no) {
  return el('span', { className: `badge ${value ? 'yes' : 'no'}`, text: value ? yes : no });
}

// --- Search ----------------------------------------------------------------------------------------------

/** Counts searches, so that an answer arriving after a newer search's is dropped, not shown over it. */
let searchRuns = 0;

async function runSearch({ focus = true } = {}) {
  const run = ++searchRuns;
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(search.offset) });
  if (search.q) {
    query.set('q', search.q);
  }
  if (search.published) {
    query.set('published', search.published);
  }
  say(searchMessage, '');
  try {
    const { body } = await api(`/api/v1/admin/providers?${query}`);
    if (run !== searchRuns) {
      return;
    }
    resultsTable.tBodies[0].replaceChildren(...body.items.map((item) => el('tr', {},
      el('td', {}, el('button', {
        type: 'button', className: 'link', text: item.name, onClick: () => open(item.id, { focus: true }),
      })),
      el('td', { text: item.city }),
      el('td', { text: item.country }),
      el('td', {}, yesNo(item.published, 'Published', 'Not published')),
      el('td', {}, yesNo(item.verified, 'Verified', 'Not verified')),
      el('td', { text: item.source }),
      el('td', { text: dateTime(item.updatedAt) }))));
    resultsTable.hidden = body.items.length === 0;
    resultsHeading.hidden = false;
    const first = body.items.length ? search.offset + 1 : 0;
    searchStatus.textContent = body.total === 0 ? 'No provider matches.'
      : `Providers ${number(first)} to ${number(search.offset + body.items.length)} of ${number(body.total)}.`;
    previousButton.hidden = search.offset === 0;
    nextButton.hidden = search.offset + body.items.length >= body.total;
    if (focus) {
      resultsHeading.focus();
    }
  } catch (error) {
    if (run === searchRuns) {
      sayError(searchMessage, error);
    }
  }
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  search = { q: searchForm.elements.q.value.trim(), published: searchForm.elements.published.value, offset: 0 };
  runSearch();
});
previousButton.addEventListener('click', () => {
  search.offset = Math.max(0, search.offset - PAGE_SIZE);
  runSearch();
});
nextButton.addEventListener('click', () => {
  search.offset += PAGE_SIZE;
  runSearch();
});

// --- One provider -------------------------------------------------------------------------------------------

function formValues() {
  const field = (name) => details.elements[name].value.trim();
  return {
    name: field('name'),
    kind: field('kind'),
    profession: field('profession'),
    phone: field('phone'),
    email: field('email'),
    website: field('website'),
    address: {
      lines: [field('line1'), field('line2')].filter(Boolean),
      city: field('city'),
      region: field('region'),
      postalCode: field('postalCode'),
      country: field('country'),
    },
    treatments: [...treatmentChoices.querySelectorAll('input:checked')].map((box) => box.value),
    languages: field('languages').split(',').map((part) => part.trim()).filter(Boolean),
    devices: field('devices').split(',').map((part) => part.trim()).filter(Boolean),
    numbingOffered: field('numbingOffered'),
  };
}

function fill(provider) {
  const set = (name, value) => { details.elements[name].value = value ?? ''; };
  const address = provider.address ?? {};
  set('name', provider.name);
  set('kind', provider.kind);
  set('profession', provider.profession);
  set('phone', provider.phone);
  set('email', provider.email);
  set('website', provider.website);
  set('line1', address.lines?.[0]);
  set('line2', address.lines?.[1]);
  set('city', address.city);
  set('region', address.region);
  set('postalCode', address.postalCode);
  set('country', address.country);
  for (const box of treatmentChoices.querySelectorAll('input')) {
    box.checked = (provider.treatments ?? []).includes(box.value);
  }
  set('languages', (provider.languages ?? []).join(', '));
  set('devices', (provider.devices ?? []).join(', '));
  set('numbingOffered', provider.numbingOffered === undefined || provider.numbingOffered === null
    ? '' : String(provider.numbingOffered));
  loaded = formValues();
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** A JSON Merge Patch of what the admin changed: a field emptied is cleared (null). */
function changes() {
  const now = formValues();
  const patch = {};
  for (const name of ['name', 'kind', 'profession', 'phone', 'email', 'website']) {
    if (now[name] !== loaded[name]) {
      patch[name] = now[name] === '' && name !== 'name' ? null : now[name];
    }
  }
  const address = {};
  for (const [name, value] of Object.entries(now.address)) {
    if (!same(value, loaded.address[name])) {
      address[name] = name === 'lines' || value !== '' ? value : null;
    }
  }
  if (Object.keys(address).length) {
    patch.address = address;
  }
  for (const name of ['treatments', 'languages', 'devices']) {
    if (!same(now[name], loaded[name])) {
      patch[name] = now[name];
    }
  }
  if (now.numbingOffered !== loaded.numbingOffered) {
    patch.numbingOffered = now.numbingOffered === '' ? null : now.numbingOffered === 'true';
  }
  return patch;
}

function credentialRow(credential, index) {
  const when = el('input', {
    type: 'date', value: today(), max: today(), 'aria-label': `Date checked for ${credential.title}`,
  });
  const change = (to) => changeCredential(index, to, when.value, credential.title);
  return el('tr', {},
    el('td', { text: credential.title }),
    el('td', { text: credential.issuer }),
    el('td', { className: 'num', text: credential.year ?? '' }),
    el('td', {}, el('span', {
      className: `badge ${credential.status === 'verified' ? 'yes' : 'no'}`, text: credential.status,
    })),
    el('td', { text: date(credential.verifiedOn) }),
    el('td', {}, el('div', { className: 'inline-form' }, when,
      el('button', { type: 'button', className: 'small', text: 'Mark verified', 'aria-label': `Mark ${credential.title} verified`, onClick: () => change('verified') }),
      el('button', { type: 'button', className: 'secondary small', text: 'Mark expired', 'aria-label': `Mark ${credential.title} expired`, onClick: () => change('expired') }))));
}

function show(adminProvider, etag) {
  current = { ...adminProvider, etag };
  const provider = adminProvider.provider;
  section.hidden = false;
  heading.textContent = provider.name;
  facts.replaceChildren(
    yesNo(adminProvider.published, 'Published', 'Not published'), ' ',
    yesNo(provider.verified, 'Verified', 'Not verified'),
    ` · ${provider.address.city}, ${provider.address.country} · source ${adminProvider.source}`
    + ` · version ${adminProvider.version} · updated ${dateTime(provider.updatedAt)}`,
  );
  publishToggle.textContent = adminProvider.published ? 'Unpublish' : 'Publish';
  fill(provider);
  const credentials = provider.credentials ?? [];
  credentialRows.replaceChildren(...credentials.map(credentialRow));
  document.getElementById('credentials').hidden = credentials.length === 0;
  document.getElementById('credentials-none').hidden = credentials.length > 0;
}

async function open(id, { focus = false } = {}) {
  say(message, '');
  status.textContent = '';
  try {
    const { body, etag } = await api(`/api/v1/admin/providers/${encodeURIComponent(id)}`);
    show(body, etag);
    if (focus) {
      heading.focus();
    }
    return true;
  } catch (error) {
    sayError(section.hidden ? searchMessage : message, error);
    return false;
  }
}

/** A change against the version read; a 412 means someone else changed the provider in between. */
async function change(path, options, done) {
  say(message, '');
  status.textContent = '';
  try {
    const { body, etag } = await api(path, { ...options, headers: { 'If-Match': current.etag } });
    show(body, etag);
    status.textContent = done;
    runSearch({ focus: false });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      say(message, STALE, { focus: true, kind: 'error' });
      message.append(' ', el('button', { type: 'button', className: 'secondary small', text: 'Reload provider', onClick: reload }));
    } else {
      sayError(message, error);
    }
    return false;
  }
}

async function reload() {
  if (await open(current.provider.id)) {
    status.textContent = 'Reloaded: this is the provider as it is now.';
    heading.focus();
  }
}

reloadButton.addEventListener('click', reload);

details.addEventListener('submit', async (event) => {
  event.preventDefault();
  const patch = changes();
  if (!Object.keys(patch).length) {
    say(message, 'Nothing has changed, so there is nothing to save.', { focus: true });
    return;
  }
  await change(`/api/v1/admin/providers/${encodeURIComponent(current.provider.id)}`,
    { method: 'PATCH', json: patch, contentType: 'application/merge-patch+json' }, 'Saved.');
});

publishToggle.addEventListener('click', () => {
  const verb = current.published ? 'unpublish' : 'publish';
  change(`/api/v1/admin/providers/${encodeURIComponent(current.provider.id)}/${verb}`, { method: 'POST' },
    current.published ? 'Unpublished: it is no longer in the public directory.' : 'Published: it is in the public directory.');
});

function changeCredential(index, to, on, title) {
  if (!on) {
    say(message, `Give the date ${title} was checked with its issuer.`, { focus: true, kind: 'error' });
    return;
  }
  change(`/api/v1/admin/providers/${encodeURIComponent(current.provider.id)}/credentials/${index}/status`,
    { method: 'PUT', json: { status: to, on } }, `${title} marked ${to} on ${date(on)}.`);
}

addCredential.addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = addCredential.elements.title.value.trim();
  const issuer = addCredential.elements.issuer.value.trim();
  const year = addCredential.elements.year.value.trim();
  if (!title || !issuer) {
    const missing = title ? addCredential.elements.issuer : addCredential.elements.title;
    say(message, 'A credential needs its title and its issuer.', { kind: 'error' });
    missing.focus();
    return;
  }
  const credential = { title, issuer };
  if (year) {
    credential.year = Number.parseInt(year, 10);
  }
  if (await change(`/api/v1/admin/providers/${encodeURIComponent(current.provider.id)}/credentials`,
    { method: 'POST', json: credential }, `Credential ${title} added, unverified.`)) {
    addCredential.reset();
  }
});

async function loadTreatments() {
  const { body } = await api('/api/v1/treatments');
  treatmentChoices.replaceChildren(...body.items.map((treatment) => {
    const id = `f-treatment-${treatment.slug}`;
    return el('span', { className: 'choice' },
      el('input', { type: 'checkbox', id, name: 'treatments', value: treatment.slug }),
      el('label', { for: id, text: treatment.label }));
  }));
}

startPage()
  .then(() => Promise.all([loadTreatments(), runSearch({ focus: false })]))
  .catch((error) => sayError(searchMessage, error));
