// The filter form: what it says, the aggregate request each endpoint makes for it, and the
// page's address, which carries the filters so a reload or a language switch keeps them.

/** The filled-in values of the filter form (none on the portfolio, which has no form). */
export function readFilters(form) {
  const values = {};
  if (form) {
    new FormData(form).forEach((value, key) => {
      if (value) {
        values[key] = value;
      }
    });
  }
  return values;
}

/** The filters each endpoint depends on besides the scope, so a change refetches only these. */
function extraParameters(name, filters, config) {
  if (name === "quadrant-trend") {
    // A programme that has ended: its trend stops at its end date.
    return { period: filters.period || "year", end: config.trendEnd };
  }
  if (name === "quadrant-strategies") {
    return { language: config.language === "id" ? "id" : "en" };
  }
  return {};
}

/** The aggregate endpoint's address for these filters. */
export function requestUrl(name, filters, config) {
  const params = new URLSearchParams();
  // Every figure is as of the page's date: the form's "Figures as of", or the date the page was
  // asked for (the portfolio, whose table comes with the page). Default today.
  const on = filters.on || config.on;
  const scope = { programme: config.programme, outcome: filters.outcome, on };
  const all = Object.assign(scope, extraParameters(name, filters, config));
  Object.keys(all).forEach((key) => {
    if (all[key]) {
      params.set(key, all[key]);
    }
  });
  return config.api + name + "/?" + params.toString();
}

/** Put the filters in the address bar, and in every form that comes back here (language). */
export function keepInAddress(filters) {
  const state = new URLSearchParams(filters).toString();
  const url = window.location.pathname + (state ? "?" + state : "");
  window.history.replaceState(null, "", url);
  document.querySelectorAll("form input[type=hidden][name=next]").forEach((input) => {
    input.value = url;
  });
}
