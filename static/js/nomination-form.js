/* Nomination and award forms: show the fields for a collective or an individual, and offer only the
   initiatives and criteria that fit the chosen branch or member. Without JavaScript everything is shown
   and the server checks the choices. */
(function () {
  "use strict";
  var form = document.getElementById("nomination-form");
  if (!form) { return; }
  var subjectInputs = form.querySelectorAll("input[name='subject']");
  var branchSelect = form.querySelector("select[name='branch']");
  var memberSelect = form.querySelector("select[name='member']");

  function subject() {
    for (var i = 0; i < subjectInputs.length; i++) {
      if (subjectInputs[i].checked) { return subjectInputs[i].value; }
    }
    return "";
  }

  function selectedData(select, name) {
    if (!select || select.selectedIndex < 0) { return ""; }
    var option = select.options[select.selectedIndex];
    return option ? (option.getAttribute(name) || "") : "";
  }

  function update() {
    var current = subject();
    form.querySelectorAll("[data-for-subject]").forEach(function (block) {
      block.hidden = current !== "" && block.getAttribute("data-for-subject") !== current;
    });
    var memberId = memberSelect ? memberSelect.value : "";
    var branchId = current === "individual" ? selectedData(memberSelect, "data-branch") : (branchSelect ? branchSelect.value : "");
    var kind = current === "individual" ? selectedData(memberSelect, "data-kind") : selectedData(branchSelect, "data-kind");

    form.querySelectorAll("#initiative-choices input[type='checkbox']").forEach(function (box) {
      var show = true;
      if (current === "individual" && memberId) {
        show = (" " + (box.getAttribute("data-authors") || "") + " ").indexOf(" " + memberId + " ") !== -1;
      } else if (current === "collective" && branchId) {
        show = box.getAttribute("data-branch") === branchId;
      }
      box.closest(".form-check").hidden = !show && !box.checked;
    });

    form.querySelectorAll(".criterion-row").forEach(function (row) {
      var rowKind = row.getAttribute("data-kind");
      var fits = (!current || row.getAttribute("data-subject") === current) && (!kind || rowKind === "" || rowKind === kind);
      var ticked = row.querySelector("input[type='checkbox']");
      row.hidden = !fits && !(ticked && ticked.checked);
    });
  }

  form.addEventListener("change", update);
  update();
})();
