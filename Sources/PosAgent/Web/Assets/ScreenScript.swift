extension WebAssets {
    /// The cashier screen's behaviour: sign-in, the five menus, the live feed, and refusals in words. One
    /// script served as /assets/screen.js, kept in a file per part (ScreenScript+*.swift), in this order.
    static let screenScript = [
        screenScriptWords, screenScriptAgent, screenScriptKeypad, screenScriptLive, screenScriptOperations, screenScriptHistory, screenScriptMarketing, screenScriptStart,
    ].joined(separator: "\n")
}
