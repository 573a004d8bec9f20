extension WebAssets {
    /// The cashier screen's behaviour: sign-in, the four menus, the live feed, and refusals in words.
    static let screenScript = #"""
"use strict";

// ---- Words -------------------------------------------------------------------------------------

const WORDS = {
  ko: {
    tablet: "태블릿", scanner: "스캐너", backlog: "업로드 대기", attached: "연결됨", absent: "없음",
    items: "{n}건", agentUnreachable: "에이전트 연결 끊김", signOut: "로그아웃", signInTitle: "캐셔 로그인",
    signInHint: "매장 캐셔 PIN을 입력하세요", signIn: "로그인", accrual: "적립", use: "사용", history: "내역",
    conversion: "포인트 전환", waitingForCustomer: "태블릿에서 고객 입력을 기다리는 중", cancelPrompt: "요청 취소",
    paymentAmount: "결제 금액", won: "원", phoneOptional: "휴대폰 번호 (비우면 고객이 태블릿에 입력)", phone: "휴대폰 번호",
    accrue: "적립", identify: "회원 확인", usePoints: "포인트 사용", useStamps: "스탬프 사용", pointsToUse: "사용할 포인트",
    stampsToUse: "사용할 스탬프", newCustomer: "새 고객", useConfirm: "사용", today: "오늘", yesterday: "어제", week: "7일",
    month: "이번 달", lastFour: "전화번호 뒷 4자리", search: "검색", downloadCSV: "CSV 다운로드", time: "시간", type: "유형",
    member: "회원", payment: "결제 금액", points: "포인트", stamps: "스탬프", state: "상태", noTransactions: "거래가 없습니다",
    more: "더 보기", selectHint: "취소할 거래를 누르세요", cancelTransaction: "거래취소", pointsToGrant: "지급할 포인트",
    stampsToGrant: "지급할 스탬프", stampUnit: "개", reason: "사유", reasonEvent: "이벤트", reasonCompensation: "고객 보상",
    reasonCorrection: "오류 정정", reasonOther: "직접 입력", convert: "전환 (관리자 승인)", reasonCustomer: "고객 요청",
    reasonReturn: "반품", reasonMistake: "입력 오류", no: "아니요", yesCancel: "예, 취소합니다", managerApproval: "관리자 승인",
    managerId: "관리자 ID", managerPin: "관리자 PIN", back: "돌아가기", approve: "승인",
    typeAccrual: "적립", typePointUse: "포인트 사용", typeStampUse: "스탬프 사용", typeConversion: "포인트 전환",
    typeCancellation: "거래취소", typeExpiry: "소멸", cancelled: "취소됨",
    doneAccrual: "적립 완료", donePointUse: "포인트 사용 완료", doneStampUse: "스탬프 사용 완료",
    doneConversion: "포인트 전환 완료", doneCancellation: "거래 취소 완료",
    earnedPoints: "포인트", earnedStamps: "스탬프", balancePoints: "잔여 포인트", balanceStamps: "스탬프", newMember: "신규 회원",
    pointsBalance: "포인트 잔액", stampsBalance: "스탬프", memberNumber: "회원 #{id}",
    promptIdentify: "고객이 휴대폰 번호를 입력하거나 회원 카드를 스캔할 차례입니다", promptPoints: "고객이 사용할 포인트를 입력할 차례입니다",
    promptCode: "고객이 앱에 표시된 6자리 코드를 입력할 차례입니다", promptCoupon: "고객이 쿠폰 바코드를 스캐너에 보여 줄 차례입니다",
    amountLine: "결제 {amount}원", rulesLine: "최소 {min}P · {unit}P 단위 · 결제 금액의 {share}%까지 (이번 결제 최대 {max}P)",
    stampRules: "보유 스탬프 {stamps}개 · 카드 {card}개", selected: "#{id} {type} · {when} · {payment}원",
    confirmCancel: "거래 #{id} ({type}, {payment}원)을 취소할까요?", approvalFor: "{what}에는 관리자 승인이 필요합니다",
    whatCancel: "거래 #{id} 취소", whatConversion: "포인트 전환", whatCSV: "CSV 다운로드",
    needAmount: "결제 금액을 입력하세요", needPhone: "휴대폰 번호를 입력하세요", needQuantity: "사용할 수량을 입력하세요",
    needGrant: "지급할 포인트나 스탬프를 입력하세요", needReason: "사유를 고르거나 입력하세요",
    needManager: "관리자 ID와 PIN을 입력하세요", csvSaved: "CSV 파일을 내려받았습니다", promptCancelledOk: "요청을 취소했습니다",
    e_network: "에이전트에 연결할 수 없습니다. 잠시 후 다시 시도하세요",
    e_wrong_pin: "PIN이 맞지 않습니다", e_too_many_attempts: "PIN을 여러 번 틀렸습니다. 잠시 후 다시 시도하세요",
    e_no_cashier_pin: "캐셔 PIN이 설정되지 않았습니다. 관리자에게 문의하세요",
    e_signed_out: "다시 로그인하세요", e_csrf: "화면을 새로 고침한 뒤 다시 하세요", e_foreign_origin: "이 화면에서만 사용할 수 있습니다",
    e_forbidden: "관리자 권한이 필요합니다. 관리자 승인을 받아 다시 하세요",
    managerASCII: "관리자 ID와 PIN은 이 화면에서 영문자, 숫자, 기호로만 입력할 수 있습니다",
    e_wrong_manager_pin: "관리자 PIN이 맞지 않습니다. {attempts}번 더 틀리면 이 관리자는 잠깁니다",
    e_manager_locked: "PIN을 여러 번 틀려 이 관리자는 {until}까지 잠겼습니다. 다른 관리자가 승인하거나, 마스터 관리자에게 PIN 재설정을 요청하세요",
    e_no_managers: "등록된 관리자가 없어 승인할 수 없습니다. 먼저 관리자를 등록하세요 (posagent manager add)",
    e_unknown_manager: "등록되지 않은 관리자 ID입니다. ID를 확인하세요",
    e_incomplete_manager_credentials: "관리자 ID와 PIN을 모두 입력하세요",
    e_invalid_manager_id: "관리자 ID는 영문자와 숫자 50자까지입니다. ID를 확인하세요",
    e_invalid_pin: "관리자 PIN은 6자 이상입니다. 다시 입력하세요",
    e_below_minimum_use: "포인트는 한 번에 {min}P 이상부터 사용할 수 있습니다",
    e_off_use_unit: "포인트는 {unit}P 단위로 사용할 수 있습니다",
    e_exceeds_use_share: "포인트로는 결제 금액의 {share}%까지만 낼 수 있습니다 (이번 결제 최대 {max}P)",
    e_insufficient_points: "포인트 잔액이 부족합니다 (잔액 {balance}P)",
    e_insufficient_stamps: "스탬프가 부족합니다 (보유 {stamps}개)",
    e_invalid_amount: "금액을 확인하세요: 0보다 큰 숫자여야 합니다",
    e_amount_too_large: "결제 금액이 너무 큽니다 (최대 {maxPayment}원). 금액을 확인하세요",
    e_invalid_phone: "휴대폰 번호를 확인하세요 (예: 010-1234-5678)",
    e_invalid_barcode: "이 매장의 회원 카드가 아닙니다",
    e_member_not_found: "회원을 찾을 수 없습니다",
    e_transaction_not_found: "거래를 찾을 수 없습니다",
    e_already_cancelled: "이미 취소된 거래입니다",
    e_points_already_spent: "적립된 포인트가 이미 사용되었습니다. 사용 거래(#{transaction})를 먼저 취소하세요",
    e_not_cancellable: "이 거래는 취소할 수 없습니다",
    e_invalid_reason: "사유를 입력하세요",
    e_tablet_busy: "태블릿이 다른 고객의 입력을 기다리고 있습니다. 끝나거나 요청을 취소한 뒤 다시 하세요",
    e_prompt_cancelled: "요청을 취소했습니다",
    e_customer_cancelled: "고객이 태블릿에서 취소했습니다",
    e_prompt_timeout: "고객이 제한 시간 안에 입력하지 않았습니다. 다시 하거나 번호를 직접 입력하세요",
    e_no_tablet: "태블릿이 연결되어 있지 않습니다. 휴대폰 번호를 직접 입력하세요",
    e_tablet_unresponsive: "태블릿이 응답하지 않습니다. 케이블을 확인하거나 번호를 직접 입력하세요",
    e_bad_points_input: "고객이 포인트를 숫자로 입력하지 않았습니다. 다시 하세요",
    e_storage: "장부에 기록할 수 없습니다. 관리자에게 문의하세요",
    e_other: "처리할 수 없습니다: {detail}",
  },
  en: {
    tablet: "Tablet", scanner: "Scanner", backlog: "Upload queue", attached: "attached", absent: "absent",
    items: "{n}", agentUnreachable: "Agent unreachable", signOut: "Sign out", signInTitle: "Cashier sign-in",
    signInHint: "Enter the store's cashier PIN", signIn: "Sign in", accrual: "Accrual", use: "Use", history: "History",
    conversion: "Conversion", waitingForCustomer: "Waiting for the customer on the tablet", cancelPrompt: "Cancel request",
    paymentAmount: "Payment", won: "won", phoneOptional: "Phone (leave empty: the customer types it on the tablet)",
    phone: "Phone", accrue: "Accrue", identify: "Find member", usePoints: "Use points", useStamps: "Use stamps",
    pointsToUse: "Points to use", stampsToUse: "Stamps to use", newCustomer: "New customer", useConfirm: "Use",
    today: "Today", yesterday: "Yesterday", week: "7 days", month: "This month", lastFour: "Last 4 digits of phone",
    search: "Search", downloadCSV: "Download CSV", time: "Time", type: "Type", member: "Member", payment: "Payment",
    points: "Points", stamps: "Stamps", state: "State", noTransactions: "No transactions", more: "More",
    selectHint: "Tap a transaction to cancel it", cancelTransaction: "Cancel transaction", pointsToGrant: "Points to grant",
    stampsToGrant: "Stamps to grant", stampUnit: "", reason: "Reason", reasonEvent: "Event", reasonCompensation: "Compensation",
    reasonCorrection: "Correction", reasonOther: "Other reason", convert: "Convert (manager approval)",
    reasonCustomer: "Customer request", reasonReturn: "Return", reasonMistake: "Entry mistake", no: "No",
    yesCancel: "Yes, cancel it", managerApproval: "Manager approval", managerId: "Manager ID", managerPin: "Manager PIN",
    back: "Back", approve: "Approve",
    typeAccrual: "Accrual", typePointUse: "Point use", typeStampUse: "Stamp use", typeConversion: "Conversion",
    typeCancellation: "Cancellation", typeExpiry: "Expiry", cancelled: "cancelled",
    doneAccrual: "Accrued", donePointUse: "Points used", doneStampUse: "Stamps used", doneConversion: "Converted",
    doneCancellation: "Cancelled",
    earnedPoints: "Points", earnedStamps: "Stamps", balancePoints: "Points balance", balanceStamps: "Stamps", newMember: "new member",
    pointsBalance: "Points", stampsBalance: "Stamps", memberNumber: "Member #{id}",
    promptIdentify: "The customer is to type a phone number or scan a membership card", promptPoints: "The customer is to type the points to use",
    promptCode: "The customer is to type the 6-digit code their app shows", promptCoupon: "The customer is to show the coupon to the scanner",
    amountLine: "Payment {amount} won", rulesLine: "At least {min} P · in multiples of {unit} P · up to {share}% of the payment (at most {max} P now)",
    stampRules: "{stamps} stamps held · card of {card}", selected: "#{id} {type} · {when} · {payment} won",
    confirmCancel: "Cancel transaction #{id} ({type}, {payment} won)?", approvalFor: "{what} needs a manager's approval",
    whatCancel: "Cancelling #{id}", whatConversion: "A conversion", whatCSV: "The CSV download",
    needAmount: "Enter the payment", needPhone: "Enter the phone number", needQuantity: "Enter how many to use",
    needGrant: "Enter points or stamps to grant", needReason: "Choose or type a reason",
    needManager: "Enter the manager's ID and PIN", csvSaved: "The CSV file was downloaded", promptCancelledOk: "The request was cancelled",
    e_network: "The agent cannot be reached; try again in a moment",
    e_wrong_pin: "That PIN is not right", e_too_many_attempts: "Too many wrong PINs; try again in a minute",
    e_no_cashier_pin: "No cashier PIN is set; ask the manager",
    e_signed_out: "Sign in again", e_csrf: "Reload the page and try again", e_foreign_origin: "Only this screen may do that",
    e_forbidden: "This needs a manager; get a manager's approval and try again",
    managerASCII: "On this screen a manager's ID and PIN can only be Latin letters, digits and signs",
    e_wrong_manager_pin: "That manager PIN is not right; wrong tries left before the manager is locked: {attempts}",
    e_manager_locked: "This manager is locked until {until} after too many wrong PINs; another manager may approve, or the master can set a new PIN",
    e_no_managers: "No manager is registered, so nobody can approve; register one first (posagent manager add)",
    e_unknown_manager: "No manager has that ID; check it",
    e_incomplete_manager_credentials: "Enter both the manager's ID and PIN",
    e_invalid_manager_id: "A manager ID is letters and digits, at most 50; check it",
    e_invalid_pin: "A manager PIN has at least 6 characters; type it again",
    e_below_minimum_use: "At least {min} points must be used at once",
    e_off_use_unit: "Points are used in multiples of {unit}",
    e_exceeds_use_share: "Points may pay at most {share}% of the payment (at most {max} P now)",
    e_insufficient_points: "Not enough points (balance {balance} P)",
    e_insufficient_stamps: "Not enough stamps ({stamps} held)",
    e_invalid_amount: "Check the amount: it must be more than 0",
    e_amount_too_large: "The payment is too large (at most {maxPayment} won); check the amount",
    e_invalid_phone: "Check the phone number (e.g. 010-1234-5678)",
    e_invalid_barcode: "That is not one of this shop's membership cards",
    e_member_not_found: "No such member",
    e_transaction_not_found: "No such transaction",
    e_already_cancelled: "That transaction is already cancelled",
    e_points_already_spent: "Its points were already used; cancel that use (#{transaction}) first",
    e_not_cancellable: "That transaction cannot be cancelled",
    e_invalid_reason: "Give a reason",
    e_tablet_busy: "The tablet is waiting for another customer; wait, or cancel that request",
    e_prompt_cancelled: "The request was cancelled",
    e_customer_cancelled: "The customer cancelled on the tablet",
    e_prompt_timeout: "The customer did not answer in time; try again or type the number",
    e_no_tablet: "No tablet is attached; type the customer's phone number",
    e_tablet_unresponsive: "The tablet does not answer; check its cable or type the number",
    e_bad_points_input: "The customer did not type a number of points; try again",
    e_storage: "The ledger cannot be written; ask the manager",
    e_other: "Could not do that: {detail}",
  },
};

let language = localStorage.getItem("posagent.language") === "en" ? "en" : "ko";

function t(key, params) {
  const text = (WORDS[language][key] ?? WORDS.ko[key] ?? key);
  return text.replace(/\{(\w+)\}/g, (_, name) => (params && params[name] !== undefined ? params[name] : ""));
}

const grouped = (n) => Number(n).toLocaleString("ko-KR");
const signed = (n) => (n > 0 ? "+" : "") + grouped(n);
const $ = (selector) => document.querySelector(selector);
const $$ = (selector) => Array.from(document.querySelectorAll(selector));

function applyWords() {
  document.documentElement.lang = language;
  for (const element of $$("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of $$("[data-i18n-placeholder]")) element.placeholder = t(element.dataset.i18nPlaceholder);
  $("#language").textContent = language === "ko" ? "English" : "한국어";
  for (const field of $$(".field")) renderField(field);
  renderStatus();
  renderPrompt();
  for (const render of Object.values(rerender)) render();
}

/// Parts drawn from data that redraw in the other language.
const rerender = {};

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

// ---- Fields and the keypad ---------------------------------------------------------------------

const digitsOf = (field) => field.dataset.digits ?? "";

function renderField(field) {
  const digits = digitsOf(field);
  const value = field.querySelector(".value");
  let text = digits;
  if (field.dataset.kind === "won" || field.dataset.kind === "count") text = digits ? grouped(digits) : "";
  if (field.dataset.kind === "phone") text = formatPhone(digits);
  if (field.dataset.kind === "pin") text = "●".repeat(digits.length);
  value.textContent = text;
}

function formatPhone(digits) {
  if (digits.length <= 3) return digits;
  if (digits.length <= 7) return digits.slice(0, 3) + "-" + digits.slice(3);
  return digits.slice(0, 3) + "-" + digits.slice(3, digits.length - 4) + "-" + digits.slice(-4);
}

function setDigits(field, digits) {
  field.dataset.digits = digits;
  renderField(field);
}

function activate(field) {
  const scope = field.closest("section");
  for (const other of scope.querySelectorAll(".field")) other.classList.toggle("active", other === field);
}

function activeField() {
  const view = $$(".view").find((section) => !section.classList.contains("hidden"));
  return view ? Array.from(view.querySelectorAll(".field")).find((f) => f.classList.contains("active") && f.offsetParent) : null;
}

function press(key) {
  const field = activeField();
  if (!field) return;
  let digits = digitsOf(field);
  if (key === "back") digits = digits.slice(0, -1);
  else if (key === "clear") digits = "";
  else if (digits.length < Number(field.dataset.max)) {
    // An amount has no leading zeros; a phone number or a PIN keeps them.
    const amount = field.dataset.kind === "won" || field.dataset.kind === "count";
    digits = (amount && digits === "0" ? "" : digits) + key;
  }
  setDigits(field, digits);
}

function buildKeypads() {
  const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"];
  for (const pad of $$(".keypad")) {
    for (const key of keys) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.key = key;
      button.textContent = key === "back" ? "⌫" : key === "clear" ? "C" : key;
      button.addEventListener("click", () => press(key));
      pad.appendChild(button);
    }
  }
  for (const field of $$(".field")) field.addEventListener("click", () => activate(field));
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement || document.querySelector("dialog[open]")) return;
    if (/^[0-9]$/.test(event.key)) press(event.key);
    else if (event.key === "Backspace") press("back");
    else if (event.key === "Escape") press("clear");
    else if (event.key === "Enter") {
      const view = $$(".view").find((section) => !section.classList.contains("hidden"));
      const primary = view && Array.from(view.querySelectorAll("button.primary")).find((b) => b.offsetParent && !b.disabled);
      if (primary) primary.click();
    } else return;
    event.preventDefault();
  });
}

