import Testing

@testable import TendPlatform

/// `Launcher.launch` as programs and jobs use it: the command is found in PATH, its streams arrive on the pipes
/// it returns, and a failure to start says why and leaves nothing running.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct LauncherTests {
    /// Reads `fd` to end of file on the reactor and returns the text.
    private func readAll(_ fd: Int32) async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            Reactor.shared.execute {
                final class Slot: @unchecked Sendable {
                    var token: Reactor.Token?
                    var bytes: [UInt8] = []
                }
                let slot = Slot()
                slot.token = Reactor.shared.watch(fd) {
                    let buffer = Reactor.shared.buffer
                    switch Descriptor.read(fd, into: buffer) {
                    case .bytes(let count): slot.bytes += buffer[..<count]
                    case .wouldBlock: break
                    case .endOfFile, .failed:
                        if let token = slot.token { Reactor.shared.remove(token) }
                        Descriptor.close(fd)
                        continuation.resume(returning: String(decoding: slot.bytes, as: UTF8.self))
                    }
                }
            }
        }
    }

    /// Waits for the child's exit through its pidfd and reaps it.
    private func exit(of child: ChildHandle) async -> TendPlatform.ExitStatus? {
        await withCheckedContinuation { continuation in
            Reactor.shared.onceReadable(child.pidfd) {
                let status = child.reap()
                WatchedChildren.release(child.pid)
                child.close()
                continuation.resume(returning: status)
            }
        }
    }

    @Test func aBareCommandIsFoundInPathAndItsStreamsArriveOnSeparatePipes() async throws {
        var spec = LaunchSpec(
            arguments: ["sh", "-c", "read line; echo out:$line; echo err >&2; echo progress >&3"], environment: [])
        spec.searchPath = "/nonexistent:/bin"
        spec.extraOutputDescriptors = [3]
        let child = try Launcher.launch(spec)
        let input: [UInt8] = Array("hello\n".utf8)
        _ = input.withUnsafeBytes { Descriptor.write(child.standardInput, from: $0) }
        Descriptor.close(child.standardInput)
        let stderr = try #require(child.standardError)
        async let out = readAll(child.standardOutput)
        async let err = readAll(stderr)
        async let progress = readAll(child.extraOutputs[0])
        #expect(await out == "out:hello\n")
        #expect(await err == "err\n")
        #expect(await progress == "progress\n")
        #expect(await exit(of: child.handle) == .exited(0))
    }

    @Test func withoutSeparateStandardErrorBothStreamsShareStdout() async throws {
        var spec = LaunchSpec(arguments: ["/bin/sh", "-c", "echo one; echo two >&2"], environment: [])
        spec.separateStandardError = false
        let child = try Launcher.launch(spec)
        Descriptor.close(child.standardInput)
        #expect(child.standardError == nil)
        #expect(await readAll(child.standardOutput) == "one\ntwo\n")
        #expect(await exit(of: child.handle) == .exited(0))
    }

    @Test func aMissingCommandIsASpawnErrorNamingIt() {
        let spec = LaunchSpec(arguments: ["no-such-command-for-tend"], environment: [])
        #expect {
            _ = try Launcher.launch(spec)
        } throws: { error in
            (error as? SpawnError)?.message == "can't find command 'no-such-command-for-tend'"
        }
    }
}
