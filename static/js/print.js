// Print batch page: poll the JSON status and move the progress bar; the page works without it
// (reload shows the same state). When the batch ends, reload once so the right buttons show.
(function () {
  "use strict";
  var box = document.querySelector("[data-print-batch]");
  if (!box) { return; }
  var bar = box.querySelector("[data-print-progress]");
  var statusEl = box.querySelector("[data-print-status]");
  var doneEl = box.querySelector("[data-print-done]");
  var errorEl = box.querySelector("[data-print-error]");
  var downloadEl = box.querySelector("[data-print-download]");
  var initial = statusEl.textContent.trim();

  function show(data) {
    bar.value = data.percent;
    bar.textContent = data.percent + "%";
    statusEl.textContent = data.status;
    doneEl.textContent = data.done;
    if (data.error) { errorEl.textContent = data.error; errorEl.hidden = false; }
    downloadEl.hidden = !data.download_url;
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        show(data);
        if (data.status === "queued" || data.status === "running") {
          setTimeout(poll, 1000);
        } else if (initial === "queued" || initial === "running") {
          window.location.reload();
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  if (initial === "queued" || initial === "running") { poll(); }
})();
