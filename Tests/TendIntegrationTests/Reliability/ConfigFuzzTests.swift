import Foundation
import TendConfig
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Bad input, configs: thousands of mutated configs (see `FuzzConfigMutator`) through the loader that `tend check`
/// runs, each under a deadline, and a sample of them through the real `tend check` binary. None may crash or hang,
/// and every error must name its `file:line`.
///
/// The cases are reproducible: `TEND_FUZZ_SEED` (a decimal number) replaces the fixed seed, and a failure names
/// the seed, the case number and the mutations that made the case.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ConfigFuzzTests {
    static let seed: UInt64 =
        ProcessInfo.processInfo.environment["TEND_FUZZ_SEED"].flatMap { UInt64($0) }
        ?? 0x7E4D_C0F1_2026_1207
    static let inProcessCases = 5_000
    static let binaryCases = 200
    /// How long one case may take in process before it counts as a hang (a case normally takes milliseconds).
    static let caseDeadline: DispatchTimeInterval = .seconds(10)
    /// How long one `tend check` may take before it counts as a hang.
    static let binaryDeadline: TimeInterval = 20

    /// A failure with what replays it.
    struct Finding: CustomStringConvertible {
        var index: Int
        var problem: String
        var fuzzCase: FuzzConfigCase
        var description: String {
            "case \(index) (seed \(ConfigFuzzTests.seed)): \(problem.prefix(400))\n  mutations: "
                + fuzzCase.mutations.joined(separator: "; ")
        }
    }

    @Test func fiveThousandMutatedConfigsLoadInProcessWithoutHangsAndEveryErrorNamesFileLine() async throws {
        let seeds = try FuzzSeedConfigs.all()
        #expect(seeds.count >= 5)
        let root = try DaemonFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = try await Self.offThread { try Self.runInProcess(seeds: seeds, root: root) }
        print(
            "config fuzz (in process, seed \(Self.seed)): \(report.cases) cases from \(seeds.count) seeds, "
                + "\(report.loaded) without errors, \(report.rejected) with errors (\(report.errors) error lines), "
                + "\(report.unlocatedWarnings) warnings without file:line, 0 crashes, \(report.hangs) hangs, "
                + "slowest case \(report.slowestMilliseconds) ms, total \(report.seconds) s "
                + "(\(Int(report.loaderSeconds)) s in the loader)")
        #expect(report.cases == Self.inProcessCases)
        #expect(report.hangs == 0)
        #expect(report.findings.isEmpty, "\(report.findings.prefix(10).map(\.description).joined(separator: "\n"))")
        // The mutations must reach both outcomes, or the suite is not testing the error paths (or the good ones).
        #expect(report.rejected > Self.inProcessCases / 4)
        #expect(report.loaded > 0)
    }

    @Test func aSampleOfMutatedConfigsThroughTendCheckExitsZeroOrOneWithFileLineErrors() async throws {
        let seeds = try FuzzSeedConfigs.all()
        let root = try DaemonFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var mutator = FuzzConfigMutator(seed: Self.seed ^ 0xB1A_4B1A, seeds: seeds)
        let cases = (0..<Self.binaryCases).map { _ in mutator.next() }
        let started = ContinuousClock.now
        // Two at a time: the machine has two cores.
        let halves = try await withThrowingTaskGroup(of: BinaryReport.self) { group in
            for half in 0..<2 {
                group.addTask {
                    try await Self.offThread {
                        try Self.runBinary(
                            cases: cases, indices: Array(stride(from: half, to: cases.count, by: 2)), root: root)
                    }
                }
            }
            return try await group.reduce(into: [BinaryReport]()) { $0.append($1) }
        }
        let findings = halves.flatMap(\.findings).sorted { $0.index < $1.index }
        let ok = halves.map(\.ok).reduce(0, +)
        let failed = halves.map(\.failed).reduce(0, +)
        let slowest = halves.map(\.slowestMilliseconds).max() ?? 0
        print(
            "config fuzz (tend check binary, seed \(Self.seed)): \(cases.count) cases, \(ok) exit 0, "
                + "\(failed) exit 1, \(findings.count) findings, slowest \(slowest) ms, "
                + "total \(started.duration(to: .now))")
        #expect(ok + failed == Self.binaryCases)
        #expect(findings.isEmpty, "\(findings.prefix(10).map(\.description).joined(separator: "\n"))")
        #expect(failed > 0)
    }

    // MARK: - In process

    struct InProcessReport: Sendable {
        var cases = 0
        var loaded = 0
        var rejected = 0
        var errors = 0
        var unlocatedWarnings = 0
        var hangs = 0
        var slowestMilliseconds = 0
        var seconds = 0.0
        /// The part of `seconds` spent in the loader (the rest writes the files).
        var loaderSeconds = 0.0
        var findings: [Finding] = []
    }

    /// Runs every case on a worker queue, waiting for each with a deadline; a case past it is a hang (the worker
    /// cannot be stopped, so the run ends there).
    static func runInProcess(seeds: [FuzzConfigSeed], root: String) throws -> InProcessReport {
        var mutator = FuzzConfigMutator(seed: seed, seeds: seeds)
        var report = InProcessReport()
        let worker = DispatchQueue(label: "config-fuzz")
        let start = DispatchTime.now()
        for index in 0..<inProcessCases {
            let fuzzCase = mutator.next()
            let directory = root + "/case"
            try fuzzCase.write(into: directory)
            defer { fuzzCase.remove(from: directory) }
            let loader = ConfigLoader(
                environment: ["HOME": directory, "PATH": "/usr/bin:/bin"], hostName: "fuzzhost",
                workingDirectory: directory)
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var diagnostics: [ConfigDiagnostic] = []
            let caseStart = DispatchTime.now()
            worker.async {
                diagnostics = loader.check(path: directory + "/" + FuzzConfigCase.mainName)
                done.signal()
            }
            if done.wait(timeout: .now() + caseDeadline) == .timedOut {
                report.hangs += 1
                report.findings.append(
                    Finding(index: index, problem: "hang: no answer within 10 s", fuzzCase: fuzzCase))
                break
            }
            let nanoseconds = DispatchTime.now().uptimeNanoseconds - caseStart.uptimeNanoseconds
            report.loaderSeconds += Double(nanoseconds) / 1e9
            let milliseconds = Int(nanoseconds / 1_000_000)
            report.slowestMilliseconds = max(report.slowestMilliseconds, milliseconds)
            report.cases += 1
            let errors = diagnostics.filter { $0.severity == .error }
            report.errors += errors.count
            if errors.isEmpty { report.loaded += 1 } else { report.rejected += 1 }
            report.unlocatedWarnings += diagnostics.filter { $0.severity == .warning && $0.location == nil }.count
            for error in errors {
                if let problem = locationProblem(error, directory: directory, files: fuzzCase.files) {
                    report.findings.append(Finding(index: index, problem: problem, fuzzCase: fuzzCase))
                }
            }
        }
        report.seconds = Double((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000) / 1000
        return report
    }

    /// Why `error` does not name a line of one of the case's files, or `nil` when it does.
    static func locationProblem(_ error: ConfigDiagnostic, directory: String, files: [String: [UInt8]]) -> String? {
        guard let location = error.location else { return "an error without file:line: \(error.message)" }
        let name = location.file.hasPrefix(directory + "/") ? String(location.file.dropFirst(directory.count + 1)) : ""
        // A mutated include may reach files outside the case; those are read from disk.
        guard let bytes = files[name] ?? FileManager.default.contents(atPath: location.file).map(Array.init) else {
            return "an error in a file that does not exist: \(error)"
        }
        // Counted as the INI parser counts them: `\n`, `\r\n` and a lone `\r` end a line.
        let lineCount = String(decoding: bytes, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        ).count
        guard location.line >= 1, location.line <= max(lineCount, 1) else {
            return "an error at line \(location.line) of a file of \(lineCount) lines: \(error)"
        }
        if error.message.contains("\n") || error.message.contains("\r") {
            return "an error message of several lines (only the first names file:line): \(error)"
        }
        return nil
    }

    // MARK: - The binary

    struct BinaryReport: Sendable {
        var ok = 0
        var failed = 0
        var slowestMilliseconds = 0
        var findings: [Finding] = []
    }

    static func runBinary(cases: [FuzzConfigCase], indices: [Int], root: String) throws -> BinaryReport {
        var report = BinaryReport()
        for index in indices {
            let fuzzCase = cases[index]
            let directory = root + "/binary-\(index)"
            try fuzzCase.write(into: directory)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/" + FuzzConfigCase.mainName
            let started = Date()
            let result = try DaemonFixture.run(
                DaemonFixture.tendBinary, ["check", "-c", path], timeout: binaryDeadline)
            let seconds = Date().timeIntervalSince(started)
            report.slowestMilliseconds = max(report.slowestMilliseconds, Int(seconds * 1000))
            if seconds >= binaryDeadline {
                report.findings.append(
                    Finding(index: index, problem: "hang: killed after \(binaryDeadline) s", fuzzCase: fuzzCase))
                continue
            }
            switch result.status {
            case 0:
                report.ok += 1
                if !result.stdout.hasSuffix("\(path): OK\n") {
                    report.findings.append(
                        Finding(index: index, problem: "exit 0 without OK: \(result)", fuzzCase: fuzzCase))
                }
            case 1:
                report.failed += 1
                let errorLines = result.lines.filter { !$0.contains(": warning: ") }
                if errorLines.isEmpty {
                    report.findings.append(
                        Finding(index: index, problem: "exit 1 without an error: \(result)", fuzzCase: fuzzCase))
                }
                for line in errorLines where !namesFileLine(line, directory: directory) {
                    report.findings.append(
                        Finding(index: index, problem: "an error line without file:line: \(line)", fuzzCase: fuzzCase))
                }
                if !result.stderr.isEmpty {
                    report.findings.append(
                        Finding(index: index, problem: "stderr: \(result.stderr)", fuzzCase: fuzzCase))
                }
            default:
                report.findings.append(
                    Finding(
                        index: index, problem: "exit status \(result.status) (a crash?): \(result)", fuzzCase: fuzzCase)
                )
            }
        }
        return report
    }

    /// True when `line` starts with `DIRECTORY/FILE:N: `.
    static func namesFileLine(_ line: String, directory: String) -> Bool {
        guard line.hasPrefix(directory + "/") else { return false }
        let rest = line.dropFirst(directory.count + 1)
        guard let colon = rest.firstIndex(of: ":") else { return false }
        let afterFile = rest[rest.index(after: colon)...]
        let digits = afterFile.prefix { $0.isNumber }
        return !digits.isEmpty && afterFile.dropFirst(digits.count).hasPrefix(": ")
    }

    /// Runs `body` on a thread of its own, so the wait never holds one of Swift concurrency's few threads.
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
