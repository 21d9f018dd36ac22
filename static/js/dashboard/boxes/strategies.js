// "What each quadrant needs": Matland's strategy per quadrant and the outputs now in it.

import { outputLink } from "./links.js";

function outputList(outputs, words) {
  const line = document.createElement("div");
  line.className = "text-muted";
  line.append(words.outputs + ": ");
  if (!outputs.length) {
    line.append("—");
  }
  outputs.forEach((output, i) => {
    if (i) {
      line.append(", ");
    }
    const link = outputLink(output, output.code);
    link.title = output.programme_code + " " + output.code + " " + output.title;
    line.appendChild(link);
  });
  return line;
}

/** One block per quadrant of the strategies endpoint, in `box`. */
export function renderStrategies(box, rows, { texts }) {
  box.textContent = "";
  rows.forEach((row) => {
    const block = document.createElement("div");
    block.className = "mb-2 strategy q-" + row.quadrant;
    const title = document.createElement("strong");
    title.textContent = row.name + (row.principle ? " — " + row.principle : "");
    const text = document.createElement("div");
    text.textContent = row.strategy;
    block.append(title, text, outputList(row.outputs, texts.words));
    box.appendChild(block);
  });
}
