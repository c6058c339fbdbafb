/* The deductible gift on a campaign's pledge form: what the amount typed costs after tax. */
(function () {
  const box = document.querySelector(".tax-gift");
  const amount = document.getElementById("pledge-amount");
  const rate = box && Number(box.dataset.taxRate);
  if (!box || !amount || !rate) return;
  const shown = box.querySelector(".tax-gift__amount");
  const after = box.querySelector(".tax-gift__after");
  const update = () => {
    const euros = Math.max(0, Math.round(Number(amount.value) || 0));
    shown.textContent = euros;
    after.textContent = (euros - (euros * rate) / 100).toLocaleString(document.documentElement.lang, {
      maximumFractionDigits: 2,
    });
  };
  amount.addEventListener("input", update);
  update();
})();
