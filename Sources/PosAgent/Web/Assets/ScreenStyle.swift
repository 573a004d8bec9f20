extension WebAssets {
    /// Large touch targets for a 1024×768 counter screen; system fonts only (the screen works offline).
    static let screenStyle = #"""
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font-family: "Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", system-ui, sans-serif;
  font-size: 20px; color: #1d2330; background: #eef1f5;
  -webkit-user-select: none; user-select: none; touch-action: manipulation;
}
button {
  font: inherit; min-height: 56px; padding: 0 20px; border: 1px solid #b9c1cf; border-radius: 10px;
  background: #fff; color: inherit; cursor: pointer;
}
button:active { background: #dfe5ee; }
button:disabled { opacity: .45; cursor: default; }
button.primary { background: #1f5fbf; border-color: #1f5fbf; color: #fff; font-weight: 700; }
button.primary:active { background: #174a96; }
button.danger { background: #c23b31; border-color: #c23b31; color: #fff; font-weight: 700; }
button.plain { border: none; background: transparent; color: #fff; min-height: 44px; }
input {
  font: inherit; min-height: 56px; padding: 0 14px; border: 2px solid #b9c1cf; border-radius: 10px; width: 100%;
  -webkit-user-select: text; user-select: text;
}
.hidden { display: none !important; }

#bar {
  position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: 12px;
  height: 60px; padding: 0 12px; background: #1d2330; color: #fff;
}
#store-name { font-weight: 700; margin-right: auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#status { display: flex; gap: 8px; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 6px 12px; border-radius: 18px; background: #2f3747; font-size: 17px; white-space: nowrap; }
.chip i { width: 12px; height: 12px; border-radius: 50%; background: #2fb36b; }
.chip.off i { background: #e0483d; }
.chip.off { background: #5a2b2b; }
.chip em { font-style: normal; }

.view { padding: 16px; }
#sign-in { display: flex; justify-content: center; padding-top: 24px; }
.card { background: #fff; border-radius: 14px; padding: 20px 24px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
.narrow { width: 420px; text-align: center; }
.narrow h1 { margin: 0 0 4px; font-size: 28px; }
.narrow p { margin: 4px 0 12px; }

#app { display: flex; min-height: calc(100% - 60px); }
#menu { display: flex; flex-direction: column; gap: 10px; width: 170px; padding: 16px 10px; background: #dfe4ec; }
#menu button { min-height: 84px; padding: 0 6px; font-size: 23px; font-weight: 700; white-space: nowrap; }
#menu button.selected { background: #1f5fbf; border-color: #1f5fbf; color: #fff; }
main { flex: 1; min-width: 0; }

.columns { display: grid; grid-template-columns: 1fr 330px; gap: 20px; align-items: start; }
.form h2 { margin: 0 0 8px; font-size: 26px; }
label { display: block; margin: 10px 0 4px; font-size: 17px; color: #4a5568; }
.field {
  display: flex; align-items: center; justify-content: flex-end; gap: 6px; min-height: 64px; padding: 0 16px;
  background: #fff; border: 2px solid #b9c1cf; border-radius: 10px; font-size: 32px; font-weight: 700;
  font-variant-numeric: tabular-nums; cursor: pointer;
}
.field.active { border-color: #1f5fbf; box-shadow: 0 0 0 3px rgba(31,95,191,.25); }
.field .value:empty::before { content: attr(data-placeholder); color: #9aa3b2; font-weight: 400; font-size: 22px; }
.field .unit { font-size: 20px; font-weight: 400; color: #4a5568; }
#pin { justify-content: center; letter-spacing: 8px; }
.form > button.primary, #use-identify > button.primary { width: 100%; min-height: 72px; margin-top: 16px; font-size: 26px; }

.keypad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.keypad button { min-height: 72px; font-size: 30px; font-weight: 700; }
#sign-in .keypad { margin: 12px 0; }
#sign-in .primary { width: 100%; min-height: 64px; }

.message { min-height: 1.4em; margin: 10px 0 0; color: #b3261e; font-weight: 700; }
.message.ok { color: #1c7c45; }
.hint { margin: 6px 0 0; font-size: 16px; color: #4a5568; }

.banner {
  display: flex; align-items: center; gap: 16px; margin: 16px 16px 0; padding: 14px 18px;
  background: #fff5d6; border: 2px solid #e6b422; border-radius: 12px;
}
.banner div { flex: 1; }
.spinner { width: 28px; height: 28px; border: 4px solid #e6b422; border-top-color: transparent; border-radius: 50%; animation: spin 1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }

.result { margin-top: 14px; padding: 16px; background: #e8f6ee; border: 2px solid #2fb36b; border-radius: 12px; }
.result h3 { margin: 0 0 8px; font-size: 24px; }
.result dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; }
.result dt { color: #4a5568; }
.result dd { margin: 0; text-align: right; font-weight: 700; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 10px; background: #1f5fbf; color: #fff; font-size: 15px; }

.member { padding: 12px 16px; background: #fff; border-radius: 12px; border: 2px solid #b9c1cf; }
.member strong { font-size: 24px; }
.toggle { display: flex; gap: 8px; margin: 12px 0 0; }
.toggle.wrap { flex-wrap: wrap; margin-top: 0; }
.toggle button.selected { background: #1f5fbf; border-color: #1f5fbf; color: #fff; }
.row { display: flex; gap: 10px; margin-top: 16px; }
.row button { flex: 1; min-height: 64px; }
#conversion-reason { margin-top: 8px; }

.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.toolbar .toggle { margin: 0; }
.toolbar button { padding: 0 14px; }
#history-search { width: 150px; }
.table-wrap { margin-top: 12px; max-height: 440px; overflow-y: auto; background: #fff; border-radius: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 18px; }
th, td { padding: 12px 10px; border-bottom: 1px solid #e2e6ed; text-align: left; white-space: nowrap; }
th { position: sticky; top: 0; background: #f6f7f9; font-size: 16px; color: #4a5568; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr { cursor: pointer; }
tbody tr.selected { background: #dce8fb; }
tbody tr.cancelled td { color: #8a93a3; text-decoration: line-through; }
.empty { padding: 20px; text-align: center; color: #6b7385; }
#history-more { width: 100%; border: none; border-radius: 0; }
.selection { display: flex; align-items: center; gap: 12px; margin-top: 12px; }
.selection span { flex: 1; }

#marketing .toolbar h2 { margin: 0 auto 0 0; font-size: 26px; }
.thumbnails { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 14px; margin: 12px 0 0; padding: 0; list-style: none; }
.thumbnails li { display: flex; flex-direction: column; gap: 8px; padding: 10px; background: #fff; border-radius: 12px; border: 2px solid #2fb36b; }
.thumbnails li[data-state="hidden"] { border-color: #b9c1cf; }
.thumbnails li[data-state="hidden"] img { opacity: .35; }
.thumbnails li[data-state="not_today"] { border-color: #e6b422; }
.thumbnails img { width: 100%; height: auto; max-height: 200px; object-fit: contain; background: #f6f7f9; border-radius: 8px; }
.thumbnails .caption { display: flex; flex-direction: column; gap: 2px; font-size: 17px; }
.thumbnails .days { color: #4a5568; font-variant-numeric: tabular-nums; }
.thumbnails .state { font-weight: 700; color: #1c7c45; }
.thumbnails .state[data-state="hidden"] { color: #6b7385; }
.thumbnails .state[data-state="not_today"] { color: #9a6b00; }
.thumbnails .origin { font-size: 14px; color: #2b5fb4; }

dialog { border: none; border-radius: 14px; padding: 20px 24px; width: 480px; box-shadow: 0 8px 40px rgba(0,0,0,.35); }
dialog::backdrop { background: rgba(20, 25, 35, .55); }
dialog h2 { margin: 0 0 8px; }
"""#
}
