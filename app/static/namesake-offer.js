// While a new person's name is typed on the meeting form, the people already recorded under that name are offered
// right under the name field, with a button that makes the row that person instead (side and role kept). Without
// JavaScript, or when the offer is passed over, "Save meeting" asks the same question (app/meetings/forms.py).

import { announce } from "./announce.js";
import { pickPerson } from "./person-picker.js";
import { words } from "./words.js";

const WAIT = 300;

function offerText(namesake) {
  const said = namesake.exact ? "Already recorded: %(name)s, %(post)s" : "Similar name recorded: %(name)s, %(post)s";
  return words(said, { name: namesake.name, post: namesake.post });
}

function offerItem(namesake) {
  const item = document.createElement("div");
  item.className = "app-namesake mb-3";
  const text = document.createElement("p");
  text.className = "mb-2";
  text.textContent = offerText(namesake);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-outline-primary";
  button.dataset.usePerson = String(namesake.id);
  button.dataset.personName = namesake.name;
  const hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  hidden.textContent = `: ${namesake.name}`;
  button.append(words("Use this person"), hidden);
  item.append(text, button);
  return item;
}

export function offerNamesakes(form, { url, status }) {
  const timers = new WeakMap();
  const asked = new WeakMap();

  function ask(row) {
    const offer = row.querySelector("[data-namesake-offer]");
    const name = row.querySelector("[name$='-full_name']");
    if (!offer || !name) return;
    const params = new URLSearchParams({
      full_name: name.value.trim(),
      honorific: (row.querySelector("[name$='-honorific']")?.value || "").trim(),
    });
    const query = params.toString();
    if (asked.get(row) === query) return;
    asked.set(row, query);
    if (!name.value.trim()) { offer.replaceChildren(); return; }
    fetch(`${url}?${query}`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data || asked.get(row) !== query) return;
        const said = offer.dataset.said || "";
        offer.replaceChildren(...data.namesakes.map(offerItem));
        const text = data.namesakes.map(offerText).join(". ");
        offer.dataset.said = text;
        if (text && text !== said) {
          announce(status, words("%(offers)s. Use this person button follows the name.", { offers: text }));
        }
      })
      .catch(() => { asked.delete(row); }); // offline: "Save meeting" asks instead
  }

  form.addEventListener("input", (event) => {
    if (!event.target.matches("[data-rows='participants'] [name$='-full_name'], [data-rows='participants'] [name$='-honorific']")) return;
    const row = event.target.closest("[data-row]");
    window.clearTimeout(timers.get(row));
    timers.set(row, window.setTimeout(() => ask(row), WAIT));
  });

  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-use-person]");
    if (!button) return;
    const row = button.closest("[data-row]");
    const select = row.querySelector("select[data-combobox]");
    if (!select) return;
    const chosen = pickPerson(select, button.dataset.usePerson);
    // The row is now the recorded person: what was typed for someone new goes, so it is not saved as well.
    row.querySelectorAll("[name$='-full_name'], [name$='-honorific'], [name$='-post_title']").forEach((input) => {
      input.value = "";
    });
    const organisation = row.querySelector("select[name$='-organisation_id']");
    if (organisation) organisation.value = "";
    row.querySelectorAll("input[name$='-recorded_person']").forEach((radio) => { radio.checked = false; });
    const offer = row.querySelector("[data-namesake-offer]");
    offer.replaceChildren();
    offer.dataset.said = "";
    asked.delete(row);
    row.querySelector("details.app-new-person")?.removeAttribute("open");
    chosen.focus();
    const number = row.querySelector("legend [data-row-number]")?.textContent || "";
    announce(status, words("Participant %(number)s is now %(name)s, already recorded",
      { number, name: button.dataset.personName }));
  });
}
