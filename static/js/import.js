// Progress for the CSV import: the form is sent in the background while the
// run's progress is polled. Without this file the browser simply waits for the report.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.fetch) { return; }
  var box = form.querySelector(".import-progress");
  var bar = box.querySelector("progress");
  var status = document.getElementById("import-status");
  var labels = { checking: "Checking every row", writing: "Importing", uploaded: "Starting" };

  function poll() {
    fetch(form.dataset.progressUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) { return; }
        bar.value = p.percent;
        status.textContent = (labels[p.status] || p.status) + ": " + p.percent + "%";
      })
      .catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (form.dataset.sent) { return; }
    form.dataset.sent = "1";
    box.hidden = false;
    form.querySelector("[type=submit]").setAttribute("aria-disabled", "true");
    var timer = window.setInterval(poll, 700);
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { window.clearInterval(timer); window.location.assign(r.url); })
      .catch(function () { window.clearInterval(timer); form.submit(); });
  });
})();
