/*
 * A draft being edited (drafts/_message.html): the "Open in my mail program" link
 * follows the subject and body as they are typed, so the "Make the mail link"
 * button (for pages without JavaScript) is not needed and hides. The .eml
 * download and "Sent" are plain form posts of the edited text either way.
 *
 * The mailto: URL is built as the server builds it (RFC 6068): every part
 * percent-encoded as UTF-8, line breaks as %0D%0A.
 */
(function () {
  "use strict";

  function crlf(text) {
    return text.replace(/\r\n|\r|\n/g, "\r\n");
  }

  function mailto(to, subject, body) {
    var address = encodeURIComponent(to).replace(/%40/g, "@");
    return "mailto:" + address + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(crlf(body));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-draft]");
    if (!form) return;
    var subject = form.elements.subject;
    var body = form.elements.body;
    var link = form.querySelector("[data-mailto]");

    form.querySelectorAll("[data-no-js]").forEach(function (el) { el.hidden = true; });

    function update() {
      if (link) link.href = mailto(link.getAttribute("data-to") || "", subject.value, body.value);
    }
    subject.addEventListener("input", update);
    body.addEventListener("input", update);
    update();

    // Enter in the subject line would submit the form: keep it a text field.
    subject.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  });
})();
