// Print buttons ([data-print]) on printable pages. A file, not an onclick attribute: the
// Content-Security-Policy runs no inline script.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
