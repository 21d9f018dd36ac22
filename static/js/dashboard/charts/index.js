// One builder per chart: rows of its aggregate endpoint in, {chart, table} out, where chart is
// the Chart.js configuration and table the same numbers as text (also the CSV download).

import indicatorProgress from "./indicator-progress.js";
import obstaclesByCause from "./obstacles-by-cause.js";
import obstaclesByDimension from "./obstacles-by-dimension.js";
import obstaclesBySeverity from "./obstacles-by-severity.js";
import quadrantMatrix from "./quadrant-matrix.js";
import quadrantTrend from "./quadrant-trend.js";
import stakeholderGrid from "./stakeholder-grid.js";
import statusByQuadrant from "./status-by-quadrant.js";

export const BUILDERS = {
  "quadrant-matrix": quadrantMatrix,
  "status-by-quadrant": statusByQuadrant,
  "quadrant-trend": quadrantTrend,
  "obstacles-by-cause": obstaclesByCause,
  "obstacles-by-dimension": obstaclesByDimension,
  "obstacles-by-severity": obstaclesBySeverity,
  "indicator-progress": indicatorProgress,
  "stakeholder-grid": stakeholderGrid,
};
