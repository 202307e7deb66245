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
  // Related articles load after the article: they cost more than the
  // rest of the page. The list is built with textContent, never HTML.
  var related = document.querySelector("section[data-related]");
  if (related && window.fetch) {
    fetch(related.dataset.related, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { articles: [] }; })
      .then(function (data) {
        var list = related.querySelector(".related-list");
        (data.articles || []).forEach(function (a) {
          var li = document.createElement("li");
          var link = document.createElement("a");
          link.href = "/articles/" + encodeURIComponent(a.id);
          link.textContent = a.title || "(untitled)";
          li.appendChild(link);
          if (a.published) {
            var when = document.createElement("span");
            when.className = "small muted";
            when.textContent = " " + a.published;
            li.appendChild(when);
          }
          list.appendChild(li);
        });
      })
      .catch(function () { /* the link to the related page stays */ });
  }
})();
