import TendConfig
import TendPlatform

/// One running job's process, watched without polling on the shared `Reactor`: its pidfd and its pipes are
/// in the loop's epoll set, and its timeout and grace period are loop timers.
///
/// It feeds the input to stdin, collects stdout (the result) and the end of stderr (the log), reports progress
/// lines, stops the process group on request (stop signal, then SignalName.kill.number after the grace period) and, when the
/// process exits, kills what is left of its process group, reads what remains in the pipes and reports
/// `.ended` exactly once. A descriptor is removed from the epoll set before it is closed.
///
/// Thread safety: every mutable property is touched only on the loop thread; the public methods hop onto it.
final class JobProcess: @unchecked Sendable {
    /// What the runner configures per process.
    struct Settings: Sendable {
        var stopSignal: Int32
        var grace: Double
        var timeout: Double?
        var limits: OutputLimits
    }

    let id: JobID
    let child: ChildHandle
    private let loop: Reactor
    private let settings: Settings
    private let report: @Sendable (JobProcessEvent) -> Void

    private var stdinFD: Int32
    private var pendingInput: ArraySlice<UInt8>
    private var stdinWatch: Reactor.Token?
    private var readers: [Int32: Reactor.Token] = [:]
    private var exitWatch: Reactor.Token?
    private var outputTimer: Reactor.Token?
    private var exitStatus: ExitStatus?
    /// How long after the exit the job waits for its pipes to reach end of file.
    static let outputGrace = 2.0
    private let stdoutFD: Int32
    private let stderrFD: Int32
    private let progressFD: Int32
    private var timeoutTimer: Reactor.Token?
    private var killTimer: Reactor.Token?

    private var stdout: [UInt8] = []
    private var stdoutOverflowed = false
    private var stderrTail: [UInt8] = []
    private var progress: ProgressLineReader
    private var stopReason: JobStopReason?
    private var ended = false

    /// Takes ownership of the runner's ends of the pipes (`stdin` write end, the others read ends, all
    /// non-blocking) and of the child's pidfd.
    init(
        id: JobID, child: ChildHandle, stdin: Int32, stdout: Int32, stderr: Int32, progress: Int32, input: [UInt8],
        settings: Settings, loop: Reactor = .shared, report: @escaping @Sendable (JobProcessEvent) -> Void
    ) {
        self.id = id
        self.child = child
        self.stdinFD = stdin
        self.stdoutFD = stdout
        self.stderrFD = stderr
        self.progressFD = progress
        self.pendingInput = input[...]
        self.settings = settings
        self.loop = loop
        self.report = report
        self.progress = ProgressLineReader(maximumLine: settings.limits.progressLineBytes)
    }

    /// Starts watching the process: writes its input, reads its pipes, arms the timeout.
    func start() {
        loop.execute { self.activate() }
    }

    /// Stops the process group: `stopSignal` now, SignalName.kill.number after the grace period. The first reason given is the
    /// one reported; later calls do nothing.
    func stop(_ reason: JobStopReason) {
        loop.execute { self.beginStop(reason) }
    }

    private func activate() {
        exitWatch = loop.watch(child.pidfd) { [self] in childExited() }
        for fd in [stdoutFD, stderrFD, progressFD] {
            readers[fd] = loop.watch(fd) { [self] in drain(fd) }
        }
        writeInput()
        if let timeout = settings.timeout {
            timeoutTimer = loop.schedule(after: timeout) { [self] in beginStop(.timedOut) }
        }
    }

    private func writeInput() {
        writing: while !pendingInput.isEmpty {
            switch pendingInput.withUnsafeBytes({ Descriptor.write(stdinFD, from: $0) }) {
            case .bytes(let written):
                pendingInput = pendingInput.dropFirst(written)
            case .wouldBlock:
                if stdinWatch == nil {
                    stdinWatch = loop.watch(stdinFD, writable: true) { [self] in writeInput() }
                }
                if stdinWatch != nil { return }
                break writing
            case .endOfFile, .failed:
                break writing  // EPIPE: the job does not read its input.
            }
        }
        closeStdin()
    }

    private func closeStdin() {
        guard stdinFD >= 0 else { return }
        pendingInput = []
        if let watch = stdinWatch { loop.remove(watch) }
        stdinWatch = nil
        Descriptor.close(stdinFD)
        stdinFD = -1
    }

