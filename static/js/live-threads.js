/* The live annotation list (#threads, polled every 2 s by htmx) is not refreshed while the
   reader is writing in the annotations section, so nothing typed is lost, nor while she has
   a flag or hide form open in it (the refresh would fold it under her keyboard). This
   replaces an htmx event filter, which htmx compiles with Function(): the
   Content-Security-Policy forbids it. */
(function () {
  'use strict';
  document.addEventListener('htmx:beforeRequest', function (event) {
    if (event.target.id !== 'threads') return;
    var active = document.activeElement;
    if (active && active.closest && active.closest('#annotations form')) event.preventDefault();
    else if (event.target.querySelector('details[open]')) event.preventDefault();
  });
})();
