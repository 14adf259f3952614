// "Copy" beside each feed address and a new API token: copies it and says so to screen readers. Without JavaScript
// the buttons stay hidden and the text can be selected and copied by hand. A button may name what it copies
// (data-copied, data-copy-by-hand); otherwise it is an address.

import { words } from "./words.js";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copy + "-copied");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    // Emptied first, so that a second "Copy" is announced again.
    const say = (message) => { status.textContent = ""; setTimeout(() => { status.textContent = message; }, 50); };
    button.addEventListener("click", () => {
      // A box holds its text as its value; a code block, as its text.
      const text = "value" in field ? field.value : field.textContent;
      navigator.clipboard.writeText(text).then(() => say(button.dataset.copied || words("Address copied")),
        () => {
          field.focus();
          if (field.select) field.select();
          say(button.dataset.copyByHand || words("Select the address and copy it"));
        });
    });
  });
});
