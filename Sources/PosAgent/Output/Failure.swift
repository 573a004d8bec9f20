import ArgumentParser
import Foundation
import Loyalty

/// Exit statuses from sysexits.h, so scripts can tell a typing mistake from a broken disk.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let unavailable = ExitCode(69)
    static let software = ExitCode(70)
    static let cantCreate = ExitCode(73)
    static let ioError = ExitCode(74)
    static let config = ExitCode(78)
}

/// Runs a command body, turning the errors posagent knows into a message on stderr and a sysexits status.
func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as LedgerError {
        printError("error: \(error.message) [\(error.code)]")
        throw exitStatus(for: error.code)
    } catch let error as ConfigurationError {
        printError("error: \(error)")
        throw ExitStatus.config
    }
}

func exitStatus(for code: LedgerError.Code) -> ExitCode {
    switch code {
    case .storage: ExitStatus.ioError
    case .memberNotFound, .transactionNotFound, .couponNotFound: ExitStatus.noInput
    case .invalidPolicy: ExitStatus.config
    default: ExitStatus.dataError
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("posagent: \(message)\n".utf8))
}
