import Foundation
import Synchronization
import TendPlatform
import Testing

/// The log file under failure: a full disk or a vanished directory drops bytes, says so once, and recovers.
struct LogFileTests {
    /// Collects what a log file reports.
    final class Reports: Sendable {
        private let problems = Mutex<[LogFile.Problem]>([])
        var all: [LogFile.Problem] { problems.withLock { $0 } }
        func record(_ problem: LogFile.Problem) { problems.withLock { $0.append(problem) } }
    }

    @Test func aFullDiskIsReportedOnceNotOncePerWrite() throws {
        let reports = Reports()
        let file = try LogFile(path: "/dev/full", maxBytes: 0, backups: 0) { reports.record($0) }
        for _ in 0..<100 { Array("a line\n".utf8).withUnsafeBytes { file.write($0) } }
        #expect(reports.all.count == 1)
        guard case .failing(let error) = reports.all.first else {
            Issue.record("no failure reported: \(reports.all)")
            return
        }
        #expect(error.isNoSpace)
        #expect("\(reports.all[0])".contains("can't write /dev/full: No space left on device"))
    }

    @Test func writingResumesWhenTheDirectoryComesBackAndTheLossIsCounted() throws {
        let directory = NSTemporaryDirectory() + "tend-logfile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/app.log"
        let reports = Reports()
        let file = try LogFile(path: path, maxBytes: 10, backups: 1) { reports.record($0) }
        Array("12345678\n".utf8).withUnsafeBytes { file.write($0) }
        try FileManager.default.removeItem(atPath: directory)
        // The next line does not fit: rotation finds no directory, so the file cannot be opened again.
        Array("abcdefgh\n".utf8).withUnsafeBytes { file.write($0) }
        Array("lost\n".utf8).withUnsafeBytes { file.write($0) }
        #expect(reports.all.count == 1)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        Array("back\n".utf8).withUnsafeBytes { file.write($0) }
        #expect(reports.all.count == 2)
        #expect(reports.all.last == .recovered(path: path, droppedBytes: 14))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "back\n")
    }
}
