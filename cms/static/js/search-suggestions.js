// The search box as an accessible combobox (WAI-ARIA 1.2 "combobox with a listbox popup",
// list autocomplete): as the reader types, the titles of matching guidance from
// /<lang>/search/autocomplete/ appear under the box; Down/Up move through them, Enter opens the
// one chosen, Escape closes the list (and, pressed again, clears the box), and a polite live
// region says how many there are. Without JavaScript, or if the request fails, the box is the
// plain search form it always was. Titles are set as text, never as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggestions-url]");
  if (!form || !window.fetch) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var url = form.getAttribute("data-suggestions-url");
  var listId = input.id + "-suggestions";

  var list = document.createElement("ul");
  list.id = listId;
  list.className = "site-search__suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.getAttribute("data-suggestions-label"));
  list.hidden = true;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");

  var items = [];
  var active = -1;
  var timer = null;
  var pending = null;

  function announce(count) {
    var key = count === 0 ? "data-status-none" : count === 1 ? "data-status-one" : "data-status-many";
    status.textContent = (form.getAttribute(key) || "").replace("{count}", String(count));
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(index) {
    active = index;
    items.forEach(function (item, position) {
      item.element.setAttribute("aria-selected", position === index ? "true" : "false");
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", items[index].element.id);
    items[index].element.scrollIntoView({ block: "nearest" });
  }

  function render(results) {
    list.textContent = "";
    items = results.map(function (result, position) {
      var option = document.createElement("li");
      option.id = listId + "-" + position;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "site-search__suggestion";
      option.textContent = result.title;
      if (result.language && result.language !== document.documentElement.lang) {
        option.lang = result.language;
      }
      // mousedown, not click: the box's blur would close the list first.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.assign(result.url);
      });
      list.appendChild(option);
      return { element: option, url: result.url };
    });
    active = -1;
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    announce(items.length);
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (pending) {
      pending.abort();
      pending = null;
    }
    if (text.length < 2) {
      render([]);
      status.textContent = "";
      return;
    }
    pending = new AbortController();
    fetch(url + "?" + new URLSearchParams({ q: text }), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        if (input.value.trim() === text) {
          render(data.results || []);
        }
      })
      .catch(function () {
        // Aborted by a newer keystroke, or offline: the plain form still works.
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) {
        return;
      }
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = active + step;
      if (next >= items.length) {
        next = 0;
      } else if (next < -1) {
        next = items.length - 1;
      }
      choose(next === -1 && step === -1 ? -1 : next);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      window.location.assign(items[active].url);
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
      }
    } else if (event.key === "Tab") {
      close();
    }
  });

  input.addEventListener("blur", close);
})();
