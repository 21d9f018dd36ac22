// Figures in the page's language, through Intl: "0,25", "3.313" and "14,3%" in Indonesian,
// "0.25", "3,313" and "14.3%" in English, as the server-rendered pages write them. The CSV
// downloads keep a machine-readable form instead (dot decimal, no grouping, no unit, ISO dates),
// so a table cell holding a figure carries both: its text on screen and its value in the file.

const blank = (value) => value === null || value === undefined || value === "";

/** The BCP 47 tag of the page's language (config.language), as Intl and Chart.js take it. */
export function locale(language) {
  return language === "id" ? "id-ID" : "en-US";
}

/** A decimal from the API without its trailing zeros, dot decimal: "3313.0000" -> "3313". */
export function plain(value) {
  if (blank(value)) {
    return "";
  }
  const text = String(value);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** A table cell that reads `text` on screen and `value` in the CSV download. */
export function figure(text, value) {
  return { text, value: plain(value) };
}

/** Whether a table cell is a figure (made by figure()) rather than plain text. */
export function isFigure(cell) {
  return cell !== null && typeof cell === "object" && "text" in cell;
}

/**
 * The formatters of one language. Decimals from the API are strings, which Intl reads exactly;
 * a blank value reads "—" like every empty cell.
 */
export function numberFormats(language) {
  const tag = locale(language);
  const made = new Map();
  const format = (options, value) => {
    const key = JSON.stringify(options);
    if (!made.has(key)) {
      made.set(key, new Intl.NumberFormat(tag, options));
    }
    return blank(value) ? "—" : made.get(key).format(value);
  };
  return {
    locale: tag,
    /** A measured value, to at most `places` decimals and no trailing zeros. */
    decimal: (value, places = 4) => format({ maximumFractionDigits: places }, value),
    /** A rubric score (ambiguity, conflict, a threshold): always two decimals. */
    score: (value) => format({ minimumFractionDigits: 2, maximumFractionDigits: 2 }, value),
    /** A share (0.1434) as a percentage to one place. */
    percent: (share) => format({ style: "percent", maximumFractionDigits: 1 }, share),
    /** A whole number: a count, a score of 1–5. */
    count: (value) => format({ maximumFractionDigits: 0 }, value),
  };
}

/** How many decimals a measured value of an indicator needs: percentages to two places. */
export function measurePlaces(measure) {
  return measure === "percentage" ? 2 : 4;
}
