import ArgumentParser
import Foundation

/// `posagent marketing add|list|show|hide|remove|order`: the images the tablet shows while idle.
struct MarketingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketing",
        abstract: "The images the customer's tablet shows while nobody checks out (JPEG or PNG, 638 × 708 px fills it).",
        subcommands: [Add.self, List.self, Show.self, Hide.self, Remove.self, Order.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an image, last in the order (managers, or --manager ID with a PIN).")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "A JPEG or PNG file of at most 1 MiB.") var file: String
        @Option(help: "What it is, for people (at most 100 characters).") var title: String?
        @Option(help: "The first day it is shown, YYYY-MM-DD (default: from now on).") var from: String?
        @Option(help: "The last day it is shown, YYYY-MM-DD (default: no end).") var until: String?
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file); give the path of a JPEG or PNG file")
            }
            let connection = try daemon.connection()
            var items: [URLQueryItem] = []
            if let title { items.append(URLQueryItem(name: "title", value: title)) }
            if let from { items.append(URLQueryItem(name: "from", value: from)) }
            if let until { items.append(URLQueryItem(name: "until", value: until)) }
            struct Added: Codable { var image: MarketingImageView }
            let added = try connection.decode(Added.self, try connection.call(
                "POST", apiPath("/v1/marketing/images", items), upload: (data, "application/octet-stream"),
                headers: try approval.headers()))
            if daemon.json { try JSONOutput.print(added); return }
            let image = added.image
            print("Added image \(image.id): \(image.width) × \(image.height) \(image.format), \(image.bytes) bytes, position \(image.position).")
            if image.width != 638 || image.height != 708 {
                print("Note: the tablet's screen is 638 × 708 px; this image is scaled to fit it.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The set in rotation order, and which images the tablet shows today.")
        @OptionGroup var daemon: DaemonOptions

        func run() async throws {
            let connection = try daemon.connection()
            let list = try connection.decode(MarketingRoutes.ImageList.self, try connection.call("GET", "/v1/marketing/images"))
            if daemon.json { try JSONOutput.print(list); return }
            guard !list.images.isEmpty else { print("No marketing images; add one with posagent marketing add FILE."); return }
            print(MarketingPrinter.table(list))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a hidden image again, within its days (managers).")
        @OptionGroup var image: OneImageOptions
        func run() async throws { try image.act("POST", "/show", done: "shown") }
    }

    struct Hide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep an image in the set but off the tablet (managers).")
        @OptionGroup var image: OneImageOptions
        func run() async throws { try image.act("POST", "/hide", done: "hidden") }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an image out of the set, and its file off the store PC (managers).")
        @OptionGroup var image: OneImageOptions
        func run() async throws { try image.act("DELETE", "", done: "removed") }
    }

    struct Order: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put these images first, in this order; the others follow in the order they had (managers).")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "Image ids, first shown first.") var ids: [Int64]
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            let connection = try daemon.connection()
            let list = try connection.decode(MarketingRoutes.ImageList.self, try connection.call(
                "PUT", "/v1/marketing/order", body: ["ids": ids], headers: try approval.headers()))
            if daemon.json { try JSONOutput.print(list); return }
            print(MarketingPrinter.table(list))
        }
    }
}

/// What a manager's act on one image takes: the daemon, the image's id, the manager's approval.
struct OneImageOptions: ParsableArguments {
    @OptionGroup var daemon: DaemonOptions
    @Argument(help: "The image's id (posagent marketing list).") var id: Int64
    @OptionGroup var approval: ManagerApprovalOptions

    /// `method` on the image's path plus `suffix`: the answer as JSON, or a line saying it is `done`.
    func act(_ method: String, _ suffix: String, done: String) throws {
        let connection = try daemon.connection()
        let answer = try connection.call(method, "/v1/marketing/images/\(id)\(suffix)", headers: try approval.headers())
        if daemon.json { print(String(decoding: answer, as: UTF8.self)); return }
        print("Image \(id) is \(done).")
    }
}

enum MarketingPrinter {
    static func table(_ list: MarketingRoutes.ImageList) -> String {
        var table = TextTable([("#", .right), ("id", .right), ("title", .left), ("size", .left), ("bytes", .right),
                               ("days", .left), ("today", .left)])
        let showing = Set(list.showing)
        for image in list.images {
            let days = image.from == nil && image.until == nil ? "always" : "\(image.from ?? "…") – \(image.until ?? "…")"
            let today = image.hidden ? "hidden" : showing.contains(image.id) ? "shown" : "not today"
            table.add([String(image.position), String(image.id), image.title, "\(image.width) × \(image.height) \(image.format)",
                       String(image.bytes), days, today])
        }
        return table.render()
    }
}
