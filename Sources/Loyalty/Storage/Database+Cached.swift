import GRDB

extension Database {
    /// Executes a statement compiled once per connection: the hot paths run the same few statements on
    /// every operation, and compiling them each time cost more than the commit itself.
    func run(_ sql: String, _ arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// A statement compiled once per connection, to fetch from.
    func prepared(_ sql: String) throws -> Statement {
        try cachedStatement(sql: sql)
    }
}
