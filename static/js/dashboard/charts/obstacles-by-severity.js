// Open obstacles by severity, 1 to 5 and not known.

import { paletteColour } from "../palette.js";
import { countBars } from "./common.js";

export default function obstaclesBySeverity(rows, { texts }) {
  const words = texts.words;
  const label = (row) => (row.severity === null ? words.unknown : row.label);
  return {
    chart: countBars(rows, {
      labels: rows.map(label),
      label: words.obstacles,
      colours: rows.map((row) => paletteColour("severity", row.severity)),
      scales: { x: { title: { display: true, text: words.severity } } },
    }),
    table: { columns: [words.severity, words.count], rows: rows.map((row) => [label(row), row.count]) },
  };
}
