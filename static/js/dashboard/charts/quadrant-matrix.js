// The ambiguity–conflict matrix: each output at its latest assessment, on the programme's
// quadrants; a click opens the output's page (the row's url, from the API).

import { number } from "../format.js";
import { figure } from "../numbers.js";
import { colour, paletteColour } from "../palette.js";
import { pointLabels } from "./point-labels.js";

// How strongly each quadrant's colour shades its area behind the points.
const SHADE = 0.12;
// The axes run a little past 0 and 1, so a point scored 0 or 1 is drawn whole inside the plot.
const PAD = 0.06;
const TICKS = Array.from({ length: 11 }, (_, i) => ({ value: i / 10 }));

/** A score axis: 0 to 1 labelled in tenths, with room beyond both ends for the points. */
function scoreAxis(title, numbers) {
  return {
    min: -PAD,
    max: 1 + PAD,
    afterBuildTicks: (axis) => {
      axis.ticks = TICKS.map((tick) => ({ ...tick }));
    },
    ticks: { callback: (value) => numbers.decimal(value, 1) },
    title: { display: true, text: title },
  };
}

/** The four quadrants behind the points, named, split at the programme's thresholds. */
function quadrantAreas(texts) {
  return {
    id: "pantauQuadrants",
    beforeDatasetsDraw(chart, args, options) {
      const { x, y } = chart.scales;
      const ctx = chart.ctx;
      const font = Chart.defaults.font.family;
      const tx = x.getPixelForValue(options.ambiguityThreshold);
      const ty = y.getPixelForValue(options.conflictThreshold);
      const ink = colour("ink");
      const areas = [
        ["administrative", x.left, ty, tx, y.bottom, "start", "bottom"],
        ["experimental", tx, ty, x.right, y.bottom, "end", "bottom"],
        ["political", x.left, y.top, tx, ty, "start", "top"],
        ["symbolic", tx, y.top, x.right, ty, "end", "top"],
      ];
      ctx.save();
      areas.forEach(([quadrant, left, top, right, bottom, align, edge]) => {
        ctx.globalAlpha = SHADE;
        ctx.fillStyle = paletteColour("quadrant", quadrant);
        ctx.fillRect(left, top, right - left, bottom - top);
        ctx.globalAlpha = 1;
        const text = texts.quadrants[quadrant];
        ctx.fillStyle = ink;
        ctx.textAlign = align === "start" ? "left" : "right";
        const px = align === "start" ? left + 6 : right - 6;
        const py = edge === "top" ? top + 14 : bottom - 20;
        ctx.font = "600 12px " + font;
        ctx.fillText(text.name, px, py);
        ctx.font = "12px " + font;
        ctx.fillText(text.principle || "", px, py + 14);
      });
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = ink;
      ctx.beginPath();
      ctx.moveTo(tx, y.top);
      ctx.lineTo(tx, y.bottom);
      ctx.moveTo(x.left, ty);
      ctx.lineTo(x.right, ty);
      ctx.stroke();
      ctx.restore();
    },
  };
}

function statusDataset(status, points, texts) {
  const fill = paletteColour("status", status);
  const edge = colour("borderline");
  return {
    label: texts.statuses[status],
    data: points.map((row) => ({ x: number(row.ambiguity), y: number(row.conflict), row })),
    backgroundColor: fill,
    borderColor: points.map((row) => (row.borderline ? edge : fill)),
    borderWidth: points.map((row) => (row.borderline ? 2 : 1)),
    pointStyle: points.map((row) => (row.borderline ? "triangle" : "circle")),
    pointRadius: 8,
    pointHoverRadius: 10,
  };
}

export default function quadrantMatrix(rows, { texts, numbers, portfolio }) {
  const words = texts.words;
  const placed = rows.filter(
    (row) => row.ambiguity !== null && row.conflict !== null && row.quadrant !== "unclassified",
  );
  const [ambiguityThreshold, conflictThreshold] = rows.length
    ? [number(rows[0].ambiguity_threshold), number(rows[0].conflict_threshold)]
    : [0.5, 0.5];
  const datasets = Object.keys(texts.statuses)
    .map((status) => statusDataset(status, placed.filter((row) => row.status === status), texts))
    .filter((dataset) => dataset.data.length);
  const name = (row) => row.programme_code + " " + row.code;
  const score = (value) => figure(numbers.score(value), value);
  const describe = (row) => [
    name(row) + " — " + row.title,
    words.ambiguity + " " + numbers.score(row.ambiguity) + " · " + words.conflict + " " + numbers.score(row.conflict),
    texts.statuses[row.status] + (row.borderline ? " · " + words.borderline : ""),
  ];
  return {
    chart: {
      type: "scatter",
      data: { datasets },
      options: {
        maintainAspectRatio: false,
        scales: { x: scoreAxis(words.ambiguity, numbers), y: scoreAxis(words.conflict, numbers) },
        plugins: {
          pantauQuadrants: { ambiguityThreshold, conflictThreshold },
          tooltip: { callbacks: { label: (item) => describe(item.raw.row) } },
        },
        onClick(event, elements, chart) {
          if (elements.length) {
            const { datasetIndex, index } = elements[0];
            window.location.assign(chart.data.datasets[datasetIndex].data[index].row.url);
          }
        },
      },
      // The portfolio mixes programmes: there a point's label names its programme too.
      plugins: [quadrantAreas(texts), pointLabels(portfolio ? name : (row) => row.code)],
    },
    table: {
      columns: [
        words.code, words.title, words.status, words.ambiguity, words.conflict, words.quadrant, words.borderline,
      ],
      rows: rows.map((row) => [
        name(row),
        row.title,
        texts.statuses[row.status],
        score(row.ambiguity),
        score(row.conflict),
        texts.quadrants[row.quadrant].name,
        row.borderline ? words.borderline : "",
      ]),
    },
  };
}
