// Files dropped onto the area of a file field are chosen in it, as if picked in the browser's dialog. Without
// JavaScript (or drag and drop) the field itself still takes one or several files.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-drop-files]").forEach((zone) => {
    const input = zone.querySelector("input[type=file]");
    if (!input || typeof DataTransfer === "undefined") return;
    zone.classList.add("app-drop-zone");
    const note = document.createElement("p");
    note.className = "form-text mt-n3 mb-0";
    // In the page's language, given by the template; English when a page gives none.
    note.textContent = zone.dataset.dropNote || "You can also drop files onto this area";
    zone.append(note);
    const over = (event) => { event.preventDefault(); zone.classList.add("app-drop-over"); };
    const left = () => zone.classList.remove("app-drop-over");
    zone.addEventListener("dragenter", over);
    zone.addEventListener("dragover", over);
    zone.addEventListener("dragleave", left);
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      left();
      const dropped = event.dataTransfer && event.dataTransfer.files;
      if (!dropped || !dropped.length) return;
      const chosen = new DataTransfer();
      for (const file of dropped) {
        if (input.multiple || !chosen.items.length) chosen.items.add(file);
      }
      input.files = chosen.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
});
