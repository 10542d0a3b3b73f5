import Dispatch
import TendSupervisor

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One running job's process, watched without polling: dispatch sources on its pidfd and its pipes, and
/// dispatch timers for the timeout and the grace period, all on the shared `JobIO` queue.
///
/// It feeds the input to stdin, collects stdout (the result) and the end of stderr (the log), reports progress
/// lines, stops the process group on request (stop signal, then SIGKILL after the grace period) and, when the
/// process exits, kills what is left of its process group, reads what remains in the pipes and reports
/// `.ended` exactly once.
///
/// Each descriptor source is cancelled only from its own handler (a reader at end of file, the stdin writer when
/// done or refused, the pidfd source once reaped): libdispatch on Linux may still hold an epoll event of a source
/// that another handler cancels, and then crashes on the freed registration. For the same reason every handler
/// (event and cancel) is set before the source is activated and never replaced on a live source: replacing one
/// suspends and resumes the source behind the scenes, and cancelling it in between crashed libdispatch's event
/// loop (`_dispatch_event_loop_drain`) now and then.
///
/// Thread safety: every mutable property is touched only on `io.queue`; the public methods hop onto it.
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
    private let io: JobIO
    private let settings: Settings
    private let report: @Sendable (JobProcessEvent) -> Void

    private var stdinFD: Int32
    private var pendingInput: ArraySlice<UInt8>
    private var stdinSource: (any DispatchSourceWrite)?
    private var readers: [Int32: any DispatchSourceRead] = [:]
    private var exitSource: (any DispatchSourceRead)?
    private var outputTimer: (any DispatchSourceTimer)?
    private var exitStatus: ExitStatus?
    /// How long after the exit the job waits for its pipes to reach end of file.
    static let outputGrace: DispatchTimeInterval = .seconds(2)
    private let stdoutFD: Int32
    private let stderrFD: Int32
    private let progressFD: Int32
    private var timeoutTimer: (any DispatchSourceTimer)?
    private var killTimer: (any DispatchSourceTimer)?

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
        settings: Settings, io: JobIO, report: @escaping @Sendable (JobProcessEvent) -> Void
    ) {
        self.id = id
        self.child = child
        self.stdinFD = stdin
        self.stdoutFD = stdout
        self.stderrFD = stderr
        self.progressFD = progress
        self.pendingInput = input[...]
        self.settings = settings
        self.io = io
        self.report = report
        self.progress = ProgressLineReader(maximumLine: settings.limits.progressLineBytes)
    }

    /// Starts watching the process: writes its input, reads its pipes, arms the timeout.
    func start() {
        io.queue.async { self.activate() }
    }

    /// Stops the process group: `stopSignal` now, SIGKILL after the grace period. The first reason given is the
    /// one reported; later calls do nothing.
    func stop(_ reason: JobStopReason) {
        io.queue.async { self.beginStop(reason) }
    }

    private func activate() {
        let exit = DispatchSource.makeReadSource(fileDescriptor: child.pidfd, queue: io.queue)
        exit.setEventHandler { [self] in childExited() }
        exit.setCancelHandler { [child] in child.close() }
        exit.activate()
        exitSource = exit
        for fd in [stdoutFD, stderrFD, progressFD] {
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: io.queue)
            source.setEventHandler { [self] in drain(fd) }
            source.setCancelHandler { closeDescriptor(fd) }
            source.activate()
            readers[fd] = source
        }
        writeInput()
        if let timeout = settings.timeout {
            let timer = DispatchSource.makeTimerSource(queue: io.queue)
            timer.schedule(deadline: .now() + timeout)
            timer.setEventHandler { [self] in beginStop(.timedOut) }
            timer.activate()
            timeoutTimer = timer
        }
    }

    private func writeInput() {
        while !pendingInput.isEmpty {
            let written = pendingInput.withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
            if written > 0 {
                pendingInput = pendingInput.dropFirst(written)
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN {
                if stdinSource == nil {
                    let source = DispatchSource.makeWriteSource(fileDescriptor: stdinFD, queue: io.queue)
                    let fd = stdinFD
                    source.setEventHandler { [self] in writeInput() }
                    source.setCancelHandler { closeDescriptor(fd) }
                    source.activate()
                    stdinSource = source
                }
                return
            } else {
                break  // EPIPE: the job does not read its input.
            }
        }
        closeStdin()
    }

    private func closeStdin() {
        guard stdinFD >= 0 else { return }
        pendingInput = []
        let fd = stdinFD
        stdinFD = -1
        guard let source = stdinSource else {
            closeDescriptor(fd)
            return
        }
        // Dispatch must unregister the descriptor before it is closed (the number could be reused at once):
        // the source's cancel handler closes it.
        stdinSource = nil
        source.cancel()
    }

    /// Reads `fd` (from its own source's handler) until it would block or ends; at the end it cancels its source.
    /// Output arriving after the job ended (from a leftover process) is discarded.
    private func drain(_ fd: Int32) {
        let buffer = io.buffer
        while true {
            let count = read(fd, buffer.baseAddress!, buffer.count)
            if count > 0 {
                if !ended { consume(UnsafeRawBufferPointer(rebasing: buffer[..<count]), from: fd) }
                continue
            }
            if count < 0, errno == EINTR { continue }
            let atEnd = !(count < 0 && errno == EAGAIN)
            if !ended {
                if atEnd, fd == progressFD { progress.finish() }
                reportProgress()
            }
            if atEnd { closeReader(fd) }
            return
        }
    }

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
        readers.removeValue(forKey: fd)?.cancel()  // its cancel handler closes `fd`
        if readers.isEmpty { finish() }
    }

    private func beginStop(_ reason: JobStopReason) {
        guard exitStatus == nil, stopReason == nil else { return }
        stopReason = reason
        timeoutTimer?.cancel()
        timeoutTimer = nil
        guard settings.grace > 0, settings.stopSignal != SIGKILL else {
            child.sendToGroup(signal: SIGKILL)
            return
        }
        child.sendToGroup(signal: settings.stopSignal)
        let timer = DispatchSource.makeTimerSource(queue: io.queue)
        timer.schedule(deadline: .now() + settings.grace)
        timer.setEventHandler { [self] in
            if exitStatus == nil { child.sendToGroup(signal: SIGKILL) }
        }
        timer.activate()
        killTimer = timer
    }

    private func childExited() {
        guard exitStatus == nil else { return }
        // The leader is a zombie until reaped, so its process group id cannot be reused yet: kill what is left.
        child.sendToGroup(signal: SIGKILL)
        guard let status = child.reap() else { return }
        exitStatus = status
        exitSource?.cancel()  // in its own handler; its cancel handler closes the pidfd
        exitSource = nil
        // The output is complete when every pipe reached end of file; each reader sees that in its own handler
        // (reading another source's descriptor from here crashed libdispatch now and then). A descriptor kept
        // open by a process that left the group must not hold the job forever: end after a short grace.
        if readers.isEmpty { return finish() }
        let timer = DispatchSource.makeTimerSource(queue: io.queue)
        timer.schedule(deadline: .now() + Self.outputGrace)
        timer.setEventHandler { [self] in finish() }
        timer.activate()
        outputTimer = timer
    }

    /// Reports `.ended` once the process was reaped and its output read (or the grace after the exit passed).
    private func finish() {
        guard !ended, let status = exitStatus else { return }
        ended = true
        if stdinSource == nil { closeStdin() }
        for timer in [timeoutTimer, killTimer, outputTimer].compactMap({ $0 }) { timer.cancel() }
        timeoutTimer = nil
        killTimer = nil
        outputTimer = nil
        let tail = Array(stderrTail.suffix(settings.limits.logTailBytes))
        report(.ended(id, JobProcessEnding(
            status: status, stdout: stdout, stdoutOverflowed: stdoutOverflowed, stderrTail: tail, stopReason: stopReason)))
    }
}
