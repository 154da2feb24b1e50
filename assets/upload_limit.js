/* Refuse an over-large timeline file in the browser, before it is read and sent to the server,
   and say why beside the upload (the server checks the same limit again). */
(function () {
  "use strict";

  function zoneOf(target) {
    return target && target.closest ? target.closest("[data-upload-limit]") : null;
  }

  function refuse(event, zone, file) {
    event.preventDefault();
    event.stopImmediatePropagation();
    var limit = Number(zone.getAttribute("data-upload-limit"));
    var text = file.name + ": the file is " + (file.size / 1e6).toFixed(1) +
      " MB; the limit for an upload is " + (limit / 1e6) + " MB";
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("upload-errors", {
        children: {
          type: "Div",
          namespace: "dash_html_components",
          props: {className: "problems", role: "alert", children: text}
        }
      });
    }
  }

  function check(event, files) {
    var zone = zoneOf(event.target);
    if (!zone || !files) {
      return;
    }
    var limit = Number(zone.getAttribute("data-upload-limit"));
    for (var i = 0; i < files.length; i++) {
      if (files[i].size > limit) {
        refuse(event, zone, files[i]);
        if (event.target.value) {
          event.target.value = "";
        }
        return;
      }
    }
  }

  document.addEventListener("drop", function (e) {
    check(e, e.dataTransfer && e.dataTransfer.files);
  }, true);
  document.addEventListener("change", function (e) {
    check(e, e.target && e.target.files);
  }, true);
})();
