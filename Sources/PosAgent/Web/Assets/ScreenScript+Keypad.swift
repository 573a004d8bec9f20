extension WebAssets {
    /// The cashier screen's script, part: The fields and the on-screen keypad, sign-in and the menus.
    static let screenScriptKeypad = #"""
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

const views = ["accrual", "use", "history", "conversion", "marketing"];

function show(name) {
  if (!views.includes(name)) name = "accrual";
  for (const view of views) $("#" + view).classList.toggle("hidden", view !== name);
  for (const button of $$("#menu button")) button.classList.toggle("selected", button.dataset.view === name);
  if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
  if (name === "history") loadHistory();
  if (name === "marketing") loadMarketing();
}

"""#
}
