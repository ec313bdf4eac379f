// http-troubleshooter embed. One script tag and one element:
//
//   <script type="module" src="https://docs.example.com/http-troubleshooter/embed.js"></script>
//   <http-troubleshooter code="429"></http-troubleshooter>
//
// Loads http_troubleshooter.js and http_troubleshooter_bg.wasm from beside this file (any host, any
// sub-path, another origin too), registers <http-troubleshooter> (attributes: code, theme =
// light|dark|auto, compact), and exposes window.HttpTroubleshooter.ready for pages that cannot import
// modules. Each element renders in its own shadow root: the page's CSS does not reach the widget and
// the widget's CSS does not reach the page.
const base = new URL('./', import.meta.url);

let loading;
function load() {
  loading ??= import(new URL('http_troubleshooter.js', base).href).then(async (module) => {
    await module.default({ module_or_path: new URL('http_troubleshooter_bg.wasm', base) });
    return Object.freeze({
      explainStatus: module.explainStatus,
      diagnose: module.diagnose,
      listStatuses: module.listStatuses,
      searchStatuses: module.searchStatuses,
      mount: module.mount,
    });
  });
  return loading;
}

const ready = load();
// An unhandled rejection would be noisy on pages that never use the API; elements report errors.
ready.catch(() => {});

if (!window.HttpTroubleshooter) {
  Object.defineProperty(window, 'HttpTroubleshooter', {
    value: Object.freeze({ ready }),
    enumerable: true,
  });
}

class HttpTroubleshooterElement extends HTMLElement {
  static observedAttributes = ['code', 'theme', 'compact'];

  #widget = null;
  #container = null;
  #generation = 0;

  #options() {
    const code = this.getAttribute('code');
    return {
      code: code && code.trim() !== '' ? code.trim() : null,
      theme: this.getAttribute('theme') || 'auto',
      compact: this.hasAttribute('compact') && this.getAttribute('compact') !== 'false',
    };
  }

  #message(text) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.style.cssText = 'font: 14px/1.5 system-ui, sans-serif; padding: .75rem; border: 1px solid #d0d7de; border-radius: 8px; margin: 0;';
    p.textContent = text;
    this.#container.replaceChildren(p);
  }

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!this.#container) {
      this.#container = document.createElement('div');
      root.replaceChildren(this.#container);
    }
    const generation = ++this.#generation;
    ready.then(
      (api) => {
        // Removed (or re-added) while loading: the newest connection mounts.
        if (!this.isConnected || generation !== this.#generation || this.#widget) return;
        try {
          this.#widget = api.mount(this.#container, this.#options());
        } catch (error) {
          this.#message(`The HTTP troubleshooter could not start: ${error.message}`);
        }
      },
      (error) => this.#message(`The HTTP troubleshooter could not load its WebAssembly module from ${base.href} (${error && error.message ? error.message : error}). The host must serve .wasm files as application/wasm, allow this page's origin (CORS) if it is another host, and a strict Content-Security-Policy needs script-src 'wasm-unsafe-eval'.`),
    );
  }

  attributeChangedCallback() {
    if (!this.#widget) return;
    try {
      this.#widget.update(this.#options());
    } catch (error) {
      this.#message(`The HTTP troubleshooter could not show that: ${error.message}`);
      this.#widget.destroy();
      this.#widget = null;
    }
  }

  disconnectedCallback() {
    this.#generation++;
    if (this.#widget) {
      this.#widget.destroy();
      this.#widget = null;
    }
  }
}

if (!customElements.get('http-troubleshooter')) {
  customElements.define('http-troubleshooter', HttpTroubleshooterElement);
}

export { ready };
