/* Live reload asks the server about saves only while the tab is visible: tell the dashboard
   (store "page-visible") when the tab is hidden or shown again. */
(function () {
  "use strict";

  document.addEventListener("visibilitychange", function () {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("page-visible", {data: document.visibilityState});
    }
  });
})();
