import Foundation
import Testing

@testable import TendServer

/// `readFile` and `tailFile` against the answers supervisord 4.3's own functions give for a 10-byte
/// file `abcdefghij` (computed with `supervisor.options.readFile` / `tailFile`).
struct LogFileReaderTests {
    static func withFile<T>(_ body: (String) throws -> T) throws -> T {
        let directory = ServerFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/log"
        try Data("abcdefghij".utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    struct TailCase: Sendable, CustomStringConvertible {
        var offset: Int
        var length: Int
        var text: String
        var overflow: Bool
        var description: String { "tailFile(\(offset), \(length))" }
    }

    @Test(arguments: [
        TailCase(offset: 0, length: 5, text: "fghij", overflow: true),
        TailCase(offset: 2, length: 100, text: "abcdefghij", overflow: false),
        TailCase(offset: 0, length: 3, text: "hij", overflow: true),
        TailCase(offset: 100, length: 5, text: "", overflow: false),
        TailCase(offset: -5, length: 100, text: "abcdefghij", overflow: false),
        TailCase(offset: 9, length: 1, text: "j", overflow: false),
        TailCase(offset: 10, length: 1, text: "", overflow: false),
        TailCase(offset: 3, length: 7, text: "defghij", overflow: false),
        TailCase(offset: 3, length: 6, text: "efghij", overflow: true),
        TailCase(offset: 0, length: 0, text: "", overflow: true),
        TailCase(offset: 5, length: 0, text: "", overflow: true),
        TailCase(offset: -3, length: 0, text: "", overflow: true),
        TailCase(offset: -3, length: 2, text: "ij", overflow: true),
    ])
    func tailFileMatchesSupervisord(_ example: TailCase) throws {
        let result = try Self.withFile { LogFileReader.tailFile($0, offset: example.offset, length: example.length) }
        #expect(result.text == example.text)
        #expect(result.offset == 10)
        #expect(result.overflow == example.overflow)
    }

    @Test func tailOfAMissingFileIsEmptyAtTheGivenOffset() {
        let result = LogFileReader.tailFile("/nonexistent/tend-log", offset: 7, length: 10)
        #expect(result.text == "" && result.offset == 7 && result.overflow == false)
    }

    @Test(arguments: [
        (0, 0, "abcdefghij"), (3, 0, "defghij"), (3, 2, "de"), (-3, 0, "hij"), (-30, 0, "abcdefghij"),
        (30, 0, ""), (30, 5, ""),
    ])
    func readFileMatchesSupervisord(_ offset: Int, _ length: Int, _ expected: String) throws {
        #expect(try Self.withFile { try LogFileReader.readFile($0, offset: offset, length: length) } == expected)
    }

    @Test func readFileRefusesWhatSupervisordRefuses() throws {
        try Self.withFile { path in
            #expect(throws: LogFileReader.Failure.badArguments) {
                try LogFileReader.readFile(path, offset: -10, length: 5)
            }
            #expect(throws: LogFileReader.Failure.badArguments) {
                try LogFileReader.readFile(path, offset: 5, length: -1)
            }
        }
        #expect(throws: LogFileReader.Failure.failed) {
            try LogFileReader.readFile("/nonexistent/tend-log", offset: 0, length: 0)
        }
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        let directory = ServerFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/log"
        try Data([0x61, 0xFF, 0x62]).write(to: URL(fileURLWithPath: path))
        #expect(try LogFileReader.readFile(path, offset: 0, length: 0) == "a\u{FFFD}b")
    }
}
