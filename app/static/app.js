// Error summary: take focus when the page loads, and on a click bring the field's label into view.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-error-summary]");
  if (!box) return;
  box.tabIndex = -1;
  box.focus();
  box.addEventListener("blur", () => box.removeAttribute("tabindex"), { once: true });
  box.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    const context = field.closest("fieldset")?.querySelector("legend") || document.querySelector(`label[for="${field.id}"]`);
    (context || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
});

// Print buttons on reports (a real button, so it works from the keyboard; no inline script).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
