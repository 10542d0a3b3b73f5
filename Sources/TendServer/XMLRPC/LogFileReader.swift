import TendPlatform

/// Reads log files with the exact semantics of supervisord's `readFile` and `tailFile`, which its
/// clients rely on (`supervisorctl tail` asks `readProcessStdoutLog(name, -1600, 0)`).
enum LogFileReader {
    /// Why `readFile` failed: the fault name supervisord raises.
    enum Failure: Error, Sendable, Hashable {
        /// A negative length, or a length given with a negative offset.
        case badArguments
        /// The file cannot be opened or read.
        case failed
    }

    /// supervisord's `readFile(filename, offset, length)`:
    /// - a negative `offset` reads the last `|offset|` bytes (then `length` must be 0);
    /// - else `length` 0 reads from `offset` to the end, and a positive `length` reads at most
    ///   `length` bytes from `offset`.
    ///
    /// Bytes are decoded as UTF-8, an invalid sequence becoming U+FFFD.
    /// - Throws: `.badArguments` for a negative length or a length with a negative offset,
    ///   `.failed` when the file cannot be read.
    static func readFile(_ path: String, offset: Int, length: Int) throws(Failure) -> String {
        guard let size = FileStatus.size(of: path).map(Int.init) else { throw .failed }
        var start = offset
        var count: Int
        if offset < 0 {
            if length != 0 { throw .badArguments }
            start = max(size - (offset == Int.min ? Int.max : -offset), 0)
            count = size - start
        } else {
            if length < 0 { throw .badArguments }
            count = length == 0 ? max(size - start, 0) : length
        }
        guard let bytes = ReadableFile.read(path, offset: start, length: count)?.bytes else { throw .failed }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// supervisord's `tailFile(filename, offset, length)`: `[bytes, offset, overflow]`, including its
    /// quirks: when more than `length` bytes lie past `offset`, the last `length` bytes are returned
    /// with `overflow` set; when fewer do, the returned bytes still end at the end of the file and may
    /// start before `offset`. The returned offset is the file's size. An unreadable file gives
    /// `("", offset, false)`.
    static func tailFile(_ path: String, offset: Int, length: Int) -> (text: String, offset: Int, overflow: Bool) {
        guard let size = FileStatus.size(of: path).map(Int.init) else { return ("", offset, false) }
        var start = offset
        var count = length
        var overflow = false
        if size > start.addingSaturating(count) {
            overflow = true
            start = size - 1
        }
        if start.addingSaturating(count) > size {
            if start > size - 1 { count = 0 }
            start = size - count
        }
        start = max(start, 0)
        count = max(count, 0)
        guard count > 0, let bytes = ReadableFile.read(path, offset: start, length: count)?.bytes else {
            return ("", size, overflow)
        }
        return (String(decoding: bytes, as: UTF8.self), size, overflow)
    }
}

extension Int {
    /// `self + other`, clamped to the range of `Int`.
    fileprivate func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
