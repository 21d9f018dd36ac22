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

// A suggested rubric answer stays marked until the analyst confirms or changes it.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var item = event.target.closest && event.target.closest(".rubric-item.suggested");
    if (!item) { return; }
    var confirm = item.querySelector("input[name^='confirm_']");
    if (event.target.type === "radio" && confirm) { confirm.checked = true; }
    item.classList.toggle("confirmed", !confirm || confirm.checked);
  });
})();
