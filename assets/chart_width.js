/* The chart is laid out (labels, titles) for the width it is drawn at: tell the dashboard (store
   named on data-width-store) which of the widths on the chart card's data-fit-widths fits the chart now, at
   first and whenever the chart's box changes width (window resized, details shown or hidden). */
(function () {
  "use strict";

  let observed = null;
  let sent = null;
  const resize = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { report(entry.target); });
  });

  function report(card) {
    const widths = (card.getAttribute("data-fit-widths") || "").split(",").map(Number);
    const graph = card.querySelector("#gantt");
    if (!graph || !widths.length || !window.dash_clientside || !window.dash_clientside.set_props) {
      return;
    }
    const width = graph.clientWidth;
    const fits = widths.filter(function (w) { return w <= width; });
    const fit = fits.length ? fits[fits.length - 1] : widths[0];
    if (fit !== sent) {
      sent = fit;
      window.dash_clientside.set_props(card.getAttribute("data-width-store"), {data: fit});
    }
  }

  function watch() {
    const card = document.querySelector("[data-fit-widths]");
    if (card !== observed) {
      if (observed) { resize.unobserve(observed); }
      observed = card;
      sent = null;
      if (card) { resize.observe(card); }
    }
  }

  function start() {
    new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
    watch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
