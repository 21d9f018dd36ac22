// The headline figures at the top of the programme dashboard.

import { longDate } from "../format.js";

function headlineText(key, value, { language, numbers }) {
  if (key === "on_track_percent") {
    // The API gives a percentage (14.3); Intl writes shares (0.143).
    return numbers.percent(Number(value) / 100);
  }
  if (key === "latest_assessment_on") {
    return longDate(value, language);
  }
  return numbers.count(value);
}

/** Fill each [data-headline=<figure>] of `box` with the headline endpoint's figure. */
export function renderHeadline(box, figures, context) {
  box.querySelectorAll("[data-headline]").forEach((node) => {
    const key = node.getAttribute("data-headline");
    const value = figures[key];
    node.textContent = value === null || value === undefined ? "—" : headlineText(key, value, context);
  });
}
