import Synchronization
import TendAPI
import TendPlatform

/// One output stream of one process across its restarts: the log file (if any), an in-memory tail,
/// and the live followers of `tail -f`. Written by the log pump, read by control requests.
final class ProcessOutput: Sendable {
    private struct State {
        var file: LogFile?
        var tail: TailBuffer
        var followers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var nextFollower = 0
    }

    /// The log file path, or `nil` for `NONE`.
    let path: String?
    private let state: Mutex<State>
    /// What the supervisor must see of this stream (log events, captured blocks, listener protocol),
    /// in order; `nil` when nothing beyond the log is wanted, which keeps the hot path to a write.
    let notices: AsyncStream<OutputNotice>?
    private let noticeSink: AsyncStream<OutputNotice>.Continuation?
    private let splitter: Mutex<CaptureSplitter>
    /// Set when `[supervisord] strip_ansi` is on: what is logged loses its ANSI control sequences.
    private let stripsANSI: Bool
    private let stripper = Mutex(ANSIStripper())
    private let captures: Bool
    private let logEvents: Bool
    private let rawFeed: Bool
    private let watchesOutput: Bool

    /// Bytes of each stream kept in memory for `tail` when there is no file.
    static let tailCapacity = 64 * 1024

    /// Opens the log file of a stream.
    /// - Throws: `SystemError` when the file cannot be created.
    /// - Parameters:
    ///   - captureMaxBytes: above 0, capture mode (PROCESS_COMMUNICATION events) is on.
    ///   - eventsEnabled: emit PROCESS_LOG events for what is logged.
    ///   - rawFeed: hand every byte to the supervisor (an event listener's stdout, which carries its protocol).
    ///   - stripANSI: remove ANSI control sequences from what is logged (and from PROCESS_LOG events).
    ///   - watchesOutput: hand every byte to the supervisor as `.output` too (for `ready_log_line`).
    ///   - onProblem: told once when writing the file starts failing (a full disk) and once when it works again.
    init(
        path: String?, maxBytes: Int64, backups: Int, captureMaxBytes: Int64 = 0, eventsEnabled: Bool = false,
        rawFeed: Bool = false, stripANSI: Bool = false, watchesOutput: Bool = false,
        onProblem: @escaping @Sendable (LogFile.Problem) -> Void = { _ in }
    ) throws(SystemError) {
        self.path = path
        let file = try path.map { (path) throws(SystemError) in
            try LogFile(path: path, maxBytes: maxBytes, backups: backups, onProblem: onProblem)
        }
        state = Mutex(State(file: file, tail: TailBuffer(capacity: Self.tailCapacity)))
        splitter = Mutex(CaptureSplitter(maxBytes: Int(max(captureMaxBytes, 0))))
        captures = captureMaxBytes > 0
        logEvents = eventsEnabled
        self.rawFeed = rawFeed
        self.watchesOutput = watchesOutput
        stripsANSI = stripANSI
        if captures || eventsEnabled || rawFeed || watchesOutput {
            let (stream, continuation) = AsyncStream<OutputNotice>.makeStream()
            notices = stream
            noticeSink = continuation
        } else {
            notices = nil
            noticeSink = nil
        }
    }

    /// Records bytes the child wrote: the log, and the notices the supervisor asked for.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let noticeSink else {
            log(bytes)
            return
        }
        if watchesOutput { noticeSink.yield(.output([UInt8](bytes))) }
        if rawFeed { noticeSink.yield(.raw([UInt8](bytes))) }
        guard captures else {
            let logged = log(bytes)
            if logEvents { noticeSink.yield(.logged(logged ?? [UInt8](bytes))) }
            return
        }
        for piece in splitter.withLock({ $0.feed([UInt8](bytes)) }) {
            switch piece {
            case .log(let data):
                let logged = data.withUnsafeBytes { log($0) }
                if logEvents { noticeSink.yield(.logged(logged ?? data)) }
            case .captured(let data):
                noticeSink.yield(.captured(data))
            }
        }
    }

    /// Records `bytes` in the log, without ANSI sequences when asked.
    /// - Returns: the stripped bytes, when they were stripped.
    @discardableResult
    private func log(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard stripsANSI else {
            record(bytes)
            return nil
        }
        let stripped = stripper.withLock { $0.strip([UInt8](bytes)) }
        stripped.withUnsafeBytes { record($0) }
        return stripped
    }

    private func record(_ bytes: UnsafeRawBufferPointer) {
        state.withLock { state in
            // With a file, `tail` reads the file: the in-memory ring is only for streams logged to NONE.
            if let file = state.file { file.write(bytes) } else { state.tail.append(bytes) }
            if !state.followers.isEmpty {
                let copy = [UInt8](bytes)
                for follower in state.followers.values { follower.yield(copy) }
            }
        }
    }

    /// supervisord's `tailProcessLog(name, offset, length)`: when more than `length` bytes lie past
    /// `offset`, only the last `length` are returned and `overflow` is set; the returned offset is the
    /// end of the log, to pass back next time.
    func tail(offset: Int, length: Int) -> LogChunk {
        state.withLock { state in
            if let path = state.file?.path {
                return Self.tailFile(path, offset: offset, length: length)
            }
            let (bytes, end, overflow) = state.tail.read(from: offset, length: length)
            return LogChunk(text: String(decoding: bytes, as: UTF8.self), offset: end, overflow: overflow)
        }
    }

    /// Reads a file's tail as supervisord's `tailFile` does.
    static func tailFile(_ path: String, offset: Int, length: Int) -> LogChunk {
        guard let size = FileStatus.size(of: path).map(Int.init) else {
            return LogChunk(text: "", offset: 0, overflow: false)
        }
        var start = max(offset, 0)
        var overflow = false
        if size > start + length {
            overflow = true
            start = size - length
        }
        guard start < size, let read = ReadableFile.read(path, offset: start, length: min(length, size - start)) else {
            return LogChunk(text: "", offset: size, overflow: overflow)
        }
        return LogChunk(text: String(decoding: read.bytes, as: UTF8.self), offset: size, overflow: overflow)
    }

    /// A stream of every byte written from now on, until the stream is dropped or the process removed.
    func follow() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let id = state.withLock { state in
            let id = state.nextFollower
            state.nextFollower += 1
            state.followers[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.followers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Empties the log (file, backups and tail).
    func clear() {
        state.withLock { state in
            state.file?.clear()
            state.tail.clear()
        }
    }

    /// Reopens the file (after an external rotation).
    func reopen() {
        state.withLock { state in state.file?.reopen() }
    }

    /// Ends every follower and the notice stream (the process was removed).
    func finish() {
        noticeSink?.finish()
        let followers = state.withLock { state in
            defer { state.followers.removeAll() }
            return Array(state.followers.values)
        }
        for follower in followers { follower.finish() }
    }
}

/// What a process's output tells the supervisor beyond its log.
enum OutputNotice: Sendable {
    /// Bytes written to the log (for PROCESS_LOG events).
    case logged([UInt8])
    /// A block captured between the XSUPERVISOR tokens (a PROCESS_COMMUNICATION event).
    case captured([UInt8])
    /// Every byte, unparsed (an event listener's protocol channel).
    case raw([UInt8])
    /// Every byte the child wrote, for the supervisor's `ready_log_line` watch.
    case output([UInt8])
}
