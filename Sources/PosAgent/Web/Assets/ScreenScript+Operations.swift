extension WebAssets {
    /// The cashier screen's script, part: 적립 and 사용: accrual, point and stamp use.
    static let screenScriptOperations = #"""
// ---- 적립: accrual ------------------------------------------------------------------------------

let busy = false;

async function during(buttons, body) {
  if (busy) return;
  busy = true;
  for (const button of buttons) button.disabled = true;
  try {
    await body();
  } finally {
    busy = false;
    for (const button of buttons) button.disabled = false;
  }
}

function accrue() {
  const amount = digitsOf($("#accrual-amount"));
  const phone = digitsOf($("#accrual-phone"));
  if (!amount || Number(amount) === 0) return say("#accrual-message", t("needAmount"));
  return during([$("#accrual-confirm")], async () => {
    say("#accrual-message", "");
    showResult("#accrual-result", null);
    const body = { payment: Number(amount) };
    if (phone) body.member = { phone };
    try {
      const result = await call("POST", "/v1/accruals", body);
      showResult("#accrual-result", result);
      setDigits($("#accrual-amount"), "");
      setDigits($("#accrual-phone"), "");
      activate($("#accrual-amount"));
    } catch (error) {
      say("#accrual-message", explain(error));
    }
  });
}

// ---- 사용: point and stamp use -------------------------------------------------------------------

const use = { member: null, payment: 0, mode: "points" };

function identifyForUse() {
  const amount = digitsOf($("#use-amount"));
  const phone = digitsOf($("#use-phone"));
  if (!amount || Number(amount) === 0) return say("#use-message", t("needAmount"));
  return during([$("#use-identify-button")], async () => {
    say("#use-message", "");
    showResult("#use-result", null);
    try {
      const found = await call("POST", "/v1/identify", phone ? { member: { phone } } : {});
      use.member = found.member;
      use.payment = Number(amount);
      setUseMode("points");
      $("#use-identify").classList.add("hidden");
      $("#use-spend").classList.remove("hidden");
      renderUseMember();
    } catch (error) {
      say("#use-message", explain(error));
    }
  });
}

function renderUseMember() {
  const member = use.member;
  if (!member) return;
  const card = $("#use-member");
  const name = document.createElement("strong");
  name.textContent = member.phone ?? member.barcode ?? t("memberNumber", { id: member.id });
  const figures = document.createElement("div");
  figures.id = "use-balance";
  figures.textContent = t("pointsBalance") + " " + grouped(member.points) + " P · " + t("stampsBalance") + " " +
    grouped(member.stamps) + " · " + t("amountLine", { amount: grouped(use.payment) });
  card.replaceChildren(name, figures);
  const rules = session.rules;
  $("#use-rules").textContent = use.mode === "points"
    ? t("rulesLine", { min: grouped(rules.minUsePoints), unit: grouped(rules.useUnit), share: rules.maxUseSharePercent,
                       max: grouped(maxUsable(use.payment, member.points)) })
    : t("stampRules", { stamps: grouped(member.stamps), card: grouped(rules.stampCardSize) });
}
rerender.use = renderUseMember;

function setUseMode(mode) {
  use.mode = mode;
  $("#use-mode-points").classList.toggle("selected", mode === "points");
  $("#use-mode-stamps").classList.toggle("selected", mode === "stamps");
  $("#use-quantity-label").dataset.i18n = mode === "points" ? "pointsToUse" : "stampsToUse";
  $("#use-quantity-label").textContent = t($("#use-quantity-label").dataset.i18n);
  $("#use-quantity-unit").textContent = mode === "points" ? "P" : t("stampUnit");
  setDigits($("#use-quantity"), "");
  activate($("#use-quantity"));
  renderUseMember();
}

function spend() {
  const quantity = digitsOf($("#use-quantity"));
  if (!quantity) return say("#use-message", t("needQuantity"));
  return during([$("#use-confirm"), $("#use-restart")], async () => {
    say("#use-message", "");
    const member = { id: use.member.id };
    const context = { balance: use.member.points, stamps: use.member.stamps, payment: use.payment };
    try {
      const result = use.mode === "points"
        ? await call("POST", "/v1/point-uses", { member, payment: use.payment, points: Number(quantity) })
        : await call("POST", "/v1/stamp-uses", { member, stamps: Number(quantity) });
      showResult("#use-result", result);
      use.member = null;
      restartUse(false);
    } catch (error) {
      say("#use-message", explain(error, context));
    }
  });
}

function restartUse(clearResult = true) {
  use.member = null;
  $("#use-spend").classList.add("hidden");
  $("#use-identify").classList.remove("hidden");
  setDigits($("#use-amount"), "");
  setDigits($("#use-phone"), "");
  setDigits($("#use-quantity"), "");
  activate($("#use-amount"));
  if (clearResult) {
    showResult("#use-result", null);
    say("#use-message", "");
  }
}

"""#
}
