/* A chart's bars, date windows and outlines are path shapes between the grid and the traces
   (chart.parts, chart.lod), hidden with their colour group by a legend click. plotly.js 4.1
   leaves such a shape drawn when an update hides it (the legend's, or Plotly.react's): after
   every draw of every chart on the page, remove the drawn paths of shapes no longer visible.
   The dashboard loads this file as an asset; HTML pages and fragments carry it inline. */
(function () {
  "use strict";

  function prune(gd) {
    const shapes = (gd._fullLayout && gd._fullLayout.shapes) || [];
    gd.querySelectorAll(".shapelayer path[data-index]").forEach(function (path) {
      const shape = shapes[Number(path.getAttribute("data-index"))];
      if (!shape || shape.visible !== true) path.remove();
    });
  }

  function hook(gd) {
    if (gd.dataset.shapeLayers || typeof gd.on !== "function") return;
    gd.dataset.shapeLayers = "pruned";
    ["afterplot", "restyle", "relayout", "update"].forEach(function (name) {
      gd.on("plotly_" + name, function () { prune(gd); });
    });
    prune(gd);
  }

  function scan() {
    document.querySelectorAll(".js-plotly-plot").forEach(hook);
  }

  if (!window.MutationObserver || window.__shapeLayers) return;
  window.__shapeLayers = true;  // once, even where a page carries several charts' copies
  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  scan();
})();
