// A chart card: its Chart.js instance, its message line and its data table, drawn together.

import { renderTable } from "./tables.js";

const drawn = new Map(); // chart name -> {chart, table}

export function chartCard(name) {
  return document.querySelector(".chart-card[data-chart='" + name + "']");
}

/** What the card `name` shows now: its Chart.js instance and its table, or undefined. */
export function drawnChart(name) {
  return drawn.get(name);
}

/** Draw `built` ({chart, table}, from the chart's builder) in the card `name`. */
export function drawCard(name, rows, built, words) {
  const card = chartCard(name);
  if (!card) {
    return;
  }
  const previous = drawn.get(name);
  if (previous) {
    previous.chart.destroy();
  }
  const message = card.querySelector(".chart-message");
  message.hidden = rows.length > 0;
  message.textContent = rows.length ? "" : words.no_data;
  const chart = new Chart(card.querySelector("canvas"), built.chart);
  drawn.set(name, { chart, table: built.table });
  renderTable(card.querySelector(".chart-table"), built.table);
  card.setAttribute("data-loaded", "true");
}

/** Every card says its figures could not be loaded. */
export function showLoadingFailed(words) {
  document.querySelectorAll(".chart-message").forEach((node) => {
    node.hidden = false;
    node.textContent = words.loading_failed;
  });
}
