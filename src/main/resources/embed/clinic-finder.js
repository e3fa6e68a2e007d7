/*! clinic-finder embeddable search widget, v1. Apache-2.0.
 * <script src="https://HOST/embed/v1/clinic-finder.js" async></script>
 * <clinic-finder api-key="pk_..." country="GB" treatment="acne-scars" lang="de"></clinic-finder>
 * Plain ES2020, no dependencies. All data is inserted with DOM APIs / textContent, never as HTML.
 */
(() => {
  'use strict';
  const W = window, D = document, TAG = 'clinic-finder';
  if (!W.customElements || W.customElements.get(TAG)) return;

  // The API lives on the origin that served this script, unless the element says otherwise (api-base).
  const SCRIPT = D.currentScript || D.querySelector('script[src*="clinic-finder.js"]');
  let SCRIPT_ORIGIN = location.origin;
  try { if (SCRIPT && SCRIPT.src) SCRIPT_ORIGIN = new URL(SCRIPT.src, location.href).origin; } catch (e) { /* keep page origin */ }

  const LANGS = ['en', 'de', 'fr', 'es'];
  const SLUGS = ['acne-scars', 'wrinkles', 'stretch-marks', 'surgical-scars', 'pigmentation', 'hair-loss', 'skin-rejuvenation'];
  const RADII = [5, 10, 25, 50, 100];
  const PROFESSIONS = ['dermatologist', 'plastic-surgeon', 'aesthetic-doctor', 'general-practitioner', 'nurse', 'skin-therapist', 'aesthetician'];

  // UI text. "a|b": singular|plural (chosen with Intl.PluralRules). {n} numbers are formatted for the language.
  // p0..p6 follow PROFESSIONS.
  const I18N = {
    en: {
      heading: 'Find a trained microneedling provider', form: 'Search providers',
      q: 'Name, city or region', qShort: 'Enter at least 2 letters or digits, or leave this field empty.',
      tr: 'Treatment', all: 'All treatments', rad: 'Distance from your location', ver: 'Verified credentials only',
      search: 'Search', locate: 'Use my location', locating: 'Finding your location…',
      near: 'Near your location', clearLoc: 'Clear location',
      geoDenied: 'Your location could not be used because permission was denied. You can allow it in your browser settings, or search by name, city or region.',
      geoNA: 'Your location is not available right now. Please search by name, city or region.',
      geoTimeout: 'Finding your location took too long. Please try again.',
      geoNone: 'This browser cannot share your location. Please search by name, city or region.',
      searching: 'Searching…', loadingMore: 'Loading more providers…',
      shown: '{n} provider shown|{n} providers shown',
      empty: 'No providers match your search. Try a wider radius or fewer filters.',
      emptyText: 'No providers match your search. Try other words or fewer filters.',
      results: 'Search results', more: 'Load more', retry: 'Try again',
      clinic: 'Clinic', practitioner: 'Practitioner',
      p0: 'Dermatologist', p1: 'Plastic surgeon', p2: 'Aesthetic doctor', p3: 'General practitioner', p4: 'Nurse', p5: 'Skin therapist', p6: 'Aesthetician',
      away: '{d} away', treatments: 'Treatments', languages: 'Languages', training: 'Training',
      vProvider: 'Verified credentials', vCred: 'Verified', expired: 'Expired', unverified: 'Not verified', checked: 'checked {d}',
      phone: 'Phone:', email: 'Email:', web: 'Website:', newTab: '(opens in a new tab)',
      eNoKey: 'This search is not set up correctly: it has no key.',
      e401: 'This search is not set up correctly: its key is not valid.',
      e403: 'This website is not allowed to show this search.',
      e429: 'Too many searches right now. Please try again in {n} second.|Too many searches right now. Please try again in {n} seconds.',
      e429g: 'Too many searches right now. Please wait a moment and try again.',
      e400: 'The search could not be run: {d}',
      e400g: 'The search could not be run. Please change your filters and try again.',
      eConf: 'This search is not set up correctly.',
      e5xx: 'The provider directory is temporarily unavailable. Please try again in a moment.',
      eNet: 'Could not reach the provider directory. Please check your connection and try again.'
    },
    de: {
      heading: 'Geschulte Microneedling-Anbieter finden', form: 'Anbieter suchen',
      q: 'Name, Stadt oder Region', qShort: 'Geben Sie mindestens 2 Buchstaben oder Ziffern ein oder lassen Sie das Feld leer.',
      tr: 'Behandlung', all: 'Alle Behandlungen', rad: 'Entfernung von Ihrem Standort', ver: 'Nur verifizierte Qualifikationen',
      search: 'Suchen', locate: 'Meinen Standort verwenden', locating: 'Standort wird ermittelt…',
      near: 'In der Nähe Ihres Standorts', clearLoc: 'Standort entfernen',
      geoDenied: 'Ihr Standort konnte nicht verwendet werden, weil der Zugriff verweigert wurde. Sie können ihn in den Browsereinstellungen erlauben oder nach Name, Stadt oder Region suchen.',
      geoNA: 'Ihr Standort ist gerade nicht verfügbar. Bitte suchen Sie nach Name, Stadt oder Region.',
      geoTimeout: 'Die Standortermittlung hat zu lange gedauert. Bitte versuchen Sie es erneut.',
      geoNone: 'Dieser Browser kann Ihren Standort nicht teilen. Bitte suchen Sie nach Name, Stadt oder Region.',
      searching: 'Suche läuft…', loadingMore: 'Weitere Anbieter werden geladen…',
      shown: '{n} Anbieter angezeigt|{n} Anbieter angezeigt',
      empty: 'Keine Anbieter passen zu Ihrer Suche. Versuchen Sie einen größeren Umkreis oder weniger Filter.',
      emptyText: 'Keine Anbieter passen zu Ihrer Suche. Versuchen Sie andere Suchbegriffe oder weniger Filter.',
      results: 'Suchergebnisse', more: 'Mehr laden', retry: 'Erneut versuchen',
      clinic: 'Klinik', practitioner: 'Einzelpraxis',
      p0: 'Dermatologie', p1: 'Plastische Chirurgie', p2: 'Ästhetische Medizin', p3: 'Allgemeinmedizin', p4: 'Pflege', p5: 'Hauttherapie', p6: 'Kosmetik',
      away: '{d} entfernt', treatments: 'Behandlungen', languages: 'Sprachen', training: 'Ausbildung',
      vProvider: 'Verifizierte Qualifikationen', vCred: 'Verifiziert', expired: 'Abgelaufen', unverified: 'Nicht verifiziert', checked: 'geprüft am {d}',
      phone: 'Telefon:', email: 'E-Mail:', web: 'Website:', newTab: '(öffnet in neuem Tab)',
      eNoKey: 'Diese Suche ist nicht richtig eingerichtet: Es fehlt ein Schlüssel.',
      e401: 'Diese Suche ist nicht richtig eingerichtet: Ihr Schlüssel ist ungültig.',
      e403: 'Diese Website darf diese Suche nicht anzeigen.',
      e429: 'Gerade gibt es zu viele Suchanfragen. Bitte versuchen Sie es in {n} Sekunde erneut.|Gerade gibt es zu viele Suchanfragen. Bitte versuchen Sie es in {n} Sekunden erneut.',
      e429g: 'Gerade gibt es zu viele Suchanfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
      e400: 'Die Suche konnte nicht ausgeführt werden: {d}',
      e400g: 'Die Suche konnte nicht ausgeführt werden. Bitte ändern Sie Ihre Filter und versuchen Sie es erneut.',
      eConf: 'Diese Suche ist nicht richtig eingerichtet.',
      e5xx: 'Das Anbieterverzeichnis ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
      eNet: 'Das Anbieterverzeichnis ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.'
    },
    fr: {
      heading: 'Trouver un professionnel formé au microneedling', form: 'Rechercher des professionnels',
      q: 'Nom, ville ou région', qShort: 'Saisissez au moins 2 lettres ou chiffres, ou laissez ce champ vide.',
      tr: 'Traitement', all: 'Tous les traitements', rad: 'Distance de votre position', ver: 'Qualifications vérifiées uniquement',
      search: 'Rechercher', locate: 'Utiliser ma position', locating: 'Localisation en cours…',
      near: 'Près de votre position', clearLoc: 'Effacer la position',
      geoDenied: 'Votre position n’a pas pu être utilisée car l’accès a été refusé. Vous pouvez l’autoriser dans les réglages du navigateur, ou rechercher par nom, ville ou région.',
      geoNA: 'Votre position n’est pas disponible pour le moment. Recherchez par nom, ville ou région.',
      geoTimeout: 'La localisation a pris trop de temps. Veuillez réessayer.',
      geoNone: 'Ce navigateur ne peut pas partager votre position. Recherchez par nom, ville ou région.',
      searching: 'Recherche en cours…', loadingMore: 'Chargement d’autres professionnels…',
      shown: '{n} professionnel affiché|{n} professionnels affichés',
      empty: 'Aucun professionnel ne correspond à votre recherche. Essayez un rayon plus large ou moins de filtres.',
      emptyText: 'Aucun professionnel ne correspond à votre recherche. Essayez d’autres mots ou moins de filtres.',
      results: 'Résultats de recherche', more: 'Afficher plus', retry: 'Réessayer',
      clinic: 'Clinique', practitioner: 'Praticien',
      p0: 'Dermatologie', p1: 'Chirurgie plastique', p2: 'Médecine esthétique', p3: 'Médecine générale', p4: 'Soins infirmiers', p5: 'Thérapie cutanée', p6: 'Esthétique',
      away: 'à {d}', treatments: 'Traitements', languages: 'Langues', training: 'Formation',
      vProvider: 'Qualifications vérifiées', vCred: 'Vérifiée', expired: 'Expirée', unverified: 'Non vérifiée', checked: 'contrôlée le {d}',
      phone: 'Téléphone :', email: 'E-mail :', web: 'Site web :', newTab: '(s’ouvre dans un nouvel onglet)',
      eNoKey: 'Cette recherche n’est pas configurée correctement : aucune clé n’est indiquée.',
      e401: 'Cette recherche n’est pas configurée correctement : sa clé n’est pas valide.',
      e403: 'Ce site n’est pas autorisé à afficher cette recherche.',
      e429: 'Trop de recherches en ce moment. Veuillez réessayer dans {n} seconde.|Trop de recherches en ce moment. Veuillez réessayer dans {n} secondes.',
      e429g: 'Trop de recherches en ce moment. Veuillez patienter un instant puis réessayer.',
      e400: 'La recherche n’a pas pu être effectuée : {d}',
      e400g: 'La recherche n’a pas pu être effectuée. Modifiez vos filtres et réessayez.',
      eConf: 'Cette recherche n’est pas configurée correctement.',
      e5xx: 'L’annuaire des professionnels est temporairement indisponible. Veuillez réessayer dans un instant.',
      eNet: 'Impossible de joindre l’annuaire des professionnels. Vérifiez votre connexion et réessayez.'
    },
    es: {
      heading: 'Encuentra un profesional formado en microneedling', form: 'Buscar profesionales',
      q: 'Nombre, ciudad o región', qShort: 'Escribe al menos 2 letras o cifras, o deja este campo vacío.',
      tr: 'Tratamiento', all: 'Todos los tratamientos', rad: 'Distancia desde tu ubicación', ver: 'Solo credenciales verificadas',
      search: 'Buscar', locate: 'Usar mi ubicación', locating: 'Buscando tu ubicación…',
      near: 'Cerca de tu ubicación', clearLoc: 'Quitar ubicación',
      geoDenied: 'No se pudo usar tu ubicación porque se denegó el permiso. Puedes permitirlo en la configuración del navegador o buscar por nombre, ciudad o región.',
      geoNA: 'Tu ubicación no está disponible ahora. Busca por nombre, ciudad o región.',
      geoTimeout: 'Encontrar tu ubicación tardó demasiado. Inténtalo de nuevo.',
      geoNone: 'Este navegador no puede compartir tu ubicación. Busca por nombre, ciudad o región.',
      searching: 'Buscando…', loadingMore: 'Cargando más profesionales…',
      shown: '{n} profesional mostrado|{n} profesionales mostrados',
      empty: 'Ningún profesional coincide con tu búsqueda. Prueba con un radio mayor o menos filtros.',
      emptyText: 'Ningún profesional coincide con tu búsqueda. Prueba con otras palabras o menos filtros.',
      results: 'Resultados de búsqueda', more: 'Cargar más', retry: 'Reintentar',
      clinic: 'Clínica', practitioner: 'Profesional independiente',
      p0: 'Dermatología', p1: 'Cirugía plástica', p2: 'Medicina estética', p3: 'Medicina general', p4: 'Enfermería', p5: 'Terapia de la piel', p6: 'Estética',
      away: 'a {d}', treatments: 'Tratamientos', languages: 'Idiomas', training: 'Formación',
      vProvider: 'Credenciales verificadas', vCred: 'Verificada', expired: 'Caducada', unverified: 'No verificada', checked: 'comprobada el {d}',
      phone: 'Teléfono:', email: 'Correo:', web: 'Sitio web:', newTab: '(se abre en una pestaña nueva)',
      eNoKey: 'Esta búsqueda no está bien configurada: no tiene clave.',
      e401: 'Esta búsqueda no está bien configurada: su clave no es válida.',
      e403: 'Este sitio web no tiene permiso para mostrar esta búsqueda.',
      e429: 'Hay demasiadas búsquedas en este momento. Inténtalo de nuevo en {n} segundo.|Hay demasiadas búsquedas en este momento. Inténtalo de nuevo en {n} segundos.',
      e429g: 'Hay demasiadas búsquedas en este momento. Espera un momento e inténtalo de nuevo.',
      e400: 'No se pudo realizar la búsqueda: {d}',
      e400g: 'No se pudo realizar la búsqueda. Cambia los filtros e inténtalo de nuevo.',
      eConf: 'Esta búsqueda no está bien configurada.',
      e5xx: 'El directorio de profesionales no está disponible temporalmente. Inténtalo de nuevo en un momento.',
      eNet: 'No se pudo conectar con el directorio de profesionales. Comprueba tu conexión e inténtalo de nuevo.'
    }
  };

  // Defaults meet WCAG 2.1 AA: #1f2933/#fff 14.7:1, #52606d/#fff 6.4:1 (5.9:1 on surface), #fff/#0b5cad 6.7:1,
  // control borders #6b7785/#fff 4.6:1 (>= 3:1 for UI components).
  const CSS = `
:host{display:block;--_t:var(--cf-text,#1f2933);--_m:var(--cf-muted,#52606d);--_bg:var(--cf-background,#fff);
--_s:var(--cf-surface,#f5f7fa);--_a:var(--cf-accent,#0b5cad);--_at:var(--cf-accent-text,#fff);--_b:var(--cf-border,#d3dce6);
--_c:var(--cf-control-border,#6b7785);--_r:var(--cf-radius,8px);--_f:var(--cf-focus,#0b5cad);--_ok:var(--cf-verified,#17613a);
--_okb:var(--cf-verified-background,#e6f4ea);--_e:var(--cf-error,#b42318);--_eb:var(--cf-error-background,#fef3f2);
font-family:var(--cf-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
font-size:var(--cf-font-size,1rem);line-height:1.5;color:var(--_t);background:var(--_bg);text-align:start}
:host([hidden]),[hidden]{display:none!important}
*,::before,::after{box-sizing:border-box}
.r{display:flow-root;position:relative;padding:var(--cf-padding,4px)}
h2{font-size:1.25em;line-height:1.3;margin:0 0 .75rem}
form{background:var(--_s);border:1px solid var(--_b);border-radius:var(--_r);padding:1rem}
.g{display:grid;gap:.75rem 1rem;align-items:end;grid-template-columns:repeat(auto-fit,minmax(min(100%,12.5rem),1fr))}
.fl label{display:block;font-weight:600;font-size:.9375em;margin:0 0 .25rem}
input,select,button{font:inherit;color:inherit;margin:0}
input[type=search],select{display:block;width:100%;min-height:2.75rem;padding:.45rem .7rem;color:var(--_t);background:var(--_bg);
border:1px solid var(--_c);border-radius:calc(var(--_r)*.75)}
[aria-invalid=true]{border:2px solid var(--_e)!important}
.qe{color:var(--_e);font-size:.875em;font-weight:600;margin:.3rem 0 0}
.o{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin-top:.75rem}
.ck{display:inline-flex;align-items:center;gap:.5rem;min-height:2.75rem;cursor:pointer}
.ck input{width:1.25rem;height:1.25rem;flex:none;accent-color:var(--_a);cursor:pointer}
.bs{display:flex;flex-wrap:wrap;gap:.5rem;margin-inline-start:auto}
.b{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.5rem 1.1rem;border:2px solid var(--_a);
border-radius:calc(var(--_r)*.75);background:var(--_a);color:var(--_at);font-weight:600;cursor:pointer;text-align:center}
.b.s{background:var(--_bg);color:var(--_a)}
.bs .b{flex:1 0 auto}
.b:hover{filter:brightness(.9)}.b.s:hover{background:var(--_s);filter:none}
.b[aria-disabled=true]{opacity:.65;cursor:progress}
.lk{background:none;border:0;padding:.25rem;color:var(--_a);text-decoration:underline;cursor:pointer;font-weight:600}
.loc{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;margin-top:.75rem;font-weight:600}
.loc::before{content:"";width:.6rem;height:.6rem;border-radius:50%;background:var(--_a);flex:none}
:focus-visible{outline:3px solid var(--_f);outline-offset:2px}
.st{display:flex;align-items:center;gap:.5rem;min-height:1.5rem;margin:1rem 0 .75rem;color:var(--_m)}
.st p{margin:0}
.r[data-state=loading] .st::before{content:"";flex:none;width:1.1rem;height:1.1rem;border:3px solid var(--_b);border-top-color:var(--_a);
border-radius:50%;animation:cf-spin .8s linear infinite}
.r[data-state=empty] .st{color:var(--_t);background:var(--_s);border:1px solid var(--_b);border-radius:var(--_r);padding:1rem}
@keyframes cf-spin{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.r[data-state=loading] .st::before{animation:none;border-top-color:var(--_b);background:var(--_a)}}
.er{margin:0 0 .75rem;padding:.75rem 1rem;border:1px solid var(--_e);border-inline-start-width:5px;border-radius:var(--_r);background:var(--_eb);color:var(--_e);font-weight:600}
.er:empty{padding:0;margin:0;border:0}
.rt{margin:0 0 1rem}
ol{list-style:none;margin:0;padding:0;display:grid;gap:.75rem;transition:opacity .15s}
ol[aria-busy=true]{opacity:.5}
.c{border:1px solid var(--_b);border-radius:var(--_r);padding:1rem;background:var(--_bg);min-width:0;overflow-wrap:anywhere}
.hd{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
h3{font-size:1.125em;line-height:1.3;margin:0;border-radius:2px}
.c p{margin:.15rem 0 0}
.mt{color:var(--_m);font-size:.9375em}
.ds{font-weight:600}
.bd{display:inline-flex;align-items:center;gap:.3em;padding:0 .5em;border:1px solid currentColor;border-radius:999px;font-size:.8125em;font-weight:600;
line-height:1.6;white-space:nowrap;color:var(--_ok);background:var(--_okb)}
.bd.n{color:var(--_m);background:var(--_s)}
.bd.x{color:var(--_e);background:var(--_eb)}
dl{margin:.6rem 0 0;display:grid;gap:.45rem}
dl>div{display:flex;flex-wrap:wrap;gap:.1rem 1rem}
dt{flex:0 0 auto;min-width:7rem;overflow-wrap:normal;font-size:.875em;font-weight:600;color:var(--_m);line-height:1.7}
dd{flex:1 1 15rem;margin:0;min-width:0}
.tg,.cr,.ct{list-style:none;margin:0;padding:0}
.tg{display:flex;flex-wrap:wrap;gap:.35rem}
.tg li{background:var(--_s);border:1px solid var(--_b);border-radius:999px;padding:0 .6em;font-size:.875em}
.cr li+li{margin-top:.2rem}
.cr .bd{margin-inline-start:.4em}
.vo{color:var(--_m);font-size:.875em;margin-inline-start:.4em;white-space:nowrap}
.ct{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin-top:.75rem;padding-top:.6rem;border-top:1px solid var(--_b)}
a{color:var(--_a);text-underline-offset:.15em}a:hover{text-decoration-thickness:2px}
.mo{display:flex;margin:1rem auto 0}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
  let SHEET = null;
  try { if ('adoptedStyleSheets' in ShadowRoot.prototype) { SHEET = new CSSStyleSheet(); SHEET.replaceSync(CSS); } } catch (e) { SHEET = null; }

  // h('tag', {attr: value, text: 'content'}, ...children): strings become text nodes, never markup.
  const h = (tag, attrs, ...kids) => {
    const el = D.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') el.textContent = v; else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of kids) if (c != null && c !== false) el.append(c);
    return el;
  };
  const norm = (l) => String(l || '').trim().toLowerCase().split(/[-_]/)[0];
  // [UI language, locale for Intl]: the locale keeps a regional variant of that language when one is known
  // (lang="de-CH", or a visitor whose browser says en-GB), so dates and numbers look familiar.
  const pickLang = (attr) => {
    const nav = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]).filter(Boolean);
    const l = [attr, ...nav].map(norm).find((x) => LANGS.includes(x)) || 'en';
    let loc = [attr, ...nav].find((x) => x && norm(x) === l && String(x).includes('-')) || l;
    try { loc = Intl.getCanonicalLocales(String(loc).replace('_', '-'))[0]; } catch (e) { loc = l; }
    return [l, loc];
  };
  const humanize = (s) => { s = String(s).replace(/-/g, ' '); return s.charAt(0).toUpperCase() + s.slice(1); };
  const letters = (s) => (s.match(/[\p{L}\p{N}]/gu) || []).length;
  const webUrl = (s) => {
    try { const u = new URL(String(s)); return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname ? u : null; } catch (e) { return null; }
  };
  const retrySeconds = (v) => {
    if (!v) return 0;
    let n = /^\s*\d+\s*$/.test(v) ? parseInt(v, 10) : Math.ceil((Date.parse(v) - Date.now()) / 1000);
    return n > 0 && n < 86400 ? n : 0;
  };
  const round = (x) => Math.round(x * 1e4) / 1e4; // ~11 m: enough for a radius search, no more precise than needed

  class ClinicFinder extends HTMLElement {
    static get observedAttributes() {
      return ['api-key', 'country', 'treatment', 'lang', 'verified', 'api-base', 'page-size', 'resize-parent-origin'];
    }

    constructor() {
      super();
      this._sr = this.attachShadow({ mode: 'open' });
      this._items = [];
      this._tr = new Map();
      this._seq = 0;
    }

    connectedCallback() {
      if (!this._ui) this._build();
      this._resize();
      if (!this._pending) {
        // Start after the current task's synchronous work, so attributes set right after insertion count.
        this._pending = true;
        queueMicrotask(() => { this._started = true; this._init(); });
      }
    }

    disconnectedCallback() {
      if (this._ro) { this._ro.disconnect(); this._ro = null; }
    }

    attributeChangedCallback(name, old, val) {
      if (!this._ui || old === val) return;
      const u = this._ui;
      if (name === 'lang') {
        this._setLang();
        this._loadTreatments();
      } else if (name === 'resize-parent-origin') {
        this._resize();
      } else {
        if (name === 'treatment') this._fillTreatments(val || '');
        if (name === 'verified') u.v.checked = val === 'true';
        if (name === 'api-key' || name === 'api-base') this._trLang = null;
        if (!this._queued && this._started) {
          this._queued = true;
          queueMicrotask(() => { this._queued = false; this._search(false); });
        }
      }
    }

    // ---------- building and labelling ----------

    _build() {
      const sr = this._sr;
      if (SHEET) sr.adoptedStyleSheets = [SHEET]; else sr.append(h('style', { text: CSS }));
      const u = this._ui = {};
      const radius = h('select', { id: 'rd', 'data-cf': 'radius', part: 'select radius' });
      for (const r of RADII) radius.append(h('option', { value: r, selected: r === 25 }));
      u.rd = radius;
      u.root = h('div', { class: 'r', role: 'region', 'aria-labelledby': 'hd', part: 'container', 'data-cf': 'root', 'data-state': 'idle' },
        u.h2 = h('h2', { id: 'hd', part: 'heading', 'data-cf': 'heading' }),
        u.form = h('form', { role: 'search', part: 'form', 'data-cf': 'form', novalidate: true },
          h('div', { class: 'g' },
            h('div', { class: 'fl' },
              u.ql = h('label', { for: 'q' }),
              u.q = h('input', { id: 'q', type: 'search', maxlength: 200, autocomplete: 'off', enterkeyhint: 'search', spellcheck: 'false', 'data-cf': 'query', part: 'input query' }),
              u.qe = h('p', { id: 'qe', class: 'qe', 'data-cf': 'query-error', part: 'query-error', hidden: true })),
            h('div', { class: 'fl' },
              u.tl = h('label', { for: 't' }),
              u.t = h('select', { id: 't', 'data-cf': 'treatment', part: 'select treatment' })),
            h('div', { class: 'fl' }, u.rl = h('label', { for: 'rd' }), radius)),
          h('div', { class: 'o' },
            h('label', { class: 'ck' },
              u.v = h('input', { type: 'checkbox', id: 'v', 'data-cf': 'verified', part: 'checkbox verified' }),
              u.vl = h('span')),
            h('div', { class: 'bs' },
              u.go = h('button', { type: 'submit', class: 'b', 'data-cf': 'submit', part: 'button submit' }),
              u.lo = h('button', { type: 'button', class: 'b s', 'data-cf': 'locate', part: 'button locate' }))),
          u.loc = h('div', { class: 'loc', 'data-cf': 'location', part: 'location', hidden: true },
            u.locT = h('span'),
            u.clr = h('button', { type: 'button', class: 'lk', 'data-cf': 'clear-location', part: 'clear-location' }))),
        h('div', { class: 'st' }, u.st = h('p', { role: 'status', 'aria-live': 'polite', 'data-cf': 'status', part: 'status' })),
        u.er = h('p', { id: 'er', role: 'alert', class: 'er', 'data-cf': 'error', part: 'error' }),
        u.rt = h('button', { type: 'button', class: 'b s rt', 'data-cf': 'retry', part: 'button retry', hidden: true }),
        u.ol = h('ol', { role: 'list', 'data-cf': 'results', part: 'results' }),
        u.mo = h('button', { type: 'button', class: 'b s mo', 'data-cf': 'load-more', part: 'button load-more', hidden: true }));
      sr.append(u.root);

      u.form.addEventListener('submit', (e) => { e.preventDefault(); this._search(true); });
      u.lo.addEventListener('click', () => this._locate());
      u.clr.addEventListener('click', () => { this._loc = null; u.loc.hidden = true; u.lo.focus(); this._search(true); });
      u.mo.addEventListener('click', () => { if (!this._busy && this._next) this._page(true); });
      u.rt.addEventListener('click', () => { const f = this._retry; if (f) f(); });
      u.q.addEventListener('input', () => { if (u.q.getAttribute('aria-invalid') && letters(u.q.value.trim()) !== 1) this._qError(false); });

      u.v.checked = this.getAttribute('verified') === 'true';
      this._want = this.getAttribute('treatment') || '';
      this._setLang();
    }

    _setLang() {
      const [lang, L] = pickLang(this.getAttribute('lang'));
      this._lang = lang;
      this._plural = new Intl.PluralRules(L);
      this._nf = new Intl.NumberFormat(L);
      this._km = new Intl.NumberFormat(L, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
      this._df = new Intl.DateTimeFormat(L, { dateStyle: 'medium', timeZone: 'UTC' });
      try { this._ln = new Intl.DisplayNames([L], { type: 'language' }); } catch (e) { this._ln = null; }
      const u = this._ui, t = (k) => this._t(k);
      u.root.lang = lang;
      u.h2.textContent = t('heading');
      u.form.setAttribute('aria-label', t('form'));
      u.ql.textContent = t('q');
      u.tl.textContent = t('tr');
      u.rl.textContent = t('rad');
      for (const o of u.rd.options) o.textContent = this._km.format(+o.value);
      u.vl.textContent = t('ver');
      u.go.textContent = t('search');
      u.lo.textContent = t('locate');
      u.locT.textContent = t('near');
      u.clr.textContent = t('clearLoc');
      u.rt.textContent = t('retry');
      u.mo.textContent = t('more');
      u.ol.setAttribute('aria-label', t('results'));
      if (u.qe.textContent) u.qe.textContent = t('qShort');
      this._fillTreatments();
      this._status(this._stK, this._stV);
      if (this._erK) this._error(this._erK, this._erV, !u.rt.hidden);
      this._renderAll();
    }

    _t(k, v) {
      const dict = I18N[this._lang] || I18N.en;
      let s = dict[k] != null ? dict[k] : (I18N.en[k] != null ? I18N.en[k] : k);
      v = v || {};
      if (s.includes('|')) s = s.split('|')[this._plural.select(v.n) === 'one' ? 0 : 1];
      return s.replace(/\{(\w+)\}/g, (_, x) => (typeof v[x] === 'number' ? this._nf.format(v[x]) : String(v[x] == null ? '' : v[x])));
    }

    _label(slug) { return this._tr.get(slug) || humanize(slug); }

    _fillTreatments(want) {
      const sel = this._ui.t;
      if (want == null) want = sel.options.length ? sel.value : this._want;
      const slugs = this._tr.size ? [...this._tr.keys()] : SLUGS.slice();
      if (want && !slugs.includes(want)) {
        if (this._tr.size) console.warn('clinic-finder: unknown treatment "' + want + '" ignored'); else slugs.push(want);
      }
      sel.replaceChildren(h('option', { value: '', text: this._t('all') }),
        ...slugs.map((s) => h('option', { value: s, text: this._label(s) })));
      sel.value = slugs.includes(want) ? want : '';
      this._want = sel.value;
    }

    // ---------- data ----------

    _base() { return (this.getAttribute('api-base') || SCRIPT_ORIGIN).replace(/\/+$/, ''); }

    async _get(path, signal, lang) {
      // The key travels in the query, not in X-Api-Key: a request without custom headers needs no CORS
      // preflight, which would otherwise double the round trips of every new search.
      const url = this._base() + path + (path.includes('?') ? '&' : '?') + 'key=' + encodeURIComponent(this.getAttribute('api-key') || '');
      const headers = { Accept: 'application/json' };
      if (lang) headers['Accept-Language'] = lang;
      const res = await fetch(url, { mode: 'cors', credentials: 'omit', headers, signal });
      if (!res.ok) {
        let problem = null;
        try { problem = await res.json(); } catch (e) { /* no readable body */ }
        throw { status: res.status, problem: problem && typeof problem === 'object' ? problem : {}, retryAfter: res.headers.get('Retry-After') };
      }
      return res.json();
    }

    async _loadTreatments() {
      const lang = this._lang;
      if (!this.getAttribute('api-key') || this._trLang === lang) return true;
      try {
        const d = await this._get('/api/v1/treatments', undefined, lang);
        if (lang !== this._lang) return true;
        const m = new Map();
        for (const it of (d && Array.isArray(d.items) ? d.items : [])) if (it && typeof it.slug === 'string') m.set(it.slug, String(it.label || humanize(it.slug)));
        if (m.size) { this._tr = m; this._trLang = lang; this._fillTreatments(); this._renderAll(); }
        return true;
      } catch (e) {
        return e;
      }
    }

    async _init() {
      if (!this.getAttribute('api-key')) { this._search(false); return; }
      this._status('searching');
      this._state('loading');
      const r = await this._loadTreatments();
      // Without a working key, the search would fail the same way: explain it once.
      if (r !== true && r && [401, 403, 429].includes(r.status)) { this._fail(r, () => this._search(true)); return; }
      this._search(false);
    }

    _countries() {
      const out = [];
      for (const c of (this.getAttribute('country') || '').split(',')) {
        const x = c.trim().toUpperCase();
        if (/^[A-Z]{2}$/.test(x) && !out.includes(x)) out.push(x);
      }
      return out.slice(0, 20);
    }

    _qError(on) {
      const u = this._ui;
      u.qe.textContent = on ? this._t('qShort') : '';
      u.qe.hidden = !on;
      if (on) { u.q.setAttribute('aria-invalid', 'true'); u.q.setAttribute('aria-describedby', 'qe'); } else { u.q.removeAttribute('aria-invalid'); u.q.removeAttribute('aria-describedby'); }
    }

    // Validate the form, build the query, fetch the first page. Returns false when nothing was sent.
    _search(fromUser) {
      const u = this._ui;
      if (!this.getAttribute('api-key')) {
        this._reset();
        this._fail({ status: -1 });
        return false;
      }
      const q = u.q.value.trim();
      if (q && letters(q) < 2) {
        this._qError(true);
        if (fromUser) u.q.focus();
        return false;
      }
      this._qError(false);
      if (this._trLang !== this._lang) this._loadTreatments();
      const p = new URLSearchParams();
      for (const c of this._countries()) p.append('country', c);
      if (u.t.value) p.set('treatment', u.t.value);
      if (q) p.set('q', q);
      if (this._loc) {
        p.set('lat', String(this._loc.lat));
        p.set('lon', String(this._loc.lon));
        p.set('radiusKm', u.rd.value);
        p.set('sort', 'distance');
      }
      if (u.v.checked) p.set('verified', 'true');
      p.set('limit', String(Math.min(100, Math.max(1, parseInt(this.getAttribute('page-size'), 10) || 10))));
      this._params = p.toString();
      this._next = null;
      this._page(false);
      return true;
    }

    async _page(append) {
      const u = this._ui, seq = ++this._seq;
      if (this._ctl) this._ctl.abort();
      const ctl = this._ctl = new AbortController();
      this._busy = true;
      this._clearError();
      this._state('loading');
      this._status(append ? 'loadingMore' : 'searching');
      u.ol.setAttribute('aria-busy', 'true');
      if (append) u.mo.setAttribute('aria-disabled', 'true');
      let qs = this._params;
      if (append) qs += '&cursor=' + encodeURIComponent(this._next);
      try {
        const d = await this._get('/api/v1/providers?' + qs, ctl.signal);
        if (seq !== this._seq) return;
        const items = (d && Array.isArray(d.items) ? d.items : []).filter((p) => p && typeof p === 'object');
        if (!append) { this._items = []; u.ol.replaceChildren(); }
        const first = this._items.length;
        for (const p of items) { this._items.push(p); u.ol.append(this._item(p)); }
        this._next = d && typeof d.nextCursor === 'string' && d.nextCursor ? d.nextCursor : null;
        const moreHadFocus = this._sr.activeElement === u.mo;
        u.mo.hidden = !this._next;
        const n = this._items.length;
        // The radius is worth widening only when the search is around a location.
        this._status(n ? 'shown' : this._loc ? 'empty' : 'emptyText', { n });
        this._state(n ? 'results' : 'empty');
        if (append) {
          // Keyboard users continue with the first new result; never leave focus on a vanished button.
          const target = u.ol.children[items.length ? first : n - 1];
          if (target && (items.length || (moreHadFocus && u.mo.hidden))) target.querySelector('h3').focus();
        }
        this._emit('results', { count: n, added: items.length, hasMore: !!this._next });
      } catch (e) {
        if (seq !== this._seq || (e && e.name === 'AbortError')) return;
        if (!append) this._reset();
        this._fail(e, () => (append ? this._page(true) : this._search(true)));
      } finally {
        if (seq === this._seq) {
          this._busy = false;
          u.ol.removeAttribute('aria-busy');
          u.mo.removeAttribute('aria-disabled');
        }
      }
    }

    _reset() {
      const u = this._ui;
      this._items = [];
      this._next = null;
      u.ol.replaceChildren();
      u.mo.hidden = true;
    }

    _locate() {
      const u = this._ui;
      if (this._locating) return;
      const q = u.q.value.trim();
      if (q && letters(q) < 2) { this._qError(true); u.q.focus(); return; }
      this._clearError();
      const geo = navigator.geolocation;
      if (!geo) { this._error('geoNone'); return; }
      this._locating = true;
      u.lo.setAttribute('aria-disabled', 'true');
      this._state('loading');
      this._status('locating');
      const done = () => { this._locating = false; u.lo.removeAttribute('aria-disabled'); };
      geo.getCurrentPosition((pos) => {
        done();
        this._loc = { lat: round(pos.coords.latitude), lon: round(pos.coords.longitude) };
        u.loc.hidden = false;
        this._search(true);
      }, (err) => {
        done();
        this._state(this._items.length ? 'results' : 'idle');
        this._status(this._items.length ? 'shown' : null, { n: this._items.length });
        this._error(err && err.code === 1 ? 'geoDenied' : err && err.code === 3 ? 'geoTimeout' : 'geoNA');
      }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
    }

    // ---------- status and errors ----------

    _state(s) { this._ui.root.setAttribute('data-state', s); }

    _status(k, v) {
      this._stK = k; this._stV = v;
      this._ui.st.textContent = k ? this._t(k, v) : '';
    }

    _error(k, v, retry) {
      const u = this._ui;
      this._erK = k; this._erV = v;
      u.er.textContent = this._t(k, v);
      u.rt.hidden = !retry;
    }

    _clearError() {
      const u = this._ui;
      u.form.hidden = false;
      this._erK = null;
      u.er.textContent = '';
      u.rt.hidden = true;
      this._retry = null;
    }

    _fail(e, retry) {
      const s = e && typeof e.status === 'number' ? e.status : 0, p = (e && e.problem) || {};
      let k = 'e5xx', v = {}, again = true;
      if (s === -1) { k = 'eNoKey'; again = false; }
      else if (!s) { k = e instanceof TypeError ? 'eNet' : 'e5xx'; if (!(e instanceof TypeError) && !(e instanceof SyntaxError)) console.error(e); }
      else if (s === 401 || s === 403) {
        k = 'e' + s; again = false;
        // Nothing the visitor can do here would work: show the reason only.
        this._ui.form.hidden = true;
        console.warn('clinic-finder: ' + s + ' ' + (p.detail || p.title || '') + ' (key ' + (this.getAttribute('api-key') || '') + ', page origin ' + location.origin + ')');
      } else if (s === 429) {
        const n = retrySeconds(e.retryAfter);
        k = n ? 'e429' : 'e429g'; v = { n };
      } else if (s === 400 || s === 422) {
        const first = Array.isArray(p.errors) && p.errors[0] && p.errors[0].message;
        const d = typeof p.detail === 'string' && p.detail ? p.detail : typeof first === 'string' ? first : '';
        k = d ? 'e400' : 'e400g'; v = { d: d.slice(0, 300) }; again = false;
        if (Array.isArray(p.errors) && p.errors.some((x) => x && x.name === 'q')) { this._ui.q.setAttribute('aria-invalid', 'true'); this._ui.q.setAttribute('aria-describedby', 'er'); }
      } else if (s < 500) { k = 'eConf'; again = false; }
      this._retry = again ? retry : null;
      this._state('error');
      this._status(null);
      this._error(k, v, again && !!retry);
      this._emit('error', { status: s > 0 ? s : 0, message: this._ui.er.textContent });
    }

    _emit(name, detail) {
      this.dispatchEvent(new CustomEvent(TAG + ':' + name, { bubbles: true, composed: true, detail }));
    }

    // ---------- results ----------

    _renderAll() {
      const u = this._ui;
      if (!this._items.length) return;
      const at = [...u.ol.children].findIndex((li) => li.contains(this._sr.activeElement));
      u.ol.replaceChildren(...this._items.map((p) => this._item(p)));
      if (at >= 0 && u.ol.children[at]) u.ol.children[at].querySelector('h3').focus();
    }

    _item(p) {
      const t = (k, v) => this._t(k, v);
      const li = h('li', { class: 'c', 'data-cf': 'result', part: 'result', 'data-id': p.id == null ? null : String(p.id) });
      const hd = h('div', { class: 'hd' }, h('h3', { tabindex: '-1', 'data-cf': 'result-name', part: 'result-name', text: String(p.name || '') }));
      if (p.verified === true) hd.append(h('span', { class: 'bd', 'data-cf': 'verified-badge' }, h('span', { 'aria-hidden': 'true', text: '✓' }), t('vProvider')));
      li.append(hd);

      const pi = PROFESSIONS.indexOf(p.profession);
      const meta = [p.kind === 'clinic' || p.kind === 'practitioner' ? t(p.kind) : '', pi >= 0 ? t('p' + pi) : p.profession ? humanize(p.profession) : ''].filter(Boolean);
      if (meta.length) li.append(h('p', { class: 'mt', text: meta.join(' · ') }));
      const a = p.address || {};
      const addr = [a.city, a.region, a.postalCode, a.country].filter((x) => typeof x === 'string' && x).join(', ');
      if (addr) li.append(h('p', { 'data-cf': 'address', text: addr }));
      if (typeof p.distanceKm === 'number' && isFinite(p.distanceKm)) li.append(h('p', { class: 'ds', 'data-cf': 'distance', text: t('away', { d: this._km.format(p.distanceKm) }) }));

      const dl = h('dl');
      const tr = Array.isArray(p.treatments) ? p.treatments.filter((s) => typeof s === 'string') : [];
      const row = (k, dd) => dl.append(h('div', null, h('dt', { text: t(k) }), dd));
      if (tr.length) row('treatments', h('dd', null, h('ul', { class: 'tg' }, ...tr.map((s) => h('li', { text: this._label(s) })))));
      const lg = Array.isArray(p.languages) ? p.languages.filter((s) => typeof s === 'string') : [];
      if (lg.length) row('languages', h('dd', { text: lg.map((c) => { try { return (this._ln && this._ln.of(c)) || c; } catch (e) { return c; } }).join(', ') }));
      const cr = Array.isArray(p.credentials) ? p.credentials.filter((c) => c && typeof c === 'object') : [];
      if (cr.length) {
        row('training', h('dd', null, h('ul', { class: 'cr' }, ...cr.map((c) => {
          const line = [String(c.title || ''), c.issuer ? ' — ' + c.issuer : '', Number.isInteger(c.year) ? ', ' + c.year : ''].join('');
          const li = h('li', { 'data-cf': 'credential', 'data-status': typeof c.status === 'string' ? c.status : null }, line);
          if (c.status === 'verified') {
            li.append(' ', h('span', { class: 'bd' }, h('span', { 'aria-hidden': 'true', text: '✓' }), t('vCred')));
            const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.verifiedOn || '');
            if (m) li.append(' ', h('span', { class: 'vo', text: t('checked', { d: this._df.format(new Date(Date.UTC(+m[1], m[2] - 1, +m[3]))) }) }));
          } else if (c.status === 'expired') li.append(' ', h('span', { class: 'bd x', text: t('expired') }));
          else if (c.status === 'unverified') li.append(' ', h('span', { class: 'bd n', text: t('unverified') }));
          return li;
        }))));
      }
      if (dl.childNodes.length) li.append(dl);

      const ct = h('ul', { class: 'ct' });
      const link = (label, href, text, extra) => ct.append(h('li', null, h('span', { class: 'sr', text: label + ' ' }), h('a', Object.assign({ href }, extra), text)));
      if (typeof p.phone === 'string' && /^\+?[\d\s().\/-]{3,32}$/.test(p.phone)) link(t('phone'), 'tel:' + p.phone.replace(/[^\d+]/g, ''), p.phone, { 'data-cf': 'phone' });
      if (typeof p.email === 'string' && /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(p.email)) link(t('email'), 'mailto:' + p.email, p.email, { 'data-cf': 'email' });
      const web = webUrl(p.website);
      if (web) {
        link(t('web'), web.href, web.hostname.replace(/^www\./, ''), { target: '_blank', rel: 'noopener noreferrer', 'data-cf': 'website' });
        ct.lastChild.lastChild.append(h('span', { 'aria-hidden': 'true', text: ' ↗' }), h('span', { class: 'sr', text: ' ' + t('newTab') }));
      }
      if (ct.childNodes.length) li.append(ct);
      return li;
    }

    // ---------- iframe mode: tell the parent page our height ----------

    _resize() {
      if (this._ro) { this._ro.disconnect(); this._ro = null; }
      const want = this.getAttribute('resize-parent-origin');
      if (!want || W.parent === W || !this.isConnected || typeof ResizeObserver !== 'function') return;
      let origin;
      try { origin = new URL(want).origin; } catch (e) { origin = 'null'; }
      if (origin === 'null') { console.warn('clinic-finder: resize-parent-origin must be an origin such as https://partner.example'); return; }
      const post = () => {
        this._raf = 0;
        // The element's bottom edge in the document: does not depend on the iframe's own height, so no feedback loop.
        const r = this.getBoundingClientRect();
        const height = Math.ceil(r.bottom + (W.scrollY || 0) + (parseFloat(getComputedStyle(this).marginBottom) || 0));
        if (height === this._sentH) return;
        this._sentH = height;
        try { W.parent.postMessage({ type: 'clinic-finder:resize', height }, origin); } catch (e) { /* parent gone */ }
      };
      const schedule = () => { if (!this._raf) this._raf = requestAnimationFrame(post); };
      this._sentH = -1;
      this._ro = new ResizeObserver(schedule);
      this._ro.observe(this);
      this._ro.observe(D.documentElement);
      schedule();
    }
  }

  W.customElements.define(TAG, ClinicFinder);
})();
