// On paper, the date it was printed (after "Printed from <address>"), in the page's language.
// Pages are cached, so the date cannot come from the server. Without JavaScript only the
// address is printed.
(function () {
    "use strict";
    window.addEventListener("beforeprint", function () {
        var holder = document.querySelector("[data-print-date]");
        if (!holder) {
            return;
        }
        var now = new Date();
        var time = holder.querySelector("time");
        time.dateTime = now.toISOString().slice(0, 10);
        time.textContent = now.toLocaleDateString(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
        holder.hidden = false;
    });
})();
