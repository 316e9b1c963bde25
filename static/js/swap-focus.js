/* Focus and announcements around htmx swaps, driven by data attributes in the templates.

   A swap replaces the focused element, and the browser then drops focus to <body>: the
   next Tab starts again from the top of the page. After each swap, in this order:
   - [data-swap-focus] in the new content (the annotation just published, the error summary,
     a branch just opened) takes focus; "first" gives it to its first link or control;
   - otherwise, if the focused element was replaced, focus goes to its equivalent in the new
     content: the same id, the same data-focus-key (the replay's ◀ ▶), or the same place
     under the same identified ancestor (an annotation's "Edit" link after a poll);
   - [data-announce] text goes into #status, a polite live region that stays in the page
     (a region that is itself swapped is usually not read), and
   - an element with data-announce-new (the live thread) has its new items counted:
     "1 new annotation". Updates by others never move focus: their content has no marker.
   Markers are removed once used, so a later swap does not use them again. */
(function () {
  'use strict';
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';
  var before = null;  // what was focused when the swap began, and how to find it again
  var counted = null;  // the live list being refreshed: its items before the swap

  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (el) {
      return !el.closest('[hidden]');
    });
  }

  function focus(el) {
    // An element that takes no focus of its own (an annotation, a summary of errors) is
    // given tabindex="-1": focusable by script, not added to the Tab order.
    if (!el.matches(FOCUSABLE)) el.setAttribute('tabindex', '-1');
    el.focus();
  }

  function describe(el) {
    if (!el || el === document.body || !el.closest) return null;
    var anchor = el.parentElement && el.parentElement.closest('[id]');
    return {
      el: el,
      id: el.id,
      key: el.getAttribute('data-focus-key'),
      anchor: anchor && anchor.id,
      index: anchor ? focusables(anchor).indexOf(el) : -1
    };
  }

  function equivalent(was) {
    var found = was.id && document.getElementById(was.id);
    if (!found && was.key) {
      found = document.querySelector('[data-focus-key="' + was.key + '"]') ||
        document.querySelector('[data-focus-key]');  // ▶ is gone at the last step: ◀ then
    }
    if (!found && was.anchor) {
      var anchor = document.getElementById(was.anchor);
      if (anchor) found = focusables(anchor)[was.index] || anchor;
    }
    return found;
  }

  function announce(text) {
    var status = document.getElementById('status');
    if (!status || !text) return;
    // Emptied first, then filled: the same message twice in a row is read twice.
    status.textContent = '';
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function itemIds(list) {
    return Array.prototype.map.call(
      list.querySelectorAll(list.getAttribute('data-announce-new')),
      function (item) { return item.id; });
  }

  function consumeFocus() {
    var marked = document.querySelector('[data-swap-focus]');
    if (!marked) return false;
    var target = marked.getAttribute('data-swap-focus') === 'first' ? focusables(marked)[0] || marked : marked;
    document.querySelectorAll('[data-swap-focus]').forEach(function (el) { el.removeAttribute('data-swap-focus'); });
    focus(target);
    return true;
  }

  document.addEventListener('htmx:beforeSwap', function (event) {
    before = describe(document.activeElement);
    var target = event.detail.target;
    counted = target && target.id && target.hasAttribute('data-announce-new')
      ? { id: target.id, items: itemIds(target) } : null;
  });

  document.addEventListener('htmx:afterSettle', function () {
    if (!consumeFocus() && before && !document.body.contains(before.el)) {
      var found = equivalent(before);
      if (found) focus(found);
    }
    before = null;
    var messages = [];
    document.querySelectorAll('[data-announce]').forEach(function (el) {
      messages.push(el.getAttribute('data-announce'));
      el.removeAttribute('data-announce');
    });
    if (counted) {
      var list = document.getElementById(counted.id);
      var fresh = list ? itemIds(list).filter(function (id) { return counted.items.indexOf(id) < 0; }).length : 0;
      if (fresh === 1) messages.push(list.getAttribute('data-announce-one'));
      else if (fresh > 1) messages.push(list.getAttribute('data-announce-many').replace('{count}', fresh));
      counted = null;
    }
    if (messages.length) announce(messages.join(' '));
  });

  // A page served with errors (a form posted without JavaScript help) opens on its summary.
  function onLoad() { consumeFocus(); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onLoad);
  else onLoad();
})();