// ---- Sign-in and the menus ---------------------------------------------------------------------

function showSignIn(message) {
  session.csrfToken = null;
  stopFeed();
  $("#app").classList.add("hidden");
  $("#sign-out").classList.add("hidden");
  for (const view of $$(".view")) view.classList.add("hidden");
  $("#sign-in").classList.remove("hidden");
  setDigits($("#pin"), "");
  say("#sign-in-message", message ?? "");
}

function signedIn(description) {
  session.csrfToken = description.csrfToken;
  session.role = description.role;
  session.rules = description.rules;
  $("#store-name").textContent = description.storeName;
  $("#sign-in").classList.add("hidden");
  $("#app").classList.remove("hidden");
  $("#sign-out").classList.remove("hidden");
  show(location.hash.slice(1) || "accrual");
  startFeed();
}

async function signIn() {
  const pin = digitsOf($("#pin"));
  if (!pin) return;
  try {
    signedIn(await call("POST", "/web/session", { pin }));
  } catch (error) {
    setDigits($("#pin"), "");
    say("#sign-in-message", explain(error));
  }
}

async function signOut() {
  try { await call("DELETE", "/web/session"); } catch (error) { /* signed out either way */ }
  showSignIn();
}

const views = ["accrual", "use", "history", "conversion"];

