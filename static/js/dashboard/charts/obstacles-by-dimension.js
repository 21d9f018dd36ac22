// Open obstacles by the Matland dimension their cause raises.

import { paletteColour } from "../palette.js";
import { countBars } from "./common.js";

export default function obstaclesByDimension(rows, { texts }) {
  const words = texts.words;
  return {
    chart: countBars(rows, {
      labels: rows.map((row) => row.name),
      label: words.obstacles,
      colours: rows.map((row) => paletteColour("dimension", row.dimension)),
    }),
    table: { columns: [words.dimension, words.count], rows: rows.map((row) => [row.name, row.count]) },
  };
}
