// Loading the aggregates: one set of requests per filter state, and only the latest set wins.
// A filter change aborts the requests still running for the previous state, so a slow earlier
// response can never overwrite what a later change drew. An endpoint whose request is the one
// already on screen is not fetched again (changing the trend period refetches only the trend).

/** Thrown by a request of a superseded set; the caller ignores it. */
export class Superseded extends Error {}

async function fetchResults(url, signal) {
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
    signal,
  });
  if (!response.ok) {
    throw new Error(url + ": HTTP " + response.status);
  }
  return (await response.json()).results;
}

export function createLoader() {
  let running = null;
  const onScreen = new Map(); // endpoint name -> the address of the results it shows

  /**
   * Fetch `requests` ({name: url}) and hand each endpoint's results to `deliver(name, results)`.
   * Resolves when the whole set is drawn; rejects with Superseded when a later load started.
   */
  async function load(requests, deliver) {
    if (running) {
      running.abort();
    }
    const controller = new AbortController();
    running = controller;
    const stale = Object.entries(requests).filter(([name, url]) => onScreen.get(name) !== url);
    const jobs = stale.map(async ([name, url]) => {
      const results = await fetchResults(url, controller.signal);
      // A response fully read just before the abort must not be drawn either.
      if (controller.signal.aborted) {
        return;
      }
      deliver(name, results);
      onScreen.set(name, url);
    });
    try {
      await Promise.all(jobs);
    } catch (error) {
      if (!controller.signal.aborted) {
        throw error;
      }
    }
    if (controller.signal.aborted) {
      throw new Superseded("a later filter change took over");
    }
    return stale.length;
  }

  return { load };
}