function show(name) {
  if (!views.includes(name)) name = "accrual";
  for (const view of views) $("#" + view).classList.toggle("hidden", view !== name);
  for (const button of $$("#menu button")) button.classList.toggle("selected", button.dataset.view === name);
  if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
  if (name === "history") loadHistory();
}

// ---- Live state: devices, backlog, the tablet's prompt -----------------------------------------

const live = { state: null, connected: true };
let feed = null;

function startFeed() {
  stopFeed();
  feed = new EventSource("/web/events");
  feed.addEventListener("state", (event) => {
    live.state = JSON.parse(event.data);
    live.connected = true;
    renderStatus();
    renderPrompt();
  });
  feed.addEventListener("open", () => { live.connected = true; renderStatus(); });
  feed.addEventListener("error", () => {
    live.connected = false;
    renderStatus();
    if (feed && feed.readyState === EventSource.CLOSED) {
      // Closed for good (signed out, or the agent refused): find out which, then follow again.
      setTimeout(async () => {
        try {
          await call("GET", "/web/session");
          startFeed();
        } catch (error) {
          if (error.code === "signed_out") showSignIn(t("e_signed_out"));
          else setTimeout(startFeed, 3000);
        }
      }, 2000);
    }
  });
}

function stopFeed() {
  if (feed) feed.close();
  feed = null;
}

