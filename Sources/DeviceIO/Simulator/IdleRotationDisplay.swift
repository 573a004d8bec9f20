/// Shows, at the simulator's terminal, the image the idle screen would show now: one line per image as the
/// rotation moves on, with its title, size and position ("2/3").
struct IdleRotationDisplay: Sendable {
    let tablet: VirtualTablet
    let say: @Sendable (String) -> Void

    func run() async {
        var shown: IdleRotation?
        var position = 0
        var next = ContinuousClock.now
        while !Task.isCancelled {
            let rotation = await tablet.rotation
            if rotation != shown {
                shown = rotation
                position = 0
                next = .now
            }
            if let rotation, !rotation.images.isEmpty, ContinuousClock.now >= next {
                let sha256 = rotation.images[position % rotation.images.count]
                say(ScreenText.rotating(await tablet.heldImage(sha256), sha256: sha256,
                                        position: position % rotation.images.count + 1, of: rotation.images.count))
                position += 1
                next = .now + .seconds(max(1, rotation.secondsPerImage))
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
