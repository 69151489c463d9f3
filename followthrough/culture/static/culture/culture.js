/*
 * The culture forms' running sum: under each dimension, the total of its four numbers
 * as you type, and how far it is from 100. Without JavaScript the server says the same
 * after saving (forms.total_status).
 */
(function () {
  "use strict";

  var GOAL = 100;

  function status(total, blank) {
    if (blank) return ["blank", "Blank: left for later (a draft)."];
    if (total === GOAL) return ["ok", "Total " + total + " of " + GOAL + " \u2713"];
    if (total < GOAL) return ["off", "Total " + total + " of " + GOAL + ": " + (GOAL - total) + " left to give."];
    return ["off", "Total " + total + " of " + GOAL + ": " + (total - GOAL) + " too many."];
  }

  function update(fieldset) {
    var total = 0;
    var blank = true;
    fieldset.querySelectorAll("input[data-points]").forEach(function (input) {
      var text = input.value.trim();
      if (text === "") return;
      blank = false;
      if (/^\d+$/.test(text)) total += parseInt(text, 10);
    });
    var out = fieldset.querySelector("[data-total]");
    if (!out) return;
    var result = status(total, blank);
    out.dataset.state = result[0];
    out.textContent = result[1];
  }

  function start() {
    document.querySelectorAll("[data-dimension]").forEach(function (fieldset) {
      fieldset.addEventListener("input", function () { update(fieldset); });
      update(fieldset);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
