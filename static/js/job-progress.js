// A background job's page: polls its status JSON and moves the progress bar; when the job ends, shows the
// download (or, when the card names a finished URL, goes there: an import's preview). No inline script (CSP): the page carries the status URL and its labels as data attributes.
(function () {
  "use strict";
  var card = document.getElementById("job");
  if (!card) { return; }
  function part(name) { return card.querySelector('[data-job="' + name + '"]'); }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  function duration(seconds) {
    if (seconds < 90) { return fill(card.dataset.labelSeconds, { count: seconds }); }
    return fill(card.dataset.labelMinutes, { count: Math.round(seconds / 60) });
  }
  function paint(status) {
    var percent = status.percent === null ? 0 : status.percent;
    var bar = part("bar"), barFill = part("fill"), state = part("state");
    bar.setAttribute("aria-valuenow", String(percent));
    barFill.style.width = (status.percent === null && !status.finished ? 100 : percent) + "%";
    barFill.textContent = status.percent === null ? "" : percent + "%";
    state.textContent = status.state_label;
    state.className = "badge job-state-" + status.state;
    part("counts").textContent = status.total ? status.done.toLocaleString("vi-VN") + " / " +
      status.total.toLocaleString("vi-VN") + " " + card.dataset.labelRows : "";
    part("left").textContent = status.seconds_left === null || status.finished ? "" :
      fill(card.dataset.labelLeft, { time: duration(status.seconds_left) });
    var message = part("message");
    message.textContent = status.message || "";
    message.classList.toggle("text-danger", status.state === "failed");
    if (status.finished) {
      barFill.classList.remove("progress-bar-striped", "progress-bar-animated");
      if (status.state === "failed") { barFill.classList.add("bg-danger"); }
    }
    var download = part("download");
    if (status.download_url) {
      download.href = status.download_url;
      download.classList.remove("d-none");
    }
  }
  var delay = 700;
  function poll() {
    fetch(card.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (status) {
        paint(status);
        if (!status.finished) { window.setTimeout(poll, delay); }
        else if (card.dataset.finishedUrl) { window.location.assign(card.dataset.finishedUrl); }
      })
      .catch(function () { delay = Math.min(delay * 2, 10000); window.setTimeout(poll, delay); });
  }
  var initial = Number(part("bar").getAttribute("aria-valuenow")) || 0;
  part("fill").style.width = initial + "%";
  poll();
}());
