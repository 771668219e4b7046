// Lethe's admin panel: the few lines htmx needs from us.
//
// Embedded in the Shopify admin (App Bridge loaded, window.shopify set),
// every htmx request waits for a fresh session token and carries it as
// Authorization: Bearer; standalone, every request carries the session's
// CSRF token. Downloads (plain links) get a fresh token as ?id_token=.
(function () {
  "use strict";
  var token = null;

  function embedded() { return !!(window.shopify && window.shopify.idToken); }

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }

  // Before each request: elements marked data-confirm ask first; in
  // embedded mode a fresh session token is fetched (App Bridge caches it
  // while it is valid), then the request goes.
  document.addEventListener("htmx:confirm", function (evt) {
    var q = evt.detail.elt.getAttribute && evt.detail.elt.getAttribute("data-confirm");
    if (q && !window.confirm(q)) { evt.preventDefault(); return; }
    if (!embedded()) { return; }
    evt.preventDefault();
    window.shopify.idToken().then(function (t) {
      token = t;
      evt.detail.issueRequest(true);
    });
  });

  document.addEventListener("htmx:configRequest", function (evt) {
    if (embedded() && token) {
      evt.detail.headers["Authorization"] = "Bearer " + token;
    }
    var csrf = meta("csrf-token");
    if (csrf) { evt.detail.headers["X-CSRF-Token"] = csrf; }
    var lang = document.documentElement.getAttribute("lang");
    if (lang) { evt.detail.headers["X-Lethe-Lang"] = lang; }
  });

  // A boosted navigation swaps only the body: take the new page's language
  // from its <html lang>, so that the next requests (X-Lethe-Lang) and
  // screen readers follow the language switch.
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var m = /<html[^>]*\slang="([A-Za-z-]+)"/.exec(evt.detail.serverResponse || "");
    if (m) { document.documentElement.setAttribute("lang", m[1]); }
  });

  // An answer that says the session is gone: reload the page (standalone:
  // the login page; embedded: App Bridge issues a new token).
  document.addEventListener("htmx:responseError", function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr && xhr.status === 401) { window.location.reload(); }
  });

  // Links marked data-download fetch a file: in embedded mode the token
  // goes into the URL, as a plain navigation cannot carry a header.
  document.addEventListener("click", function (evt) {
    var a = evt.target.closest && evt.target.closest("a[data-download]");
    if (!a || !embedded()) { return; }
    evt.preventDefault();
    window.shopify.idToken().then(function (t) {
      var u = new URL(a.href, window.location.href);
      u.searchParams.set("id_token", t);
      window.open(u.toString(), "_blank", "noopener");
    });
  });
  // Embedded, every link into the panel carries the shop and host (meta
  // lethe-embed), so that a plain navigation — a link opened before htmx
  // took it over, a reload — reaches Shopify's bounce page for a fresh
  // session token instead of the standalone login.
  function embedLinks(root) {
    var q = meta("lethe-embed");
    if (!q) { return; }
    var extra = new URLSearchParams(q);
    (root || document).querySelectorAll('a[href^="/app"]:not([data-download])').forEach(function (a) {
      var u = new URL(a.getAttribute("href"), window.location.href);
      if (u.pathname.indexOf("/app/static/") === 0) { return; }
      extra.forEach(function (v, k) { if (!u.searchParams.has(k)) { u.searchParams.set(k, v); } });
      a.setAttribute("href", u.pathname + u.search + u.hash);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { embedLinks(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { embedLinks(evt.detail.elt); });


  // Forms marked data-download post for a file (the archive export): not
  // boosted (htmx would swap the file into the page); in embedded mode the
  // token and the page's language go into the form's address, as a plain
  // post cannot carry a header.
  document.addEventListener("submit", function (evt) {
    var f = evt.target;
    if (!f.hasAttribute || !f.hasAttribute("data-download") || !embedded()) { return; }
    evt.preventDefault();
    window.shopify.idToken().then(function (t) {
      var u = new URL(f.getAttribute("action"), window.location.href);
      u.searchParams.set("id_token", t);
      // The answer, when it is a page again (a refused export), stays in
      // the page's language: a plain post carries no X-Lethe-Lang.
      u.searchParams.set("locale", document.documentElement.getAttribute("lang") || "");
      f.setAttribute("action", u.pathname + u.search);
      f.submit();
    });
  });

  // Buttons marked data-copy copy the value of the field they name (a
  // setup value the merchant pastes into another system).
  document.addEventListener("click", function (evt) {
    var b = evt.target.closest && evt.target.closest("button[data-copy]");
    if (!b) { return; }
    var f = document.getElementById(b.getAttribute("data-copy"));
    if (!f) { return; }
    var done = function () { b.textContent = b.getAttribute("data-copied") || b.textContent; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(f.value).then(done, function () { f.select(); });
    } else {
      f.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* selected: the merchant copies */ }
    }
  });

})();
