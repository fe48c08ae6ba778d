// "Exit this page" (GOV.UK's pattern): the button, or Shift pressed three times, replaces this
// page with a neutral site so that Back does not return here. Without JavaScript the button is a
// plain link to the same site.
(function () {
  "use strict";
  var control = document.querySelector("[data-exit-url]");
  if (!control) {
    return;
  }
  var url = control.getAttribute("data-exit-url");

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.style.visibility = "hidden";
    document.title = "";
    window.location.replace(url);
  }

  control.querySelector("a").addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) {
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      presses = 0;
    }, 1000);
    if (presses >= 3) {
      leave();
    }
  });
})();
