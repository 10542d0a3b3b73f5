import TendAPI

/// Splits a job's progress pipe into lines and keeps the latest line that is a JSON object.
struct ProgressLineReader {
    private var partial: [UInt8] = []
    private var discarding = false
    private let maximumLine: Int
    /// The newest valid line not yet taken.
    private var latest: [UInt8]?

    init(maximumLine: Int) {
        self.maximumLine = maximumLine
    }

    /// Feeds bytes as read from the pipe.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            appendPartial(bytes[start..<index])
            completeLine()
            start = index + 1
        }
        appendPartial(bytes[start..<bytes.count])
    }

    /// The end of the pipe: a last line without a newline still counts.
    mutating func finish() {
        if !partial.isEmpty || discarding { completeLine() }
    }

    /// The newest valid progress line since the last call, if any.
    mutating func takeLatest() -> [UInt8]? {
        defer { latest = nil }
        return latest
    }

    private mutating func appendPartial(_ slice: Slice<UnsafeRawBufferPointer>) {
        guard !discarding else { return }
        if partial.count + slice.count > maximumLine {
            partial.removeAll()
            discarding = true
        } else {
            partial.append(contentsOf: slice)
        }
    }

    private mutating func completeLine() {
        defer {
            partial.removeAll(keepingCapacity: true)
            discarding = false
        }
        guard !discarding, case .object? = try? JSONParser.parse(partial) else { return }
        latest = Self.trimmed(partial)
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else {
            return []
        }
        return Array(bytes[first...last])
    }
}
