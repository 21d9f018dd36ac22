// Every <select multiple data-multiselect> of a form becomes a searchable combobox (Tom Select,
// loaded before this file). Tab reaches it, typing filters, the arrow keys move, Enter adds,
// Backspace removes the last choice. The <select> stays in the form and is what is posted, so
// the page works the same without JavaScript. Nothing here sets an inline style or builds HTML
// from text (the CSP forbids inline styles; the labels are records' names).
(function () {
  "use strict";

  function message(className, text) {
    var element = document.createElement("div");
    element.className = className;
    element.textContent = text;
    return element;
  }

  // The × of a chosen record: a button named in words, reached by the mouse (the keyboard
  // removes with Backspace), so it stays out of the Tab order as Tom Select has it.
  function removeButton(options) {
    var button = document.createElement("span");
    button.className = options.className;
    button.title = options.title;
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", options.title);
    button.tabIndex = -1;
    button.textContent = "×";
    return button;
  }

  function enhance(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") { return; }
    var words = select.dataset;
    var control = new window.TomSelect(select, {
      plugins: { remove_button: { title: words.multiselectRemove || "Remove", html: removeButton } },
      placeholder: words.multiselectPlaceholder || "",
      // A page of matches at a time: the list stays quick with thousands of records.
      maxOptions: 50,
      // Filter at once on each key: with the default 300 ms pause, Enter pressed right after
      // typing would add whatever was highlighted before the search.
      refreshThrottle: 0,
      create: false,
      // After a choice the search starts afresh and the list stays open for the next one.
      closeAfterSelect: false,
      clearAfterSelect: true,
      render: {
        no_results: function () { return message("no-results", words.multiselectNoResults || ""); }
      }
    });
    // Tom Select points the field's <label> at its own search box, which leaves the hidden
    // <select> (still in the accessibility tree) without a name: name it by the same label.
    var label = control.focus_node.getAttribute("aria-labelledby");
    if (label) { select.setAttribute("aria-labelledby", label); }
  }

  function enhanceWithin(root) {
    if (!root || !root.querySelectorAll) { return; }
    if (root.matches && root.matches("select[multiple][data-multiselect]")) { enhance(root); }
    root.querySelectorAll("select[multiple][data-multiselect]").forEach(enhance);
  }

  function start() {
    enhanceWithin(document);
    // Forms htmx swaps in later are enhanced too.
    document.body.addEventListener("htmx:load", function (event) { enhanceWithin(event.target); });
  }

  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
