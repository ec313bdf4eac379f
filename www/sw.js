// Service worker: keeps the troubleshooter working offline after the first visit.
// The post-build step replaces __HT_VERSION__ with a hash of the built files, so each release gets a
// new cache and the old one is deleted. Only the page's own files are cached; nothing else is fetched.
const VERSION = '__HT_VERSION__';
const PREFIX = 'http-troubleshooter-';
const CACHE = PREFIX + VERSION;
// Only what the page itself loads: the single file (1 MB) and embed.js are for downloading and
// embedding, and precaching them would make every first visit pay for them.
const FILES = ['./', './http_troubleshooter.js', './http_troubleshooter_bg.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page: the network first (to pick up a new release), the cached copy when offline.
    event.respondWith(
      fetch(request).catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || caches.match('./'))),
    );
    return;
  }
  // The module, the wasm and the embed: the cached copy of this release first.
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
