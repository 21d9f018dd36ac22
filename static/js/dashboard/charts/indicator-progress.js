// Indicator achievement against target: achievement (coloured by band) beside the expected share.
// An achievement below zero (apps/programmes/progress.py: (actual − baseline) / (target −
// baseline)) means the actual lies on the far side of the baseline: the indicator moved away
// from its target. The tooltip and the table say so.

import { percent } from "../format.js";
import { figure, measurePlaces } from "../numbers.js";
import { colour, paletteColour } from "../palette.js";

const movedAway = (row) => row.achievement !== null && Number(row.achievement) < 0;

export default function indicatorProgress(rows, { texts, numbers }) {
  const words = texts.words;
  const bandName = (row) => texts.bands[row.band || ""];
  const labels = rows.map((row) => row.programme_code + " " + row.code);
  const measured = (row, value) => figure(numbers.decimal(value, measurePlaces(row.measure)), value);
  const share = (value) => figure(numbers.percent(value), percent(value));
  const achievementCell = (row) => {
    const cell = share(row.achievement);
    return movedAway(row) ? { ...cell, text: cell.text + " (" + words.moved_away + ")" } : cell;
  };
  const tooltipLabel = (item) => {
    const row = rows[item.dataIndex];
    const value = item.datasetIndex === 0 ? row.achievement : row.expected;
    return item.dataset.label + ": " + numbers.percent(value);
  };
  const tooltipAfter = (item) => {
    const row = rows[item.dataIndex];
    const lines = [bandName(row)];
    if (item.datasetIndex === 0 && movedAway(row)) {
      lines.push(words.moved_away_detail);
    }
    return lines;
  };
  return {
    chart: {
      type: "bar",
      data: {
        labels,
        datasets: [
          {
            label: words.achievement,
            data: rows.map((row) => percent(row.achievement)),
            backgroundColor: rows.map((row) => paletteColour("band", row.band)),
          },
          {
            label: words.expected,
            data: rows.map((row) => percent(row.expected)),
            backgroundColor: colour("expected"),
          },
        ],
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        plugins: { tooltip: { callbacks: { label: tooltipLabel, afterLabel: tooltipAfter } } },
        scales: { x: { title: { display: true, text: "%" } } },
      },
    },
    table: {
      columns: [
        words.indicator, words.title, words.actual, words.target, words.achievement, words.expected, words.band,
      ],
      rows: rows.map((row, i) => [
        labels[i],
        row.name,
        measured(row, row.actual),
        measured(row, row.target),
        achievementCell(row),
        share(row.expected),
        bandName(row),
      ]),
    },
  };
}
