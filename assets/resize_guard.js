/* A chart's pending resize waits while the chart is pressed. dcc.Graph resizes its chart
   (Plotly.Plots.resize) after drawing a figure and whenever its box changes, and plotly.js lays
   the chart out again 100 ms later. When that falls between the press that begins a drag and
   the drag's first move, plotly.js 4.1 drops the drag and the chart stays where it was (3 of 3
   such drags; 1 drag in 25 begun just after the dashboard's first view). So a press on a chart
   puts off its pending resize until the button is released. */
(function () {
  "use strict";

  document.addEventListener("pointerdown", function (event) {
    const gd = event.target.closest && event.target.closest(".js-plotly-plot");
    // Plotly.Plots.resize keeps its promise's resolver here until its relayout is done
    if (!gd || !gd._resolveResize || !window.Plotly) return;
    clearTimeout(gd._redrawTimer);
    window.addEventListener("pointerup", function () {
      setTimeout(function () {  // after plotly.js has ended the drag
        if (!gd.isConnected) return;
        // resolves the put-off resize's promise too (plotly.js chains them)
        Promise.resolve(window.Plotly.Plots.resize(gd)).catch(function () {});
      }, 0);
    }, {capture: true, once: true});
  }, true);
})();
