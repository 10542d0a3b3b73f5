/// Splits a child's output into log data and captured blocks, as supervisord's capture mode does:
/// bytes between `<!--XSUPERVISOR:BEGIN-->` and `<!--XSUPERVISOR:END-->` become one
/// PROCESS_COMMUNICATION event instead of log lines. A token cut across two reads is held back until
/// it can be recognised.
struct CaptureSplitter: Sendable {
    enum Piece: Sendable, Equatable {
        case log([UInt8])
        case captured([UInt8])
    }

    static let begin = Array("<!--XSUPERVISOR:BEGIN-->".utf8)
    static let end = Array("<!--XSUPERVISOR:END-->".utf8)

    /// At most this many captured bytes are kept per block (`*_capture_maxbytes`).
    let maxBytes: Int
    private var capturing = false
    private var pending: [UInt8] = []
    private var captured: [UInt8] = []

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    mutating func feed(_ bytes: [UInt8]) -> [Piece] {
        pending += bytes
        var pieces: [Piece] = []
        while true {
            let token = capturing ? Self.end : Self.begin
            if let range = Self.find(token, in: pending) {
                let before = Array(pending[..<range.lowerBound])
                pending.removeFirst(range.upperBound)
                if capturing {
                    captured += before
                    pieces.append(.captured(Array(captured.prefix(maxBytes))))
                    captured.removeAll()
                } else if !before.isEmpty {
                    pieces.append(.log(before))
                }
                capturing.toggle()
                continue
            }
            // Keep a possible token prefix at the end for the next read.
            let keep = Self.suffixThatPrefixes(token, of: pending)
            let ready = Array(pending[..<(pending.count - keep)])
            pending.removeFirst(pending.count - keep)
            if capturing {
                captured += ready
            } else if !ready.isEmpty {
                pieces.append(.log(ready))
            }
            return pieces
        }
    }

    private static func find(_ token: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard bytes.count >= token.count else { return nil }
        for start in 0...(bytes.count - token.count) where bytes[start] == token[0] {
            if bytes[start..<(start + token.count)].elementsEqual(token) { return start..<(start + token.count) }
        }
        return nil
    }

    private static func suffixThatPrefixes(_ token: [UInt8], of bytes: [UInt8]) -> Int {
        for length in stride(from: min(token.count - 1, bytes.count), to: 0, by: -1)
        where bytes.suffix(length).elementsEqual(token.prefix(length)) {
            return length
        }
        return 0
    }
}
