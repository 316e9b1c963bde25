/* Zoom and pan for the Graphviz argument map, as progressive enhancement:
   without this script the SVG shows at natural size in a scrollable .map-canvas.
   Contract: <div class="map-canvas" data-map-zoom [data-label-zoom-in|-zoom-out|-fit|-reset|-map]><svg viewBox=…>.
   Only the SVG's viewBox changes, so Graphviz links, text and stroke widths stay vector-sharp. */
(function () {
  'use strict';

  const PT = 4 / 3;       // Graphviz gives width/height in pt; 1pt = 4/3 CSS px
  const STEP = 1.25;      // zoom factor per button press or key press
  const THRESHOLD = 4;    // px a press must move before it pans, so a plain click still follows a node link
  // The first screen's scale, of the natural size: statements are 10 pt (13.3 px) there, so
  // 0.95 shows them at 12.7 px and the holders' 9 pt names at 11.4 px, above the 11 px a
  // first-time reader needs.
  const READABLE = 0.95;

  function cssPx(value, fallback) {
    const n = parseFloat(value);
    return n > 0 ? (/pt$/.test(value) ? n * PT : n) : fallback;
  }

  function init(box) {
    const svg = box.querySelector('svg');
    const vb = svg ? (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number) : [];
    if (box.dataset.mapZoomReady || vb.length !== 4 || !(vb[2] > 0 && vb[3] > 0)) return;
    box.dataset.mapZoomReady = '1';   // htmx.onLoad may hand us the same container twice

    const ds = box.dataset;
    const orig = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    const natW = cssPx(svg.getAttribute('width'), orig.w * PT);
    const natH = cssPx(svg.getAttribute('height'), orig.h * PT);
    const s0 = natW / orig.w;         // natural scale, in CSS px per user unit
    let s = 0, x = orig.x, y = orig.y, W = 0, H = 0, fitted = false;

    const fitScale = () => Math.min(W / orig.w, H / orig.h);
    function render() {
      // The viewBox keeps the box's aspect ratio, so one user unit is exactly s px both ways.
      const w = W / s, h = H / s;
      // Never let a pan lose the map: at least half of the map (or of the view) stays visible.
      const mx = Math.min(orig.w, w) / 2, my = Math.min(orig.h, h) / 2;
      x = Math.min(Math.max(x, orig.x - w + mx), orig.x + orig.w - mx);
      y = Math.min(Math.max(y, orig.y - h + my), orig.y + orig.h - my);
      svg.setAttribute('viewBox', [x, y, w, h].map((n) => +n.toFixed(3)).join(' '));
    }

    // Zoom to scale `next`, keeping the point at box pixel (px, py) still. Returns false at a limit.
    function zoomTo(next, px, py) {
      // Limits: fit × 0.5 to 8 × natural, widened so a step never jumps the wrong way.
      const lo = Math.min(fitScale() * 0.5, s), hi = Math.max(8 * s0, s);
      next = Math.min(Math.max(next, lo), hi);
      if (Math.abs(next - s) < 1e-9) return false;
      x += px / s - px / next;
      y += py / s - py / next;
      s = next; fitted = false; render(); return true;
    }
    const zoomBy = (f) => zoomTo(s * f, W / 2, H / 2);
    function fit() {
      s = fitScale(); fitted = true; x = orig.x + (orig.w - W / s) / 2; y = orig.y + (orig.h - H / s) / 2; render();
    }
    function reset() { s = s0; x = orig.x; y = orig.y; fitted = false; render(); }
    function panBy(dx, dy) { x += dx / s; y += dy / s; fitted = false; render(); }

    function centreOn(node, scale, clamp) {
      s = scale; fitted = false;
      // getBBox is in the node's own coordinates; Graphviz puts every node under one <g>
      // whose transform maps them onto the viewBox, so the box's centre converts by its CTM.
      const box = node.getBBox();
      const point = svg.createSVGPoint();
      point.x = box.x + box.width / 2; point.y = box.y + box.height / 2;
      const inRoot = point.matrixTransform(svg.getCTM().inverse().multiply(node.getCTM()));
      const w = W / s, h = H / s;
      x = inRoot.x - w / 2; y = inRoot.y - h / 2;
      if (clamp) {   // where reading starts: centred, but not past the drawing's edges
        // At the top, room for the zoom buttons, which would hide the first box's holder.
        const buttons = Math.max(0, ...[...bar.children].map((b) => b.getBoundingClientRect().bottom));
        const top = orig.y - Math.max(0, buttons - svg.getBoundingClientRect().top + 6) / s;
        x = Math.min(Math.max(x, orig.x), Math.max(orig.x, orig.x + orig.w - w));
        y = Math.min(Math.max(y, top), Math.max(top, orig.y + orig.h - h));
      }
      render();
    }

    // What the first screen shows: a claim named by the address (#claim-12: the branch
    // just opened), the focus, or where reading starts (data-map-start: the first thesis).
    // Returns [node, centred exactly?]: the focus and an opened branch are centred exactly.
    function startNode() {
      // map-links.js names the branch a "+N more" box opened; a plain link names it in its hash.
      const named = (window.controverseMapOpened || window.location.hash).replace(/^#/, '');
      window.controverseMapOpened = '';
      const byId = (id) => (/^(claim|more|answers)-[\w-]+$/.test(id) ? svg.querySelector('g.node[id="' + id + '"]') : null);
      const exact = byId(named) || svg.querySelector('g.node.focus');
      return exact ? [exact, true] : [byId(ds.mapStart || '') || svg.querySelector('g.node'), false];
    }

    function layout() {
      const [oldW, oldH] = [W, H];
      // A fixed box (natural height, at most 75vh) so zooming changes the drawing, not the page.
      H = Math.min(natH, window.innerHeight * 0.75);
      svg.style.height = H + 'px';
      W = svg.getBoundingClientRect().width;
      if (!W) return;                                  // hidden for now: the ResizeObserver calls again
      // A resized box (a phone's toolbar hiding, a scrollbar coming) keeps what was in its centre.
      if (s && oldW && oldH) { x += (oldW - W) / (2 * s); y += (oldH - H) / (2 * s); }
      // First layout: the whole map when it fits at a readable size; else readable text
      // (statements at READABLE × their natural 13.3 px) on the claim the reader starts from.
      if (!s) {
        if (fitScale() >= READABLE * s0) fit();
        else {
          const [node, exact] = startNode(), scale = Math.max(fitScale(), READABLE * s0);
          if (node) centreOn(node, scale, !exact);
          else { s = scale; x = orig.x; y = orig.y; render(); }
        }
      }
      else if (fitted) fit();
      else render();
    }

    // Controls exist only with JS; labels may come translated from the template.
    const bar = document.createElement('div');
    bar.className = 'map-zoom-toolbar';
    [['+', ds.labelZoomIn || 'Zoom in', () => zoomBy(STEP)],
     ['\u2212', ds.labelZoomOut || 'Zoom out', () => zoomBy(1 / STEP)],
     [null, ds.labelFit || 'Fit', fit],
     ['1:1', ds.labelReset || 'Natural size', reset]].forEach(([text, label, action]) => {
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = text || label; b.title = label;
      // The name spoken starts with what is shown ("1:1"), as voice control users say it.
      b.setAttribute('aria-label', text ? text + ' ' + label : label);
      b.addEventListener('click', () => action());
      bar.appendChild(b);
    });
    // After the drawing, so that Tab reaches the map's first claim before the buttons; laid
    // over its top-right corner (the frame no longer scrolls, so this is where it stuck).
    svg.parentNode.insertBefore(bar, svg.nextSibling);
    box.style.position = 'relative';
    Object.assign(bar.style, { position: 'absolute', top: '0', left: '0', right: '0' });

    // The template gives the frame a plain name (it only scrolls without this script).
    box.tabIndex = 0;
    if (!box.hasAttribute('role')) box.setAttribute('role', 'group');
    box.setAttribute('aria-label', ds.labelMap || 'Argument map: + and \u2212 zoom, 0 fits, arrow keys pan');
    box.classList.add('map-zoom-active');
    svg.style.width = '100%';

    // Rule: the wheel zooms whenever the pointer is over the map, no modifier needed.
    // At a zoom limit the event is left alone, so the page scrolls on instead of trapping it.
    svg.addEventListener('wheel', (e) => {
      const r = svg.getBoundingClientRect();
      const dy = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? H : 1);
      if (zoomTo(s * Math.exp(-dy * 0.002), e.clientX - r.left, e.clientY - r.top)) e.preventDefault();
    }, { passive: false });

    let press = null, dragged = false, pinch = null;
    const touching = new Map();   // pointers down on the map: two of them pinch
    const spread = () => { const [a, b] = [...touching.values()]; return Math.hypot(a.x - b.x, a.y - b.y); };
    svg.addEventListener('pointerdown', (e) => {
      touching.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (touching.size === 2) {
        // A second finger: pinch to zoom about the point between them, no pan.
        const r = svg.getBoundingClientRect(), [a, b] = [...touching.values()];
        pinch = { d: spread(), s, px: (a.x + b.x) / 2 - r.left, py: (a.y + b.y) / 2 - r.top };
        if (press && press.moving) dragged = true;
        press = null;
        return;
      }
      if (e.isPrimary && e.button === 0) press = { id: e.pointerId, cx: e.clientX, cy: e.clientY, x, y, moving: false };
    });
    svg.addEventListener('pointermove', (e) => {
      if (touching.has(e.pointerId)) touching.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && touching.size === 2) {
        if (pinch.d > 0) zoomTo(pinch.s * spread() / pinch.d, pinch.px, pinch.py);
        return;
      }
      if (!press || e.pointerId !== press.id) return;
      const dx = e.clientX - press.cx, dy = e.clientY - press.cy;
      if (!press.moving) {
        if (Math.hypot(dx, dy) <= THRESHOLD) return;
        // Capture only now: a press that never moves stays an ordinary click on a link.
        press.moving = true; svg.setPointerCapture(e.pointerId); box.classList.add('is-panning');
      }
      x = press.x; y = press.y; panBy(-dx, -dy);
    });
    ['pointerup', 'pointercancel'].forEach((type) => svg.addEventListener(type, (e) => {
      touching.delete(e.pointerId);
      if (touching.size < 2) pinch = null;
    }));
    function release(e) {
      if (!press || e.pointerId !== press.id) return;
      dragged = press.moving; press = null; box.classList.remove('is-panning');
      setTimeout(() => { dragged = false; }, 0);   // the click, if any, comes in this same task
    }
    ['pointerup', 'pointercancel'].forEach((type) => svg.addEventListener(type, release));
    // The click that ends a drag must not follow the link the drag started on.
    box.addEventListener('click', (e) => {
      if (dragged) { dragged = false; e.preventDefault(); e.stopPropagation(); }
    }, true);
    svg.addEventListener('dragstart', (e) => e.preventDefault());

    box.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;   // leave browser shortcuts (Ctrl + = page zoom) alone
      const pan = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
      if (e.key === '+' || e.key === '=') zoomBy(STEP);
      else if (e.key === '-') zoomBy(1 / STEP);
      else if (e.key === '0') fit();
      else if (pan) panBy(pan[0] * W * 0.1, pan[1] * H * 0.1);
      else return;
      e.preventDefault();
    });

    // A node link reached with Tab may lie outside the view: bring it to the centre.
    // (Listening on the box: Chromium makes an <svg> with focus listeners a Tab stop.)
    box.addEventListener('focusin', (e) => {
      if (!svg.contains(e.target) || !e.target.matches(':focus-visible')) return;   // not on mouse clicks
      const r = e.target.getBoundingClientRect(), b = svg.getBoundingClientRect();
      if (r.left < b.left || r.top < b.top || r.right > b.right || r.bottom > b.bottom) {
        panBy((r.left + r.right) / 2 - b.left - W / 2, (r.top + r.bottom) / 2 - b.top - H / 2);
      }
    });

    if (window.ResizeObserver) new ResizeObserver(layout).observe(box);
    layout();
  }

  function initIn(root) {
    if (root.matches && root.matches('[data-map-zoom]')) init(root);
    if (root.querySelectorAll) root.querySelectorAll('[data-map-zoom]').forEach(init);
  }

  // htmx.onLoad fires for the first page and for every swapped-in fragment (the #map section).
  if (window.htmx) window.htmx.onLoad(initIn);
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => initIn(document));
  else initIn(document);
})();
