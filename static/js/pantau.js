// Pantau's own behaviour, wired by data attributes (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  onReady(function () {
    // <select data-autosubmit> submits its form when changed (language switcher, quick status).
    document.body.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches && target.matches("[data-autosubmit]") && target.form) {
        if (target.form.hasAttribute("hx-post") || target.form.hasAttribute("hx-get")) { return; }
        target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
      }
    });

    // <button data-confirm="..."> asks before submitting.
    document.body.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-confirm]");
      if (button && !window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();

// A suggested rubric answer stays marked until the analyst confirms or changes it. Listening in
// the capture phase ticks the confirmation before htmx (on the rubric) posts the preview.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var item = event.target.closest && event.target.closest(".rubric-item.suggested");
    if (!item) { return; }
    var confirm = item.querySelector("input[name^='confirm_']");
    if (event.target.type === "radio" && confirm) { confirm.checked = true; }
    item.classList.toggle("confirmed", !confirm || confirm.checked);
  }, true);
})();

// <input type="date" data-default-today="YYYY-MM-DD"> holds the server's today until the page
// loads; then it becomes today in the browser's own time zone, unless someone changed it.
(function () {
  "use strict";
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function localToday() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function setDefaults() {
    document.querySelectorAll("input[type=date][data-default-today]").forEach(function (input) {
      if (input.value === input.getAttribute("data-default-today")) { input.value = localToday(); }
    });
  }
  if (document.readyState !== "loading") { setDefaults(); } else { document.addEventListener("DOMContentLoaded", setDefaults); }
})();