function renderStatus() {
  const devices = live.state?.devices ?? [];
  for (const role of ["tablet", "scanner"]) {
    const present = devices.some((d) => d.role === role && d.present);
    const chip = $("#status-" + role);
    chip.classList.toggle("off", !present);
    chip.dataset.present = present ? "yes" : "no";
    chip.querySelector("em").textContent = t(present ? "attached" : "absent");
  }
  const backlog = live.state?.backlog;
  const chip = $("#status-backlog");
  chip.dataset.count = backlog ?? "";
  chip.querySelector("em").textContent = backlog === undefined || backlog === null ? "–" : t("items", { n: grouped(backlog) });
  $("#status-link").classList.toggle("hidden", live.connected);
}

function renderPrompt() {
  const prompt = live.state?.prompt;
  $("#prompt-banner").classList.toggle("hidden", !prompt);
  if (!prompt) return;
  let text = t({ points: "promptPoints", otp: "promptCode", scan: "promptCoupon" }[prompt.mode] ?? "promptIdentify");
  if (prompt.amount !== null && prompt.amount !== undefined) text += " · " + t("amountLine", { amount: grouped(prompt.amount) });
  $("#prompt-text").textContent = text;
}

async function cancelPrompt() {
  try {
    await call("DELETE", "/v1/prompt");
  } catch (error) {
    if (error.code !== "no_prompt") alertIn(currentMessage(), explain(error));
  }
}

