// The stakeholders' power–interest grid: a bubble per involvement, coloured by stance.

import { scoreTick, shown } from "../format.js";
import { colour, paletteColour } from "../palette.js";

// Stakeholders that share a cell are spread by this much, so each stays visible.
const SPREAD = 0.12;

function scoreAxis(title) {
  return {
    min: 0.5,
    max: 5.9,
    title: { display: true, text: title },
    ticks: { stepSize: 1, callback: scoreTick },
  };
}

export default function stakeholderGrid(rows, { texts }) {
  const words = texts.words;
  const stanceName = (row) => texts.stances[row.stance || ""];
  const roleName = (row) => texts.roles[row.role] || row.role;
  const seen = {};
  const datasets = Object.keys(texts.stances)
    .map((stance) => ({
      label: texts.stances[stance],
      data: rows
        .filter((row) => (row.stance || "") === stance)
        .map((row) => {
          const cell = row.influence + ":" + row.interest;
          seen[cell] = (seen[cell] || 0) + 1;
          const offset = (seen[cell] - 1) * SPREAD;
          return { x: row.influence + offset, y: row.interest + offset, r: 9, row };
        }),
      backgroundColor: paletteColour("stance", stance),
      borderColor: colour("point-edge"),
    }))
    .filter((dataset) => dataset.data.length);
  const describe = (row) =>
    [row.acronym, row.output_code, roleName(row), stanceName(row)].filter(Boolean).join(" · ");
  return {
    chart: {
      type: "bubble",
      data: { datasets },
      options: {
        maintainAspectRatio: false,
        scales: { x: scoreAxis(words.influence), y: scoreAxis(words.interest) },
        plugins: { tooltip: { callbacks: { label: (item) => describe(item.raw.row) } } },
      },
    },
    table: {
      columns: [
        words.stakeholder, words.output, words.role, words.influence, words.interest, words.stance,
      ],
      rows: rows.map((row) => [
        row.acronym || row.name,
        shown(row.output_code),
        roleName(row),
        row.influence,
        row.interest,
        stanceName(row),
      ]),
    },
  };
}
