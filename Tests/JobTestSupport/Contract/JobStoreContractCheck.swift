import TendJobs
import Testing

/// One check of the `JobStore` contract: a behaviour every store keeps, run on a fresh, empty store.
///
/// A store's test suite runs every check of `JobStoreContract.checks` as one parameterised test, each case on a
/// store of its own; the case is named after the check.
public struct JobStoreContractCheck: Sendable, CustomTestStringConvertible {
    /// The behaviour, as a sentence in camel case (the test case's name).
    public let name: String
    private let body: @Sendable (any JobStore) async throws -> Void

    /// A check called `name` that runs `body` on an empty store and records its failures with `#expect`.
    public init(_ name: String, _ body: @escaping @Sendable (any JobStore) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the check on `store`, which must be empty and open; the caller closes it.
    /// - Throws: whatever the store throws (a contract failure is recorded as an issue, not thrown).
    public func run(on store: any JobStore) async throws {
        try await body(store)
    }

    /// The check's name, shown as the test case's argument.
    public var testDescription: String { name }
}