const currentMessage = () => "#" + (views.find((v) => !$("#" + v).classList.contains("hidden")) ?? "accrual") + "-message";
const alertIn = (selector, text) => say(selector, text);

// ---- Results -----------------------------------------------------------------------------------

const typeWord = (type) => t({ accrual: "typeAccrual", point_use: "typePointUse", stamp_use: "typeStampUse",
  conversion: "typeConversion", cancellation: "typeCancellation", expiry: "typeExpiry" }[type] ?? type);
const doneWord = (type) => t({ accrual: "doneAccrual", point_use: "donePointUse", stamp_use: "doneStampUse",
  conversion: "doneConversion", cancellation: "doneCancellation" }[type] ?? type);

function showResult(selector, result) {
  const element = $(selector);
  rerender[selector] = () => showResult(selector, result);
  if (!result) {
    element.classList.add("hidden");
    element.replaceChildren();
    return;
  }
  const { transaction, member } = result;
  const title = document.createElement("h3");
  title.textContent = doneWord(transaction.type) + " ";
  if (result.enrolled) {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = t("newMember");
    title.appendChild(badge);
  }
  const list = document.createElement("dl");
  const line = (label, value, name) => {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dd.dataset.name = name;
    list.append(dt, dd);
  };
  line(t("member"), member.phone ?? member.barcode ?? t("memberNumber", { id: member.id }), "member");
  line(t("earnedPoints"), signed(transaction.points) + " P", "points");
  line(t("earnedStamps"), signed(transaction.stamps), "stamps");
  line(t("balancePoints"), grouped(member.points) + " P", "balance");
  line(t("balanceStamps"), grouped(member.stamps), "stampBalance");
  element.replaceChildren(title, list);
  element.classList.remove("hidden");
}

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

