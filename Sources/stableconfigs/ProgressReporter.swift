import StableConfigs

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes progress lines (`{"count": c, "k": k}`) to the descriptor named in `TEND_PROGRESS_FD`.
final class ProgressReporter {
    private let descriptor: Int32
    private var last: SolveProgress?

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A reporter for `TEND_PROGRESS_FD`, or `nil` when it is not set to a descriptor number.
    static func fromEnvironment() -> ProgressReporter? {
        guard let value = getenv("TEND_PROGRESS_FD"), let descriptor = Int32(String(cString: value)),
            descriptor >= 0
        else { return nil }
        return ProgressReporter(descriptor: descriptor)
    }

    /// Writes `progress` unless it repeats the last line; a write error (the reader gone) is ignored.
    func report(_ progress: SolveProgress) {
        guard progress != last else { return }
        last = progress
        let bytes = Array("{\"count\": \(progress.count), \"k\": \(progress.k)}\n".utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
