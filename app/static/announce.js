// Polite announcements; the text is cleared first so the same words said twice are heard twice.
export function announce(region, text) {
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 50);
}
