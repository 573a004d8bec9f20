extension WebAssets {
    /// The cashier screen's script, part: The live feed (devices, backlog, the tablet's prompt) and how results are shown.
    static let screenScriptLive = #"""
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
    renderMarketingTablet();
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

"""#
}
