// Pantau's dashboards, programme and portfolio. Every chart reads an aggregate endpoint of the
// API (/api/v1/aggregates/), so a dashboard shows exactly what external tools get. The page hands
// over its settings and texts, in the user's language, through json_script (#dashboard-config);
// nothing is inline in the HTML (the CSP forbids it). Chart.js is the UMD script loaded before.
//
// This module only wires the others: filters -> loader (latest request set wins) -> the chart
// builders, drawn in their cards, and the boxes beside the charts.

import { renderHeadline } from "./boxes/headline.js";
import { renderStrategies } from "./boxes/strategies.js";
import { renderUnclassified } from "./boxes/unclassified.js";
import { drawCard, showLoadingFailed } from "./cards.js";
import { BUILDERS } from "./charts/index.js";
import { wireDownloads } from "./downloads.js";
import { keepInAddress, readFilters, requestUrl } from "./filters.js";
import { createLoader, Superseded } from "./loader.js";
import { numberFormats } from "./numbers.js";
import { wireTableToggles } from "./tables.js";

/** What each endpoint's results feed on this page: {endpoint: [render(results), ...]}. */
function renderers(config, context) {
  const words = context.texts.words;
  const feeds = {};
  const feed = (name, render) => (feeds[name] = feeds[name] || []).push(render);
  config.charts.forEach((name) => {
    feed(name, (rows) => drawCard(name, rows, BUILDERS[name](rows, context), words));
  });
  const boxes = [
    ["quadrant-matrix", "unclassified-list", renderUnclassified],
    ["headline", "headline", renderHeadline],
    ["quadrant-strategies", "strategies", renderStrategies],
  ];
  boxes.forEach(([name, id, render]) => {
    const box = document.getElementById(id);
    if (box) {
      feed(name, (results) => render(box, results, context));
    }
  });
  return feeds;
}

function start(config) {
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  Chart.defaults.animation = false;
  const numbers = numberFormats(config.language);
  // Axis ticks and tooltips Chart.js writes itself follow the page's language, not the browser's.
  Chart.defaults.locale = numbers.locale;
  // The portfolio (no programme) names each output with its programme on the charts too.
  const portfolio = !config.programme;
  const context = { texts: config.texts, language: config.language, numbers, portfolio };
  const words = config.texts.words;
  const feeds = renderers(config, context);
  const loader = createLoader();
  const form = document.getElementById("dashboard-filters");
  const body = document.body;

  async function refresh() {
    const filters = readFilters(form);
    if (form) {
      keepInAddress(filters); // the portfolio's address (?on=) is its own form's, kept as it is
    }
    body.removeAttribute("data-dashboard-ready");
    body.removeAttribute("data-dashboard-error");
    const requests = {};
    Object.keys(feeds).forEach((name) => {
      requests[name] = requestUrl(name, filters, config);
    });
    try {
      await loader.load(requests, (name, results) => feeds[name].forEach((render) => render(results)));
      body.setAttribute("data-dashboard-ready", "true");
    } catch (error) {
      if (error instanceof Superseded) {
        return; // a later filter change is loading; it sets the page's state
      }
      body.setAttribute("data-dashboard-error", String(error));
      showLoadingFailed(words);
    }
  }

  wireTableToggles(words);
  wireDownloads(config.programmeCode || "portfolio", () => readFilters(form).on || config.on);
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-action=print]")) {
      window.print();
    }
  });
  if (form) {
    form.addEventListener("change", refresh);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      refresh();
    });
  }
  refresh();
}

const configNode = document.getElementById("dashboard-config");
if (configNode && typeof Chart !== "undefined") {
  start(JSON.parse(configNode.textContent));
}
