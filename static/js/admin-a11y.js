/* Accessible names for the admin's own markup (Django's templates and widgets, which we do not edit):
   - a box in a row of a tabular inline or an editable list gets its column's heading as its name;
   - the date and time halves of a date-time box get "date" / "time" after the field's label;
   - the search icons of the two-list selector (filter_horizontal) are images with a name, not bare spans.
   Runs on load and again whenever the admin adds rows (Add another ...). */
(function () {
  "use strict";
  function hasName(el) {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return true;
    if (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) return true;
    return !!el.closest("label");
  }
  function columnHeading(cell) {
    var table = cell.closest("table");
    if (!table || !table.tHead) return "";
    var index = 0, sibling = cell;
    while ((sibling = sibling.previousElementSibling)) index += sibling.colSpan || 1;
    var row = table.tHead.rows[table.tHead.rows.length - 1], col = 0;
    for (var i = 0; i < row.cells.length; i++) {
      if (index < col + (row.cells[i].colSpan || 1)) return row.cells[i].textContent.trim();
      col += row.cells[i].colSpan || 1;
    }
    return "";
  }
  function label(root) {
    root.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (el) {
      if (hasName(el)) return;
      var cell = el.closest("td, th");
      var name = cell ? columnHeading(cell) : "";
      var split = el.closest(".datetime");
      if (split) {
        var field = split.closest(".form-row, .fieldBox, div");
        var text = field && field.querySelector("label") ? field.querySelector("label").textContent.trim() : "";
        name = (text || name) + (el.name && /_1$/.test(el.name) ? " (giờ)" : " (ngày)");
      }
      if (name) el.setAttribute("aria-label", name);
    });
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
  }
  function run() { label(document); }
  document.addEventListener("DOMContentLoaded", run);
  window.addEventListener("load", run);
  new MutationObserver(function () { label(document); }).observe(document.documentElement, {childList: true, subtree: true});
})();
