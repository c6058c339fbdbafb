/* Pledging with Stripe.js's card element: the campaign page's form and the recovery page.
   All-or-nothing: the API opens a SetupIntent, confirmCardSetup saves the card.
   Flexible and recovery: the card becomes a PaymentMethod, the server confirms the payment, and
   confirmCardPayment only runs when the bank asks for 3-D Secure. */
(function () {
  "use strict";

  /* Members' pages carry the token; the page anonymous visitors get is cached and carries
     none, and the API asks none of them. */
  function csrfToken(form) {
    const field = form.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function messageOf(problem) {
    if (typeof problem === "string") return problem;
    return (problem && problem.message) || String(problem);
  }

  /* Every error at once: each beside its field, tied to it by aria-describedby and
     aria-invalid, and all of them, field named, in the form's alert. Stripe.js's card errors
     and the others have no field of the form: they are in the alert alone. */
  function showErrors(form, alert, problem) {
    form.querySelectorAll("[data-field-error]").forEach((list) => list.remove());
    form.querySelectorAll("[aria-invalid]").forEach((input) => {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    alert.replaceChildren();
    if (!problem) return;
    const summary = document.createElement("ul");
    summary.className = "errorlist";
    alert.append(summary);
    const byField = problem.errors || { non_field_errors: [messageOf(problem)] };
    let first = null;
    for (const [name, messages] of Object.entries(byField)) {
      const input = form.querySelector(`[name="${name}"]:not([type=hidden])`);
      const label = input && (form.querySelector(`label[for="${input.id}"]`) || input.closest("fieldset")?.querySelector("legend"));
      for (const message of messages) {
        const item = document.createElement("li");
        item.textContent = label ? `${label.textContent.trim()}: ${message}` : message;
        summary.append(item);
      }
      if (!input) continue;
      const list = document.createElement("ul");
      list.className = "errorlist";
      list.id = `pledge-${name}-error`;
      list.dataset.fieldError = "";
      for (const message of messages) {
        const item = document.createElement("li");
        item.textContent = message;
        list.append(item);
      }
      if (input.type === "radio") input.closest("fieldset").querySelector("legend").after(list);
      else input.before(list);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", list.id);
      first = first || input;
    }
    if (first) first.focus();
  }

  function mountCard(form) {
    const stripe = Stripe(form.dataset.stripeKey);
    const card = stripe.elements().create("card");
    card.mount("#card-element");
    return { stripe, card };
  }

  async function postJson(url, form, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(form),
        "Accept-Language": document.documentElement.lang,
      },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) throw data;
    return data;
  }

  function handle(form, work) {
    const errors = document.getElementById("pledge-errors");
    const button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      showErrors(form, errors, null);
      button.disabled = true;
      try {
        await work(new FormData(form));
      } catch (problem) {
        showErrors(form, errors, problem);
        button.disabled = false;
      }
    });
  }

  function setUpPledge(form) {
    const { stripe, card } = mountCard(form);
    const flexible = form.dataset.fundingModel === "flexible";
    handle(form, async (data) => {
      const tier = data.get("reward_tier");
      const body = {
        campaign: Number(form.dataset.campaign),
        amount: Math.round(Number(data.get("amount")) * 100),
        currency: "EUR",
        reward_tier: tier ? Number(tier) : null,
        anonymous: data.get("anonymous") === "on",
        hide_amount: data.get("hide_amount") === "on",
      };
      if (data.get("email") !== null) {
        body.email = data.get("email");
        body.name = data.get("name");
      }
      const billing = body.email ? { name: body.name, email: body.email } : {};
      if (flexible) {
        const created = await stripe.createPaymentMethod({ type: "card", card, billing_details: billing });
        if (created.error) throw created.error;
        body.payment_method = created.paymentMethod.id;
      }
      const pledge = await postJson(form.dataset.apiUrl, form, body);
      let result = {};
      if (pledge.status === "pending" && !flexible) {
        result = await stripe.confirmCardSetup(pledge.client_secret, {
          payment_method: { card, billing_details: billing },
        });
      } else if (pledge.status === "requires_action") {
        result = await stripe.confirmCardPayment(pledge.client_secret);
      }
      if (result.error) throw result.error;
      window.location.assign(
        form.dataset.detailUrl.replace("00000000-0000-0000-0000-000000000000", pledge.token)
      );
    });
  }

  function setUpRecovery(form) {
    const { stripe, card } = mountCard(form);
    handle(form, async () => {
      const created = await stripe.createPaymentMethod({ type: "card", card });
      if (created.error) throw created.error;
      const payment = await postJson(window.location.pathname, form, {
        payment_method: created.paymentMethod.id,
      });
      if (payment.status === "requires_action") {
        const result = await stripe.confirmCardPayment(payment.client_secret);
        if (result.error) throw result.error;
      }
      window.location.assign(form.dataset.doneUrl);
    });
  }

  const pledgeForm = document.getElementById("pledge-form");
  if (pledgeForm) setUpPledge(pledgeForm);
  const recoveryForm = document.getElementById("recovery-form");
  if (recoveryForm) setUpRecovery(recoveryForm);
})();