// ---- 내역: history and cancellation --------------------------------------------------------------

const historyState = { range: "today", phoneEnding: "", entries: [], next: null, selected: null };

function historyQuery(cursor) {
  const query = new URLSearchParams({ range: historyState.range, limit: "50" });
  if (historyState.phoneEnding) query.set("phoneEnding", historyState.phoneEnding);
  if (cursor) query.set("cursor", cursor);
  return query;
}

async function loadHistory(more = false) {
  say("#history-message", "");
  try {
    const page = await call("GET", "/v1/transactions?" + historyQuery(more ? historyState.next : null));
    historyState.entries = more ? historyState.entries.concat(page.transactions) : page.transactions;
    historyState.next = page.nextCursor ?? null;
    if (!more) historyState.selected = null;
    renderHistory();
  } catch (error) {
    say("#history-message", explain(error));
  }
}

function when(occurredAt) {
  // "2026-03-02T10:00:00.000+09:00": the store's own clock time, as the agent wrote it.
  const [day, time] = occurredAt.split("T");
  return (historyState.range === "today" ? "" : day.slice(5) + " ") + time.slice(0, 5);
}

function cancellable(entry) {
  const tx = entry.transaction;
  return !["cancellation", "expiry"].includes(tx.type) && tx.cancelledBy === null;
}

function renderHistory() {
  const body = $("#history-table tbody");
  const rows = historyState.entries.map((entry) => {
    const tx = entry.transaction;
    const row = document.createElement("tr");
    row.dataset.id = tx.id;
    if (tx.cancelledBy !== null) row.classList.add("cancelled");
    if (historyState.selected === tx.id) row.classList.add("selected");
    const cells = [when(tx.occurredAt), typeWord(tx.type), entry.phone ?? entry.barcode ?? "#" + tx.memberID,
                   grouped(tx.payment), signed(tx.points), signed(tx.stamps),
                   tx.cancelledBy !== null ? t("cancelled") + " (#" + tx.cancelledBy + ")" : tx.cancels ? "#" + tx.cancels : ""];
    cells.forEach((text, index) => {
      const cell = document.createElement("td");
      cell.textContent = text;
      if (index >= 3 && index <= 5) cell.className = "num";
      row.appendChild(cell);
    });
    row.addEventListener("click", () => {
      historyState.selected = tx.id;
      renderHistory();
    });
    return row;
  });
  body.replaceChildren(...rows);
  $("#history-empty").classList.toggle("hidden", rows.length > 0);
  $("#history-more").classList.toggle("hidden", !historyState.next);
  const selected = historyState.entries.find((e) => e.transaction.id === historyState.selected);
  $("#history-cancel").disabled = !selected || !cancellable(selected);
  $("#history-selected").textContent = selected
    ? t("selected", { id: selected.transaction.id, type: typeWord(selected.transaction.type),
                      when: when(selected.transaction.occurredAt), payment: grouped(selected.transaction.payment) })
    : t("selectHint");
  for (const button of $$("#history-ranges button")) button.classList.toggle("selected", button.dataset.range === historyState.range);
}
rerender.history = renderHistory;

