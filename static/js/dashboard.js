// Pantau dashboards: every chart reads an aggregate endpoint of the API (/api/v1/aggregates/),
// so the dashboard shows exactly what external tools get. Texts come from the page
// (json_script), in the user's language; nothing here is inline in the HTML (CSP).
(function () {
  "use strict";

  var configNode = document.getElementById("dashboard-config");
  if (!configNode || typeof Chart === "undefined") { return; }
  var config = JSON.parse(configNode.textContent);
  var T = config.texts;
  var W = T.words;
  var charts = {};
  var tables = {};

  var QUADRANT_ORDER = ["administrative", "political", "experimental", "symbolic", "unclassified"];
  var QUADRANT_COLOURS = {
    administrative: "#4f8fba", political: "#e39b3b", experimental: "#5aa469",
    symbolic: "#d1605e", unclassified: "#9aa5ad"
  };
  var QUADRANT_SHADES = {
    administrative: "rgba(79,143,186,0.10)", political: "rgba(227,155,59,0.12)",
    experimental: "rgba(90,164,105,0.12)", symbolic: "rgba(209,96,94,0.12)"
  };
  var STATUS_COLOURS = {
    not_started: "#9aa5ad", on_track: "#2e8b57", at_risk: "#e0a100",
    off_track: "#c0392b", completed: "#2f6fa3", cancelled: "#555f66"
  };
  var STANCE_COLOURS = {
    champion: "#1b7f3b", supporter: "#7fbf5f", neutral: "#9aa5ad",
    sceptic: "#e0a100", opponent: "#c0392b", "": "#c3ccd3"
  };
  var BAND_COLOURS = { below: "#c0392b", on_track: "#2e8b57", above: "#2f6fa3", not_due: "#9aa5ad", "": "#c3ccd3" };

  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  Chart.defaults.animation = false;

  function number(value) { return value === null || value === undefined ? null : Number(value); }
  function percent(value) { return value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 10; }
  // Influence and interest run 1–5; the axes leave room around them but label only the scores.
  function scoreTick(value) { return Number.isInteger(value) && value >= 1 && value <= 5 ? value : ""; }
  function shown(value) { return value === null || value === undefined || value === "" ? "—" : String(value); }
  // Chart.js gives a vertical axis at most half the chart's width and clips longer labels at the
  // canvas edge, so long category names are broken into lines.
  function wrap(text, width) {
    var lines = [];
    String(text).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= width) { lines[last] += " " + word; } else { lines.push(word); }
    });
    return lines.length > 1 ? lines : text;
  }

  // Filters -----------------------------------------------------------------------------------
  var form = document.getElementById("dashboard-filters");

  function filters() {
    var values = {};
    if (form) {
      new FormData(form).forEach(function (value, key) { if (value) { values[key] = value; } });
    }
    return values;
  }

  function query(extra) {
    var params = new URLSearchParams();
    if (config.programme) { params.set("programme", config.programme); }
    var current = filters();
    if (current.outcome) { params.set("outcome", current.outcome); }
    Object.keys(extra || {}).forEach(function (key) {
      if (extra[key]) { params.set(key, extra[key]); }
    });
    return params.toString();
  }

  function endpoint(name) {
    var current = filters();
    var extra = {};
    if (name === "quadrant-trend") {
      extra.period = current.period || "year";
      extra.end = config.trendEnd;
    }
    if (name === "indicator-progress" || name === "headline") { extra.on = current.on; }
    if (name === "quadrant-strategies") { extra.language = config.language === "id" ? "id" : "en"; }
    return config.api + name + "/?" + query(extra);
  }

  function fetchResults(name) {
    return fetch(endpoint(name), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(name + ": HTTP " + response.status); }
        return response.json();
      })
      .then(function (body) { return body.results; });
  }

  function outputUrl(row) {
    return config.outputUrl.replace("CODE", row.programme_code).replace(/\/0\/$/, "/" + row.id + "/");
  }

  // The quadrants behind the matrix, with the programme's thresholds ------------------------
  var quadrantPlugin = {
    id: "pantauQuadrants",
    beforeDatasetsDraw: function (chart, args, options) {
      var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
      var tx = x.getPixelForValue(options.ambiguityThreshold);
      var ty = y.getPixelForValue(options.conflictThreshold);
      var areas = [
        ["administrative", x.left, ty, tx, y.bottom, "start", "bottom"],
        ["experimental", tx, ty, x.right, y.bottom, "end", "bottom"],
        ["political", x.left, y.top, tx, ty, "start", "top"],
        ["symbolic", tx, y.top, x.right, ty, "end", "top"]
      ];
      ctx.save();
      areas.forEach(function (area) {
        ctx.fillStyle = QUADRANT_SHADES[area[0]];
        ctx.fillRect(area[1], area[2], area[3] - area[1], area[4] - area[2]);
        var text = T.quadrants[area[0]];
        ctx.fillStyle = "#46525a";
        ctx.font = "600 12px " + Chart.defaults.font.family;
        ctx.textAlign = area[5] === "start" ? "left" : "right";
        var px = area[5] === "start" ? area[1] + 6 : area[3] - 6;
        var py = area[6] === "top" ? area[2] + 14 : area[4] - 20;
        ctx.fillText(text.name, px, py);
        ctx.font = "12px " + Chart.defaults.font.family;
        ctx.fillText(text.principle || "", px, py + 14);
      });
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = "#46525a";
      ctx.beginPath();
      ctx.moveTo(tx, y.top); ctx.lineTo(tx, y.bottom);
      ctx.moveTo(x.left, ty); ctx.lineTo(x.right, ty);
      ctx.stroke();
      ctx.restore();
    }
  };

  // One builder per chart: the Chart.js configuration and the table of the same numbers -----
  var builders = {
    "quadrant-matrix": function (rows) {
      var placed = rows.filter(function (r) { return r.ambiguity !== null && r.conflict !== null && r.quadrant !== "unclassified"; });
      var thresholds = rows.length ? [number(rows[0].ambiguity_threshold), number(rows[0].conflict_threshold)] : [0.5, 0.5];
      var statuses = Object.keys(T.statuses);
      var datasets = statuses.map(function (status) {
        var points = placed.filter(function (r) { return r.status === status; });
        return {
          label: T.statuses[status],
          data: points.map(function (r) { return { x: number(r.ambiguity), y: number(r.conflict), row: r }; }),
          backgroundColor: STATUS_COLOURS[status],
          borderColor: points.map(function (r) { return r.borderline ? "#111" : STATUS_COLOURS[status]; }),
          borderWidth: points.map(function (r) { return r.borderline ? 2 : 1; }),
          pointStyle: points.map(function (r) { return r.borderline ? "triangle" : "circle"; }),
          pointRadius: 8, pointHoverRadius: 10, clip: false
        };
      }).filter(function (d) { return d.data.length; });
      renderUnclassified(rows);
      return {
        chart: {
          type: "scatter",
          data: { datasets: datasets },
          options: {
            maintainAspectRatio: false,
            scales: {
              x: { min: 0, max: 1, title: { display: true, text: W.ambiguity } },
              y: { min: 0, max: 1, title: { display: true, text: W.conflict } }
            },
            plugins: {
              pantauQuadrants: { ambiguityThreshold: thresholds[0], conflictThreshold: thresholds[1] },
              tooltip: { callbacks: { label: function (item) {
                var r = item.raw.row;
                return [r.programme_code + " " + r.code + " — " + r.title,
                  W.ambiguity + " " + r.ambiguity + " · " + W.conflict + " " + r.conflict,
                  T.statuses[r.status] + (r.borderline ? " · " + W.borderline : "")];
              } } }
            },
            onClick: function (event, elements, chart) {
              if (!elements.length) { return; }
              var point = chart.data.datasets[elements[0].datasetIndex].data[elements[0].index];
              window.location.assign(outputUrl(point.row));
            }
          },
          plugins: [quadrantPlugin]
        },
        table: {
          columns: [W.code, W.title, W.status, W.ambiguity, W.conflict, W.quadrant, W.borderline],
          rows: rows.map(function (r) {
            return [r.programme_code + " " + r.code, r.title, T.statuses[r.status], shown(r.ambiguity), shown(r.conflict),
              T.quadrants[r.quadrant].name, r.borderline ? W.borderline : ""];
          })
        }
      };
    },
    "status-by-quadrant": function (rows) {
      var statuses = Object.keys(T.statuses);
      return {
        chart: {
          type: "bar",
          data: {
            labels: rows.map(function (r) { return T.quadrants[r.quadrant].name; }),
            datasets: statuses.map(function (status) {
              return { label: T.statuses[status], data: rows.map(function (r) { return r.counts[status]; }), backgroundColor: STATUS_COLOURS[status] };
            })
          },
          options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: W.outputs } } } }
        },
        table: {
          columns: [W.quadrant].concat(statuses.map(function (s) { return T.statuses[s]; })).concat([W.total]),
          rows: rows.map(function (r) {
            return [T.quadrants[r.quadrant].name].concat(statuses.map(function (s) { return r.counts[s]; })).concat([r.total]);
          })
        }
      };
    },
    "quadrant-trend": function (rows) {
      return {
        chart: {
          type: "bar",
          data: {
            labels: rows.map(function (r) { return r.period; }),
            datasets: QUADRANT_ORDER.map(function (q) {
              return { label: T.quadrants[q].name, data: rows.map(function (r) { return r.counts[q]; }), backgroundColor: QUADRANT_COLOURS[q] };
            })
          },
          options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: W.outputs } } } }
        },
        table: {
          columns: [W.period].concat(QUADRANT_ORDER.map(function (q) { return T.quadrants[q].name; })).concat([W.total]),
          rows: rows.map(function (r) {
            return [r.period].concat(QUADRANT_ORDER.map(function (q) { return r.counts[q]; })).concat([r.total]);
          })
        }
      };
    },
    "obstacles-by-cause": function (rows) {
      var name = function (r) { return config.language === "id" ? r.name_id : r.name_en; };
      return {
        chart: {
          type: "bar",
          data: { labels: rows.map(function (r) { return wrap(name(r), 32); }), datasets: [{ label: W.obstacles, data: rows.map(function (r) { return r.count; }), backgroundColor: "#4f8fba" }] },
          // Every cause named: Chart.js would otherwise skip labels it finds too tall to fit.
          options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } } }
        },
        table: { columns: [W.cause, W.dimension, W.count], rows: rows.map(function (r) { return [name(r), T.dimensions[r.dimension] || r.dimension, r.count]; }) }
      };
    },
    "obstacles-by-dimension": function (rows) {
      return {
        chart: {
          type: "bar",
          data: { labels: rows.map(function (r) { return r.name; }), datasets: [{ label: W.obstacles, data: rows.map(function (r) { return r.count; }), backgroundColor: ["#8e6bb8", "#d1605e", "#e39b3b", "#5aa469"] }] },
          options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
        },
        table: { columns: [W.dimension, W.count], rows: rows.map(function (r) { return [r.name, r.count]; }) }
      };
    },
    "obstacles-by-severity": function (rows) {
      var label = function (r) { return r.severity === null ? W.unknown : r.label; };
      return {
        chart: {
          type: "bar",
          data: { labels: rows.map(label), datasets: [{ label: W.obstacles, data: rows.map(function (r) { return r.count; }), backgroundColor: ["#f2d16b", "#f0b04a", "#e38a3b", "#d1605e", "#a93226", "#c3ccd3"] }] },
          options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: W.severity } }, y: { beginAtZero: true, ticks: { precision: 0 } } } }
        },
        table: { columns: [W.severity, W.count], rows: rows.map(function (r) { return [label(r), r.count]; }) }
      };
    },
    "indicator-progress": function (rows) {
      var labels = rows.map(function (r) { return r.programme_code + " " + r.code; });
      return {
        chart: {
          type: "bar",
          data: {
            labels: labels,
            datasets: [
              { label: W.achievement, data: rows.map(function (r) { return percent(r.achievement); }), backgroundColor: rows.map(function (r) { return BAND_COLOURS[r.band || ""]; }) },
              { label: W.expected, data: rows.map(function (r) { return percent(r.expected); }), backgroundColor: "rgba(70,82,90,0.25)" }
            ]
          },
          options: {
            indexAxis: "y", maintainAspectRatio: false,
            plugins: { tooltip: { callbacks: { afterLabel: function (item) { return T.bands[rows[item.dataIndex].band || ""]; } } } },
            scales: { x: { title: { display: true, text: "%" } } }
          }
        },
        table: {
          columns: [W.indicator, W.title, W.actual, W.target, W.achievement, W.expected, W.band],
          rows: rows.map(function (r, i) {
            return [labels[i], r.name, shown(r.actual), shown(r.target), shown(percent(r.achievement)), shown(percent(r.expected)), T.bands[r.band || ""]];
          })
        }
      };
    },
    "stakeholder-grid": function (rows) {
      var seen = {};
      var stances = Object.keys(STANCE_COLOURS);
      var datasets = stances.map(function (stance) {
        var points = rows.filter(function (r) { return (r.stance || "") === stance; });
        return {
          label: T.stances[stance],
          data: points.map(function (r) {
            var key = r.influence + ":" + r.interest;
            var n = seen[key] = (seen[key] || 0) + 1;
            // Spread stakeholders that share a cell so each stays visible.
            var offset = (n - 1) * 0.12;
            return { x: r.influence + offset, y: r.interest + offset, r: 9, row: r };
          }),
          backgroundColor: STANCE_COLOURS[stance], borderColor: "#fff"
        };
      }).filter(function (d) { return d.data.length; });
      return {
        chart: {
          type: "bubble",
          data: { datasets: datasets },
          options: {
            maintainAspectRatio: false,
            scales: { x: { min: 0.5, max: 5.9, title: { display: true, text: W.influence }, ticks: { stepSize: 1, callback: scoreTick } },
                      y: { min: 0.5, max: 5.9, title: { display: true, text: W.interest }, ticks: { stepSize: 1, callback: scoreTick } } },
            plugins: { tooltip: { callbacks: { label: function (item) {
              var r = item.raw.row;
              return r.acronym + (r.output_code ? " · " + r.output_code : "") + " · " + r.role + " · " + T.stances[r.stance || ""];
            } } } }
          }
        },
        table: {
          columns: [W.stakeholder, W.output, W.role, W.influence, W.interest, W.stance],
          rows: rows.map(function (r) { return [r.acronym || r.name, shown(r.output_code), T.roles[r.role] || r.role, r.influence, r.interest, T.stances[r.stance || ""]]; })
        }
      };
    }
  };

  // Beside the charts -------------------------------------------------------------------------
  function renderUnclassified(rows) {
    var list = document.getElementById("unclassified-list");
    if (!list) { return; }
    list.textContent = "";
    rows.filter(function (r) { return r.quadrant === "unclassified"; }).forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = outputUrl(r);
      link.textContent = r.programme_code + " " + r.code + " " + r.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — " + (T.reasons[r.reason] || "")));
      list.appendChild(item);
    });
    if (!list.children.length) {
      var none = document.createElement("li");
      none.className = "text-muted";
      none.textContent = "—";
      list.appendChild(none);
    }
  }

  function headlineText(key, value) {
    if (key === "on_track_percent") { return value + "%"; }
    if (key === "latest_assessment_on") {
      // Dates in the user's language, like the rest of the site.
      var parts = String(value).split("-").map(Number);
      return new Date(parts[0], parts[1] - 1, parts[2]).toLocaleDateString(
        config.language === "id" ? "id-ID" : "en-US", { day: "numeric", month: "long", year: "numeric" });
    }
    return String(value);
  }

  function renderHeadline() {
    var box = document.getElementById("headline");
    if (!box) { return Promise.resolve(); }
    return fetchResults("headline").then(function (figures) {
      box.querySelectorAll("[data-headline]").forEach(function (node) {
        var key = node.getAttribute("data-headline");
        var value = figures[key];
        node.textContent = value === null || value === undefined ? "—" : headlineText(key, value);
      });
    });
  }

  function renderStrategies() {
    var box = document.getElementById("strategies");
    if (!box) { return Promise.resolve(); }
    return fetchResults("quadrant-strategies").then(function (rows) {
      box.textContent = "";
      rows.forEach(function (r) {
        var block = document.createElement("div");
        block.className = "mb-2 strategy q-" + r.quadrant;
        var title = document.createElement("strong");
        title.textContent = r.name + (r.principle ? " — " + r.principle : "");
        var text = document.createElement("div");
        text.textContent = r.strategy;
        var outputs = document.createElement("div");
        outputs.className = "text-muted";
        outputs.textContent = W.outputs + ": " + (r.outputs.map(function (o) { return o.code; }).join(", ") || "—");
        block.appendChild(title); block.appendChild(text); block.appendChild(outputs);
        box.appendChild(block);
      });
    });
  }

  // Drawing, tables, downloads --------------------------------------------------------------
  function card(name) { return document.querySelector(".chart-card[data-chart='" + name + "']"); }

  function renderTable(name, table) {
    var holder = card(name).querySelector(".chart-table");
    holder.textContent = "";
    var element = document.createElement("table");
    element.className = "table table-sm small mb-0";
    var head = element.createTHead().insertRow();
    table.columns.forEach(function (column) {
      var th = document.createElement("th"); th.scope = "col"; th.textContent = column; head.appendChild(th);
    });
    var body = element.createTBody();
    table.rows.forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (value) { tr.insertCell().textContent = shown(value); });
    });
    holder.appendChild(element);
  }

  function draw(name, rows) {
    var target = card(name);
    if (!target) { return; }
    var built = builders[name](rows);
    tables[name] = built.table;
    if (charts[name]) { charts[name].destroy(); }
    var message = target.querySelector(".chart-message");
    message.hidden = rows.length > 0;
    message.textContent = rows.length ? "" : W.no_data;
    charts[name] = new Chart(target.querySelector("canvas"), built.chart);
    renderTable(name, built.table);
    target.setAttribute("data-loaded", "true");
  }

  function csv(table) {
    var quote = function (value) { return '"' + shown(value).replace(/"/g, '""') + '"'; };
    return [table.columns].concat(table.rows).map(function (row) { return row.map(quote).join(","); }).join("\r\n");
  }

  function download(filename, href) {
    var link = document.createElement("a");
    link.href = href; link.download = filename;
    document.body.appendChild(link); link.click(); link.remove();
  }

  function fileName(name, ext) {
    return "pantau-" + (config.programmeCode || "portfolio") + "-" + name + "." + ext;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action]");
    if (!button) { return; }
    var action = button.getAttribute("data-action");
    if (action === "print") { window.print(); return; }
    var holder = button.closest(".chart-card");
    if (!holder) { return; }
    var name = holder.getAttribute("data-chart");
    if (action === "table") {
      var table = holder.querySelector(".chart-table");
      table.hidden = !table.hidden;
      button.setAttribute("aria-expanded", String(!table.hidden));
      button.textContent = table.hidden ? W.show_table : W.hide_table;
    } else if (action === "csv" && tables[name]) {
      var blob = new Blob(["\ufeff" + csv(tables[name])], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      download(fileName(name, "csv"), url);
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    } else if (action === "png" && charts[name]) {
      download(fileName(name, "png"), charts[name].toBase64Image("image/png", 1));
    }
  });

  function refresh() {
    var state = new URLSearchParams(filters());
    var url = window.location.pathname + (state.toString() ? "?" + state.toString() : "");
    window.history.replaceState(null, "", url);
    // The language switcher (and any other form that returns here) comes back with the filters.
    document.querySelectorAll("form input[type=hidden][name=next]").forEach(function (input) { input.value = url; });
    var jobs = config.charts.map(function (name) {
      return fetchResults(name).then(function (rows) { draw(name, rows); });
    });
    jobs.push(renderHeadline(), renderStrategies());
    return Promise.all(jobs).then(function () {
      document.body.setAttribute("data-dashboard-ready", "true");
    }).catch(function (error) {
      document.body.setAttribute("data-dashboard-error", String(error));
      document.querySelectorAll(".chart-message").forEach(function (node) {
        node.hidden = false; node.textContent = W.loading_failed;
      });
    });
  }

  if (form) {
    form.addEventListener("change", function () {
      document.body.removeAttribute("data-dashboard-ready");
      refresh();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
  }
  refresh();
})();
