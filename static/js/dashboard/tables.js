// The data table under each chart: the chart's numbers as text, hidden until asked for.

import { shown } from "./format.js";
import { isFigure } from "./numbers.js";

/** A cell as the table shows it: a figure in the page's language, anything else as text. */
export function cellText(cell) {
  return isFigure(cell) ? cell.text : shown(cell);
}

/** Fill the card's table holder with `table` ({columns, rows}). */
export function renderTable(holder, table) {
  holder.textContent = "";
  const element = document.createElement("table");
  element.className = "table table-sm small mb-0";
  const head = element.createTHead().insertRow();
  table.columns.forEach((column) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    head.appendChild(th);
  });
  const body = element.createTBody();
  table.rows.forEach((row) => {
    const tr = body.insertRow();
    row.forEach((value) => {
      tr.insertCell().textContent = cellText(value);
    });
  });
  holder.appendChild(element);
}

/** The "Show table" / "Hide table" buttons of every chart card. */
export function wireTableToggles(words) {
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-action=table]");
    const holder = button && button.closest(".chart-card");
    if (!holder) {
      return;
    }
    const table = holder.querySelector(".chart-table");
    table.hidden = !table.hidden;
    button.setAttribute("aria-expanded", String(!table.hidden));
    button.textContent = table.hidden ? words.show_table : words.hide_table;
  });
}
