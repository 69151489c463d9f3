/*
 * A "Copy" button: <button data-copy="#input-id" data-copied="Copied">. Copies the
 * input's value (or selects it, where the clipboard is not allowed) and says so in
 * the page's [data-copy-status] for screen readers. Without JavaScript the input
 * is still there to select by hand.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) return;
    var status = document.querySelector("[data-copy-status]");
    function said(text) {
      if (status) status.textContent = text;
    }
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = button.getAttribute("data-copied") || "Copied";
        said("Address copied to the clipboard.");
      }, function () {
        said("Press Ctrl+C (or ⌘C) to copy the selected address.");
      });
    } else {
      said("Press Ctrl+C (or ⌘C) to copy the selected address.");
    }
  });
})();
