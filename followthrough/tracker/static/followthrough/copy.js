/*
 * "Copy" buttons: <button data-copy="ID" hidden> copies the text of element ID.
 * The buttons start hidden, so without JavaScript the page shows only the text
 * (readonly, ready to select by hand).
 */
(function () {
  "use strict";

  function copied(button) {
    var label = button.textContent;
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); });
      return;
    }
    source.focus();
    source.select();
    if (document.execCommand("copy")) copied(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
