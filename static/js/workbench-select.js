// The workbench's text page: a passage selected in the text (mouse or touch) becomes the
// claim form's quotation, exactly, with where it is in the stored text (offsets, paragraph)
// and the words around it (a W3C TextQuoteSelector's prefix and suffix). Without this
// script the quotation is typed, and the server checks it all the same.
(function () {
  "use strict";

  var CONTEXT = 32; // characters of prefix and suffix, as the server's selectors have

  // A paragraph's words as stored: its text nodes, a <br> for each line break. The page
  // shows emphasis in <em> and <strong> and keeps the asterisks that mark it in hidden
  // spans (arguments/workbench/texts.py, paragraph_html): they are counted here, unseen,
  // so offsets are the stored text's, markers included.
  function storedLength(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.data.length;
    if (node.nodeName === "BR") return 1;
    var length = 0;
    node.childNodes.forEach(function (child) { length += storedLength(child); });
    return length;
  }

  function storedWords(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeName === "BR") return "\n";
    var words = "";
    node.childNodes.forEach(function (child) { words += storedWords(child); });
    return words;
  }

  // The offset, in its paragraph's stored words, of a DOM position (container, offset).
  function offsetIn(paragraph, container, offset) {
    var total = 0;
    var found = null;
    function walk(node) {
      if (found !== null) return;
      if (node === container) {
        if (node.nodeType === Node.TEXT_NODE) {
          found = total + offset;
        } else {
          for (var i = 0; i < offset && i < node.childNodes.length; i++) {
            total += storedLength(node.childNodes[i]);
          }
          found = total;
        }
        return;
      }
      if (node.nodeType === Node.TEXT_NODE || node.nodeName === "BR") {
        total += storedLength(node);
        return;
      }
      node.childNodes.forEach(walk);
    }
    walk(paragraph);
    return found === null ? total : found;
  }

  function paragraphOf(text, node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var item = element && element.closest("li[data-start]");
    return item && text.contains(item) ? item : null;
  }

  // The selection as offsets of the stored text, or null when it is not in the text.
  function selected(text) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var first = paragraphOf(text, range.startContainer);
    var last = paragraphOf(text, range.endContainer);
    if (!first || !last) return null;
    var start = Number(first.dataset.start) + offsetIn(first, range.startContainer, range.startOffset);
    var end = Number(last.dataset.start) + offsetIn(last, range.endContainer, range.endOffset);
    var whole = wholeText(text);
    // The selection's edges often take a space: the quotation is the words alone.
    while (start < end && /\s/.test(whole.charAt(start))) start++;
    while (end > start && /\s/.test(whole.charAt(end - 1))) end--;
    if (end <= start) return null;
    var edges = withItsMarkers(whole, start, end);
    start = edges[0];
    end = edges[1];
    return {
      start: start,
      end: end,
      exact: whole.slice(start, end),
      prefix: whole.slice(Math.max(0, start - CONTEXT), start),
      suffix: whole.slice(end, end + CONTEXT),
      paragraph: Number(first.value),
    };
  }

  // A selection that ends (or starts) exactly where emphasised words do takes the hidden
  // asterisks beside it, so the quotation opens and closes its emphasis as the text does:
  // "*a minima*", not "*a minima" nor "a minima" (italics lost).
  function markerRuns(words) {
    var runs = words.match(/\*+/g);
    return runs ? runs.length : 0;
  }

  function withItsMarkers(whole, start, end) {
    var after = /^\*+/.exec(whole.slice(end));
    var before = /\*+$/.exec(whole.slice(0, start));
    var runs = markerRuns(whole.slice(start, end));
    if (after && (runs % 2 === 1 || before)) {
      end += after[0].length;
      runs += 1;
    }
    if (before && runs % 2 === 1) start -= before[0].length;
    return [start, end];
  }

  // The stored text, rebuilt from the paragraphs: each sits at its data-start.
  function wholeText(text) {
    var whole = "";
    text.querySelectorAll("li[data-start]").forEach(function (item) {
      var start = Number(item.dataset.start);
      while (whole.length < start) whole += "\n";
      whole += storedWords(item);
    });
    return whole;
  }

  function set(form, name, value) {
    var field = form.querySelector('[name="' + name + '"]');
    if (field) field.value = value;
  }

  function setUp(text) {
    var bar = document.getElementById("selection-bar");
    var button = bar && bar.querySelector("button");
    if (!bar || !button) return;
    var current = null;
    // A click or tap on the button may collapse the selection before the click lands: the
    // last passage selected stays the one offered until another is selected.
    function update() {
      var passage = selected(text);
      if (passage === null) return;
      current = passage;
      bar.hidden = false;
    }
    document.addEventListener("selectionchange", update);
    button.addEventListener("click", function () {
      var passage = current || selected(text);
      var form = document.querySelector("#claim-form form");
      if (!passage || !form) return;
      set(form, "quotation", passage.exact);
      set(form, "start", passage.start);
      set(form, "end", passage.end);
      set(form, "paragraph", passage.paragraph);
      set(form, "prefix", passage.prefix);
      set(form, "suffix", passage.suffix);
      var status = document.getElementById("selection-status");
      if (status) status.textContent = button.getAttribute("data-done") || "";
      // On a wide screen the form stays beside the text; on a phone it is above it.
      var box = form.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight) form.scrollIntoView({ block: "start" });
      var next = form.querySelector('[name="statement"]');
      if (next) next.focus();
    });
  }

  function start() {
    var text = document.querySelector("ol.workbench-text[data-selectable]");
    if (text) setUp(text);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
