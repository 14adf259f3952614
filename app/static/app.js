// A field reached by a link: its label or legend brought into view above it, and the focus in it.
function focusField(field) {
  const context = field.closest("fieldset")?.querySelector("legend") || document.querySelector(`label[for="${field.id}"]`);
  (context || field).scrollIntoView();
  field.focus({ preventScroll: true });
}

// Error summary: take focus when the page loads, and on a click bring the field into view.
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
    focusField(field);
  });
});

// A "Change" link on a record's page names the field it changes (/meetings/3/edit#held_on-day): the form opens with
// the focus there, so the keyboard starts where the change is, and among radios on the one chosen. After the page
// has loaded, when the browser has done its own scrolling to the field. An error summary keeps the focus.
window.addEventListener("load", () => {
  if (document.querySelector("[data-error-summary]") || location.hash.length < 2) return;
  let field = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!field || !field.matches("input, select, textarea")) return;
  if (field.type === "radio") field = field.form?.querySelector(`input[name="${field.name}"]:checked`) || field;
  focusField(field);
});

// Print buttons on reports (a real button, so it works from the keyboard; no inline script).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// A form is saved once (app/common/once.py): each page carries a one-time token. Going Back to a form already posted
// reloads it from the server with a new token, and the browser puts back what was typed; the token it was posted
// with goes back too, so Save lands on what the first post saved instead of saving it twice.
document.addEventListener("submit", (event) => {
  const token = event.target.querySelector("[data-saved-once]");
  if (token) sessionStorage.setItem(`posted:${location.pathname}${location.search}`, token.value);
});
document.addEventListener("DOMContentLoaded", () => {
  const token = document.querySelector("[data-saved-once]");
  if (!token) return;
  const key = `posted:${location.pathname}${location.search}`;
  const [visit] = performance.getEntriesByType("navigation");
  if (visit && visit.type === "back_forward" && sessionStorage.getItem(key)) token.value = sessionStorage.getItem(key);
  else sessionStorage.removeItem(key);
});
