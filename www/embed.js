// http-troubleshooter embed. One script tag and one element:
//
//   <script type="module" src="https://docs.example.com/http-troubleshooter/embed.js"></script>
//   <http-troubleshooter code="429"></http-troubleshooter>
//
// Registers <http-troubleshooter> (attributes: code, text, theme = light|dark|auto, compact,
// heading-level) and window.HttpTroubleshooter. Nothing heavy loads until it is needed: the module
// and the wasm are fetched when the first element appears on the page or the API is first asked for
// (HttpTroubleshooter.ready / load()). They are loaded by this build's own names
// (http_troubleshooter.<build>.js), so a cache that holds an older glue or wasm cannot mix releases.
// Each element renders in its own shadow root: the page's CSS does not reach the widget and the
// widget's CSS does not reach the page. Each diagnosis shown dispatches a bubbling, composed
// `http-troubleshooter-diagnosis` event whose detail is { code, kinds, inputKind, side } — never
// the pasted text.
const base = new URL('./', import.meta.url);
// Stamped by the build (www/build/postbuild.mjs); the placeholders stay in an unbuilt copy.
const VERSION = '__HT_PKG_VERSION__';
const BUILD = '__HT_BUILD__';
const built = !BUILD.startsWith('__');
const glueUrl = new URL(built ? `http_troubleshooter.${BUILD}.js` : 'http_troubleshooter.js', base);
const wasmUrl = new URL(built ? `http_troubleshooter_bg.${BUILD}.wasm` : 'http_troubleshooter_bg.wasm', base);

let loading;
/** Load the module and the wasm (once); resolves to the API. */
function load() {
  loading ??= import(glueUrl.href)
    .then(async (module) => {
      try {
        await module.default({ module_or_path: wasmUrl });
      } catch (error) {
        if (error instanceof WebAssembly.LinkError) {
          throw new Error(`${wasmUrl.href} is not from the same release as ${glueUrl.href} (a cache or CDN served a mix of two versions): ${error.message}`);
        }
        throw error;
      }
      const loaded = typeof module.version === 'function' ? module.version() : 'unknown';
      if (built && loaded !== VERSION) {
        throw new Error(`embed.js is version ${VERSION} but ${glueUrl.href} is version ${loaded}: the files on the host are from two releases; copy the whole dist/ of one release.`);
      }
      return Object.freeze({
        version: loaded,
        explainStatus: module.explainStatus,
        diagnose: module.diagnose,
        diagnoseResponse: module.diagnoseResponse,
        listStatuses: module.listStatuses,
        searchStatuses: module.searchStatuses,
        mount: module.mount,
        annotate: module.annotate,
      });
    });
  // Nobody may be listening (elements report their own errors); a failed load can be tried again.
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** A promise-like that starts loading only when someone waits on it. */
const ready = Object.freeze({
  then: (onLoaded, onFailed) => load().then(onLoaded, onFailed),
  catch: (onFailed) => load().catch(onFailed),
  finally: (onSettled) => load().finally(onSettled),
});

if (!window.HttpTroubleshooter) {
  const api = Object.freeze({ ready, load, version: VERSION });
  Object.defineProperty(window, 'HttpTroubleshooter', { value: api, enumerable: true });
  // Classic scripts placed after the embed tag run before this module: they can listen for this.
  window.dispatchEvent(new CustomEvent('http-troubleshooter-defined', { detail: api }));
}

// Content authors' mistakes are told once each, in the console, with what is accepted.
const warned = new Set();
function warn(message) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`<http-troubleshooter>: ${message}`);
}

/** `code`: "429", " 404 ", "404 Not Found", "HTTP/1.1 503 Service Unavailable" → the number. */
function readCode(value) {
  if (value === null || value.trim() === '') return null;
  const match = value.trim().match(/^(?:HTTP\/[\d.]+\s+)?([1-9]\d\d)(?![\d.])/i);
  if (match) return Number(match[1]);
  warn(`code="${value.slice(0, 40)}" is not a status code and was ignored; it accepts a number from 100 to 999, such as code="429" (a status line like "404 Not Found" works too).`);
  return null;
}

