/* The campaign page: the video is only loaded from its provider when the visitor presses play
   (the page carries a button, never an iframe), the share box's "copy the link" button, and a
   member's "follow" button on an upcoming campaign (the follows API, POST /api/v1/follows/). */
(function () {
  "use strict";

  document.querySelectorAll(".video-facade[data-embed-url]").forEach((facade) => {
    const button = facade.querySelector(".video-facade__play");
    button.addEventListener("click", () => {
      const url = new URL(facade.dataset.embedUrl);
      url.searchParams.set("autoplay", "1");
      const iframe = document.createElement("iframe");
      iframe.src = url.toString();
      iframe.title = facade.dataset.title;
      iframe.allow = "autoplay; fullscreen; picture-in-picture";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      button.replaceWith(iframe);
      iframe.focus();
    });
  });

  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
    });
  });

  document.querySelectorAll("form[data-follow-api]").forEach((form) => {
    const button = form.querySelector("button");
    const status = form.querySelector("[role=status]");
    button.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      let followed = false;
      try {
        const response = await fetch(form.dataset.followApi, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
            "Accept-Language": document.documentElement.lang,
          },
          body: JSON.stringify({ target: form.dataset.target, id: Number(form.dataset.id) }),
        });
        followed = response.ok;
      } catch (error) {
        followed = false;
      }
      status.textContent = followed ? form.dataset.done : form.dataset.failed;
      button.hidden = followed;
      button.disabled = false;
    });
  });
})();
