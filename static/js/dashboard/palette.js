// The dashboard's colours live once, as CSS custom properties in static/css/dashboard.css; the
// charts read them here, so a colour changed there changes every chart and the strategy boxes.

const root = () => getComputedStyle(document.documentElement);

/** The colour of `--pantau-<name>`, e.g. colour("ink"). */
export function colour(name) {
  const value = root().getPropertyValue("--pantau-" + name).trim();
  if (!value) {
    throw new Error("dashboard.css defines no colour --pantau-" + name);
  }
  return value;
}

/**
 * The colour of one value of a group, e.g. paletteColour("status", "on_track") reads
 * --pantau-status-on-track; a blank or null value (a stance not known) reads ...-unknown.
 */
export function paletteColour(group, value) {
  const key = value === null || value === undefined || value === "" ? "unknown" : String(value);
  return colour(group + "-" + key.replace(/_/g, "-"));
}