function readTheme(value) {
  if (value === null) return 'auto';
  const theme = value.trim().toLowerCase();
  if (theme === 'light' || theme === 'dark' || theme === 'auto' || theme === '') return theme || 'auto';
  warn(`theme="${value.slice(0, 40)}" is not a theme; it accepts "light", "dark" or "auto" (the default: the host page's dark mode, else the visitor's system setting). Using "auto".`);
  return 'auto';
}

function readHeadingLevel(value) {
  if (value === null || value.trim() === '') return undefined;
  const level = Number(value.trim());
  if (Number.isInteger(level) && level >= 1 && level <= 6) return level;
  warn(`heading-level="${value.slice(0, 40)}" was ignored; it accepts 1 to 6, the level of the widget's top heading (2 by default).`);
  return undefined;
}

// The host page's own dark mode, for theme="auto". Read on <html> and <body>, first match wins:
// data-theme, data-bs-theme, data-color-scheme, data-color-mode, data-mode ("dark"/"light");
// data-md-color-scheme ("slate" is dark, "default" light: Material for MkDocs); the classes dark,
// dark-mode, theme-dark (and light, light-mode, theme-light); then <html>'s computed color-scheme
// when it is only "dark" or only "light". No signal: the visitor's system setting decides.
const THEME_ATTRIBUTES = ['data-theme', 'data-bs-theme', 'data-color-scheme', 'data-color-mode', 'data-mode', 'data-md-color-scheme'];
function hostTheme() {
  const nodes = [document.documentElement, document.body].filter(Boolean);
  for (const node of nodes) {
    for (const name of THEME_ATTRIBUTES) {
      const value = (node.getAttribute(name) || '').toLowerCase();
      if (value === 'dark' || value === 'slate') return 'dark';
      if (value === 'light' || value === 'default') return 'light';
    }
    const classes = node.classList;
    if (classes.contains('dark') || classes.contains('dark-mode') || classes.contains('theme-dark')) return 'dark';
    if (classes.contains('light') || classes.contains('light-mode') || classes.contains('theme-light')) return 'light';
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme.trim();
  if (scheme === 'dark' || scheme === 'only dark') return 'dark';
  if (scheme === 'light' || scheme === 'only light') return 'light';
  return 'auto';
}

// One observer for all elements: the host's theme switch touches <html> or <body>.
const themed = new Set();
let observer;
function followHostTheme(element, on) {
  if (on) themed.add(element); else themed.delete(element);
  if (themed.size && !observer) {
    let last = hostTheme();
    observer = new MutationObserver(() => {
      const now = hostTheme();
      if (now === last) return;
      last = now;
      themed.forEach((e) => e.refresh());
    });
    const watch = { attributes: true, attributeFilter: ['class', 'style', ...THEME_ATTRIBUTES] };
    observer.observe(document.documentElement, watch);
    if (document.body) observer.observe(document.body, watch);
  } else if (!themed.size && observer) {
    observer.disconnect();
    observer = undefined;
  }
}

class HttpTroubleshooterElement extends HTMLElement {
  static observedAttributes = ['code', 'text', 'theme', 'compact', 'heading-level'];

  #widget = null;
  #container = null;
  #generation = 0;
  #api = null;

  #options() {
    const text = this.getAttribute('text');
    const code = readCode(this.getAttribute('code'));
    let theme = readTheme(this.getAttribute('theme'));
    followHostTheme(this, theme === 'auto');
    if (theme === 'auto') theme = hostTheme();
    const options = {
      code,
      text: text && text.trim() !== '' && code === null ? text : null,
      theme,
      compact: this.hasAttribute('compact') && this.getAttribute('compact') !== 'false',
      onDiagnosis: (summary) => {
        this.dispatchEvent(new CustomEvent('http-troubleshooter-diagnosis', { bubbles: true, composed: true, detail: Object.freeze(summary) }));
      },
    };
    const level = readHeadingLevel(this.getAttribute('heading-level'));
    if (level !== undefined) options.headingLevel = level;
    return options;
  }

  // A short message for visitors in place of the widget; the details go to the console.
  #message(detail) {
    console.error(`<http-troubleshooter>: ${detail}`);
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.style.cssText = 'font: 14px/1.5 system-ui, sans-serif; padding: .75rem; border: 1px solid #d0d7de; border-radius: 8px; margin: 0;';
    p.textContent = 'The HTTP troubleshooter could not load here. Reload the page to try again.';
    this.#container.replaceChildren(p);
  }

  #mount() {
    try {
      this.#widget = this.#api.mount(this.#container, this.#options());
    } catch (error) {
      this.#message(`it could not start: ${error && error.message}`);
    }
  }

  refresh() {
    if (!this.#widget) return;
    try {
      this.#widget.update(this.#options());
    } catch (error) {
      // The attributes are checked above, so this is a bug, not an author's mistake: start over.
      console.error('<http-troubleshooter>: update failed', error);
      this.#widget.destroy();
      this.#widget = null;
      this.#mount();
    }
  }

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!this.#container) {
      this.#container = document.createElement('div');
      root.replaceChildren(this.#container);
    }
    const generation = ++this.#generation;
    load().then(
      (api) => {
        // Removed (or re-added) while loading: the newest connection mounts.
        if (!this.isConnected || generation !== this.#generation || this.#widget) return;
        this.#api = api;
        this.#mount();
      },
      (error) => {
        if (generation !== this.#generation) return;
        this.#message(`could not load ${glueUrl.href} and its WebAssembly module (${error && error.message ? error.message : error}). The host must serve .wasm files as application/wasm; if it is another origin than this page it must send Access-Control-Allow-Origin on embed.js, the .js and the .wasm files; a strict Content-Security-Policy needs script-src 'wasm-unsafe-eval' and the host of embed.js.`);
      },
    );
  }

  attributeChangedCallback() {
    if (this.#widget) this.refresh();
    else if (this.#api && this.isConnected) this.#mount();
  }

  disconnectedCallback() {
    this.#generation++;
    followHostTheme(this, false);
    if (this.#widget) {
      this.#widget.destroy();
      this.#widget = null;
    }
  }
}

if (!customElements.get('http-troubleshooter')) {
  customElements.define('http-troubleshooter', HttpTroubleshooterElement);
}

// <script type="module" src=".../embed.js" data-annotate></script>: explain every status code on the
// page in place (annotate() of the lean catalog module, following content added later). Optional:
// data-annotate-href="/errors/{code}" (where "Full explanation" links; by default the troubleshooter
// page beside embed.js) and data-annotate-theme="light|dark|auto". When done, the window gets an
// `http-troubleshooter-annotated` event whose detail is the handle ({ count, destroy() }).
const ownTag = [...document.querySelectorAll('script[type="module"][src]')]
  .find((s) => new URL(s.src, document.baseURI).href === import.meta.url);
if (ownTag && ownTag.hasAttribute('data-annotate')) {
  const stamp = built ? `?v=${BUILD}` : '';
  const catalogUrl = new URL(`http_troubleshooter_catalog.js${stamp}`, base);
  import(catalogUrl.href)
    .then(async (catalog) => {
      await catalog.default({ module_or_path: new URL(`http_troubleshooter_catalog_bg.wasm${stamp}`, base) });
      const href = ownTag.getAttribute('data-annotate-href') || undefined;
      let theme = (ownTag.getAttribute('data-annotate-theme') || 'auto').trim().toLowerCase();
      if (!['light', 'dark', 'auto'].includes(theme)) {
        console.warn(`embed.js: data-annotate-theme="${theme.slice(0, 40)}" is not a theme; it accepts "light", "dark" or "auto". Using "auto".`);
        theme = 'auto';
      }
      const handle = catalog.annotate(document.body, { observe: true, href, theme });
      window.dispatchEvent(new CustomEvent('http-troubleshooter-annotated', { detail: handle }));
    })
    .catch((error) => console.error(`embed.js: could not explain the status codes on this page: ${error && error.message ? error.message : error}`));
}

export { ready, load, VERSION as version };
