/* Links inside the map that lead to another view of the map ("+N more" boxes) redraw only
   the map through htmx, with the URL pushed like the controls do. Without JavaScript (or
   htmx) they are plain links to the full page. SVG <a> elements are not anchors htmx
   recognises, so each click goes through a hidden button that htmx drives. */
(function () {
  'use strict';
  var XLINK = 'http://www.w3.org/1999/xlink';

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('#map svg a');
    if (!link || !window.htmx || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var href = link.getAttribute('href') || link.getAttributeNS(XLINK, 'href') || '';
    var url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || !/\/map\/$/.test(url.pathname)) return;
    event.preventDefault();
    // The redrawn map opens on the branch just opened (map-zoom.js reads it).
    window.controverseMapOpened = url.hash;
    var proxy = document.createElement('button');
    proxy.type = 'button';
    proxy.hidden = true;
    proxy.setAttribute('hx-get', url.pathname + url.search);
    proxy.setAttribute('hx-target', '#map');
    proxy.setAttribute('hx-swap', 'outerHTML');
    proxy.setAttribute('hx-push-url', 'true');
    document.body.appendChild(proxy);
    window.htmx.process(proxy);
    proxy.addEventListener('htmx:afterRequest', function () { proxy.remove(); });
    window.htmx.trigger(proxy, 'click');
  });
})();
