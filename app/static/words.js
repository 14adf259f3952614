// The words the scripts write, in the page's language. The base layout gives them once, as JSON, each under its
// English (app/common/page_words.py); a page without that JSON reads the English as the script spells it.

const given = (() => {
  const element = document.getElementById("page-words");
  try {
    return element ? JSON.parse(element.textContent) : {};
  } catch {
    return {};
  }
})();

export const language = document.documentElement.lang || "en";

// "%(name)s" filled from ``values``; numbers written as the page's language writes them ("1.600").
function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, name) => {
    if (!(name in values)) return whole;
    const value = values[name];
    return typeof value === "number" ? new Intl.NumberFormat(language).format(value) : String(value);
  });
}

// ``english``: the message as the script spells it, its key in the JSON.
export function words(english, values = {}) {
  const text = given[english];
  return fill(typeof text === "string" ? text : english, values);
}

// A message with a number, ``values.num``: ``one`` and ``other`` are its English singular and plural; the JSON has
// its words for each plural category of the page's language, under the singular.
export function countedWords(one, other, values) {
  const forms = given[one];
  if (forms && typeof forms === "object") {
    const category = new Intl.PluralRules(language).select(values.num);
    return fill(forms[category] ?? forms.other ?? other, values);
  }
  return fill(values.num === 1 ? one : other, values);
}
