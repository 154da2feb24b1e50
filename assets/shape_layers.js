/* A chart's bars, date windows and outlines are path shapes between the grid and the traces
   (chart.parts, chart.lod), hidden with their colour group by a legend click. plotly.js 4.1
   leaves such a shape drawn when an update hides it (the legend's, or Plotly.react's): after
   every draw of a chart, remove the drawn paths of shapes no longer visible. The dashboard
   loads this file as an asset and it hooks a chart when it is first pressed; HTML pages and
   fragments carry it inline (data-manual) and their own script hooks its chart as soon as it
   is drawn (output.fitted). */
(function () {
  "use strict";

  function prune(gd) {
    const shapes = (gd._fullLayout && gd._fullLayout.shapes) || [];
    gd.querySelectorAll(".shapelayer path[data-index]").forEach(function (path) {
      const shape = shapes[Number(path.getAttribute("data-index"))];
      if (!shape || shape.visible !== true) path.remove();
    });
  }

  const hooked = new WeakMap();  // chart -> the plotly.js event emitter our handlers are on

  function hook(gd) {
    // a new plot (Plotly.newPlot) drops every handler: hook again when the emitter is new
    if (typeof gd.on !== "function" || hooked.get(gd) === gd._ev) return;
    hooked.set(gd, gd._ev);
    ["afterplot", "restyle", "relayout", "update"].forEach(function (name) {
      gd.on("plotly_" + name, function () { prune(gd); });
    });
    prune(gd);
  }

  const manual = document.currentScript && document.currentScript.hasAttribute("data-manual");
  if (window.shapeLayers) return;  // once, even where a page carries several charts' copies
  window.shapeLayers = {hook: hook};
  if (manual) return;
  // Hooked on the first press inside a chart, before the click it starts can hide anything;
  // not by watching the page, which would record each of the thousands of changes a draw makes.
  document.addEventListener("pointerdown", function (event) {
    const gd = event.target.closest && event.target.closest(".js-plotly-plot");
    if (gd) hook(gd);
  }, true);
})();
