import Foundation
import TendConfig
import Testing

@testable import TendSupervisor

@Suite(.serialized, .timeLimit(.minutes(1)))
struct LogCaptureTests {
    @Test func logRotatesAtMaxBytesKeepingBackups() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        // 100 lines of 100 bytes = 10,000 bytes into files of at most 2,000 bytes, 2 backups.
        var spec = shellProgram(
            "chatty",
            "i=0; while [ $i -lt 100 ]; do printf \"%099d\\n\" $i; i=$((i+1)); done; echo done; exec sleep 30", in: dir)
        spec.stdoutLog = LogSpec(destination: .file(dir.file("chatty.log")), maxBytes: 2000, backups: 2)
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        _ = await supervisor.start(["chatty"])
        try await waitForFile(dir.file("chatty.log")) { $0.contains("done") }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("chatty.log") }
            .sorted()
        #expect(files == ["chatty.log", "chatty.log.1", "chatty.log.2"])
        for file in files {
            let size = try FileManager.default.attributesOfItem(atPath: dir.file(file))[.size] as! Int
            #expect(size <= 2000)
        }
        // The newest lines are in the live file, the older ones in .1 then .2; the oldest are gone.
        #expect(dir.read("chatty.log").hasSuffix("done\n"))
        #expect(!dir.read("chatty.log.2").contains(String(format: "%099d", 0)))
        await supervisor.shutdown()
    }

    @Test func stripAnsiKeepsControlSequencesOutOfTheLog() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let spec = shellProgram("colors", "printf \"\\033[1;31mred\\033[0m plain\\n\"; exec sleep 30", in: dir)
        let supervisor = try makeSupervisor([spec], in: dir, stripAnsi: true)
        await supervisor.activate()
        _ = await supervisor.start(["colors"])
        try await waitForFile(dir.file("colors.out")) { $0.contains("plain") }
        #expect(dir.read("colors.out") == "red plain\n")
        let chunk = try await supervisor.tail("colors", stream: .stdout, offset: 0, length: 1600)
        #expect(chunk.text == "red plain\n")
        await supervisor.shutdown()
    }

    @Test func redirectStderrAndTailAndClear() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = shellProgram("both", "echo out; echo err >&2; exec sleep 30", in: dir)
        spec.redirectStderr = true
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        _ = await supervisor.start(["both"])
        try await waitForFile(dir.file("both.out")) { $0.contains("out") && $0.contains("err") }
        let chunk = try await supervisor.tail("both", stream: .stdout, offset: 0, length: 1600)
        #expect(chunk.text == "out\nerr\n")
        #expect(chunk.offset == 8)
        #expect(!chunk.overflow)
        let short = try await supervisor.tail("both", stream: .stdout, offset: 0, length: 4)
        #expect(short.text == "err\n" && short.overflow)
        #expect(!FileManager.default.fileExists(atPath: dir.file("both.err")))
        _ = await supervisor.clearLogs(["both"])
        #expect(dir.read("both.out").isEmpty)
        await supervisor.shutdown()
    }

    @Test func followDeliversNewOutput() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = shellProgram("talker", "read line; echo \"got $line\"; exec sleep 30", in: dir)
        spec.stdoutLog = LogSpec(destination: .none)
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        _ = await supervisor.start(["talker"])
        let stream = try await supervisor.follow("talker", stream: .stdout)
        try await supervisor.sendStdin("talker", "hello\n")
        var received = ""
        for await bytes in stream {
            received += String(decoding: bytes, as: UTF8.self)
            if received.contains("\n") { break }
        }
        #expect(received == "got hello\n")
        // With NONE there is no file, and tail is served from memory.
        #expect(try await supervisor.tail("talker", stream: .stdout, offset: 0, length: 100).text == "got hello\n")
        await supervisor.shutdown()
    }

    @Test func tailBufferKeepsTheNewestBytes() {
        var buffer = TailBuffer(capacity: 8)
        for chunk in ["abc", "defgh", "ijklmnop", "q"] {
            Array(chunk.utf8).withUnsafeBytes { buffer.append($0) }
        }
        #expect(String(decoding: buffer.contents, as: UTF8.self) == "jklmnopq")
        #expect(buffer.totalWritten == 17)
        let (bytes, offset, overflow) = buffer.read(from: 15, length: 100)
        #expect(String(decoding: bytes, as: UTF8.self) == "pq" && offset == 17 && !overflow)
    }
}
