/* Pledging with Stripe.js's card element: the campaign page's form and the recovery page.
   Every card is saved on a SetupIntent the server opened (confirmCardSetup), the one flow both
   Stripe.js and localstripe's fake of it support with a card element.
   All-or-nothing: that is all, the card is charged at the deadline.
   Flexible and recovery: the server then charges the saved card, and confirmCardPayment only
   runs when the bank asks for 3-D Secure.
   Failures read in the page's language: the page gives its messages (json_script) and the
   table from Stripe's error and decline codes to them. */
(function () {
  "use strict";

  const PLACEHOLDER_TOKEN = "00000000-0000-0000-0000-000000000000";

  function paymentMessages() {
    const script = document.getElementById("payment-messages");
    return script ? JSON.parse(script.textContent) : { messages: {}, codes: {} };
  }

  const { messages, codes } = paymentMessages();

  /* A Stripe.js error (or a failed intent's last error) as the page's language says it. */
  function stripeMessage(error) {
    const key =
      codes[error.decline_code] ||
      codes[error.code] ||
      (error.type === "api_connection_error" ? "network" : "generic");
    return messages[key] || messages.generic || error.message;
  }

  /* Members' pages carry the token; the page anonymous visitors get is cached and carries
     none, and the API asks none of them. */
  function csrfToken(form) {
    const field = form.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function messageOf(problem) {
    if (typeof problem === "string") return problem;
    if (problem instanceof TypeError) return messages.network || problem.message;
    if (problem && problem.errors) return Object.values(problem.errors).flat().join(" ");
    if (problem && problem.detail) return problem.detail;
    if (problem && (problem.code || problem.type || problem.decline_code)) {
      return stripeMessage(problem);
    }
    return messages.generic || (problem && problem.message) || String(problem);
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
    const locale = document.documentElement.lang || "auto";
    const stripe = Stripe(form.dataset.stripeKey, { locale });
    const card = stripe.elements({ locale }).create("card");
    card.mount("#card-element");
    return { stripe, card };
  }

  async function postJson(url, form, body, headers) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(form),
        "Accept-Language": document.documentElement.lang,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) throw data;
    return data;
  }

  /* Stripe.js answers an error, or an intent that may have failed all the same (localstripe
     reports a refused 3-D Secure as a PaymentIntent waiting for another card). */
  function check(result, intentName) {
    if (result.error) throw result.error;
    const intent = result[intentName];
    if (intent && intent.status !== "succeeded" && intent.status !== "processing") {
      throw intent.last_payment_error || intent.last_setup_error || { code: "generic" };
    }
  }

  async function saveCard(stripe, card, clientSecret, billing) {
    check(
      await stripe.confirmCardSetup(clientSecret, {
        payment_method: { card, billing_details: billing },
      }),
      "setupIntent"
    );
  }

  async function authenticate(stripe, payment) {
    if (payment.status === "requires_action") {
      check(await stripe.confirmCardPayment(payment.client_secret), "paymentIntent");
    }
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

  function pledgeBody(form, data) {
    const tier = data.get("reward_tier");
    const body = {
      campaign: Number(form.dataset.campaign),
      amount: Math.round(Number(data.get("amount")) * 100),
      currency: "EUR",
      reward_tier: tier ? Number(tier) : null,
      anonymous: data.get("anonymous") === "on",
      hide_amount: data.get("hide_amount") === "on",
    };
    if (data.get("deductible") === "on") body.tax_receipt = taxReceipt(data);
    if (data.get("email") !== null) {
      body.email = data.get("email");
      body.name = data.get("name");
    }
    return body;
  }

  /* The deductible gift's details (templates/tax/gift_offer.html); {} uses a member's kept ones. */
  function taxReceipt(data) {
    const receipt = {};
    for (const [name, value] of data.entries()) {
      if (name.startsWith("tax_") && value) receipt[name.slice(4)] = value;
    }
    return receipt;
  }

  function setUpPledge(form) {
    const { stripe, card } = mountCard(form);
    const flexible = form.dataset.fundingModel === "flexible";
    /* A pledge whose card Stripe.js refused is tried again with the next card, as long as
       the visitor changed nothing else: it holds the reward's place meanwhile. */
    let waiting = null;
    handle(form, async (data) => {
      const body = pledgeBody(form, data);
      const key = JSON.stringify(body);
      if (!waiting || waiting.key !== key) {
        waiting = { key, pledge: await postJson(form.dataset.apiUrl, form, body) };
      }
      let pledge = waiting.pledge;
      const billing = body.email ? { name: body.name, email: body.email } : {};
      if (pledge.status === "pending") {
        await saveCard(stripe, card, pledge.client_secret, billing);
      }
      if (flexible) {
        const payUrl = form.dataset.payUrl.replace(/\/0\/pay\/$/, `/${pledge.id}/pay/`);
        waiting = null; // a refused charge fails the pledge: the next try is a new one
        pledge = await postJson(payUrl, form, {}, { "X-Pledge-Token": pledge.token });
        await authenticate(stripe, pledge);
      }
      waiting = null;
      window.location.assign(form.dataset.detailUrl.replace(PLACEHOLDER_TOKEN, pledge.token));
    });
  }

  function setUpRecovery(form) {
    const { stripe, card } = mountCard(form);
    const url = window.location.pathname;
    handle(form, async () => {
      const setup = await postJson(url, form, {});
      await saveCard(stripe, card, setup.client_secret, {});
      const setupIntent = setup.client_secret.split("_secret_")[0];
      const payment = await postJson(url, form, { setup_intent: setupIntent });
      await authenticate(stripe, payment);
      window.location.assign(form.dataset.doneUrl);
    });
  }

  const pledgeForm = document.getElementById("pledge-form");
  if (pledgeForm) setUpPledge(pledgeForm);
  const recoveryForm = document.getElementById("recovery-form");
  if (recoveryForm) setUpRecovery(recoveryForm);
})();
