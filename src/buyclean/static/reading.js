// A stored upload whose scanned pages are being read by OCR: follow the reading (polls the API), then show the
// assessment by reloading the page once it is done or has failed. No framework, no inline script.
(function () {
  "use strict";
  var box = document.getElementById("reading");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("reading-progress");
  function setText(name, value) {
    var el = box.querySelector('[data-reading="' + name + '"]');
    if (el) { el.textContent = value; }
  }
  function poll() {
    fetch(box.dataset.api, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (doc) {
        if (doc.status !== "queued" && doc.status !== "running") { window.location.reload(); return; }
        bar.max = Math.max(doc.pages_total, 1);
        bar.value = doc.pages_done;
        bar.textContent = doc.pages_done + " of " + doc.pages_total;
        setText("state", doc.status === "queued" ? "Waiting for its turn" : "Reading");
        setText("done", doc.pages_done);
        setText("total", doc.pages_total);
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
