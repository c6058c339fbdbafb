/* The campaign page: the video is only loaded from its provider when the visitor presses play
   (the page carries a button, never an iframe), and the share box's "copy the link" button. */
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
})();
