// Quadrant migration over time: stacked bars, one per year or quarter.

import { figure } from "../numbers.js";
import { paletteColour } from "../palette.js";
import { stackedCounts } from "./common.js";

/** "2019-Q3" (the API's period) as the page's language writes a quarter; a year stays "2019". */
function periodName(period, words) {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  return quarter ? words.quarter.replace("{quarter}", quarter[2]).replace("{year}", quarter[1]) : period;
}

export default function quadrantTrend(rows, { texts }) {
  const words = texts.words;
  const series = {};
  Object.keys(texts.quadrants).forEach((quadrant) => {
    series[quadrant] = {
      label: texts.quadrants[quadrant].name,
      colour: paletteColour("quadrant", quadrant),
    };
  });
  const built = stackedCounts(rows, {
    labelOf: (row) => periodName(row.period, words),
    series,
    labelHeading: words.period,
    yTitle: words.outputs,
    totalHeading: words.total,
  });
  // The CSV keeps the API's period ("2019-Q3"), which programs sort and parse.
  built.table.rows.forEach((cells, i) => {
    cells[0] = figure(cells[0], rows[i].period);
  });
  return built;
}
