// newsgraph web UI: the little that needs script. Everything works without
// it; this adds highlight toggles on the article page and submits filter
// selects as soon as they change.
"use strict";
(function () {
  // Highlight layer toggles: each checkbox with data-layer="ent" adds or
  // removes the class no-ent on the article text.
  var text = document.querySelector(".article-text");
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) {
        text.classList.toggle("no-" + box.dataset.layer, !box.checked);
      }
    });
  });
  // Filter selects submit their form when changed.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () {
      if (sel.form) {
        sel.form.submit();
      }
    });
  });
})();
