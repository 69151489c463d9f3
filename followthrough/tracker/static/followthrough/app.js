/*
 * Followthrough's small layer of behaviour. Every page works without it:
 * links are real links and forms really post. With it:
 *  - "+ Log" (or the L key) opens the log form in a <dialog> on any page (htmx fetches it);
 *  - the log form shows the decision date only for interviews, and adds more "with" inputs;
 *  - after an htmx swap, the first field with an error gets the focus.
 */
(function () {
  "use strict";

  var INTERVIEW_KINDS = ["interview", "informational"];

  function openLogDialog(url) {
    var dialog = document.getElementById("log-dialog");
    if (!dialog || !window.htmx || typeof dialog.showModal !== "function") {
      return false;
    }
    if (!dialog.open) dialog.showModal();
    window.htmx.ajax("GET", url, { target: "#log-dialog-body", swap: "innerHTML" });
    return true;
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-dialog='log-dialog']");
    if (opener && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      if (openLogDialog(opener.getAttribute("href"))) event.preventDefault();
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      var dialog = closer.closest("dialog");
      if (dialog) dialog.close();
      return;
    }
    var adder = event.target.closest("[data-add-person]");
    if (adder) {
      event.preventDefault();
      addPersonInput(adder.closest("form"));
    }
  });

  // A click on the backdrop (outside the dialog box) closes it.
  document.addEventListener("click", function (event) {
    if (event.target.tagName === "DIALOG" && event.target.open) {
      var r = event.target.getBoundingClientRect();
      var inside = event.clientX >= r.left && event.clientX <= r.right &&
        event.clientY >= r.top && event.clientY <= r.bottom;
      if (!inside) event.target.close();
    }
  });

  // "L" opens the log dialog, unless the person is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "l" && event.key !== "L") return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var el = document.activeElement;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    var button = document.getElementById("log-button");
    if (button && openLogDialog(button.getAttribute("href"))) event.preventDefault();
  });

  function addPersonInput(form) {
    if (!form) return;
    var inputs = form.querySelectorAll("input[name='people']");
    var last = inputs[inputs.length - 1];
    var copy = last.cloneNode(false);
    copy.value = "";
    copy.id = "id_people_" + inputs.length;
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = copy.id;
    label.textContent = "Also with";
    last.parentNode.insertBefore(label, last.nextSibling);
    label.parentNode.insertBefore(copy, label.nextSibling);
    copy.focus();
  }

  function syncKind(form) {
    var checked = form.querySelector("input[name='kind']:checked");
    var box = form.querySelector("[data-interview-only]");
    if (!box) return;
    var show = checked && INTERVIEW_KINDS.indexOf(checked.value) !== -1;
    box.hidden = !show;
    // A hidden field must not send a stale value.
    box.querySelectorAll("input").forEach(function (input) { input.disabled = !show; });
  }

  function init(root) {
    root.querySelectorAll("[data-add-person]").forEach(function (b) { b.hidden = false; });
    root.querySelectorAll("form[data-log-form]").forEach(function (form) {
      syncKind(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "kind") syncKind(form);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target || event.target;
    // htmx binds the new content's hx- attributes only when it settles (20 ms on);
    // an Enter pressed before would post the form the old way, out of the dialog.
    if (window.htmx) window.htmx.process(target);
    init(target.parentNode || target);
    if (target.closest && target.closest("dialog")) {
      var focus = target.querySelector("[aria-invalid='true'], .has-error input, .has-error select") ||
        target.querySelector("input[name='people']");
      if (focus) focus.focus();
    }
  });
})();
