// Indicator achievement against target: achievement (coloured by band) beside the expected share.

import { percent, shown } from "../format.js";
import { colour, paletteColour } from "../palette.js";

export default function indicatorProgress(rows, { texts }) {
  const words = texts.words;
  const bandName = (row) => texts.bands[row.band || ""];
  const labels = rows.map((row) => row.programme_code + " " + row.code);
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
        plugins: { tooltip: { callbacks: { afterLabel: (item) => bandName(rows[item.dataIndex]) } } },
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
        shown(row.actual),
        shown(row.target),
        shown(percent(row.achievement)),
        shown(percent(row.expected)),
        bandName(row),
      ]),
    },
  };
}
