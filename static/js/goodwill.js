// Staff goodwill panel: picking a gesture fills in its value and default wording.
// Without this file the form still works (an empty text gets the default wording).
(function () {
  "use strict";
  var select = document.querySelector("[data-goodwill-gesture]");
  if (!select) { return; }
  var value = document.getElementById("gw-value");
  var wording = document.getElementById("gw-wording");
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    value.value = option.dataset.value || "";
    wording.value = option.dataset.wording || "";
  });
})();
