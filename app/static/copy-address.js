// "Copy" beside each feed address: copies it and says so to screen readers. Without JavaScript the buttons stay
// hidden and the address can be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copy + "-copied");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(() => { status.textContent = "Address copied"; },
        () => { field.select(); status.textContent = "Select the address and copy it"; });
    });
  });
});
