// Bulk checks: drag-and-drop on the batch upload form, and a live progress bar on the batch page (polls the API).
// No framework, no inline script (the Content-Security-Policy allows only scripts from this site).
(function () {
  "use strict";
  var LABELS = {compliant: "Compliant", non_compliant: "Not compliant", needs_review: "Needs review"};

  function setupUpload() {
    var input = document.getElementById("batch-files");
    var drop = document.getElementById("batch-drop");
    var chosen = document.getElementById("batch-chosen");
    if (!input || !drop) { return; }
    function show() {
      var n = input.files.length, bytes = 0;
      for (var i = 0; i < n; i++) { bytes += input.files[i].size; }
      chosen.textContent = n ? n + " file" + (n === 1 ? "" : "s") + " chosen (" + Math.ceil(bytes / 1048576) + " MB)" : "";
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files.length) { return; }
      // add the dropped files to those already chosen; the form then posts them as usual
      var all = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (f) { all.items.add(f); });
      Array.prototype.forEach.call(e.dataTransfer.files, function (f) { all.items.add(f); });
      input.files = all.files;
      show();
    });
  }

  function setupProgress() {
    var box = document.getElementById("batch");
    if (!box || !window.fetch) { return; }
    var bar = document.getElementById("batch-progress");
    var rows = {};
    document.querySelectorAll("#batch-items tr[data-item]").forEach(function (tr) { rows[tr.dataset.item] = tr; });
    var many = Object.keys(rows).length > 500;  // a big batch: poll the counts only, then reload once at the end

    function setText(selector, value) {
      var el = box.querySelector(selector);
      if (el) { el.textContent = value; }
    }
    function updateRow(item) {
      var tr = rows[String(item.id)];
      if (!tr) { return; }
      var job = tr.querySelector(".job");
      job.textContent = item.status;
      job.className = "job job-" + item.status;
      var result = tr.querySelector(".result");
      if (item.page && !result.firstChild) {
        var a = document.createElement("a");
        a.href = item.page;
        a.className = "badge badge-" + item.result;
        a.textContent = LABELS[item.result] || item.result;
        result.appendChild(a);
      }
      tr.querySelector(".note").textContent = (item.message || "") +
        (item.attempts > 1 ? " (attempt " + item.attempts + ")" : "");
    }
    function update(doc) {
      bar.value = doc.finished;
      setText('[data-count="finished"]', doc.finished);
      Object.keys(doc.counts).forEach(function (k) { setText('[data-count="' + k + '"]', doc.counts[k]); });
      Object.keys(doc.results).forEach(function (k) { setText('[data-result="' + k + '"]', doc.results[k]); });
      (doc.items || []).forEach(updateRow);
    }
    function poll() {
      var url = box.dataset.api + (many ? "?items=false" : "");
      fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (doc) {
          update(doc);
          if (doc.complete) {
            if (many) { window.location.reload(); }
            var ready = document.getElementById("results-ready");
            if (ready) { ready.hidden = false; }
          } else {
            window.setTimeout(poll, 1500);
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    if (box.dataset.complete !== "true") { window.setTimeout(poll, 1000); }
  }

  setupUpload();
  setupProgress();
}());
