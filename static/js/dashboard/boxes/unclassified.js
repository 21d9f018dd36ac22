// "Not on the matrix": the outputs the matrix cannot place, each with why.

import { emptyItem, outputLink } from "./links.js";

/** List the matrix endpoint's unclassified rows in `list`, linked to their pages. */
export function renderUnclassified(list, rows, { texts }) {
  list.textContent = "";
  rows
    .filter((row) => row.quadrant === "unclassified")
    .forEach((row) => {
      const item = document.createElement("li");
      item.appendChild(outputLink(row, row.programme_code + " " + row.code + " " + row.title));
      item.appendChild(document.createTextNode(" — " + (texts.reasons[row.reason] || "")));
      list.appendChild(item);
    });
  if (!list.children.length) {
    list.appendChild(emptyItem());
  }
}
