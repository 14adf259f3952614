// Tables of three columns or more become one card per row on a phone (app.css, "Phone widths"): each cell is labelled
// with its column's heading (data-label), and the table, its rows and cells keep their roles explicitly, since some
// browsers drop a table's meaning from the accessibility tree once CSS lays it out as blocks. Tables that opt out
// (app-no-stack, and the home page's heatmap) keep their own layout; without JavaScript, a wide table scrolls
// inside its own box and the page still fits the screen.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("main table.table:not(.app-no-stack, .app-heatmap)")) {
    const headings = table.tHead ? [...table.tHead.rows].at(-1) : null;
    if (!headings) continue;
    const labels = [];
    for (const cell of headings.cells) {
      for (let n = 0; n < cell.colSpan; n++) labels.push(cell.textContent.replace(/\s+/g, " ").trim());
    }
    if (labels.length < 3) continue;
    table.classList.add("app-stack");
    table.setAttribute("role", "table");
    for (const group of [table.tHead, ...table.tBodies, table.tFoot]) {
      if (!group) continue;
      group.setAttribute("role", "rowgroup");
      for (const row of group.rows) {
        row.setAttribute("role", "row");
        let column = 0;
        for (const cell of row.cells) {
          const header = cell.tagName === "TH";
          cell.setAttribute("role", group === table.tHead ? "columnheader" : header ? "rowheader" : "cell");
          // A cell across the whole row (a group's heading, "none yet") needs no label.
          if (group !== table.tHead && cell.colSpan === 1 && labels[column] && !cell.hasAttribute("data-label")) {
            cell.dataset.label = labels[column];
          }
          column += cell.colSpan;
        }
      }
    }
  }
});
