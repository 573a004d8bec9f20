/// How hard SQLite works to keep a commit through a power cut.
public enum Durability: String, Sendable, Hashable, Codable, CaseIterable {
    /// `synchronous=FULL`: a commit is on disk when it returns. The default for a shop's money.
    case full
    /// `synchronous=NORMAL`: faster; a power cut may lose the last commits, never corrupt the file.
    case normal

    var pragmaValue: Int {
        switch self {
        case .full: 2
        case .normal: 1
        }
    }
}
