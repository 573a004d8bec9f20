extension WebAssets {
    /// The cashier screen's script, part: 포인트 전환 (direct conversion) and wiring the page up at start.
    static let screenScriptStart = #"""
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
  $("#marketing-refresh").addEventListener("click", loadMarketing);
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
