// Suggestions as the visitor types, from /api/v1/search/suggest/. The form works without it.
// The ARIA 1.2 combobox pattern: focus stays in the input; the arrows move the active option
// (aria-activedescendant), Enter opens it (or searches when none is active), Escape closes.
(function () {
  "use strict";
  const form = document.querySelector(".search-form[data-suggest-url]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const list = document.getElementById("search-suggestions");
  let timer = null;
  let controller = null;
  let active = -1;

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"));
  }

  function activate(index) {
    const all = options();
    active = index;
    all.forEach(function (option, position) {
      option.setAttribute("aria-selected", position === index ? "true" : "false");
    });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    input.setAttribute("aria-expanded", "false");
  }

  function show(results) {
    list.replaceChildren(
      ...results.map(function (result, index) {
        const option = document.createElement("li");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.id = "search-suggestion-" + index;
        option.dataset.url = result.url;
        option.textContent = result.title;
        if (result.fallback) option.lang = "fr";
        return option;
      })
    );
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  async function suggest() {
    const q = input.value.trim();
    if (q.length < 2) return close();
    if (controller) controller.abort();
    controller = new AbortController();
    const url = new URL(form.dataset.suggestUrl, window.location.href);
    url.searchParams.set("q", q);
    url.searchParams.set("lang", form.dataset.language);
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return close();
      const data = await response.json();
      if (input.value.trim() === q) show(data.results || []);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  function move(step) {
    const count = options().length;
    if (!count) return;
    let next = active === -1 ? (step > 0 ? 0 : count - 1) : active + step;
    if (next < 0 || next >= count) next = -1;
    activate(next);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].dataset.url);
    }
  });
  list.addEventListener("click", function (event) {
    const option = event.target.closest("[role=option]");
    if (option) window.location.assign(option.dataset.url);
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) close();
  });
})();
