extension WebAssets {
    /// The cashier screen's script, part: 내역: history, cancellation and the manager's approval dialog.
    static let screenScriptHistory = #"""
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

"""#
}
