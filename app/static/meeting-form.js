// The meeting form, enhanced: rows added and removed without a reload, people found by typing part of a name,
// the post held on the meeting date shown as soon as someone is chosen. Without JavaScript every button is a
// real submit button and the person pickers are plain selects, so the form works the same, one reload per step.
(() => {
  "use strict";

  const form = document.querySelector("[data-meeting-form]");
  if (!form) return;
  const status = document.querySelector("[data-rows-status]");
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // Polite announcements; the text is cleared first so the same words said twice are heard twice.
  function announce(region, text) {
    if (!region) return;
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50);
  }

  function firstField(container) {
    return container.querySelector("input:not([type=hidden]):not([hidden]), select:not([hidden]), textarea");
  }

  // ---- Post held on the date of the meeting ----------------------------------------------------------------

  const postsElement = document.getElementById("people-posts");
  const posts = postsElement ? JSON.parse(postsElement.textContent) : {};

  function meetingDay() {
    const part = (name) => (form.querySelector(`[name="held_on-${name}"]`)?.value || "").trim().toLowerCase();
    const day = part("day"); let month = part("month").replace(/\.$/, ""); const year = part("year");
    const named = MONTHS.findIndex((m) => month.length >= 3 && m.toLowerCase().startsWith(month));
    if (!/^\d+$/.test(month) && named >= 0) month = String(named + 1);
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
    const date = new Date(Date.UTC(+year, +month - 1, +day));
    if (date.getUTCMonth() !== +month - 1 || date.getUTCDate() !== +day) return null;
    return date.toISOString().slice(0, 10);
  }

  function longDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return `${day} ${MONTHS[month - 1]} ${year}`;
  }

  // The same words as the server: app/meetings/rows.py post_phrase.
  function postPhrase(personId, day) {
    if (!personId) return "";
    if (!day) return "Enter the date of the meeting to see the post held that day";
    const held = (posts[personId] || []).filter(([start, end]) => (!start || start <= day) && (!end || day <= end));
    if (!held.length) return `No post recorded on ${longDate(day)}`;
    held.sort((a, b) => (a[0] || "").localeCompare(b[0] || ""));
    return `Post on ${longDate(day)}: ${held[held.length - 1][2]}`;
  }

  function showPost(row) {
    const select = row.querySelector("select[data-combobox]");
    const target = row.querySelector("[data-post-text]");
    if (!select || !target) return;
    const text = postPhrase(select.value, meetingDay());
    if (target.textContent !== text) target.textContent = text;
  }

  function showAllPosts() {
    form.querySelectorAll("[data-rows='participants'] [data-row]").forEach(showPost);
  }

  form.addEventListener("change", (event) => {
    if (event.target.matches("select[data-combobox]")) showPost(event.target.closest("[data-row]"));
  });
  form.querySelectorAll("[name^='held_on-']").forEach((input) => input.addEventListener("change", showAllPosts));

  // ---- Heading follows the type of meeting ----------------------------------------------------------------

  const heading = document.querySelector("[data-heading-by-type]");
  if (heading) {
    const texts = JSON.parse(heading.dataset.headingByType);
    form.querySelectorAll("input[name='type']").forEach((radio) => radio.addEventListener("change", () => {
      const text = texts[radio.value] || texts[""];
      document.title = document.title.replace(heading.textContent, text);
      heading.textContent = text;
    }));
  }

  // ---- Areas of the plan covering the date, shown as the partnership and date are chosen ----------------------
  // Without JavaScript the "Show the areas" button sends the form back to be shown again; here the areas and
  // the committee number hint are fetched instead, ticks and chosen areas kept where the plan stays the same.

  const areaList = form.querySelector("[data-area-list]");
  const areaHint = document.getElementById("area_ids-hint");
  const numberHint = document.getElementById("number-hint");
  let areasTimer = null;
  let areasAsked = "";

  function checkbox(id, index, label, checked) {
    const wrapper = document.createElement("div");
    wrapper.className = "form-check";
    const input = document.createElement("input");
    Object.assign(input, { className: "form-check-input", type: "checkbox", name: "area_ids", id: `area_ids-${index}`,
      value: String(id), checked });
    const text = document.createElement("label");
    Object.assign(text, { className: "form-check-label", htmlFor: input.id, textContent: label });
    wrapper.append(input, text);
    return wrapper;
  }

  function areaOptions(select, groups) {
    const chosen = select.value;
    const blank = select.options[0];
    select.replaceChildren(blank);
    groups.forEach((group) => {
      const optgroup = document.createElement("optgroup");
      optgroup.label = group.pillar;
      group.areas.forEach(([id, label]) => optgroup.append(new Option(label, String(id), false, String(id) === chosen)));
      select.append(optgroup);
    });
  }

  function showAreas(data) {
    const ticked = new Set(Array.from(form.querySelectorAll("input[name=area_ids]:checked"), (box) => box.value));
    const parts = [];
    let index = 0;
    data.groups.forEach((group) => {
      const heading = document.createElement("p");
      heading.className = "fw-semibold mb-1 mt-3";
      heading.textContent = group.pillar;
      parts.push(heading);
      group.areas.forEach(([id, label]) => { parts.push(checkbox(id, index++, label, ticked.has(String(id)))); });
    });
    areaList.replaceChildren(...parts);
    form.querySelectorAll("select[name$='-area_id']").forEach((select) => areaOptions(select, data.groups));
    const template = document.getElementById("followups-template");
    template?.content.querySelectorAll("select[name$='-area_id']").forEach((select) => areaOptions(select, data.groups));
    if (areaHint.textContent !== data.hint) {
      areaHint.textContent = data.hint;
      announce(status, data.hint);
    }
    if (numberHint) numberHint.textContent = data.number_hint;
  }

  function askForAreas() {
    const params = new URLSearchParams();
    ["partnership_id", "held_on-day", "held_on-month", "held_on-year", "type"].forEach((name) => {
      const field = form.querySelector(`[name="${name}"]${name === "type" ? ":checked" : ""}`);
      if (field) params.set(name, field.value);
    });
    const query = params.toString();
    if (query === areasAsked) return;
    areasAsked = query;
    fetch(`${form.dataset.areasUrl}?${query}`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => { if (data && query === areasAsked) showAreas(data); })
      .catch(() => {
        // Offline or refused: the button that sends the form back to show the areas is the way left.
        areasAsked = "";
        showAreasButton?.removeAttribute("hidden");
      });
  }

  const showAreasButton = form.querySelector("[data-show-areas]");
  if (areaList && areaHint && form.dataset.areasUrl) {
    showAreasButton?.setAttribute("hidden", "");
    form.addEventListener("change", (event) => {
      if (event.target.matches("#partnership_id, [name^='held_on-'], [name=type]")) {
        window.clearTimeout(areasTimer);
        areasTimer = window.setTimeout(askForAreas, 150);
      }
    });
  }

  // ---- Combobox: type part of a name, pick from the list -----------------------------------------------------
  // The select stays in the form (hidden) and is what gets submitted; the text box takes over its id, so the
  // label and the error summary's link lead to the text box.

  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  let comboboxCount = 0;

  function enhanceSelect(select) {
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
    instructions.textContent = "When results are shown, use the up and down arrows to review them and Enter to choose.";
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
        none.textContent = "No one recorded matches – add them below as someone new";
        list.append(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      // The best match is ready to take with Enter, as with accessible-autocomplete's "autoselect".
      highlight(matches.length ? 0 : -1);
      window.clearTimeout(countTimer);
      countTimer = window.setTimeout(() => {
        const n = matches.length;
        announce(count, n ? `${n} ${n === 1 ? "result is" : "results are"} available` : "No results");
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

  // ---- "Add another" rows ---------------------------------------------------------------------------------

  function rowsOf(container) {
    return Array.from(container.querySelectorAll(":scope > [data-row]"));
  }

  function renumber(container) {
    rowsOf(container).forEach((row, index) => {
      row.querySelectorAll("[data-row-number]").forEach((span) => { span.textContent = String(index + 1); });
    });
  }

  function setUpList(container) {
    const name = container.dataset.rows;
    const noun = container.dataset.noun;
    const max = Number(container.dataset.max || 0);
    const template = document.getElementById(`${name}-template`);
    const addButton = document.querySelector(`[data-add-row="${name}"]`);
    if (!template || !addButton) return;

    addButton.addEventListener("click", (event) => {
      event.preventDefault();
      const rows = rowsOf(container);
      if (max && rows.length >= max) {
        announce(status, `You can record up to ${max} here`);
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
      row.querySelectorAll("select[data-combobox]").forEach(enhanceSelect);
      renumber(container);
      showPost(row);
      firstField(row)?.focus();
      announce(status, `${noun} ${rows.length + 1} added`);
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
      announce(status, `${noun} ${position + 1} removed`);
    });
  }

  form.querySelectorAll("select[data-combobox]").forEach(enhanceSelect);
  document.querySelectorAll("[data-rows]").forEach(setUpList);
})();
