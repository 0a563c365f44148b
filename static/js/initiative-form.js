// The initiative form: live eligibility panel and adding author rows. Progressive enhancement:
// without this script the same check runs on the server when the form is saved.
(function () {
  "use strict";
  var form = document.getElementById("initiative-form");
  if (!form) { return; }
  var panelOk = document.getElementById("eligibility-ok");
  var panelUnknown = document.getElementById("eligibility-unknown");
  var list = document.getElementById("eligibility-problems");
  var timer = null;

  function render(result) {
    list.textContent = "";
    panelUnknown.classList.add("d-none");
    panelOk.classList.toggle("d-none", !result.eligible);
    result.problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.className = "text-danger";
      item.dataset.code = problem.code;
      item.textContent = problem.message;
      list.appendChild(item);
    });
  }

  function check() {
    var data = new FormData(form);
    // Files are not needed to judge the conditions; do not upload them on every keystroke.
    data.delete("upload-files");
    fetch(form.dataset.checkUrl, { method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) { render(result); } })
      .catch(function () { /* offline: the server checks again on save */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);

  // Research-only fields are shown only for research topics.
  var category = form.querySelector("[name=category]");
  var research = form.querySelector("[data-research-only]");
  function toggleResearch() {
    if (research && category) { research.classList.toggle("d-none", category.value !== "research"); }
  }
  if (category) { category.addEventListener("change", toggleResearch); toggleResearch(); }

  // Adding author rows from the formset's empty form.
  var addButton = document.getElementById("add-author");
  var template = document.getElementById("author-row-template");
  var total = form.querySelector("[name=authors-TOTAL_FORMS]");
  if (addButton && template && total) {
    addButton.classList.remove("d-none");
    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      document.getElementById("author-rows").insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
    });
  }
  // A new initiative's authors come from the chosen branch's roster: choosing another branch (the
  // first field) reloads the form with that roster.
  var branch = form.querySelector("select[name=branch]");
  if (branch && !form.querySelector("[name=initiative_id]")) {
    branch.addEventListener("change", function () {
      window.location.search = "?branch=" + encodeURIComponent(branch.value);
    });
  }
  check();
}());
