// How the dashboard writes figures: chart values, cell text, category labels and dates.
// Numbers as a person reads them in the page's language are numbers.js's.

import { locale } from "./numbers.js";

/** A decimal from the API (a string) as a number; null stays null. */
export function number(value) {
  return value === null || value === undefined ? null : Number(value);
}

/** A share (0.1234) as a percentage to one place (12.3); null stays null. */
export function percent(value) {
  return value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 10;
}

/** A table cell's text: a dash for nothing. */
export function shown(value) {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

/** Influence and interest run 1–5; the axes leave room around them but label only the scores. */
export function scoreTick(value) {
  return Number.isInteger(value) && value >= 1 && value <= 5 ? value : "";
}

/**
 * A long category name broken into lines of about `width` characters. Chart.js gives a vertical
 * axis at most half the chart's width and clips longer labels at the canvas edge.
 */
export function wrap(text, width) {
  const lines = [];
  String(text).split(" ").forEach((word) => {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= width) {
      lines[last] += " " + word;
    } else {
      lines.push(word);
    }
  });
  return lines.length > 1 ? lines : text;
}

/** An ISO date ("2020-06-30") in the user's language, like the rest of the site. */
export function longDate(iso, language) {
  const [year, month, day] = String(iso).split("-").map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(locale(language), {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}
