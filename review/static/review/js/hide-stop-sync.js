// wagtail-localize's editor always offers "Stop Synced translation". On a clinical page the
// server refuses it to everyone but superusers (review/wagtail_hooks.py); this takes the button
// out of the editor's menu so that it is not offered either. Loaded only where it is refused.
(function () {
  "use strict";
  function removeStopSync(root) {
    root.querySelectorAll('[data-w-action-url-value$="/disable/"]').forEach(function (button) {
      button.remove();
    });
  }
  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    removeStopSync(document);
    new MutationObserver(function () { removeStopSync(document); }).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
