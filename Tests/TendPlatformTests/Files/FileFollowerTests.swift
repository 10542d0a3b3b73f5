import Foundation
import TendPlatform
import Testing

/// Following the daemon's log: backlog, appends, truncation and rotation, woken by inotify.
@Suite(.timeLimit(.minutes(1)))
struct FileFollowerTests {
    /// Reads from `iterator` until the collected text contains `expected`.
    static func read(
        _ iterator: inout AsyncStream<[UInt8]>.Iterator, until expected: String, into text: inout String
    ) async {
        while !text.contains(expected), let chunk = await iterator.next() {
            text += String(decoding: chunk, as: UTF8.self)
        }
    }

    static func makeTemporaryDirectory() -> String {
        let directory = NSTemporaryDirectory() + "tend-follow-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func sendsTheBacklogThenWhatIsAppended() async throws {
        let directory = Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/main.log"
        try Data(("old line\n" + String(repeating: "x", count: 30) + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let stream = try FileFollower.follow(path, backlog: 10)
        var iterator = stream.makeAsyncIterator()
        var text = ""
        await Self.read(&iterator, until: "xxxxxxxxx\n", into: &text)
        #expect(text == "xxxxxxxxx\n")
        // Another file in the same directory does not matter.
        try Data("noise".utf8).write(to: URL(fileURLWithPath: directory + "/other.log"))
        try Self.append("new line\n", to: path)
        await Self.read(&iterator, until: "new line\n", into: &text)
        #expect(text == "xxxxxxxxx\nnew line\n")
    }

    @Test func aShortFileIsSentWhole() async throws {
        let directory = Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/main.log"
        try Data("short\n".utf8).write(to: URL(fileURLWithPath: path))
        var iterator = try FileFollower.follow(path, backlog: 1024).makeAsyncIterator()
        var text = ""
        await Self.read(&iterator, until: "short\n", into: &text)
        #expect(text == "short\n")
    }

    @Test func truncationIsAnnouncedAndTheFileFollowedFromItsStart() async throws {
        let directory = Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/main.log"
        try Data("before\n".utf8).write(to: URL(fileURLWithPath: path))
        var iterator = try FileFollower.follow(path, backlog: 1024).makeAsyncIterator()
        var text = ""
        await Self.read(&iterator, until: "before\n", into: &text)
        #expect(truncate(path, 0) == 0)
        try Self.append("after\n", to: path)
        await Self.read(&iterator, until: "after\n", into: &text)
        #expect(text == "before\n==> File truncated <==\nafter\n")
    }

    @Test func rotationSendsTheRestOfTheOldFileThenTheNewOne() async throws {
        let directory = Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/main.log"
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: path))
        var iterator = try FileFollower.follow(path, backlog: 1024).makeAsyncIterator()
        var text = ""
        await Self.read(&iterator, until: "one\n", into: &text)
        try Self.append("two\n", to: path)
        #expect(rename(path, path + ".1") == 0)
        try Data("three\n".utf8).write(to: URL(fileURLWithPath: path))
        await Self.read(&iterator, until: "three\n", into: &text)
        #expect(text == "one\ntwo\nthree\n")
    }

    @Test func aMissingFileCannotBeFollowed() {
        #expect(throws: SystemError.self) { try FileFollower.follow("/nonexistent/tend.log", backlog: 10) }
    }
}
