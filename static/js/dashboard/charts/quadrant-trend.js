// Quadrant migration over time: stacked bars, one per year or quarter.

import { paletteColour } from "../palette.js";
import { stackedCounts } from "./common.js";

export default function quadrantTrend(rows, { texts }) {
  const words = texts.words;
  const series = {};
  Object.keys(texts.quadrants).forEach((quadrant) => {
    series[quadrant] = {
      label: texts.quadrants[quadrant].name,
      colour: paletteColour("quadrant", quadrant),
    };
  });
  return stackedCounts(rows, {
    labelOf: (row) => row.period,
    series,
    labelHeading: words.period,
    yTitle: words.outputs,
    totalHeading: words.total,
  });
}
