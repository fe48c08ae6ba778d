// Forms marked data-forget (the confidential call-back form) are emptied whenever the page is
// shown again from the browser's back-forward cache: what a reader typed must not come back on
// Back, on a shared or watched device. (The form is also autocomplete="off", so the browser does
// not restore its fields when it loads the page again, and the page is never stored: no-store.)
(function () {
  "use strict";
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-forget]").forEach(function (form) {
      form.reset();
    });
  });
})();
