// Demo page for the clinic-finder widget: builds the element from the page's URL (?key=pk_...&country=GB&treatment=acne-scars&lang=de).
// An external file so that the page works under a Content-Security-Policy of script-src 'self'.
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  const key = (params.get('key') || '').trim();
  const form = document.getElementById('key-form');
  const demo = document.getElementById('demo');
  if (!key) {
    form.hidden = false;
    return;
  }
  form.hidden = true;
  const el = document.createElement('clinic-finder');
  el.setAttribute('api-key', key);
  for (const name of ['country', 'treatment', 'lang', 'verified']) {
    const value = (params.get(name) || '').trim();
    if (value) el.setAttribute(name, value);
  }
  document.getElementById('slot').append(el);

  const using = document.getElementById('using');
  using.append('Key ');
  const code = document.createElement('code');
  code.textContent = key;
  using.append(code, '. ');
  const other = document.createElement('a');
  other.href = location.pathname;
  other.textContent = 'Use another key';
  using.append(other);
  demo.hidden = false;
})();
