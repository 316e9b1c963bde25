/* The argument map from the keyboard, as progressive enhancement.

   1. On a claim of the map, the arrow keys follow the argument: Up to the claim it answers,
      Down into what answers it, Left and Right across the answers to the same claim (or
      across the theses); Home goes back to where reading starts, Escape to the map's frame.
      The map is one Tab stop (a roving tabindex): Tab enters it on the focus claim (or the
      first thesis, or the claim last visited) and leaves it at the next Tab, instead of
      passing every box. The relations come from the lines' ids, which name their ends
      (arguments/maps/dot.py: `r<from>_<to>_<kind>`, `u<claim>_<from>_<to>_<kind>`); the
      claim just reached is described by the line that led to it ("Durand objects to
      Morozov"). Without this script, Tab goes through the boxes in the same reading order.

   2. The controls' form redraws the map on each change. A closed select changes with each
      arrow key, and a date field with each digit typed, so those changes wait for Enter or
      the Redraw button instead of drawing every step on the way to the choice. Changes
      made with the pointer still redraw at once.

   3. "Read as a list", above the map, opens the text outline under it and moves the focus
      into it (without this script, the link leads there and the browser opens it). */
(function () {
  'use strict';

  // A claim's id is its number, or "d" and a number for an editor's draft (editors only).
  const LINE = /^r(d?\d+)_(d?\d+)_[a-z]+$/;        // a relation: from answers to
  const UNDERCUT = /^u(d?\d+)_(\d+)_\d+_[a-z]+$/;  // an undercut: the claim answers the argument
  const MORE = /^more-more(\d+)$/;                  // a folded branch, under its claim

  function init(box) {
    const svg = box.querySelector('svg');
    if (!svg || box.dataset.mapKeysReady) return;
    const links = new Map();   // box id ("claim-12", "more-more12") -> its link, in reading order
    svg.querySelectorAll('g.node[id] > a').forEach((link) => {
      if (/^(claim|more)-/.test(link.parentNode.id)) links.set(link.parentNode.id, link);
    });
    if (!links.size) return;
    box.dataset.mapKeysReady = '1';   // htmx.onLoad may hand us the same container twice

    const rank = new Map([...links.keys()].map((id, index) => [id, index]));
    const answers = new Map();    // claim -> what answers it, in reading order
    const answered = new Map();   // claim -> what it answers
    const lines = new Map();      // "answer>claim" -> the id of the line between them
    const join = (from, to, line) => {
      if (!links.has(from) || !links.has(to) || from === to) return;
      if (!answers.has(to)) answers.set(to, []);
      if (!answered.has(from)) answered.set(from, []);
      if (!answers.get(to).includes(from)) answers.get(to).push(from);
      if (!answered.get(from).includes(to)) answered.get(from).push(to);
      if (line && !lines.has(from + '>' + to)) lines.set(from + '>' + to, line);
    };
    svg.querySelectorAll('g.edge[id]').forEach((group) => {
      const found = LINE.exec(group.id) || UNDERCUT.exec(group.id);
      if (found) join('claim-' + found[1], 'claim-' + found[2], group.id);
    });
    links.forEach((_link, id) => {
      const found = MORE.exec(id);
      if (found) join(id, 'claim-' + found[1], '');
    });
    answers.forEach((list) => list.sort((a, b) => rank.get(a) - rank.get(b)));
    const theses = [...links.keys()].filter((id) => !answered.has(id));
    const cameFrom = new Map();   // claim -> the claim we went Down from to reach it

    // Where Tab enters: the claim the address names, the focus claim, the first thesis.
    const named = window.location.hash.slice(1);
    const focusNode = svg.querySelector('g.node.focus');
    const start = (links.has(named) && named)
      || (focusNode && links.has(focusNode.id) && focusNode.id)
      || (links.has(box.dataset.mapStart) && box.dataset.mapStart) || [...links.keys()][0];
    let current = start;

    // One Tab stop: the claim last visited.
    links.forEach((link, id) => { link.setAttribute('tabindex', id === current ? '0' : '-1'); });
    box.addEventListener('focusin', (event) => {
      const group = event.target.parentNode;
      if (!group || !links.has(group.id) || links.get(group.id) !== event.target) return;
      if (group.id !== current) {
        links.get(current).setAttribute('tabindex', '-1');
        event.target.setAttribute('tabindex', '0');
        current = group.id;
      }
    });

    const parentOf = (id) => {
      const up = answered.get(id) || [];
      return up.includes(cameFrom.get(id)) ? cameFrom.get(id) : up[0];
    };

    function move(to, line) {
      const link = links.get(to);
      // The line that led here describes the claim reached; none when there is none.
      links.forEach((other) => other.removeAttribute('aria-describedby'));
      if (line) link.setAttribute('aria-describedby', line);
      link.focus();   // map-zoom.js brings a focused box into view
    }

    // Listening in the capture phase: before map-zoom.js, whose arrow keys pan the frame.
    box.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      const group = event.target.parentNode;
      if (!group || !links.has(group.id) || links.get(group.id) !== event.target) return;
      const here = group.id;
      let to = null, line = '';
      if (event.key === 'ArrowUp') {
        to = parentOf(here);
        if (to) line = lines.get(here + '>' + to);
      } else if (event.key === 'ArrowDown') {
        to = (answers.get(here) || [])[0];
        if (to) { cameFrom.set(to, here); line = lines.get(to + '>' + here); }
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const parent = parentOf(here);
        const row = parent ? answers.get(parent) : theses;
        to = row[row.indexOf(here) + (event.key === 'ArrowLeft' ? -1 : 1)];
        if (to && parent) { cameFrom.set(to, parent); line = lines.get(to + '>' + parent); }
      } else if (event.key === 'Home') {
        to = start;
      } else if (event.key === 'Escape') {
        box.focus();
      } else {
        return;
      }
      // At an end (nothing above, below or beside) the key does nothing, and does not pan.
      event.preventDefault();
      event.stopPropagation();
      if (to && to !== here) move(to, line);
    }, true);
  }

  function initIn(root) {
    if (root.matches && root.matches('[data-map-zoom]')) init(root);
    if (root.querySelectorAll) root.querySelectorAll('[data-map-zoom]').forEach(init);
  }

  if (window.htmx) window.htmx.onLoad(initIn);
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => initIn(document));
  else initIn(document);

  // 2. Choices made with keys wait for Enter or the Redraw button.
  const WAITING = 'form.map-controls select, form.map-controls input[type="date"]';
  const PASSING = ['Tab', 'Enter', 'Escape', 'Shift', 'Control', 'Alt', 'Meta'];

  // The hint is a status region, there and empty from the start, so that its text is read.
  function waiting(form, on) {
    const hint = form.querySelector('[data-map-waiting]');
    if (hint) hint.textContent = on ? hint.dataset.mapWaiting : '';
  }

  document.addEventListener('keydown', (event) => {
    const field = event.target;
    if (!field.matches || !field.matches(WAITING)) return;
    if (event.key === 'Enter' && field.tagName === 'SELECT') {
      // A date field submits its form on Enter by itself; a select does not.
      event.preventDefault();
      field.form.requestSubmit();
    } else if (!PASSING.includes(event.key)) {
      field.dataset.keyed = '1';
    }
  }, true);

  // In the capture phase, so that a change made with keys never reaches htmx's listener on
  // the form (hx-trigger="change, submit").
  document.addEventListener('change', (event) => {
    const field = event.target;
    if (!field.matches || !field.matches(WAITING)) return;
    if (field.dataset.keyed) {
      delete field.dataset.keyed;
      event.stopPropagation();
      waiting(field.form, true);
    }
  }, true);
  document.addEventListener('focusout', (event) => {
    if (event.target.dataset) delete event.target.dataset.keyed;
  }, true);
  document.addEventListener('submit', (event) => {
    if (event.target.matches && event.target.matches('form.map-controls')) waiting(event.target, false);
  }, true);

  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[data-map-outline]');
    const list = document.getElementById('map-outline-list');
    if (!link || !list) return;
    event.preventDefault();
    list.closest('details').open = true;
    list.focus();
  });
})();
