
// ---- annotate(): explain every status code on a page, in place. ------------------------------------
// Added to both modules' glue by www/build/postbuild.mjs (after the generated code, so it calls this
// module's own explainStatus). Plain DOM code: the page's layout and text are never changed.
//  - What it finds: <code>, <kbd> and table cells whose whole text is a status code ("429") or a
//    status line ("429 Too Many Requests", "HTTP/1.1 429 …") of a code the catalog knows (100–599),
//    and any element with data-http-status="429". Never inside <pre>, editable text, links, buttons,
//    or what it already annotated.
//  - The trigger is the element itself (a table cell's text is wrapped in a <span>, so the cell keeps
//    its role): focusable, role="button", aria-expanded; Enter, Space or hover opens a small popover,
//    Escape or focus leaving closes it. The popover lives in a shadow root (styles isolated both ways),
//    in the top layer when the browser has the Popover API, and right after the trigger in the DOM
//    (so Tab goes from the trigger into its link).
//  - destroy() puts back every attribute, style property and text node as it was.
// Everything is inside one function scope, so the build may minify it without touching the glue's
// own names; it uses only explainStatus and __htInitialised from the glue.
const annotate = (() => {
    const __htAnnotated = new WeakMap(); // element → the handle that annotated it
    const __htOwnTag = 'http-troubleshooter-note';
    const __htSides = {
        client: 'The client (the caller) has to act.',
        server: "The server's side has to act.",
        intermediary: 'Something between client and server (a proxy, gateway or CDN) answered.',
        network: 'The network between client and server is involved.',
        either: 'Either side may have to act.',
    };
    const __htCss = `
    :host { all: initial; }
    .box { box-sizing: border-box; max-width: min(24rem, calc(100vw - 16px)); padding: .75rem .9rem; border-radius: 10px;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; text-align: left; white-space: normal;
      background: #ffffff; color: #17202c; border: 1px solid #cfd6e1; box-shadow: 0 8px 28px rgb(20 30 50 / .18); }
    .box.dark { background: #141a22; color: #e5e9f0; border-color: #394455; box-shadow: 0 8px 28px rgb(0 0 0 / .55); }
    .head { margin: 0 0 .3rem; font-weight: 700; font-size: 15px; }
    .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    p { margin: .3rem 0 0; }
    .muted { color: #4f5a6b; }
    .dark .muted { color: #aab4c3; }
    a { display: inline-block; margin-top: .45rem; color: #1f3bb0; font-weight: 600; }
    .dark a { color: #9fb3ff; }
    a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; border-radius: 3px; }
    `;

    function __htStatusOf(el) {
        const given = el.getAttribute('data-http-status');
        if (given !== null) {
            const n = Number(given.trim());
            return Number.isInteger(n) && n >= 100 && n <= 999 ? n : null;
        }
        const text = el.textContent.replace(/\s+/g, ' ').trim();
        const m = /^(?:HTTP(?:\/\d(?:\.\d)?)? )?([1-5]\d\d)(?: (.+))?$/i.exec(text);
        if (!m) return null;
        const code = Number(m[1]);
        const entry = explainStatus(code);
        if (!entry.known) return null;
        if (m[2] !== undefined) {
            // A status line: the words must be this code's phrase (or one of its names).
            const words = m[2].toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
            const names = [entry.phrase, ...entry.aliases].map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
            if (!names.includes(words)) return null;
        }
        return code;
    }

    function __htEligible(el) {
        if (__htAnnotated.has(el) || el.closest(`pre, a, button, label, select, textarea, summary, [contenteditable=""], [contenteditable="true"], ${__htOwnTag}, [data-ht-trigger]`)) return false;
        if (el.querySelector('a, button, input, select, textarea, [tabindex]')) return false;
        if (el.tagName === 'TD' || el.tagName === 'TH') {
            // A header cell only as a row's header (the first cell of a body row), never a column's.
            if (el.tagName === 'TH' && (el.closest('thead') || el.parentElement?.parentElement?.firstElementChild === el.parentElement && !el.closest('tbody'))) return false;
            // In a table with headers, only in a column whose header speaks of status codes.
            const table = el.closest('table');
            const headers = table ? table.querySelectorAll('th') : [];
            if (headers.length && el.getAttribute('data-http-status') === null) {
                const row = el.parentElement;
                const index = row ? Array.prototype.indexOf.call(row.children, el) : -1;
                const head = table.tHead?.rows[0]?.children[index] ?? table.rows[0]?.children[index];
                if (!head || head === el || !/status|code|http|error/i.test(head.textContent)) return false;
            }
        }
        return true;
    }

    function __htDark(theme) {
        if (theme === 'dark') return true;
        if (theme === 'light') return false;
        const root = document.documentElement;
        const body = document.body;
        for (const node of [root, body]) {
            if (!node) continue;
            for (const attr of ['data-theme', 'data-bs-theme', 'data-color-scheme', 'data-color-mode', 'data-mode']) {
                const v = (node.getAttribute(attr) || '').toLowerCase();
                if (v === 'dark') return true;
                if (v === 'light') return false;
            }
            if (node.getAttribute('data-md-color-scheme') === 'slate') return true;
            if (node.classList.contains('dark') || node.classList.contains('dark-mode') || node.classList.contains('theme-dark')) return true;
        }
        const scheme = getComputedStyle(root).colorScheme || '';
        if (scheme.trim() === 'dark') return true;
        if (scheme.trim() === 'light') return false;
        return matchMedia('(prefers-color-scheme: dark)').matches;
    }

    /**
     * Explain every HTTP status code in `root` in place. Returns `{ count, destroy() }`.
     * Options: `href` (a URL pattern with `{code}`, or a function of the code; by default the
     * troubleshooter page beside this module, `index.html#429`), `observe` (follow content added
     * later), `theme` ("light", "dark" or "auto").
     */
    function annotate(root, options) {
        __htInitialised('annotate');
        if (typeof document === 'undefined') throw new Error('http-troubleshooter: annotate() needs a DOM (a browser page).');
        root = root ?? document.body;
        if (!root || typeof root.querySelectorAll !== 'function') {
            throw new TypeError(`annotate() was given ${Object.prototype.toString.call(root)} as its root; it accepts an element, a document or a shadow root (document.body by default).`);
        }
        options = options ?? {};
        if (typeof options !== 'object') throw new TypeError('annotate() options must be an object like { observe: true, href: "/errors#{code}" }.');
        const { href, observe = false, theme = 'auto' } = options;
        if (href !== undefined && typeof href !== 'string' && typeof href !== 'function') {
            throw new TypeError('annotate(): options.href accepts a string with {code} in it, or a function of the code that returns a URL.');
        }
        if (!['light', 'dark', 'auto'].includes(theme)) throw new RangeError('annotate(): options.theme accepts "light", "dark" or "auto".');
        const linkFor = (code) => {
            if (typeof href === 'function') return String(href(code));
            if (typeof href === 'string') return href.replaceAll('{code}', String(code));
            return new URL(`index.html#${code}`, import.meta.url).href;
        };
        const doc = root.ownerDocument || root;
        const done = []; // { el, trigger, restore }
        let open = null; // { trigger, note, cleanup }
        let counter = 0;
        const base = `ht-note-${Math.random().toString(36).slice(2, 8)}`;
        let hoverTimer = 0;

        function close(refocus) {
            if (!open) return;
            const { trigger, note, cleanup } = open;
            open = null;
            cleanup();
            if (note.matches?.(':popover-open')) note.hidePopover();
            note.remove();
            trigger.setAttribute('aria-expanded', 'false');
            trigger.removeAttribute('aria-describedby');
            if (refocus) trigger.focus();
        }

        function place(trigger, note) {
            const r = trigger.getBoundingClientRect();
            const w = note.offsetWidth, h = note.offsetHeight;
            const left = Math.max(8, Math.min(r.left, innerWidth - w - 8));
            const below = r.bottom + 6;
            const top = below + h > innerHeight - 8 && r.top - h - 6 > 8 ? r.top - h - 6 : below;
            note.style.setProperty('left', `${left}px`, 'important');
            note.style.setProperty('top', `${top}px`, 'important');
        }

        function show(trigger, code) {
            if (open && open.trigger === trigger) return;
            close(false);
            const entry = explainStatus(code);
            const note = doc.createElement(__htOwnTag);
            note.id = `${base}-${++counter}`;
            for (const [k, v] of [['all', 'initial'], ['position', 'fixed'], ['z-index', '2147483647'], ['margin', '0'], ['padding', '0'], ['border', '0'], ['background', 'transparent'], ['overflow', 'visible'], ['inset', 'auto'], ['display', 'block'], ['width', 'max-content'], ['max-width', 'calc(100vw - 16px)']]) {
                note.style.setProperty(k, v, 'important');
            }
            const shadow = note.attachShadow({ mode: 'open' });
            if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function') {
                const sheet = new CSSStyleSheet();
                sheet.replaceSync(__htCss);
                shadow.adoptedStyleSheets = [sheet];
            } else {
                const style = doc.createElement('style');
                style.textContent = __htCss;
                shadow.append(style);
            }
            const box = doc.createElement('div');
            box.className = `box${__htDark(theme) ? ' dark' : ''}`;
            box.setAttribute('role', 'tooltip');
            const head = doc.createElement('p');
            head.className = 'head';
            const num = doc.createElement('span');
            num.className = 'code';
            num.textContent = String(entry.code);
            head.append(num, ` ${entry.phrase}`);
            const summary = doc.createElement('p');
            summary.textContent = entry.summary;
            const side = doc.createElement('p');
            side.className = 'muted';
            side.textContent = __htSides[entry.side] || '';
            const retry = doc.createElement('p');
            retry.className = 'muted';
            retry.textContent = `Retry: ${entry.retry.note}`;
            const link = doc.createElement('a');
            link.href = linkFor(code);
            link.textContent = `Full explanation of ${entry.code}`;
            box.append(head, summary, side, retry, link);
            shadow.append(box);
            trigger.after(note);
            if (typeof note.showPopover === 'function') {
                note.setAttribute('popover', 'manual');
                note.showPopover();
            }
            place(trigger, note);
            trigger.setAttribute('aria-expanded', 'true');
            trigger.setAttribute('aria-describedby', note.id);
            const reposition = () => place(trigger, note);
            const onKey = (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(true); } };
            const onOut = () => setTimeout(() => {
                if (!open || open.note !== note) return;
                const active = doc.activeElement;
                if (active !== trigger && active !== note && !note.contains(active)) close(false);
            }, 0);
            const onEnter = () => clearTimeout(hoverTimer);
            const onLeave = () => { hoverTimer = setTimeout(() => { if (open?.note === note && doc.activeElement !== trigger && doc.activeElement !== note) close(false); }, 250); };
            note.addEventListener('keydown', onKey);
            note.addEventListener('focusout', onOut);
            note.addEventListener('mouseenter', onEnter);
            note.addEventListener('mouseleave', onLeave);
            addEventListener('scroll', reposition, true);
            addEventListener('resize', reposition);
            open = {
                trigger, note, cleanup: () => {
                    removeEventListener('scroll', reposition, true);
                    removeEventListener('resize', reposition);
                },
            };
        }

        function annotateOne(el) {
            if (!__htEligible(el)) return;
            const code = __htStatusOf(el);
            if (code === null) return;
            let trigger = el;
            let unwrap = null;
            if (el.tagName === 'TD' || el.tagName === 'TH') {
                // The cell keeps its role; its content goes into a span that becomes the trigger.
                trigger = doc.createElement('span');
                trigger.append(...el.childNodes);
                el.append(trigger);
                unwrap = () => { el.append(...trigger.childNodes); trigger.remove(); };
            }
            // Every attribute and style property this sets, with what was there before.
            const attrs = ['tabindex', 'role', 'aria-expanded', 'aria-describedby', 'aria-haspopup', 'data-ht-trigger'];
            const before = attrs.map((a) => [a, trigger.getAttribute(a)]);
            const hadStyle = trigger.getAttribute('style');
            const props = ['text-decoration-line', 'text-decoration-style', 'text-decoration-thickness', 'text-underline-offset', 'cursor'];
            const styleBefore = props.map((p) => [p, trigger.style.getPropertyValue(p), trigger.style.getPropertyPriority(p)]);
            if (trigger.getAttribute('tabindex') === null) trigger.setAttribute('tabindex', '0');
            trigger.setAttribute('role', 'button');
            trigger.setAttribute('aria-expanded', 'false');
            trigger.setAttribute('aria-haspopup', 'dialog');
            trigger.setAttribute('data-ht-trigger', String(code));
            trigger.style.setProperty('text-decoration-line', 'underline');
            trigger.style.setProperty('text-decoration-style', 'dotted');
            trigger.style.setProperty('text-decoration-thickness', '1px');
            trigger.style.setProperty('text-underline-offset', '0.2em');
            trigger.style.setProperty('cursor', 'help');
            // A click or a key toggles; a popover that hovering opened stays open on the click that follows.
            const toggle = () => {
                clearTimeout(hoverTimer);
                if (open?.trigger === trigger && open.pinned) close(true);
                else {
                    show(trigger, code);
                    open.pinned = true;
                }
            };
            const onKey = (e) => {
                if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
                else if (e.key === 'Escape' && open?.trigger === trigger) { e.stopPropagation(); close(true); }
            };
            const onClick = (e) => { e.preventDefault(); toggle(); };
            const onEnter = () => { clearTimeout(hoverTimer); hoverTimer = setTimeout(() => show(trigger, code), 120); };
            const onLeave = () => {
                clearTimeout(hoverTimer);
                hoverTimer = setTimeout(() => { if (open?.trigger === trigger && doc.activeElement !== trigger && !open.note.matches(':hover')) close(false); }, 250);
            };
            const onOut = () => setTimeout(() => {
                if (open?.trigger !== trigger) return;
                const active = doc.activeElement;
                if (active !== trigger && active !== open.note && !open.note.contains(active) && !trigger.matches(':hover')) close(false);
            }, 0);
            trigger.addEventListener('keydown', onKey);
            trigger.addEventListener('click', onClick);
            trigger.addEventListener('mouseenter', onEnter);
            trigger.addEventListener('mouseleave', onLeave);
            trigger.addEventListener('focusout', onOut);
            __htAnnotated.set(el, handle);
            done.push({
                el,
                restore: () => {
                    if (open?.trigger === trigger) close(false);
                    trigger.removeEventListener('keydown', onKey);
                    trigger.removeEventListener('click', onClick);
                    trigger.removeEventListener('mouseenter', onEnter);
                    trigger.removeEventListener('mouseleave', onLeave);
                    trigger.removeEventListener('focusout', onOut);
                    for (const [a, v] of before) (v === null ? trigger.removeAttribute(a) : trigger.setAttribute(a, v));
                    for (const [p, v, priority] of styleBefore) (v ? trigger.style.setProperty(p, v, priority) : trigger.style.removeProperty(p));
                    if (hadStyle === null && trigger.getAttribute('style') === '') trigger.removeAttribute('style');
                    if (unwrap) unwrap();
                    __htAnnotated.delete(el);
                },
            });
        }

        const SELECTOR = 'code, kbd, td, th, [data-http-status]';
        function scan(node) {
            if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
            if (node.nodeType === 1 && node.matches(SELECTOR)) annotateOne(node);
            for (const el of node.querySelectorAll(SELECTOR)) annotateOne(el);
        }

        let observer = null;
        const handle = {
            get count() { return done.length; },
            destroy() {
                if (observer) { observer.disconnect(); observer = null; }
                clearTimeout(hoverTimer);
                close(false);
                while (done.length) done.pop().restore();
            },
        };
        scan(root);
        if (observe) {
            observer = new MutationObserver((records) => {
                for (const record of records) {
                    for (const node of record.addedNodes) {
                        if (node.nodeType === 1 && (node.localName === __htOwnTag || node.hasAttribute('data-ht-trigger'))) continue;
                        scan(node);
                    }
                    // Text that changed inside a candidate (a code rendered later by a framework).
                    if (record.type === 'characterData' && record.target.parentElement) {
                        const el = record.target.parentElement.closest(SELECTOR);
                        if (el && root.contains(el)) annotateOne(el);
                    }
                }
            });
            observer.observe(root, { childList: true, subtree: true, characterData: true });
        }
        return handle;
    }
    return annotate;
})();
export { annotate };
