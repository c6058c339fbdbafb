/* A form sent back with errors: its error summary takes the focus, so the first thing heard
   and seen is the list of what to correct, each entry a link to its field. */
(function () {
  "use strict";
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
