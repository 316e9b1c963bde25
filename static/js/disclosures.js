/* Disclosures open on wide screens and folded on narrow ones: <details open
   data-fold-below="700"> closes when the window is narrower than 700 px at load, so a
   phone shows the content (the map) first. Without JavaScript they stay open. */
(function () {
  'use strict';
  function fold(root) {
    (root.querySelectorAll ? root : document).querySelectorAll('details[data-fold-below]').forEach(function (details) {
      var below = parseInt(details.getAttribute('data-fold-below'), 10);
      if (below > 0 && window.innerWidth < below) details.open = false;
    });
  }
  // htmx.onLoad runs for the page and for each fragment swapped in (a redrawn map).
  if (window.htmx) window.htmx.onLoad(fold);
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { fold(document); });
  else fold(document);
})();
