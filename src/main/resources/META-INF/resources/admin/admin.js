// What every admin page shares: calls to the admin API with the session's CSRF token, plain-words errors,
// the signed-in account in the header, and building elements whose text is always set as text.

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const CSRF_COOKIE = 'cf_admin_csrf';

/** A refusal or failure of the admin API, with its problem details when the service sent them. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  get type() {
    return this.problem?.type ?? null;
  }
}

function csrfToken() {
  const entry = document.cookie.split(';').map((part) => part.trim())
    .find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : null;
}

/** The problem's own words: its detail, else its title, with each field it names. */
export function problemText(problem, status) {
  if (!problem) {
    return `The service answered with an error (HTTP ${status}). Please try again.`;
  }
  const main = problem.detail || problem.title || `The service answered with an error (HTTP ${status}).`;
  const fields = (problem.errors ?? [])
    .map((error) => `${error.name}: ${error.message}`)
    .filter((line) => !main.includes(line));
  return fields.length ? `${main} ${fields.join('; ')}` : main;
}

/**
 * Calls the admin API as the signed-in page. Answers { status, etag, body }; throws ApiError otherwise. A call
 * whose session has ended goes back to the sign-in page.
 */
export async function api(path, { method = 'GET', json, body, contentType, headers = {} } = {}) {
  const sent = new Headers(headers);
  sent.set('Accept', 'application/json, application/problem+json');
  let payload = body;
  if (json !== undefined) {
    sent.set('Content-Type', contentType ?? 'application/json');
    payload = JSON.stringify(json);
  }
  if (!SAFE_METHODS.has(method)) {
    const token = csrfToken();
    if (token) {
      sent.set('X-CSRF-Token', token);
    }
  }
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, null, 'The service could not be reached. Check your connection, then try again.');
  }
  if (response.status === 401) {
    window.location.assign('/admin/login?expired');
    throw new ApiError(401, null, 'Your session has ended. Please sign in again.');
  }
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const answer = response.status !== 204 && isJson ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, answer, problemText(answer, response.status));
  }
  return { status: response.status, etag: response.headers.get('ETag'), body: answer };
}

/** An element with attributes and children; strings become text nodes, never markup. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = value;
    } else if (name === 'className') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Shows a message in a live region (role status or alert), or hides it when text is empty. */
export function say(region, text, { focus = false, kind } = {}) {
  region.replaceChildren();
  region.hidden = !text;
  if (text) {
    region.append(text);
  }
  region.classList.toggle('error', kind === 'error');
  region.classList.toggle('success', kind === 'success');
  if (focus && text) {
    region.focus();
  }
}

/** Shows what went wrong in plain words and puts the focus on it. */
export function sayError(region, error) {
  say(region, error instanceof ApiError ? error.message : 'Something went wrong in the page. Please reload it.',
    { focus: true, kind: 'error' });
}

const NUMBER = new Intl.NumberFormat('en-GB');
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function number(value) {
  return NUMBER.format(value ?? 0);
}

export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '';
}

export function date(isoDate) {
  return isoDate ? DATE.format(new Date(`${isoDate}T00:00:00Z`)) : '';
}

/** Today as yyyy-mm-dd in the admin's own time zone, for date inputs. */
export function today() {
  const now = new Date();
  const pad = (value) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Says who is signed in, shows what their role may use, and answers the account; every page starts here.
 * Reading the account also (re)issues the session's CSRF token cookie.
 */
export async function startPage() {
  const who = document.getElementById('who');
  try {
    const { body: account } = await api('/api/v1/admin/me');
    who.textContent = `Signed in as ${account.email} (${account.role})`;
    for (const element of document.querySelectorAll('[data-role="admin"]')) {
      element.hidden = account.role !== 'admin';
    }
    return account;
  } catch (error) {
    who.textContent = error instanceof ApiError ? error.message : 'Could not read your account.';
    throw error;
  }
}
