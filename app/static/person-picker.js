// The person picker of the meeting form: type part of a name, pick from the list (a combobox after the ARIA
// pattern, behaving as accessible-autocomplete does). The select stays in the form (hidden) and is what gets
// submitted; the text box takes over its id, so the label and the error summary's link lead to the text box.
// Without JavaScript the select is used as it is.

import { announce } from "./announce.js";
import { countedWords, words } from "./words.js";

const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
let comboboxCount = 0;

export function enhanceSelect(select) {
  if (select.dataset.enhanced) return;
  select.dataset.enhanced = "true";
  const id = select.id;
  const key = `combobox-${++comboboxCount}`;
  const choices = Array.from(select.options).filter((option) => option.value !== "")
    .map((option) => ({ value: option.value, text: option.text, folded: fold(option.text) }));

  const input = document.createElement("input");
  input.type = "text";
  input.className = select.className.replace("form-select", "form-control");
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${key}-list`);
  const instructions = document.createElement("span");
  instructions.id = `${key}-instructions`;
  instructions.className = "visually-hidden";
  instructions.textContent = words(
    "When results are shown, use the up and down arrows to review them and Enter to choose.");
  input.setAttribute("aria-describedby",
    [select.getAttribute("aria-describedby"), instructions.id].filter(Boolean).join(" "));

  const list = document.createElement("ul");
  list.id = `${key}-list`;
  list.className = "app-combobox-list list-unstyled";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  const label = document.querySelector(`label[for="${id}"]`);
  if (label) {
    label.id = label.id || `${key}-label`;
    list.setAttribute("aria-labelledby", label.id);
  }
  const count = document.createElement("div");
  count.className = "visually-hidden";
  count.setAttribute("aria-live", "polite");

  select.id = `${id}-select`;
  input.id = id;
  select.hidden = true;
  select.tabIndex = -1;
  select.setAttribute("aria-hidden", "true");
  const wrapper = document.createElement("div");
  wrapper.className = "app-combobox";
  wrapper.append(input, list, instructions, count);
  select.after(wrapper);
  if (select.value) input.value = select.options[select.selectedIndex].text;

  let matches = [];
  let active = -1;
  let countTimer = null;

  function setValue(value) {
    if (select.value === value) return;
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const items = list.children;
    if (active >= 0 && items[active]) {
      items[active].classList.remove("active");
      items[active].setAttribute("aria-selected", "false");
    }
    active = index;
    if (active < 0 || !items[active]) { input.removeAttribute("aria-activedescendant"); return; }
    items[active].classList.add("active");
    items[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function filter(text) {
    const words = fold(text).split(/\s+/).filter(Boolean);
    return choices.filter((choice) => words.every((word) => choice.folded.includes(word)));
  }

  function open(found) {
    matches = found;
    list.replaceChildren(...matches.map((choice, index) => {
      const item = document.createElement("li");
      item.id = `${key}-option-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.className = "app-combobox-option";
      item.textContent = choice.text;
      return item;
    }));
    if (!matches.length) {
      const none = document.createElement("li");
      none.className = "app-combobox-none";
      none.textContent = words("No one recorded matches – add them below as someone new");
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    // The best match is ready to take with Enter, as with accessible-autocomplete's "autoselect".
    highlight(matches.length ? 0 : -1);
    window.clearTimeout(countTimer);
    countTimer = window.setTimeout(() => {
      const n = matches.length;
      announce(count, n ? countedWords("%(num)s result is available", "%(num)s results are available", { num: n })
        : words("No results"));
    }, 400);
  }

  function choose(index) {
    const choice = matches[index];
    if (!choice) return;
    input.value = choice.text;
    setValue(choice.value);
    close();
  }

  input.addEventListener("input", () => {
    const text = input.value.trim();
    const exact = choices.find((choice) => choice.text === input.value);
    setValue(exact ? exact.value : "");
    if (!text) { close(); return; }
    open(filter(text));
  });

  input.addEventListener("keydown", (event) => {
    const shown = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!shown) open(filter(input.value));
      else if (matches.length) highlight(Math.min(active + 1, matches.length - 1));
    } else if (event.key === "ArrowUp") {
      if (!shown) return;
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter") {
      // Only while the list is open: otherwise Enter saves the form, as in any other text box.
      if (shown && active >= 0) { event.preventDefault(); choose(active); }
    } else if (event.key === "Escape") {
      if (shown) { event.preventDefault(); close(); }
    }
  });

  input.addEventListener("blur", () => {
    // A name typed in full (or so much of it that one person fits) counts as chosen; anything else is not a
    // choice, and the select must not keep an earlier one.
    if (!select.value && input.value.trim()) {
      const found = filter(input.value);
      if (found.length === 1) { matches = found; choose(0); return; }
    }
    close();
  });

  // Mouse and touch: keep the focus in the text box while choosing.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const item = event.target.closest("[role=option]");
    if (item) choose(Array.from(list.children).indexOf(item));
  });
}

// Choose a person from outside the picker (the meeting form's "Use this person"): the select takes the value and
// the text box shows the person as if picked from the list.
export function pickPerson(select, value) {
  select.value = value;
  const input = select.nextElementSibling?.querySelector("input[role=combobox]");
  if (input) input.value = select.selectedIndex > 0 ? select.options[select.selectedIndex].text : "";
  select.dispatchEvent(new Event("change", { bubbles: true }));
  return input || select;
}
