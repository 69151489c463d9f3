/*
 * The pipeline board, enhanced: drag a card to another column, or use its
 * ← / → buttons and stage select, and the board is swapped in place (htmx).
 *
 * Without this script every card's form is a plain POST that comes back to the
 * board, so nothing here is needed for the board to work. A move to "offer"
 * first asks for the offer's deadline in a small dialog.
 */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // Deferred scripts run in order before DOMContentLoaded, so htmx is here if it loaded.
    if (!window.htmx || !document.getElementById("board")) return;

    document.documentElement.classList.add("board-js");
    var dialog = document.getElementById("offer-dialog");
    var dragged = null;
    // {id, control, xhr}: what to focus once the board this move asked for is in. The
    // request is remembered: a quick second move must not be taken by the first's settle.
    var pending = null;

    function cardOf(el) {
      return el && el.closest ? el.closest("[data-move-url]") : null;
    }

    function send(card, stage, deadline) {
      var values = { stage: stage };
      if (deadline !== undefined) values.deadline = deadline;
      card.classList.add("is-moving");
      htmx.ajax("POST", card.dataset.moveUrl, {
        target: "#board",
        swap: "outerHTML",
        values: values,
      }).catch(function () {
        card.classList.remove("is-moving");
      });
    }

    function move(card, stage, control) {
      if (!stage || stage === card.dataset.stage) return;
      pending = { id: card.dataset.opp, control: control };
      if (stage === "offer" && dialog && dialog.showModal) {
        askDeadline(card);
      } else {
        send(card, stage);
      }
    }

    function askDeadline(card) {
      var input = dialog.querySelector("input[name=deadline]");
      dialog.querySelector(".offer-what").textContent = card.dataset.name;
      input.value = "";
      dialog.returnValue = "";
      dialog.onclose = function () {
        if (dialog.returnValue === "move") {
          send(card, "offer", input.value);
        } else {
          restoreFocus();
        }
      };
      dialog.showModal();
      input.focus();
    }

    function restoreFocus() {
      if (!pending) return;
      var card = document.getElementById("opp-" + pending.id);
      pending = null;
      if (card) focusIn(card, "select");
    }

    function shown(el) {
      return !!el && el.getClientRects().length > 0;
    }

    // Focus the card's `control`, else its stage select, else the card itself: after
    // a move the Move button is hidden again (the select names the card's stage) and
    // an arrow may be gone (no → on the last column), and focus must not fall to <body>.
    function focusIn(card, control) {
      var target = control && control !== "move" ?
        card.querySelector("[data-control=" + control + "]") : null;
      if (!shown(target)) target = card.querySelector("[data-control=select]");
      if (!shown(target)) {
        target = card;
        if (!card.hasAttribute("tabindex")) card.setAttribute("tabindex", "-1");
      }
      target.focus();
    }

    // Every card form: the arrow buttons carry "to", the Move button takes the select.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains("card-move")) return;
      event.preventDefault();
      var submitter = event.submitter;
      var byArrow = submitter && submitter.name === "to";
      var stage = byArrow ? submitter.value : form.elements.stage.value;
      move(cardOf(form), stage, submitter ? submitter.dataset.control : "move");
    });

    // The Move button shows once the select names another stage (see board.css).
    document.addEventListener("change", function (event) {
      var select = event.target;
      var form = select.closest && select.closest(".card-move");
      if (!form || select.name !== "stage") return;
      form.classList.toggle("is-changed", select.value !== cardOf(form).dataset.stage);
    });

    // Drag and drop between columns.
    document.addEventListener("dragstart", function (event) {
      var card = cardOf(event.target);
      if (!card || !card.classList.contains("board-card")) return;
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.name || card.dataset.opp);
      card.classList.add("is-dragging");
    });

    document.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("is-dragging");
      dragged = null;
      document.querySelectorAll(".board-column.is-over").forEach(function (column) {
        column.classList.remove("is-over");
      });
    });

    document.addEventListener("dragover", function (event) {
      var column = event.target.closest && event.target.closest(".board-column");
      if (!dragged || !column) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("is-over");
    });

    document.addEventListener("dragleave", function (event) {
      var column = event.target.closest && event.target.closest(".board-column");
      if (column && !column.contains(event.relatedTarget)) column.classList.remove("is-over");
    });

    document.addEventListener("drop", function (event) {
      var column = event.target.closest && event.target.closest(".board-column");
      if (!dragged || !column) return;
      event.preventDefault();
      column.classList.remove("is-over");
      move(dragged, column.dataset.stage, "drag");
    });

    // A refused move (400) still brings a board with the reason: show it.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.xhr.status === 400 && event.detail.target.id === "board") {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });

    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var target = event.detail.target;
      if (pending && !pending.xhr && target && target.id === "board") {
        pending.xhr = event.detail.xhr;
      }
    });

    // Keep the keyboard where it was: on the same control of the card just moved.
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (!pending || !pending.xhr || event.detail.xhr !== pending.xhr) return;
      var card = document.getElementById("opp-" + pending.id);
      var control = pending.control;
      pending = null;
      if (!card) return;
      card.classList.add("is-moved");
      if (control !== "drag") focusIn(card, control);
      card.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  });
})();
