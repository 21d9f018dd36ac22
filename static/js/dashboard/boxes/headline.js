// The headline figures at the top of the programme dashboard.

import { longDate } from "../format.js";

function headlineText(key, value, language) {
  if (key === "on_track_percent") {
    return value + "%";
  }
  if (key === "latest_assessment_on") {
    return longDate(value, language);
  }
  return String(value);
}

/** Fill each [data-headline=<figure>] of `box` with the headline endpoint's figure. */
export function renderHeadline(box, figures, { language }) {
  box.querySelectorAll("[data-headline]").forEach((node) => {
    const key = node.getAttribute("data-headline");
    const value = figures[key];
    node.textContent = value === null || value === undefined ? "—" : headlineText(key, value, language);
  });
}
