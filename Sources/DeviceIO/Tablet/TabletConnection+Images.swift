extension TabletConnection {
    /// The marketing images the idle screen rotates, in order: the tablet is sent those it lacks while it
    /// is idle, and the rotation of those it holds. With `keeping` (every image of the set, shown today or
    /// not), the tablet is told to delete what it holds beyond them.
    public func showImages(_ images: [TabletImage], keeping: Set<String>? = nil, secondsPerImage: Int) {
        delivery.show(images, keeping: keeping, secondsPerImage: secondsPerImage)
        ringDoorbell()
    }

    /// How many of the images the tablet holds, and how many are still to send; nil while it is absent or
    /// takes no images.
    public var imageCounts: (held: Int, toSend: Int)? {
        info == nil ? nil : delivery.counts
    }

    func ringDoorbell() { doorbellContinuation.yield() }

    /// Sends the transfer's frames one at a time while the tablet is idle and no screen waits (`show` clears
    /// `onIdleScreen` before it waits for its turn), so a prompt waits for at most the one frame outstanding; tells the idle screen its rotation when that changed.
    func deliverImages() async {
        for await _ in doorbell {
            while !Task.isCancelled, let frame = nextImageFrame() {
                do {
                    try await link.send(frame)
                } catch {
                    if error.code == .unresponsive { markUnresponsive() }
                    break
                }
            }
        }
    }

    private func nextImageFrame() -> AgentMessage? {
        guard info != nil, onIdleScreen, delivery.takesImages else { return nil }
        if delivery.rotationIsStale {
            let rotation = delivery.rotation
            delivery.shown(rotation)
            return .rotation(rotation)
        }
        if let forget = delivery.forgetFrame() { return forget }
        do {
            return try delivery.nextFrame()
        } catch {
            logger.warning("a marketing image is not sent", metadata: ["error": "\(error)"])
            return nextImageFrame()
        }
    }
}
