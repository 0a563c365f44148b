// The initiative form: live eligibility (beside the submit button and in one line at the top), the boxes whose
// value cannot be read (an amount, a date) said beside them as one types, folding sections, the research-only
// parts, author rows and a kind for each file chosen. Progressive enhancement: without this script every section
// is still there and the same checks run on the server when the form is saved.
(function () {
  "use strict";
  var form = document.getElementById("initiative-form");
  if (!form) { return; }
  var panelOk = document.getElementById("eligibility-ok");
  var panelUnknown = document.getElementById("eligibility-unknown");
  var list = document.getElementById("eligibility-problems");
  var summary = document.getElementById("blocking-summary");
  var timer = null;

  function sectionOf(field) {
    var target = document.getElementById("id_" + field) || form.querySelector("[name='" + field + "']");
    return target ? target.closest("details") : null;
  }

  function openAndFocus(field) {
    var section = sectionOf(field);
    if (section) { section.open = true; }
    var target = document.getElementById("id_" + field);
    if (target) { target.focus({ preventScroll: true }); target.scrollIntoView({ block: "center" }); }
  }

  function renderSummary(problems) {
    if (!summary) { return; }
    var text = summary.querySelector("[data-summary-text]");
    var link = summary.querySelector("[data-summary-link]");
    var blocked = problems.length > 0;
    summary.classList.remove("alert-light", "border", "alert-warning", "alert-success");
    summary.classList.add(blocked ? "alert-warning" : "alert-success");
    text.textContent = blocked ? summary.dataset.textBlocked.replace("{count}", String(problems.length))
      : summary.dataset.textOk;
    link.classList.toggle("d-none", !blocked);
  }

  // A red count on each folded section that holds a problem, so a folded form still says where to look.
  function renderSectionFlags(problems) {
    var counts = new Map();
    problems.forEach(function (problem) {
      var section = problem.field ? sectionOf(problem.field) : null;
      if (section) { counts.set(section, (counts.get(section) || 0) + 1); }
    });
    Array.prototype.forEach.call(form.querySelectorAll("details.form-section"), function (section) {
      var flag = section.querySelector("[data-section-flag]");
      if (!flag) { return; }
      var count = counts.get(section) || 0;
      flag.textContent = count ? "⚠ " + count : "";
      flag.classList.toggle("d-none", !count);
    });
  }

  function renderFieldErrors(errors) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-live-error]"), function (node) {
      var input = form.querySelector("[name='" + node.dataset.liveError + "']");
      if (!errors[node.dataset.liveError]) {
        if (input) { input.classList.remove("is-invalid"); input.removeAttribute("aria-describedby"); }
        node.remove();
      }
    });
    Object.keys(errors).forEach(function (name) {
      var input = form.querySelector("[name='" + name + "']");
      if (!input) { return; }
      var node = form.querySelector("[data-live-error='" + name + "']");
      if (!node) {
        node = document.createElement("div");
        node.className = "invalid-feedback d-block";
        node.id = "live-error-" + name;
        node.dataset.liveError = name;
        input.insertAdjacentElement("afterend", node);
      }
      node.textContent = errors[name].join(" ");
      input.classList.add("is-invalid");
      input.setAttribute("aria-describedby", node.id);
    });
  }

  function render(result) {
    list.textContent = "";
    panelUnknown.classList.add("d-none");
    panelOk.classList.toggle("d-none", !result.eligible);
    result.problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.className = "text-danger";
      item.dataset.code = problem.code;
      if (problem.field) {
        item.dataset.field = problem.field;
        var link = document.createElement("a");
        link.className = "link-danger";
        link.href = "#id_" + problem.field;
        link.textContent = problem.message;
        item.appendChild(link);
      } else {
        item.textContent = problem.message;
      }
      list.appendChild(item);
    });
    renderSummary(result.problems);
    renderSectionFlags(result.problems);
    renderFieldErrors(result.field_errors || {});
  }

  // A problem's link opens the folded section that holds its field.
  list.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#id_']");
    if (!link) { return; }
    event.preventDefault();
    openAndFocus(link.getAttribute("href").slice(4));
  });

  function check() {
    var data = new FormData(form);
    // Files are not needed to judge the conditions; do not upload them on every keystroke.
    Array.from(data.keys()).forEach(function (key) {
      if (data.get(key) instanceof File) { data.delete(key); }
    });
    fetch(form.dataset.checkUrl, { method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) { render(result); } })
      .catch(function () { /* offline: the server checks again on save */ });
  }

  function schedule(event) {
    if (event && event.target && event.target.type === "file") { return; }
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);

  // Research-only parts (the research section, the lead tick of each author) show only for research topics;
  // the server ignores a lead tick on any other category.
  var category = form.querySelector("[name=category]");
  function toggleResearch() {
    var research = category && category.value === "research";
    Array.prototype.forEach.call(form.querySelectorAll("[data-research-only]"), function (node) {
      node.classList.toggle("d-none", !research);
    });
  }
  if (category) { category.addEventListener("change", toggleResearch); toggleResearch(); }

  // A section holding a field with an error opens by itself.
  Array.prototype.forEach.call(form.querySelectorAll("details.form-section"), function (section) {
    if (section.querySelector(".is-invalid, .invalid-feedback, .alert-danger")) { section.open = true; }
  });

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
      toggleResearch();
    });
  }

  // A kind for each file chosen: the files' own boxes replace the one box for the whole upload.
  var files = form.querySelector("input[type=file][name$='-files']");
  var kindsList = document.getElementById("upload-file-kinds");
  var kindTemplate = document.getElementById("upload-kind-template");
  var kindAll = form.querySelector("[data-upload-kind-all]");
  function guessKind(name) {
    if (/\.(jpe?g|png)$/i.test(name)) { return "photo"; }
    if (/\.(docx?)$/i.test(name)) { return "description"; }
    return kindAll ? kindAll.querySelector("select").value : "other";
  }
  if (files && kindsList && kindTemplate) {
    files.addEventListener("change", function () {
      kindsList.textContent = "";
      Array.prototype.forEach.call(files.files, function (file) {
        var row = kindTemplate.content.firstElementChild.cloneNode(true);
        row.querySelector("[data-file-name]").textContent = file.name;
        row.querySelector("select").value = guessKind(file.name);
        kindsList.appendChild(row);
      });
      if (kindAll) { kindAll.classList.toggle("d-none", files.files.length > 0); }
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
