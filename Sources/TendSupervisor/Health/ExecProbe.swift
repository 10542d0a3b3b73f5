import Synchronization
import TendConfig
import TendPlatform

/// The `exec` probe: runs a command (as the program would run: its environment, directory and user) and passes
/// when it exits with 0 within the timeout; past it, the command's process group gets SIGKILL and the run fails.
/// Its output (stdout and stderr together, the first `ProbeResult.outputLimit` characters) is the probe's output.
///
/// The exit comes from the command's pidfd and its output from its pipe, both on the reactor; nothing polls.
final class ExecProbe: Sendable {
    private struct State {
        var output: [UInt8] = []
        var fd: Int32 = -1
        var token: Reactor.Token?
        var timedOut = false
        var continuation: CheckedContinuation<ProbeResult, Never>?
    }

    private let state = Mutex(State())
    private let reactor: Reactor
    private let timer: ReactorTimer
    private let timeout: Double

    private init(reactor: Reactor, timeout: Double) {
        self.reactor = reactor
        self.timer = ReactorTimer(reactor: reactor)
        self.timeout = timeout
    }

    /// Runs `launch` with `reaper` and reports how it went.
    static func run(_ launch: LaunchSpec, timeout: Double, reaper: ChildReaper, reactor: Reactor = .shared) async -> ProbeResult {
        var launch = launch
        launch.separateStandardError = false
        let probe = ExecProbe(reactor: reactor, timeout: timeout)
        return await withCheckedContinuation { continuation in
            probe.state.withLock { $0.continuation = continuation }
            let child: LaunchedChild
            do throws(SpawnError) {
                child = try reaper.launch(launch) { status, _, _ in probe.exited(status) }
            } catch {
                probe.finish(ProbeResult(passed: false, output: error.message))
                return
            }
            Descriptor.close(child.standardInput)
            let handle = child.handle
            probe.timer.schedule(after: .milliseconds(Int(timeout * 1000))) {
                probe.state.withLock { $0.timedOut = true }
                handle.sendToGroup(signal: SignalName.kill.number)
                handle.send(signal: SignalName.kill.number)
            }
            probe.read(child.standardOutput)
        }
    }

    private func read(_ fd: Int32) {
        reactor.execute { [self] in
            let finished = state.withLock { state in
                guard state.continuation != nil else { return true }
                state.fd = fd
                return false
            }
            if finished { return Descriptor.close(fd) }
            let token = reactor.watch(fd) { [self] in drain() }
            state.withLock { $0.token = token }
        }
    }

    /// Reads what the pipe holds now (reactor thread).
    private func drain() {
        let buffer = reactor.buffer
        state.withLock { state in
            guard state.fd >= 0 else { return }
            while case .bytes(let count) = Descriptor.read(state.fd, into: buffer) {
                if state.output.count < ProbeResult.outputLimit * 4 {
                    state.output += UnsafeRawBufferPointer(rebasing: buffer[..<count])
                }
            }
        }
    }

    /// The command exited (reactor thread): take the rest of its output and report.
    private func exited(_ status: ExitStatus) {
        drain()
        let (output, timedOut) = state.withLock { state in
            if let token = state.token { reactor.remove(token) }
            Descriptor.close(state.fd)
            state.fd = -1
            state.token = nil
            return (String(decoding: state.output, as: UTF8.self), state.timedOut)
        }
        timer.cancel()
        if timedOut {
            finish(ProbeResult(passed: false, output: "timed out after \(timeout.secondsText) s" + (output.isEmpty ? "" : ": \(output)")))
        } else if status.exitCode == 0 {
            finish(ProbeResult(passed: true, output: output))
        } else {
            finish(ProbeResult(passed: false, output: "\(status)" + (output.isEmpty ? "" : ": \(output)")))
        }
    }

    private func finish(_ result: ProbeResult) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: result)
    }
}
