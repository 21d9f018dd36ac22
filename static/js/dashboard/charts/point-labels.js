// Each matrix point named beside it (its output code; on the portfolio with its programme code),
// so a point says whose it is without a hover. A label that would run past the plot's right edge
// is set on the point's left instead.

import { colour } from "../palette.js";

/** A Chart.js plugin writing `labelOf(row)` beside every visible point. */
export function pointLabels(labelOf) {
  return {
    id: "pantauPointLabels",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const right = chart.chartArea.right;
      ctx.save();
      ctx.font = "11px " + Chart.defaults.font.family;
      ctx.fillStyle = colour("ink");
      ctx.textBaseline = "middle";
      chart.data.datasets.forEach((dataset, i) => {
        if (!chart.isDatasetVisible(i)) {
          return;
        }
        chart.getDatasetMeta(i).data.forEach((element, j) => {
          const text = labelOf(dataset.data[j].row);
          const gap = element.options.radius + element.options.borderWidth + 2;
          const fits = element.x + gap + ctx.measureText(text).width <= right;
          ctx.textAlign = fits ? "left" : "right";
          ctx.fillText(text, element.x + (fits ? gap : -gap), element.y);
        });
      });
      ctx.restore();
    },
  };
}
