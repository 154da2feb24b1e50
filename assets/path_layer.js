/* The path layer: a large chart's shapes on the data axes (chart.lod: bars, date windows,
   ghost outlines and glyphs as a few long path shapes) drawn on a canvas, not by plotly.js.

   plotly.js redraws every shape on a data axis on each mouse move of a drag, parsing and
   converting each path string again (at 100,000 items, 7 MB of them, about 0.7 s a step), and
   once more when the drag ends. This takes those shapes out of the layout plotly.js draws and
   strokes them on a canvas between the plot and its hover layer instead: parsed once (Path2D),
   redrawn when the axes change, and only moved (a CSS transform, as plotly.js moves its traces)
   while a drag is under way. The figure itself is unchanged: images and exports draw the same
   shapes as vector paths, and the camera button downloads them the same way.

   HTML pages carry this inline (data-manual) and their own script takes the shapes and hooks
   the layer (output.fitted). The dashboard loads it as an asset: every Plotly.react of a figure
   whose layout.meta.pathLayer is true (dashboard.views, for large charts) draws through it. */
(function () {
  "use strict";

  function pathLayer(gd, template) {
    var shapes = [], paths = [], box = null, canvas = null, drawn = null, at = null;
    var hooked = null;  // the plotly.js event emitter our handlers are on
    var defaults = ((template || {}).layout || {}).shapedefaults || {};
    var DASH = {dot: [1, 1], dash: [3, 3], longdash: [5, 5], dashdot: [3, 1, 1, 1],
      longdashdot: [5, 2, 1, 2]};  // plotly.js's dashes, in line widths of at least 3 px
    function take(layout) {  // the shapes on the x axis become ours; plotly.js draws the rest
      var kept = [];
      shapes = [];
      (layout.shapes || []).forEach(function (s) { (s.xref === "x" ? shapes : kept).push(s); });
      layout.shapes = kept;
      paths = shapes.map(function (s) { return s.type === "path" ? new Path2D(s.path) : null; });
      drawn = null;  // new shapes: the next draw strokes them, even in the same view
      gd.dataset.paths = "pending";
    }
    function hidden() {  // colour groups switched off in the legend
      var off = {};
      (gd._fullData || []).forEach(function (t) {
        if (t.visible === "legendonly" && t.legendgroup) off[t.legendgroup] = true;
      });
      return off;
    }
    function view() {  // the plot area and both axes' ranges as numbers (dates as ms)
      var f = gd._fullLayout, xa = f.xaxis, ya = f.yaxis;
      return {s: f._size, x: [xa.r2l(xa.range[0]), xa.r2l(xa.range[1])],
        y: [ya.r2l(ya.range[0]), ya.r2l(ya.range[1])], xa: xa, ya: ya};
    }
    function place(v) {
      var first = gd.querySelector(".svg-container > svg.main-svg");
      if (!box) {
        box = document.createElement("div");
        box.className = "path-layer";
        box.style.cssText = "position:absolute;overflow:hidden;pointer-events:none";
        canvas = document.createElement("canvas");
        canvas.style.cssText = "position:absolute;left:0;top:0;transform-origin:0 0";
        box.appendChild(canvas);
      }
      if (box.previousSibling !== first) first.parentNode.insertBefore(box, first.nextSibling);
      box.style.left = v.s.l + "px"; box.style.top = v.s.t + "px";
      box.style.width = canvas.style.width = v.s.w + "px";
      box.style.height = canvas.style.height = v.s.h + "px";
    }
    function stroke(ctx, s, p, ratio) {
      var line = s.line || {}, dline = defaults.line || {};
      var width = line.width !== undefined ? line.width : dline.width;
      if (width === undefined) width = 2;
      ctx.globalAlpha = s.opacity !== undefined ? s.opacity : 1;
      if (s.fillcolor && !/^rgba\(.*,\s*0\)$/.test(s.fillcolor)) {
        ctx.fillStyle = s.fillcolor;
        ctx.fill(p);
      }
      if (width <= 0) return;
      var unit = Math.max(width, 3) * ratio;
      ctx.lineWidth = width * ratio;
      ctx.strokeStyle = line.color || dline.color || "#444";
      ctx.setLineDash((DASH[line.dash] || []).map(function (k) { return k * unit; }));
      ctx.stroke(p);
    }
    function draw() {
      if (!gd._fullLayout || !gd._fullLayout._size) return;
      var v = view(), off = hidden(), ratio = window.devicePixelRatio || 1;
      var key = JSON.stringify([v.s.l, v.s.t, v.s.w, v.s.h, v.x, v.y, off, ratio]);
      place(v);
      canvas.style.transform = "";
      if (key === drawn) return;
      drawn = key; at = v;
      canvas.width = Math.round(v.s.w * ratio); canvas.height = Math.round(v.s.h * ratio);
      var ctx = canvas.getContext("2d");
      var sx = v.s.w * ratio / (v.x[1] - v.x[0]), sy = v.s.h * ratio / (v.y[0] - v.y[1]);
      var m = new DOMMatrix([sx, 0, 0, sy, -v.x[0] * sx, -v.y[1] * sy]);
      function px(x) { return (v.xa.d2l(x) - v.x[0]) * sx; }
      function py(y, ref) {
        return ref === "paper" ? (1 - y) * v.s.h * ratio : (v.ya.d2l(y) - v.y[1]) * sy;
      }
      shapes.forEach(function (s, i) {
        if (s.visible === false || off[s.legendgroup]) return;
        var p = new Path2D();
        if (paths[i]) p.addPath(paths[i], m);
        else if (s.type === "rect") {
          var x0 = px(s.x0), y0 = py(s.y0, s.yref);
          p.rect(x0, y0, px(s.x1) - x0, py(s.y1, s.yref) - y0);
        } else { p.moveTo(px(s.x0), py(s.y0, s.yref)); p.lineTo(px(s.x1), py(s.y1, s.yref)); }
        stroke(ctx, s, p, ratio);
      });
      gd.dataset.paths = "drawn";
    }
    function follow() {  // during a drag: move what is drawn to where the axes now put it
      if (!at) return;
      var v = view(), kx = (at.x[1] - at.x[0]) / (v.x[1] - v.x[0]);
      var ky = (at.y[0] - at.y[1]) / (v.y[0] - v.y[1]);
      var tx = (at.x[0] - v.x[0]) / (v.x[1] - v.x[0]) * v.s.w;
      var ty = (at.y[1] - v.y[1]) / (v.y[0] - v.y[1]) * v.s.h;
      canvas.style.transform = "translate(" + tx + "px," + ty + "px) scale(" + kx + "," + ky + ")";
    }
    function figure() {  // what plotly.js draws plus our shapes: for the image download
      var off = hidden(), layout = Object.assign({}, gd.layout);
      layout.shapes = (layout.shapes || []).concat(shapes.map(function (s) {
        return off[s.legendgroup] ? Object.assign({}, s, {visible: false}) : s;
      }));
      return {data: gd.data, layout: layout};
    }
    function download(g) {
      var options = Object.assign({format: "png"}, g._context.toImageButtonOptions || {});
      Plotly.downloadImage(figure(), options);
    }
    function config(base) {  // the camera button downloads the chart with our shapes
      return Object.assign({}, base, {modeBarButtonsToRemove: ["toImage"], modeBarButtonsToAdd: [{
        name: "toImage", title: "Download plot as a PNG", icon: Plotly.Icons.camera,
        click: download}]});
    }
    function hook() {
      if (hooked === gd._ev) return;  // a new plot (Plotly.newPlot) drops every handler
      hooked = gd._ev;
      ["afterplot", "relayout", "restyle", "update"].forEach(function (name) {
        gd.on("plotly_" + name, draw);
      });
      gd.on("plotly_relayouting", follow);
      draw();
    }
    return {take: take, hook: hook, draw: draw, config: config};
  }

  window.pathLayer = pathLayer;
  const manual = document.currentScript && document.currentScript.hasAttribute("data-manual");
  if (manual) return;

  function layered(react) {  // Plotly.react, with a large chart's shapes taken to the canvas
    return function (gd, figure) {
      const args = Array.prototype.slice.call(arguments);
      const whole = figure && Array.isArray(figure.data);  // react(gd, {data, layout, config})
      const layout = (whole ? figure.layout : args[2]) || {};
      const large = Boolean(layout.meta && layout.meta.pathLayer);
      if (!gd || !gd.nodeType || (!large && !gd.__pathLayer)) return react.apply(this, args);
      const layer = gd.__pathLayer || (gd.__pathLayer = pathLayer(gd, layout.template));
      const own = Object.assign({}, layout);  // the shapes leave a copy: Dash keeps the figure
      if (large) layer.take(own);
      else layer.take({shapes: []});  // a small chart now: nothing left on the canvas
      if (whole) args[1] = Object.assign({}, figure, {layout: own});
      else args[2] = own;
      return Promise.resolve(react.apply(this, args)).then(function (done) {
        layer.hook();
        layer.draw();
        return done;
      });
    };
  }

  function wrap(plotly) {
    if (plotly && !plotly.__pathLayer) {
      plotly.react = layered(plotly.react);
      plotly.__pathLayer = true;
    }
    return plotly;
  }

  if (window.Plotly) wrap(window.Plotly);
  else {  // Dash loads plotly.js when the first graph needs it
    let loaded;
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      get: function () { return loaded; },
      set: function (value) { loaded = wrap(value); },
    });
  }
})();
