import Foundation
import Testing

/// The `stableconfigs` executable, run as a process: the command line and the `--job` mode of Tend's
/// job API.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct StableConfigsCommandTests {
    /// What one run produced.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var progress: String
    }

    /// The built executable: `$STABLECONFIGS_BIN`, or `stableconfigs` beside the test bundle.
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["STABLECONFIGS_BIN"] { return URL(fileURLWithPath: path) }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("stableconfigs")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw CocoaError(
            .fileNoSuchFile, userInfo: [NSFilePathErrorKey: "stableconfigs beside \(Bundle.main.bundleURL.path)"])
    }

    /// Runs the executable with `arguments` and `input` on stdin, progress going to descriptor 3 (a file
    /// in a fresh temporary directory, named in `TEND_PROGRESS_FD`).
    func run(_ arguments: [String], input: String = "") throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stableconfigs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = ["in", "out", "err", "progress"].map { directory.appendingPathComponent($0) }
        try input.write(to: files[0], atomically: false, encoding: .utf8)
        let quoted = ([try Self.executable().path] + arguments).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            [
                "-c", "exec \(quoted.joined(separator: " ")) <\"$1\" >\"$2\" 2>\"$3\" 3>\"$4\"", "sh",
            ] + files.map(\.path)
        process.currentDirectoryURL = ExampleData.directory.appendingPathComponent("inputs")
        var environment = ProcessInfo.processInfo.environment
        environment["TEND_PROGRESS_FD"] = "3"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Run(
            status: process.terminationStatus, stdout: read(files[1]), stderr: read(files[2]), progress: read(files[3]))
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jobModeAnswersTheSeedRequest() throws {
        let request = """
            {"monomers": [["a", "b"], ["a*", "b*"], ["a*", ">mon1"], ["b*"]], "constraints": [["FREE", "mon1"]], \
            "gen": 2, "init_k": 2}
            """
        let run = try run(["--job"], input: request)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try json(run.stdout)
        #expect(result["entropy"] as? Int == 3)
        let configs = try #require(result["configs"] as? [[String: Any]])
        #expect(result["count"] as? Int == configs.count)
        // mon1 alone; a b binds a* b* (3 polymers), or a b binds a* b* and b* (2 polymers).
        #expect(configs.map { $0["polymers_count"] as? Int } == [3, 2])
        let polymers = try #require(configs.first?["polymers"] as? [[[String]]])
        #expect(polymers.contains([["a*", ">mon1"]]))
        #expect(polymers.contains([["b*"]]))
        #expect(Set(polymers.flatMap { $0 }) == Set([["a", "b"], ["a*", "b*"], ["a*", ">mon1"], ["b*"]]))
        let lines = run.progress.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let progress = try json(String(line))
            #expect(progress.keys.sorted() == ["count", "k"])
        }
        #expect(try lines.contains { try json(String($0))["k"] as? Int == 3 })
    }

    @Test func jobModeExitsWithTheTaskErrorCodeOnATBNError() throws {
        let run = try run(["--job"], input: #"{"monomers": [["a", ">x"], ["b", ">x"]]}"#)
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").last == "Duplicate Monomer name. 'b >x'")
    }

    @Test func jobModeRejectsAMalformedRequest() throws {
        let run = try run(["--job"], input: "monomers: a b")
        #expect(run.status == 2)
        #expect(run.stderr.contains("Invalid request"))
    }

    @Test func commandLineSolvesFilesWithConstraints() throws {
        let run = try run(["stably_together_example.txt", "--constraints", "stably_together_constraints.txt", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try json(run.stdout)
        #expect(result["entropy"] as? Int == 3)
        let configs = try #require(result["configs"] as? [[String: Any]])
        #expect(configs.first?["polymers_count"] as? Int == 2)
    }

    @Test func commandLinePrintsReadableConfigurations() throws {
        let run = try run(["classic.txt", "--gen", "2"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Entropy: 3 polymers."))
        #expect(run.stdout.contains("Configuration 1: 3 polymers"))
        #expect(run.stdout.contains("Configuration 2: 2 polymers"))
    }

    @Test func commandLineReportsInputErrors() throws {
        let missing = try run(["no-such-file.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Cannot read 'no-such-file.txt'"))
        let tooMany = try run(["classic.txt", "--init-k", "4"])
        #expect(tooMany.status == 3)
        #expect(tooMany.stderr.contains("Minimum Polymers [4] exceeds the max entropy"))
    }
}
