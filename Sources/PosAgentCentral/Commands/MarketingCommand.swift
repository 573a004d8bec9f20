import ArgumentParser
import Foundation
import SyncWire

struct MarketingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketing", abstract: "The chain's marketing images, which every shop's tablet shows while idle.",
        subcommands: [Add.self, List.self, Remove.self, Order.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a JPEG or PNG image (at most 1 MiB; 638 × 708 px fills the tablet), last in the order.")
        @OptionGroup var options: CentralOptions
        @Argument(help: "The image file.") var file: String
        @Option(help: "A title for people (at most 100 characters).") var title: String?
        @Option(help: "The first day shown, YYYY-MM-DD (each shop's own calendar).") var from: String?
        @Option(help: "The last day shown, YYYY-MM-DD.") var until: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CentralError(.invalidImage, "cannot read \(file); give the path of a JPEG or PNG file")
            }
            let (title, from, until) = (self.title ?? "", self.from, self.until)
            let image = try await options.chainImages { try await $0.add(Array(data), title: title, from: from, until: until) }
            print(MarketingCommand.line(image))
            if image.width != ImageFacts.recommendedWidth || image.height != ImageFacts.recommendedHeight {
                printToStandardError("note: the tablet's idle screen is \(ImageFacts.recommendedWidth) × \(ImageFacts.recommendedHeight) px; this image is scaled to fit")
            }
            printToStandardError("every shop's agent fetches it at its next sync")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the chain's images in order.")
        @OptionGroup var options: CentralOptions

        func run() async throws {
            for image in try await options.chainImages({ try await $0.list() }) { print(MarketingCommand.line(image)) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an image out of the chain's set; the shops drop it at their next sync.")
        @OptionGroup var options: CentralOptions
        @Argument(help: "The image's sha256 (marketing list).") var sha256: String

        func run() async throws {
            let sha256 = self.sha256
            try await options.chainImages { try await $0.remove(sha256: sha256) }
            print("removed \(sha256); every shop drops it at its next sync")
        }
    }

    struct Order: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show these images first, in this order; the rest follow as they were.")
        @OptionGroup var options: CentralOptions
        @Argument(help: "The images' sha256 (marketing list).") var hashes: [String]

        func run() async throws {
            let hashes = self.hashes
            for image in try await options.chainImages({ try await $0.reorder(hashes) }) { print(MarketingCommand.line(image)) }
        }
    }

    /// `position  sha256  format width×height bytes  from..until  title`
    static func line(_ image: ChainImages.Image) -> String {
        let days = image.from == nil && image.until == nil ? "always" : "\(image.from ?? "")..\(image.until ?? "")"
        return "\(image.position)\t\(image.sha256)\t\(image.format.rawValue) \(image.width)×\(image.height) \(image.bytes) B\t\(days)\t\(image.title)"
    }
}

extension CentralOptions {
    func chainImages<T: Sendable>(_ body: @Sendable @escaping (ChainImages) async throws -> T) async throws -> T {
        let settings = try load()
        let logger = self.logger
        return try await CentralDatabase.with(settings.database, logger: logger) { client in
            try await body(ChainImages(client: client, logger: logger))
        }
    }
}