    /// Reads `fd` until it would block or ends (at the end it stops watching and closes it), or until it has read
    /// `readsPerWakeUp` buffers: a job that writes without pause must not keep the loop from the other jobs, and
    /// the level-triggered watch calls again for the rest.
    private func drain(_ fd: Int32) {
        let buffer = loop.buffer
        var atEnd = false
        reading: for _ in 0..<Self.readsPerWakeUp {
            switch Descriptor.read(fd, into: buffer) {
            case .bytes(let count):
                consume(UnsafeRawBufferPointer(rebasing: buffer[..<count]), from: fd)
            case .wouldBlock:
                break reading
            case .endOfFile, .failed:
                atEnd = true
                break reading
            }
        }
        if atEnd, fd == progressFD { progress.finish() }
        reportProgress()
        if atEnd { closeReader(fd) }
    }

    /// At most this many buffers are read from one pipe per wake-up.
    static let readsPerWakeUp = 16

    private func consume(_ bytes: UnsafeRawBufferPointer, from fd: Int32) {
        if fd == stdoutFD {
            if stdout.count + bytes.count > settings.limits.resultBytes {
                stdoutOverflowed = true
            } else if !stdoutOverflowed {
                stdout.append(contentsOf: bytes)
            }
        } else if fd == stderrFD {
            stderrTail.append(contentsOf: bytes)
            let limit = settings.limits.logTailBytes
            if stderrTail.count > 2 * limit { stderrTail.removeFirst(stderrTail.count - limit) }
        } else {
            progress.append(bytes)
        }
    }

    private func reportProgress() {
        if let line = progress.takeLatest() { report(.progress(id, line)) }
    }

    private func closeReader(_ fd: Int32) {
        if let watch = readers.removeValue(forKey: fd) { loop.remove(watch) }
        Descriptor.close(fd)
        if readers.isEmpty { finish() }
    }

    private func beginStop(_ reason: JobStopReason) {
        guard exitStatus == nil, stopReason == nil else { return }
        stopReason = reason
        if let timer = timeoutTimer { loop.remove(timer) }
        timeoutTimer = nil
        guard settings.grace > 0, settings.stopSignal != SignalName.kill.number, reason != .claimLost else {
            child.sendToGroup(signal: SignalName.kill.number)
            return
        }
        child.sendToGroup(signal: settings.stopSignal)
        killTimer = loop.schedule(after: settings.grace) { [self] in
            killTimer = nil
            if exitStatus == nil { child.sendToGroup(signal: SignalName.kill.number) }
        }
    }

    private func childExited() {
        guard exitStatus == nil else { return }
        // The leader is a zombie until reaped, so its process group id cannot be reused yet: kill what is left.
        child.sendToGroup(signal: SignalName.kill.number)
        guard let status = child.reap() else { return }
        WatchedChildren.release(child.pid)
        exitStatus = status
        if let watch = exitWatch { loop.remove(watch) }
        exitWatch = nil
        child.close()
        // The output is complete when every pipe reached end of file. A descriptor kept open by a process that
        // left the group must not hold the job forever: end after a short grace.
        if readers.isEmpty { return finish() }
        outputTimer = loop.schedule(after: Self.outputGrace) { [self] in
            outputTimer = nil
            finish()
        }
    }

    /// Reports `.ended` once the process was reaped and its output read (or the grace after the exit passed),
    /// and lets go of every descriptor and timer left.
    private func finish() {
        guard !ended, let status = exitStatus else { return }
        ended = true
        closeStdin()
        for fd in Array(readers.keys) {
            if let watch = readers.removeValue(forKey: fd) { loop.remove(watch) }
            Descriptor.close(fd)
        }
        for timer in [timeoutTimer, killTimer, outputTimer].compactMap({ $0 }) { loop.remove(timer) }
        timeoutTimer = nil
        killTimer = nil
        outputTimer = nil
        let tail = Array(stderrTail.suffix(settings.limits.logTailBytes))
        report(
            .ended(
                id,
                JobProcessEnding(
                    status: status, stdout: stdout, stdoutOverflowed: stdoutOverflowed, stderrTail: tail,
                    stopReason: stopReason)))
    }
}