function searchHistory() {
  const digits = $("#history-search").value.replace(/\D/g, "");
  if (digits && digits.length !== 4) return say("#history-message", t("lastFour"));
  historyState.phoneEnding = digits;
  loadHistory();
}

/// Asks "are you sure" with a reason; resolves to the reason, or null.
function confirmCancellation(entry) {
  const dialog = $("#confirm-dialog");
  const tx = entry.transaction;
  $("#confirm-text").textContent = t("confirmCancel", { id: tx.id, type: typeWord(tx.type), payment: grouped(tx.payment) });
  return new Promise((resolve) => {
    const finish = (answer) => {
      dialog.close();
      $("#confirm-yes").onclick = $("#confirm-no").onclick = null;
      resolve(answer);
    };
    $("#confirm-yes").onclick = () => finish($("#cancel-reasons button.selected").textContent);
    $("#confirm-no").onclick = () => finish(null);
    dialog.showModal();
  });
}

/// Manager refusals the cashier can put right in the approval dialog: the ID, the PIN, or another manager.
const askAgain = new Set(["wrong_pin", "manager_locked", "unknown_manager", "invalid_manager_id", "invalid_pin",
                          "incomplete_manager_credentials"]);

/// Runs `act` with a manager's approval: asks for a manager's ID and PIN (none when the screen is signed in
/// as a manager) and passes them on. A refused ID or PIN is said in the dialog, which stays open for another
/// try. Resolves to what `act` gives, or undefined when the cashier goes back; other refusals are thrown.
function withManagerApproval(what, act) {
  if (session.role === "manager") return act(null);
  const dialog = $("#manager-dialog");
  const yes = $("#manager-yes"), no = $("#manager-no"), id = $("#manager-id"), pin = $("#manager-pin");
  $("#manager-what").textContent = t("approvalFor", { what });
  id.value = "";
  pin.value = "";
  say("#manager-message", "");
  return new Promise((resolve, reject) => {
    let checking = false;
    const finish = (settle, value) => {
      yes.onclick = no.onclick = dialog.oncancel = null;
      pin.value = "";
      dialog.close();
      settle(value);
    };
    yes.onclick = async () => {
      if (checking) return;
      const approval = { managerId: id.value.trim(), pin: pin.value };
      if (!approval.managerId || !approval.pin) return say("#manager-message", t("needManager"));
      // Header values: a browser sends nothing but Latin-1, and the agent reads UTF-8.
      if (!/^[\x20-\x7e]+$/.test(approval.managerId + approval.pin)) return say("#manager-message", t("managerASCII"));
      checking = true;
      yes.disabled = no.disabled = true;
      say("#manager-message", "");
      try {
        finish(resolve, await act(approval));
      } catch (error) {
        if (!(error instanceof Refusal) || !askAgain.has(error.code)) return finish(reject, error);
        pin.value = "";
        say("#manager-message", explain(error));
        pin.focus();
      } finally {
        checking = false;
        yes.disabled = no.disabled = false;
      }
    };
    no.onclick = () => finish(resolve, undefined);
    // Escape goes back too, but not while the agent is checking: its answer must reach the screen.
    dialog.oncancel = (event) => {
      event.preventDefault();
      if (!checking) finish(resolve, undefined);
    };
    dialog.showModal();
    id.focus();
  });
}

async function cancelSelected() {
  const entry = historyState.entries.find((e) => e.transaction.id === historyState.selected);
  if (!entry) return;
  const reason = await confirmCancellation(entry);
  if (!reason) return;
  const id = entry.transaction.id;
  say("#history-message", "");
  try {
    const result = await withManagerApproval(t("whatCancel", { id }),
      (approval) => call("POST", `/v1/transactions/${id}/cancel`, { reason }, { approval }));
    if (!result) return;
    await loadHistory();
    say("#history-message", doneWord(result.transaction.type) + " · #" + result.transaction.id, true);
  } catch (error) {
    say("#history-message", explain(error));
  }
}

