// "Copy" beside each feed address: copies it and says so to screen readers. Without JavaScript the buttons stay
// hidden and the address can be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copy + "-copied");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    // Emptied first, so that a second "Copy" is announced again.
    const say = (words) => { status.textContent = ""; setTimeout(() => { status.textContent = words; }, 50); };
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(() => say("Address copied"),
        () => { field.focus(); field.select(); say("Select the address and copy it"); });
    });
  });
});
