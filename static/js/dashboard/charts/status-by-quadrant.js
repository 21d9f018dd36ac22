// Implementation status by quadrant: stacked bars, one per quadrant.

import { paletteColour } from "../palette.js";
import { stackedCounts } from "./common.js";

export default function statusByQuadrant(rows, { texts }) {
  const words = texts.words;
  const series = {};
  Object.keys(texts.statuses).forEach((status) => {
    series[status] = { label: texts.statuses[status], colour: paletteColour("status", status) };
  });
  return stackedCounts(rows, {
    labelOf: (row) => texts.quadrants[row.quadrant].name,
    series,
    labelHeading: words.quadrant,
    yTitle: words.outputs,
    totalHeading: words.total,
  });
}
