// Money boxes (input[data-money]): show the grouping while typing, 15000000 -> 15.000.000, the way amounts
// are written here. Only digits typed without separators are regrouped: once someone types a dot, comma or
// space themselves, what they typed is left as it is and the server says whether it can be read for certain
// (15.5 or 1,5 are refused there, never silently turned into 155 or 15).
(function () {
  "use strict";

  function group(digits) {
    return digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function digitsBefore(text, position) {
    return text.slice(0, position).replace(/\D/g, "").length;
  }

  function positionAfterDigits(text, count) {
    if (count === 0) { return 0; }
    var seen = 0;
    for (var i = 0; i < text.length; i += 1) {
      if (/\d/.test(text[i])) { seen += 1; if (seen === count) { return i + 1; } }
    }
    return text.length;
  }

  // Whether the box holds only what this script wrote: digits grouped by dots exactly as group() does.
  function ours(value) {
    return /^\d*$/.test(value) || value === group(value.replace(/\D/g, ""));
  }

  function separators(value) { return value.replace(/\d/g, ""); }

  function regroup(input, event) {
    var value = input.value;
    var last = input.dataset.moneyLast || "";
    input.dataset.moneyLast = value;
    if (!value) { delete input.dataset.moneyOwn; return; }
    if (input.dataset.moneyOwn) { return; }
    // Regroup only when digits alone were typed or removed: a separator typed or pasted is the person's own.
    var typed = event && event.data;
    if ((typed && /\D/.test(typed)) || !/^[\d.]*$/.test(value) ||
        (!ours(value) && separators(value) !== separators(last))) {
      input.dataset.moneyOwn = "1";
      return;
    }
    var caret = input.selectionStart === null ? value.length : input.selectionStart;
    var keep = digitsBefore(value, caret);
    var grouped = group(value.replace(/\D/g, ""));
    if (grouped === value) { return; }
    input.value = grouped;
    input.dataset.moneyLast = grouped;
    var position = positionAfterDigits(grouped, keep);
    try { input.setSelectionRange(position, position); } catch (ignored) { /* not focused */ }
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches("input[data-money]")) { regroup(input, event); }
  });
  // A value written by the server or pasted grouped with dots is already "ours"; anything else is the person's.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-money]"), function (input) {
    input.dataset.moneyLast = input.value;
    if (input.value && !ours(input.value)) { input.dataset.moneyOwn = "1"; }
  });
}());
