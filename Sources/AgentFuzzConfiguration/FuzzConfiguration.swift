import Foundation

/// libFuzzer target for `posagent.toml` (`AgentConfiguration.parse`), whose sources are linked in from
/// Sources/PosAgent/Configuration (and SyncEndpoint.swift for the server URL checks). scripts/fuzz.sh
/// builds it with -DFUZZING; built normally, it replays inputs given as file paths; `swift test` replays
/// the committed corpus.
///
/// Beyond not crashing: any text either loads or throws `ConfigurationError` naming every problem; the
/// same text loads the same way twice; and a text that loads, with a section posagent does not know
/// added, is refused with a problem naming that section.
enum ConfigurationProperties {
    static func check(_ bytes: [UInt8]) {
        // load(path:) refuses a file that is not UTF-8 before it parses anything.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let configuration: AgentConfiguration
        do {
            configuration = try AgentConfiguration.parse(text, file: "fuzz.toml")
        } catch let error as ConfigurationError {
            precondition(!error.problems.isEmpty && error.problems.allSatisfy { !$0.isEmpty }, "a ConfigurationError without its problems")
            return
        } catch {
            preconditionFailure("parse threw \(type(of: error)), not ConfigurationError")
        }
        precondition((try? AgentConfiguration.parse(text, file: "fuzz.toml")) == configuration, "the same text loaded differently")
        do {
            _ = try AgentConfiguration.parse(text + "\n[zz_not_a_section]\n", file: "fuzz.toml")
            preconditionFailure("an unknown section was accepted")
        } catch let error as ConfigurationError {
            precondition(error.problems.contains { $0.contains("zz_not_a_section") }, "an unknown section was refused without naming it")
        } catch {
            preconditionFailure("parse threw \(type(of: error)), not ConfigurationError")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ConfigurationProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayConfiguration {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            ConfigurationProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
