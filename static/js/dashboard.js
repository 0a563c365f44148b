/* Draws the dashboard's charts from /dashboard/progress.json (the page already shows every figure as a table,
   so without JavaScript nothing is lost). Loaded as a file: the CSP allows no inline script. */
(function () {
  "use strict";

  var holder = document.getElementById("dashboard-data");
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.classList.remove("d-none");
    printButton.addEventListener("click", function () { window.print(); });
  }
  // Month-by-month tables open when printing, so the paper holds every figure.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.dataset.wasOpen = d.open ? "1" : ""; d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = d.dataset.wasOpen === "1"; });
  });
  if (!holder || typeof Chart === "undefined") { return; }

  var label = function (name) { return holder.dataset["label" + name] || name; };
  var BLUE = "#0b4ea2", RED = "#c8102e", GREY = "#adb5bd";
  var STATUS_COLOURS = {
    draft: "#6c757d", submitted: "#0a58ca", returned: "#a34700", branch_approved: "#0f7a5c",
    rejected: "#b02a37", district_verified: "#146c43", sent_to_province: "#6610f2"
  };
  var wide = function () { return window.matchMedia("(min-width: 768px)").matches; };

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;

  // Long labels on several lines, so that a phone does not cut them off.
  function wrap(text, width) {
    var lines = [], line = "";
    String(text).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  var labelWidth = function () { return wide() ? 30 : 18; };

  // Tall enough for every bar and every line of its label.
  function fitHeight(container, labels, barsPerLabel) {
    var lines = labels.reduce(function (n, l) { return n + Math.max(l.length, barsPerLabel * 1.4); }, 0);
    container.style.height = Math.max(240, Math.round(lines * 17 + 70)) + "px";
  }

  function show(container) {
    container.classList.remove("d-none");
    return container.querySelector("canvas");
  }

  function integerAxis() { return { beginAtZero: true, ticks: { precision: 0 } }; }

  function drawBurnup(container, data) {
    var burnup = data.burnup[Number(container.dataset.index)];
    if (!burnup) { return; }
    var datasets = [{
      label: label("SoFar"), data: burnup.points.map(function (p) { return p.cumulative; }),
      borderColor: BLUE, backgroundColor: BLUE, tension: 0.1, spanGaps: false
    }];
    if (burnup.target) {
      datasets.push({
        label: label("Target") + " (" + burnup.target + ")", data: burnup.points.map(function (p) { return p.target; }),
        borderColor: RED, backgroundColor: RED, borderDash: [6, 4], pointRadius: 0
      });
    }
    new Chart(show(container), {
      type: "line",
      data: { labels: burnup.points.map(function (p) { return p.month.slice(5) + "/" + p.month.slice(0, 4); }), datasets: datasets },
      options: { scales: { y: integerAxis() }, plugins: { legend: { position: "bottom" } } }
    });
  }

  function drawStatus(container, data) {
    var codes = Object.keys(data.by_status);
    var labels = codes.map(function (c) { return wrap(data.labels.status[c], labelWidth()); });
    fitHeight(container, labels, 1);
    new Chart(show(container), {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{
          label: label("Initiatives"), data: codes.map(function (c) { return data.by_status[c]; }),
          backgroundColor: codes.map(function (c) { return STATUS_COLOURS[c] || GREY; })
        }]
      },
      options: { indexAxis: "y", scales: { x: integerAxis() }, plugins: { legend: { display: false } } }
    });
  }

  function drawCategory(container, data) {
    var codes = Object.keys(data.by_category);
    var labels = codes.map(function (c) { return wrap(data.labels.category[c], labelWidth()); });
    fitHeight(container, labels, 2);
    new Chart(show(container), {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          { label: label("Submitted"), data: codes.map(function (c) { return data.by_category_submitted[c]; }), backgroundColor: GREY },
          { label: label("Sent"), data: codes.map(function (c) { return data.by_category[c]; }), backgroundColor: BLUE }
        ]
      },
      options: {
        indexAxis: "y", scales: { x: integerAxis(), y: { ticks: { autoSkip: false } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function drawQuarter(container, data) {
    var keys = Object.keys(data.by_quarter);
    new Chart(show(container), {
      type: "bar",
      data: {
        // "2021-Q3" (the JSON's key) written as on the page: "Quý 3/2021".
        labels: keys.map(function (k) {
          var m = /^(\d{4})-Q([1-4])$/.exec(k);
          return m ? label("Quarter").replace("%q", m[2]).replace("%y", m[1]) : k;
        }),
        datasets: [{ label: label("Sent"), data: keys.map(function (k) { return data.by_quarter[k]; }), backgroundColor: BLUE }]
      },
      options: { scales: { y: integerAxis() }, plugins: { legend: { display: false } } }
    });
  }

  function drawBranch(container, data) {
    // The leading branches of the whole scope, counted on the server: the table may show one page of thousands.
    var shown = data.top_branches, total = data.by_branch_page.count;
    if (total < 2) { return; }  // one branch: the table says it all
    if (total > shown.length) {
      var heading = document.createElement("p");
      heading.className = "small text-muted mb-1";
      heading.textContent = label("Top") + " (" + shown.length + "/" + total + ")";
      container.insertBefore(heading, container.firstChild);
    }
    var branchLabels = shown.map(function (r) { return wrap(r.name, labelWidth() + 8); });
    fitHeight(container, branchLabels, 2);
    new Chart(show(container), {
      type: "bar",
      data: {
        labels: branchLabels,
        datasets: [
          { label: label("Submitted"), data: shown.map(function (r) { return r.submitted; }), backgroundColor: GREY },
          { label: label("Sent"), data: shown.map(function (r) { return r.sent; }), backgroundColor: BLUE }
        ]
      },
      options: {
        indexAxis: "y", scales: { x: integerAxis(), y: { ticks: { autoSkip: false } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  var DRAW = { burnup: drawBurnup, status: drawStatus, category: drawCategory, quarter: drawQuarter, branch: drawBranch };

  fetch(holder.dataset.jsonUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(function (data) {
      document.querySelectorAll("[data-chart]").forEach(function (container) {
        var draw = DRAW[container.dataset.chart];
        if (draw) { draw(container, data); }
      });
    })
    .catch(function (error) {
      // The tables already hold every figure; the charts simply stay hidden.
      if (window.console) { console.warn("Dashboard charts not drawn:", error); }
    });
})();
