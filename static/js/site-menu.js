/* The header's links fold into "Menu" on a narrow screen, so the header takes two rows there
   (the brand with "Menu", then the search); wider, they stay open beside the brand. Run as
   the header is parsed, before it is first painted, so a phone never shows them open. */
(() => {
  const menu = document.currentScript.previousElementSibling;
  const narrow = window.matchMedia("(max-width: 40rem)");
  const fit = () => {
    menu.open = !narrow.matches;
  };
  fit();
  narrow.addEventListener("change", fit);
})();
