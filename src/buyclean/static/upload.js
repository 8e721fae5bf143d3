// Upload each chosen or dropped file in its own request, showing its progress; no framework, no CDN.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var list = document.getElementById("chosen");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }  // the plain form still works
  // a self-check (no account) posts the plain form and gets its verdicts as one page; nothing is stored
  if (form.getAttribute("data-store") !== "1") { return; }
  var files = [];

  function show() {
    list.textContent = "";
    files.forEach(function (f) {
      var li = document.createElement("li");
      li.textContent = f.name + " (" + Math.ceil(f.size / 1024) + " KB)";
      list.appendChild(li);
    });
  }
  function add(fileList) {
    for (var i = 0; i < fileList.length; i++) { files.push(fileList[i]); }
    input.required = files.length === 0;
    show();
  }
  input.addEventListener("change", function () { files = []; add(input.files); });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { add(e.dataTransfer.files); });

  function send(file, row) {
    return new Promise(function (resolve) {
      var data = new FormData(form);
      data.delete("file");
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      var bar = row.querySelector("progress");
      var note = row.querySelector(".note");
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = e.loaded / e.total; }
      });
      xhr.upload.addEventListener("load", function () { note.textContent = "checking…"; bar.removeAttribute("value"); });
      xhr.addEventListener("load", function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {message: "HTTP " + xhr.status}; }
        bar.value = 1;
        if (xhr.status === 201) {
          note.textContent = "";
          var a = document.createElement("a");
          a.href = body.url;
          // a scan is stored at once and read by OCR in a job: its page follows the reading
          var reading = body.reading === "queued";
          a.textContent = (reading ? "reading (OCR)" : body.status.replace("_", " ")) + " — open the assessment";
          a.className = "badge badge-" + (reading ? "reading" : body.status);
          note.appendChild(a);
          resolve(body.url);
        } else {
          row.classList.add("failed");
          note.textContent = body.message || ("HTTP " + xhr.status);
          resolve(null);
        }
      });
      xhr.addEventListener("error", function () { note.textContent = "The connection failed."; resolve(null); });
      xhr.send(data);
    });
  }

  form.addEventListener("submit", function (e) {
    if (files.length === 0) { return; }
    e.preventDefault();
    list.textContent = "";
    var rows = files.map(function (f) {
      var li = document.createElement("li");
      li.innerHTML = '<span class="name"></span> <progress max="1" value="0"></progress> <span class="note">uploading…</span>';
      li.querySelector(".name").textContent = f.name;
      list.appendChild(li);
      return li;
    });
    // one at a time: each file is read and assessed on arrival, and a PDF can take seconds
    var done = [];
    files.reduce(function (chain, f, i) {
      return chain.then(function () { return send(f, rows[i]).then(function (url) { done.push(url); }); });
    }, Promise.resolve()).then(function () {
      var ok = done.filter(Boolean);
      if (files.length === 1 && ok.length === 1) { window.location = ok[0]; }
      files = [];
      input.value = "";
      input.required = true;
    });
  });
})();
