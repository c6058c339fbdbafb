// Suggestions as the visitor types, from /api/v1/search/suggest/. The form works without it.
(function () {
  "use strict";
  const form = document.querySelector(".search-form[data-suggest-url]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const list = document.getElementById("search-suggestions");
  let timer = null;
  let controller = null;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
  }

  function show(results) {
    list.replaceChildren(
      ...results.map(function (result, index) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.id = "search-suggestion-" + index;
        const link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.title;
        if (result.fallback) link.lang = "fr";
        item.append(link);
        return item;
      })
    );
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
    const links = Array.from(list.querySelectorAll("a"));
    if (!links.length) return;
    const current = links.indexOf(document.activeElement);
    const next = current === -1 ? (step > 0 ? 0 : links.length - 1) : current + step;
    if (next < 0 || next >= links.length) return input.focus();
    links[next].focus();
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) close();
  });
})();
