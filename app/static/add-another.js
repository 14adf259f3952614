// "Add another" rows (participants, follow-ups) added and removed without a reload, after the MOJ add-another
// component: a new row is made from the list's <template>, numbered, and takes the focus; removing one moves the
// focus to the next row, or to the "Add another" button; each change is announced. Without JavaScript each button
// is a real submit button and the form comes back with one row more or less.

import { announce } from "./announce.js";
import { words } from "./words.js";

function firstField(container) {
  return container.querySelector("input:not([type=hidden]):not([hidden]), select:not([hidden]), textarea");
}

function rowsOf(container) {
  return Array.from(container.querySelectorAll(":scope > [data-row]"));
}

function renumber(container) {
  rowsOf(container).forEach((row, index) => {
    row.querySelectorAll("[data-row-number]").forEach((span) => { span.textContent = String(index + 1); });
  });
}

// ``status``: the live region that says what changed; ``added(row)``: what the page does to each new row;
// ``said``: the English of what is announced when a row is added or removed ("Participant %(number)s added").
export function setUpList(container, { status, added, said }) {
  const name = container.dataset.rows;
  const max = Number(container.dataset.max || 0);
  const template = document.getElementById(`${name}-template`);
  const addButton = document.querySelector(`[data-add-row="${name}"]`);
  if (!template || !addButton) return;

  addButton.addEventListener("click", (event) => {
    event.preventDefault();
    const rows = rowsOf(container);
    if (max && rows.length >= max) {
      announce(status, words("You can record up to %(max)s here", { max }));
      return;
    }
    // The next free index, so names never clash with a row already on the page (gaps are fine).
    const index = rows.reduce((high, row) => Math.max(high, Number(row.dataset.index)), -1) + 1;
    const html = template.innerHTML.replaceAll("__INDEX__", String(index))
      .replaceAll("__NUMBER__", String(rows.length + 1));
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const row = holder.content.firstElementChild;
    container.append(row);
    renumber(container);
    added(row);
    firstField(row)?.focus();
    announce(status, words(said.added, { number: rows.length + 1 }));
  });

  container.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove-row]");
    if (!button) return;
    event.preventDefault();
    const row = button.closest("[data-row]");
    const rows = rowsOf(container);
    const position = rows.indexOf(row);
    row.remove();
    renumber(container);
    const next = rowsOf(container)[position];
    (next ? firstField(next) : addButton).focus();
    announce(status, words(said.removed, { number: position + 1 }));
  });
}
