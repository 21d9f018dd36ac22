// Chart.js configurations more than one chart shares.

const COUNT_AXIS = { beginAtZero: true, ticks: { precision: 0 } };

/**
 * Stacked bars of counts: one bar per row, one segment per key of `series`
 * ({key: {label, colour}}), read from row.counts; the table adds each row's total.
 */
export function stackedCounts(rows, { labelOf, series, labelHeading, yTitle, totalHeading }) {
  const keys = Object.keys(series);
  return {
    chart: {
      type: "bar",
      data: {
        labels: rows.map(labelOf),
        datasets: keys.map((key) => ({
          label: series[key].label,
          data: rows.map((row) => row.counts[key]),
          backgroundColor: series[key].colour,
        })),
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { ...COUNT_AXIS, stacked: true, title: { display: true, text: yTitle } },
        },
      },
    },
    table: {
      columns: [labelHeading, ...keys.map((key) => series[key].label), totalHeading],
      rows: rows.map((row) => [labelOf(row), ...keys.map((key) => row.counts[key]), row.total]),
    },
  };
}

/** One bar per row of `row.count`, no legend; `options` adds to (or overrides) the scales. */
export function countBars(rows, { labels, label, colours, scales = {}, indexAxis = "x" }) {
  const countAxis = indexAxis === "y" ? "x" : "y";
  return {
    type: "bar",
    data: {
      labels,
      datasets: [{ label, data: rows.map((row) => row.count), backgroundColor: colours }],
    },
    options: {
      indexAxis,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { ...scales, [countAxis]: { ...COUNT_AXIS, ...scales[countAxis] } },
    },
  };
}
