// The meeting form, enhanced: rows added and removed without a reload (add-another.js), people found by typing part
// of a name (person-picker.js), people already recorded offered as a new person's name is typed
// (namesake-offer.js), the post held on the meeting date shown as soon as someone is chosen, the heading following
// the type of meeting, the committee number shown only for a committee, roles guessed from each participant's
// side, and the areas of the plan covering the date shown as the date is typed. Without JavaScript every button is
// a real submit button and the person pickers are plain selects, so the form works the same, one reload per step.

import { setUpList } from "./add-another.js";
import { announce } from "./announce.js";
import { offerNamesakes } from "./namesake-offer.js";
import { enhanceSelect } from "./person-picker.js";
import { language, words } from "./words.js";

// What is announced as a row of each list is added or removed.
const ROWS_SAID = {
  participants: { added: "Participant %(number)s added", removed: "Participant %(number)s removed" },
  followups: { added: "Follow-up %(number)s added", removed: "Follow-up %(number)s removed" },
};

const form = document.querySelector("[data-meeting-form]");
if (form) {
  const status = document.querySelector("[data-rows-status]");
  // A month typed by name, read as the server reads it (app/common/forms.py): in English, whatever the page's language.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

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

  // "7 December 2026", "7 Desember 2026": day, month and year as the server writes them (app/common/dates.py).
  const dateParts = new Intl.DateTimeFormat(language,
    { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  function longDate(iso) {
    const parts = dateParts.formatToParts(new Date(`${iso}T00:00:00Z`));
    const part = (type) => parts.find((found) => found.type === type)?.value;
    return `${part("day")} ${part("month")} ${part("year")}`;
  }

  // The same words as the server: app/meetings/rows.py post_phrase.
  function postPhrase(personId, day) {
    if (!personId) return "";
    if (!day) return words("Enter the date of the meeting to see the post held that day");
    const held = (posts[personId] || []).filter(([start, end]) => (!start || start <= day) && (!end || day <= end));
    if (!held.length) return words("No post recorded on %(day)s", { day: longDate(day) });
    held.sort((a, b) => (a[0] || "").localeCompare(b[0] || ""));
    return words("Post on %(day)s: %(post)s", { day: longDate(day), post: held[held.length - 1][2] });
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

  // ---- The committee number, shown only for a committee's meeting -----------------------------------------
  // Without JavaScript the box is always there, its hint saying it is only for committee meetings; a number left in
  // it for any other meeting is ignored when saved, so hiding it loses nothing and switching back brings it again.

  const numberBox = form.querySelector("[data-committee-only]");
  const committees = numberBox ? JSON.parse(numberBox.dataset.committeeOnly) : [];
  const committeeChosen = () => committees.includes(form.querySelector("input[name=type]:checked")?.value);
  const showNumber = () => { if (numberBox) numberBox.hidden = !committeeChosen(); };

  // ---- A call's folded type and its less-used fields --------------------------------------------------------
  // The type chosen is said in the folded line; any type but a call opens the outcome document and agenda.

  const typeNow = form.querySelector("[data-type-now]");
  const more = form.querySelector("[data-more-details]");
  function sayType(radio) {
    if (typeNow) typeNow.textContent = form.querySelector(`label[for='${radio.id}']`)?.textContent.trim() || "";
    if (more && radio.value !== "courtesy_call") more.open = true;
  }

  // ---- Each participant's role guessed from their side ------------------------------------------------------
  // The same rule as the server's default_role (app/meetings/row_forms.py). A role the officer chose is kept.

  const participantRows = () => Array.from(form.querySelectorAll("[data-rows='participants'] > [data-row]"));
  const sideOf = (row) => row.querySelector("select[name$='-side']")?.value || "";

  function defaultRole(row) {
    const side = sideOf(row);
    if (!side) return "";
    if (side === "other") return "observer";
    if (participantRows().find((other) => sideOf(other) === side) !== row) return "member";
    return committeeChosen() ? "co_chair" : "head_of_delegation";
  }

  function guessRoles() {
    participantRows().forEach((row) => {
      const role = row.querySelector("select[name$='-role']");
      if (role && !role.dataset.chosen) role.value = defaultRole(row);
    });
  }

  participantRows().forEach((row) => {
    const role = row.querySelector("select[name$='-role']");
    if (role && role.value && role.value !== defaultRole(row)) role.dataset.chosen = "1";
  });

  // ---- A follow-up owned on the partner side is not also ours ----------------------------------------------
  // The first follow-up starts owned by the officer logging the meeting; naming an owner on the partner side
  // instead takes that guess away, as a follow-up has one owner.

  const officerId = form.dataset.officerId;
  form.addEventListener("input", (event) => {
    if (!officerId || !event.target.matches("input[name$='-partner_owner']") || !event.target.value.trim()) return;
    const owner = event.target.closest("[data-row]")?.querySelector("select[name$='-owner_user_id']");
    if (owner && owner.value === officerId && !owner.dataset.chosen) {
      owner.value = "";
      announce(status, words("Officer responsible cleared: the follow-up is owned on the partner side"));
    }
  });

  form.addEventListener("change", (event) => {
    const field = event.target;
    if (field.matches("select[name$='-role'], select[name$='-owner_user_id']")) field.dataset.chosen = "1";
    if (field.matches("input[name=type]")) { showNumber(); sayType(field); }
    if (field.matches("input[name=type], select[name$='-side']")) guessRoles();
  });
  showNumber();

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

  if (form.dataset.namesakesUrl) offerNamesakes(form, { url: form.dataset.namesakesUrl, status });

  form.querySelectorAll("select[data-combobox]").forEach(enhanceSelect);
  document.querySelectorAll("[data-rows]").forEach((container) => setUpList(container, {
    status,
    said: ROWS_SAID[container.dataset.rows],
    added: (row) => {
      row.querySelectorAll("select[data-combobox]").forEach(enhanceSelect);
      showPost(row);
      guessRoles();
    },
  }));
}
