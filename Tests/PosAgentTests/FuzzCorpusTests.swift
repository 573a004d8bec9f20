import Foundation
import Testing

/// Replays the committed fuzz corpora (Tests/FuzzCorpus/TARGET) through the fuzz targets built normally,
/// which check the same properties on each file as libFuzzer does (scripts/fuzz.sh) and trap on a broken one.
@Suite struct FuzzCorpusTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus")

    @Test(arguments: ["AgentFuzzRequestBodies", "AgentFuzzUploadAnswer", "AgentFuzzConfiguration", "AgentFuzzPhoneNumber"])
    func corpusKeepsItsProperties(target: String) throws {
        let binary = PosAgentProcess.product(target)
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "\(binary.path) is missing; build it with `swift build --build-tests` (or `--product \(target)`)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpora.appendingPathComponent(target).path)
            .sorted().map { Self.corpora.appendingPathComponent(target).appendingPathComponent($0).path }
        #expect(files.count >= 5, "the corpus of \(target) lost its seeds")
        let result = try PosAgentProcess.runBlocking(files, executable: binary)
        #expect(result.status == 0, "\(target) broke a property on its corpus: \(result.stderr.suffix(2000))")
        let replayed = Set(result.stdout.split(separator: "\n").map { String($0.dropFirst("ok ".count)) })
        #expect(replayed == Set(files), "\(target) did not replay every corpus file")
    }
}
