// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // One tap on a star sends the rating.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.requestSubmit(); });
  });

  // After a refused form, start where attention is needed (the alert above is announced too).
  var invalid = document.querySelector("form [aria-invalid=true]");
  if (invalid) { invalid.focus(); }

  // Tell about too many photos before the upload, not after (the server checks again).
  document.querySelectorAll("input[type=file][data-max-files]").forEach(function (input) {
    input.addEventListener("change", function () {
      var tooMany = input.files.length > Number(input.dataset.maxFiles);
      input.setCustomValidity(tooMany ? input.dataset.tooMany : "");
      if (tooMany) { input.reportValidity(); }
    });
  });

  // A double click must not send a form twice (the server deduplicates too).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    });
  });

  // Live first-response countdown on the staff queue.
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var goal = Date.parse(el.dataset.goal), limit = Date.parse(el.dataset.limit), state, text;
      if (now < goal) { state = "green"; text = Math.floor((goal - now) / 60000) + " min to goal"; }
      else if (now < limit) { state = "amber"; text = Math.floor((limit - now) / 60000) + " min to limit"; }
      else { state = "red"; text = Math.floor((now - limit) / 60000) + " min past limit"; }
      el.className = "sla sla-" + state;
      el.textContent = text;
    });
  }
  if (document.querySelector("[data-countdown]")) { setInterval(tick, 15000); }
})();
