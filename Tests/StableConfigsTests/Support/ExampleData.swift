import Foundation
import StableConfigs
import Testing

/// The example TBNs of `shared/stableconfigs/` (next to the repository) and their expected results.
enum ExampleData {
    /// One line of `expected.jsonl`.
    struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
        var input: String
        var constraints: Bool?
        var constraints_file: String?
        var entropy: Int?
        var polymers_count: Int?
        var error_contains: String?

        /// The constraint file this line uses, if any.
        var constraintFile: String? {
            if let constraints_file { return constraints_file }
            if constraints == true { return input.replacingOccurrences(of: ".txt", with: "_constraints.txt") }
            return nil
        }

        var testDescription: String { input + (constraintFile.map { " + " + $0 } ?? "") }
    }

    /// The example data: `$STABLECONFIGS_DATA`, or the repository's copy of the project's
    /// `shared/stableconfigs` in `examples/stableconfigs/data` (so that a lone clone tests the same).
    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["STABLECONFIGS_DATA"] {
            return URL(fileURLWithPath: path)
        }
        let source = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let repository = source.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent("examples/stableconfigs/data")
    }()

    /// The text of `inputs/NAME`.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("inputs/" + name), encoding: .utf8)
    }

    /// The names of every file in `inputs/`.
    static func inputNames() -> [String] {
        let names = try? FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("inputs").path)
        return (names ?? []).sorted()
    }

    /// The monomer files in `inputs/` (those that are not constraint files).
    static func monomerFiles() -> [String] {
        inputNames().filter { !$0.contains("constraints") }
    }

    /// Every line of `expected.jsonl`.
    static func expectations() -> [Expectation] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Expectation.self, from: Data($0.utf8))
        }
    }

    /// Parses `inputs/NAME` with the constraint file `constraints`, if any.
    static func tbn(_ name: String, constraints: String? = nil) throws -> TBN {
        try TBN.parse(monomerText: text(name), constraintText: constraints.map { try text($0) } ?? "")
    }
}
