/* Readers' notes on the map: "3 annotations (agree 2, question 1)" added to each box's
   tooltip. They are served beside the map (data-map-notes), so that an annotation costs the
   map nothing; fetched once per page, added again after each htmx redraw. Without
   JavaScript the boxes keep their statement and quotation, and each claim's page its
   annotations. */
(function () {
  'use strict';
  var XLINK = 'http://www.w3.org/1999/xlink';
  var notes = null;

  function annotate(root) {
    var canvas = root.querySelector && root.querySelector('[data-map-notes]');
    if (!canvas) return;
    if (notes === null) {
      notes = {};
      fetch(canvas.getAttribute('data-map-notes'), { headers: { Accept: 'application/json' } })
        .then(function (answer) { return answer.ok ? answer.json() : {}; })
        .then(function (found) { notes = found; annotate(document); })
        .catch(function () {});
      return;
    }
    canvas.querySelectorAll('g.node[id^="claim-"] > a').forEach(function (link) {
      var note = notes[link.parentNode.id];
      var title = link.getAttributeNS(XLINK, 'title') || '';
      if (!note || link.hasAttribute('data-noted')) return;
      link.setAttributeNS(XLINK, 'xlink:title', title + ' — ' + note);
      link.setAttribute('data-noted', '');
    });
  }

  document.addEventListener('DOMContentLoaded', function () { annotate(document); });
  document.addEventListener('htmx:afterSwap', function (event) { annotate(document); });
})();
