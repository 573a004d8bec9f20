extension WebAssets {
    /// The cashier screen's script, part: Talking to the agent: requests, idempotency keys, manager approval headers, refusals in words.
    static let screenScriptAgent = #"""
// ---- Talking to the agent ----------------------------------------------------------------------

const session = { csrfToken: null, role: null, rules: null };

class Refusal extends Error {
  /// `problem`: the agent's problem document, for the figures some refusals carry.
  constructor(code, detail, status, problem = {}) {
    super(detail);
    this.code = code;
    this.status = status;
    this.transactionId = problem.transactionId;
    this.remainingAttempts = problem.remainingAttempts;
    this.lockedUntil = problem.lockedUntil;
  }
}

function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/// One request to the agent: JSON in and out, the CSRF token and a fresh Idempotency-Key on changes.
async function call(method, path, body, { approval, accept, key } = {}) {
  const request = { method, headers: {}, credentials: "same-origin" };
  if (accept) request.headers["Accept"] = accept;
  if (method !== "GET") {
    request.headers["X-CSRF-Token"] = session.csrfToken ?? "";
    if (method === "POST") request.headers["Idempotency-Key"] = key ?? newKey();
  }
  if (body !== undefined) {
    request.headers["Content-Type"] = "application/json";
    request.body = JSON.stringify(body);
  }
  attachApproval(request, approval);
  let response;
  try {
    response = await fetch(path, request);
  } catch (error) {
    throw new Refusal("network", String(error), 0);
  }
  const type = response.headers.get("Content-Type") ?? "";
  if (!response.ok) {
    let problem = {};
    if (type.includes("json")) problem = await response.json().catch(() => ({}));
    const refusal = new Refusal(problem.code ?? "http_" + response.status, problem.detail ?? response.statusText,
                                response.status, problem);
    if (refusal.code === "signed_out" && path !== "/web/session") showSignIn(t("e_signed_out"));
    throw refusal;
  }
  return type.includes("json") ? response.json() : response;
}

/// The one place a manager's approval (ID and PIN from the approval dialog) joins a request: the
/// socket API's own headers, so the agent checks it as for any cashier's call (docs/api.md).
function attachApproval(request, approval) {
  if (!approval) return;
  request.headers["X-Manager-Id"] = approval.managerId;
  request.headers["X-Manager-Pin"] = approval.pin;
}

/// A refusal in words: the rule it broke, with the store's figures.
function explain(error, context = {}) {
  if (!(error instanceof Refusal)) return t("e_other", { detail: String(error) });
  const rules = session.rules ?? {};
  const params = {
    min: grouped(rules.minUsePoints ?? 0), unit: grouped(rules.useUnit ?? 1), share: rules.maxUseSharePercent ?? 100,
    maxPayment: grouped(rules.maxPayment ?? 0), detail: error.message, transaction: error.transactionId ?? "",
    balance: grouped(context.balance ?? 0), stamps: grouped(context.stamps ?? 0),
    max: grouped(maxUsable(context.payment ?? 0, context.balance)),
    attempts: error.remainingAttempts ?? "", until: clockTime(error.lockedUntil),
  };
  // A wrong manager PIN says how many more may be tried; a wrong cashier PIN at sign-in has no count.
  const key = error.code === "wrong_pin" && error.remainingAttempts !== undefined ? "e_wrong_manager_pin" : "e_" + error.code;
  return WORDS.ko[key] ? t(key, params) : t("e_other", params);
}

/// "2026-03-02T10:05:00.000+09:00" -> "10:05:00": the store's own clock time, as the agent wrote it.
const clockTime = (stamp) => (stamp ?? "").split("T")[1]?.slice(0, 8) ?? "";

/// The most points one payment may take under the store's share and unit (and the balance, if known).
function maxUsable(payment, balance) {
  const rules = session.rules ?? { maxUseSharePercent: 100, useUnit: 1 };
  let most = Math.floor(payment * rules.maxUseSharePercent / 100);
  if (balance !== undefined && balance !== null) most = Math.min(most, balance);
  return Math.floor(most / rules.useUnit) * rules.useUnit;
}

function say(selector, text, ok = false) {
  const element = $(selector);
  element.textContent = text ?? "";
  element.classList.toggle("ok", ok);
}

"""#
}