/// A fetch with the approval's headers (a plain link could not carry them), saved from memory.
async function downloadCSV() {
  say("#history-message", "");
  const query = historyQuery(null);
  query.delete("limit");
  try {
    const csv = await withManagerApproval(t("whatCSV"), async (approval) =>
      (await call("GET", "/v1/transactions?" + query, undefined, { approval, accept: "text/csv" })).blob());
    if (!csv) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(csv);
    link.download = `posagent-${historyState.range}.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say("#history-message", t("csvSaved"), true);
  } catch (error) {
    say("#history-message", explain(error));
  }
}

// ---- 포인트 전환: direct conversion --------------------------------------------------------------

async function convert() {
  const phone = digitsOf($("#conversion-phone"));
  const points = Number(digitsOf($("#conversion-points")) || 0);
  const stamps = Number(digitsOf($("#conversion-stamps")) || 0);
  const chosen = $("#conversion-reasons button.selected");
  const reason = $("#conversion-reason").value.trim() || (chosen ? chosen.textContent : "");
  if (!phone) return say("#conversion-message", t("needPhone"));
  if (!points && !stamps) return say("#conversion-message", t("needGrant"));
  if (!reason) return say("#conversion-message", t("needReason"));
  await during([$("#conversion-confirm")], async () => {
    say("#conversion-message", "");
    showResult("#conversion-result", null);
    try {
      const result = await withManagerApproval(t("whatConversion"),
        (approval) => call("POST", "/v1/conversions", { member: { phone }, points, stamps, reason }, { approval }));
      if (!result) return;
      showResult("#conversion-result", result);
      for (const id of ["#conversion-phone", "#conversion-points", "#conversion-stamps"]) setDigits($(id), "");
      $("#conversion-reason").value = "";
    } catch (error) {
      say("#conversion-message", explain(error));
    }
  });
}

// ---- Start -------------------------------------------------------------------------------------

function choose(group, button) {
  for (const other of $$(group + " button")) other.classList.toggle("selected", other === button);
}

function wire() {
  buildKeypads();
  $("#language").addEventListener("click", () => {
    language = language === "ko" ? "en" : "ko";
    localStorage.setItem("posagent.language", language);
    applyWords();
  });
  $("#sign-in-button").addEventListener("click", signIn);
  $("#sign-out").addEventListener("click", signOut);
  for (const button of $$("#menu button")) button.addEventListener("click", () => show(button.dataset.view));
  $("#cancel-prompt").addEventListener("click", cancelPrompt);
  $("#accrual-confirm").addEventListener("click", accrue);
  $("#use-identify-button").addEventListener("click", identifyForUse);
  $("#use-confirm").addEventListener("click", spend);
  $("#use-restart").addEventListener("click", () => restartUse());
  $("#use-mode-points").addEventListener("click", () => setUseMode("points"));
  $("#use-mode-stamps").addEventListener("click", () => setUseMode("stamps"));
  for (const button of $$("#history-ranges button")) {
    button.addEventListener("click", () => {
      historyState.range = button.dataset.range;
      loadHistory();
    });
  }
  $("#history-search-button").addEventListener("click", searchHistory);
  $("#history-search").addEventListener("keydown", (event) => { if (event.key === "Enter") searchHistory(); });
  $("#history-more").addEventListener("click", () => loadHistory(true));
  $("#history-cancel").addEventListener("click", cancelSelected);
  $("#history-csv").addEventListener("click", downloadCSV);
  for (const button of $$("#cancel-reasons button")) button.addEventListener("click", () => choose("#cancel-reasons", button));
  for (const button of $$("#conversion-reasons button")) {
    button.addEventListener("click", () => {
      choose("#conversion-reasons", button);
      $("#conversion-reason").value = "";
    });
  }
  $("#conversion-confirm").addEventListener("click", convert);
  $("#manager-dialog").addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    $("#manager-yes").click();
  });
  window.addEventListener("hashchange", () => { if (session.csrfToken) show(location.hash.slice(1)); });
}

async function start() {
  wire();
  applyWords();
  try {
    signedIn(await call("GET", "/web/session"));
  } catch (error) {
    showSignIn(error.code === "signed_out" ? "" : explain(error));
  }
}

start();
"""#
}
