/* The live annotation list (#threads, polled every 2 s by htmx) is not refreshed while the
   reader is writing in the annotations section, so nothing typed is lost, nor while she has
   a flag or hide form open in it (the refresh would fold it under her keyboard). A poll
   already on its way when she starts writing is dropped on arrival, not swapped in. This
   replaces an htmx event filter, which htmx compiles with Function(): the
   Content-Security-Policy forbids it. */
(function () {
  'use strict';
  function busy(threads) {
    var active = document.activeElement;
    if (active && active.closest && active.closest('#annotations form')) return true;
    return !!threads.querySelector('details[open]');
  }
  document.addEventListener('htmx:beforeRequest', function (event) {
    if (event.target.id === 'threads' && busy(event.target)) event.preventDefault();
  });
  document.addEventListener('htmx:beforeSwap', function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.id === 'threads' && event.detail.requestConfig.verb === 'get' && busy(source)) {
      event.detail.shouldSwap = false;
    }
  });
})();
