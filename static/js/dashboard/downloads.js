// The CSV and PNG buttons of every chart card: the card's table and its chart as files.

import { drawnChart } from "./cards.js";
import { shown } from "./format.js";
import { isFigure } from "./numbers.js";

/** A cell as the file holds it: a figure machine-readable (dot decimal, "" for none). */
function cellValue(cell) {
  return isFigure(cell) ? cell.value : shown(cell);
}

/**
 * The table as CSV: every cell quoted, CRLF line ends (RFC 4180). Figures are written for
 * programs, not people: "1234.5", never "1.234,5" (the note beside the buttons says so).
 */
export function csv(table) {
  const quote = (value) => '"' + cellValue(value).replace(/"/g, '""') + '"';
  return [table.columns, ...table.rows].map((row) => row.map(quote).join(",")).join("\r\n");
}

function save(filename, href) {
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function saveCsv(filename, table) {
  // A byte-order mark, so that Excel reads the accents of Indonesian names right.
  const blob = new Blob(["\ufeff" + csv(table)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  save(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Files are named pantau-<programme code or "portfolio">-<chart>.<csv|png>, with -<YYYY-MM-DD>
 * before the extension when the figures are as of a date (asOf() gives it, or nothing).
 */
export function wireDownloads(stem, asOf) {
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-action=csv], [data-action=png]");
    const holder = button && button.closest(".chart-card");
    const name = holder && holder.getAttribute("data-chart");
    const shownNow = name && drawnChart(name);
    if (!shownNow) {
      return;
    }
    const on = asOf();
    const filename = "pantau-" + stem + "-" + name + (on ? "-" + on : "") + ".";
    if (button.getAttribute("data-action") === "csv") {
      saveCsv(filename + "csv", shownNow.table);
    } else {
      save(filename + "png", shownNow.chart.toBase64Image("image/png", 1));
    }
  });
}
