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
        var exit: ExitStatus?
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
    static func run(_ launch: LaunchSpec, timeout: Double, reaper: ChildReaper, reactor: Reactor = .shared) async
        -> ProbeResult
    {
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

    /// Takes the pipe on the reactor; the exit may have come first (both are handled there, in order).
    private func read(_ fd: Int32) {
        reactor.execute { [self] in
            let exited = state.withLock { state in
                state.fd = fd
                return state.exit != nil
            }
            if exited { return complete() }
            let token = reactor.watch(fd) { [self] in drain() }
            state.withLock { $0.token = token }
        }
    }

    /// Reads what the pipe holds now (reactor thread); at its end the watch stops (the pipe closes with the report).
    private func drain() {
        let buffer = reactor.buffer
        state.withLock { state in
            guard state.fd >= 0 else { return }
            while true {
                switch Descriptor.read(state.fd, into: buffer) {
                case .bytes(let count):
                    if state.output.count < ProbeResult.outputLimit * 4 {
                        state.output += UnsafeRawBufferPointer(rebasing: buffer[..<count])
                    }
                case .wouldBlock:
                    return
                case .endOfFile, .failed:
                    if let token = state.token { reactor.remove(token) }
                    state.token = nil
                    return
                }
            }
        }
    }

    /// The command exited (reactor thread): report once its pipe is ours.
    private func exited(_ status: ExitStatus) {
        let attached = state.withLock { state in
            state.exit = status
            return state.fd >= 0
        }
        if attached { complete() }
    }

    /// Takes the rest of the output, closes the pipe and reports (reactor thread).
    private func complete() {
        drain()
        let (output, status, timedOut) = state.withLock { state in
            if let token = state.token { reactor.remove(token) }
            Descriptor.close(state.fd)
            state.fd = -1
            state.token = nil
            return (String(decoding: state.output, as: UTF8.self), state.exit, state.timedOut)
        }
        timer.cancel()
        if timedOut {
            finish(
                ProbeResult(
                    passed: false,
                    output: "timed out after \(timeout.secondsText) s" + (output.isEmpty ? "" : ": \(output)")))
        } else if let status, status.exitCode == 0 {
            finish(ProbeResult(passed: true, output: output))
        } else {
            finish(
                ProbeResult(
                    passed: false,
                    output: "\(status.map { "\($0)" } ?? "no exit")" + (output.isEmpty ? "" : ": \(output)")))
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
