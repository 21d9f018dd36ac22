// Open obstacles by cause of the taxonomy: horizontal bars, every cause named.

import { wrap } from "../format.js";
import { colour } from "../palette.js";
import { countBars } from "./common.js";

export default function obstaclesByCause(rows, { texts, language }) {
  const words = texts.words;
  const name = (row) => (language === "id" ? row.name_id : row.name_en);
  return {
    chart: countBars(rows, {
      labels: rows.map((row) => wrap(name(row), 32)),
      label: words.obstacles,
      colours: colour("obstacles"),
      indexAxis: "y",
      // Every cause named: Chart.js would otherwise skip labels it finds too tall to fit.
      scales: { y: { ticks: { autoSkip: false } } },
    }),
    table: {
      columns: [words.cause, words.dimension, words.count],
      rows: rows.map((row) => [name(row), texts.dimensions[row.dimension] || row.dimension, row.count]),
    },
  };
}
