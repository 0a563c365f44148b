// The author's novelty warning: while the title, problem, solution or how it is applied are typed, ask the
// server which registered initiatives look like them. Without this script the warning is shown on saving.
(function () {
  "use strict";
  var form = document.getElementById("initiative-form");
  var panel = document.getElementById("novelty-panel");
  if (!form || !panel) { return; }
  var list = document.getElementById("novelty-matches");
  var none = document.getElementById("novelty-none");
  var advice = document.getElementById("novelty-advice");
  var unread = document.getElementById("novelty-unread");
  var watched = ["title", "problem", "solution", "application_summary"];
  var timer = null;

  function render(result) {
    list.textContent = "";
    result.matches.forEach(function (match) {
      var item = document.createElement("li");
      item.className = "novelty-warning";
      item.dataset.number = match.number;
      if (match.url) {
        var link = document.createElement("a");
        link.href = match.url;
        link.textContent = match.message;
        item.appendChild(link);
      } else {
        item.textContent = match.message;
      }
      list.appendChild(item);
    });
    none.classList.toggle("d-none", result.matches.length > 0);
    advice.classList.toggle("d-none", result.matches.length === 0);
    unread.classList.toggle("d-none", result.unread_files.length === 0);
    unread.querySelector("span").textContent = result.unread_files.join(", ");
  }

  function check() {
    var data = new FormData();
    ["csrfmiddlewaretoken", "initiative_id"].concat(watched).forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field) { data.append(name, field.value); }
    });
    fetch(panel.dataset.url, { method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) { render(result); } })
      .catch(function () { /* offline: the warning is shown again on saving */ });
  }

  form.addEventListener("input", function (event) {
    if (watched.indexOf(event.target.name) === -1) { return; }
    clearTimeout(timer);
    timer = setTimeout(check, 700);
  });
}());
