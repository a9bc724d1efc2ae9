// Staff workspace: keyboard shortcuts, canned replies, presence heartbeat.
// Progressive enhancement only: every action also works as a plain form.
(function () {
  "use strict";

  var legend = document.getElementById("shortcuts");
  var replyBox = document.getElementById("reply-body");
  var heading = document.querySelector("[data-presence-url]");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-href]"));
  var selected = -1;
  var pendingG = false;
  var VIEW_KEYS = { u: "unassigned", m: "mine", c: "callbacks", b: "breaching", w: "waiting", r: "resolved", a: "all" };

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function toggleLegend() {
    if (!legend) { return; }
    if (legend.open) { legend.close(); } else { legend.showModal(); }
  }

  function select(index) {
    if (!rows.length) { return; }
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("selected", i === selected); });
    rows[selected].querySelector("a").focus();
  }

  function insertCanned(text) {
    if (!replyBox) { return; }
    var start = replyBox.selectionStart, end = replyBox.selectionEnd, value = replyBox.value;
    var before = value.slice(0, start), after = value.slice(end);
    var glue = before && !/\s$/.test(before) ? " " : "";
    replyBox.value = before + glue + text + after;
    var caret = (before + glue + text).length;
    replyBox.focus();
    replyBox.setSelectionRange(caret, caret);
    replyBox.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.querySelectorAll(".canned-insert").forEach(function (button) {
    button.addEventListener("click", function () { insertCanned(button.dataset.text); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey && /^[1-9]$/.test(event.key) || event.altKey && /^Digit[1-9]$/.test(event.code)) {
      var n = event.code && event.code.indexOf("Digit") === 0 ? event.code.slice(5) : event.key;
      var button = document.querySelector('.canned-insert[data-key="' + n + '"]');
      if (button) { event.preventDefault(); insertCanned(button.dataset.text); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (pendingG) {
      pendingG = false;
      if (VIEW_KEYS[event.key]) {
        var link = document.querySelector('[data-view="' + VIEW_KEYS[event.key] + '"]');
        window.location.href = link ? link.href : "/staff/?view=" + VIEW_KEYS[event.key];
        event.preventDefault();
      }
      return;
    }
    switch (event.key) {
      case "?": toggleLegend(); event.preventDefault(); break;
      case "g": pendingG = true; break;
      case "j": select(selected + 1); event.preventDefault(); break;
      case "k": select(selected - 1); event.preventDefault(); break;
      case "o":
      case "Enter":
        if (selected >= 0 && rows[selected]) { window.location.href = rows[selected].dataset.href; event.preventDefault(); }
        break;
      case "/":
        var search = document.getElementById("queue-search");
        if (search) { search.focus(); event.preventDefault(); }
        break;
      case "c":
        var claim = document.getElementById("claim-button");
        if (claim) { claim.click(); event.preventDefault(); }
        break;
      case "r":
        if (replyBox) { replyBox.focus(); event.preventDefault(); }
        break;
    }
  });

  // Presence: tell colleagues we are here (and whether we are typing a reply);
  // learn who else is, and whether the ticket changed under us.
  if (heading) {
    var token = document.querySelector("input[name=csrf_token]");
    var shownVersion = parseInt(heading.dataset.version, 10);
    var beat = function () {
      var state = replyBox && (document.activeElement === replyBox || replyBox.value.trim()) ? "replying" : "viewing";
      fetch(heading.dataset.presenceUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: JSON.stringify({ state: state })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (!data) { return; }
        var box = document.getElementById("presence");
        box.textContent = data.others.map(function (o) { return o.name + " is " + o.state + " this ticket"; }).join("; ");
        if (data.version > shownVersion) { document.getElementById("changed").hidden = false; }
      }).catch(function () { /* offline: try again at the next beat */ });
    };
    beat();
    setInterval(beat, 15000);
    if (replyBox) { replyBox.addEventListener("focus", beat); }
  }
})();
