// "Copy" beside each feed address and a new API token: copies it and says so to screen readers. Without JavaScript
// the buttons stay hidden and the text can be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copy + "-copied");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    // Emptied first, so that a second "Copy" is announced again.
    const say = (words) => { status.textContent = ""; setTimeout(() => { status.textContent = words; }, 50); };
    button.addEventListener("click", () => {
      // A box holds its text as its value; a code block, as its text.
      const text = "value" in field ? field.value : field.textContent;
      navigator.clipboard.writeText(text).then(() => say(button.dataset.copied || "Address copied"),
        () => {
          field.focus();
          if (field.select) field.select();
          say(button.dataset.copyByHand || "Select the address and copy it");
        });
    });
  });
});
