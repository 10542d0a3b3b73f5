/// The listener side of supervisord's event listener protocol, as a pure parser of what a listener
/// writes to its stdout: `READY\n`, then after each event `RESULT <len>\n<body>` (body `OK` or `FAIL`).
///
/// States follow supervisord's `EventListenerStates`: a started listener is ACKNOWLEDGED until it
/// says READY; it is BUSY while it holds an event; anything unexpected makes it UNKNOWN for good
/// (until it restarts).
struct ListenerProtocol: Sendable {
    enum State: String, Sendable, Equatable {
        case acknowledged = "ACKNOWLEDGED"
        case ready = "READY"
        case busy = "BUSY"
        case unknown = "UNKNOWN"
    }

    /// What the listener said.
    enum Outcome: Sendable, Equatable {
        /// It is ready for an event.
        case ready
        /// It finished the event it held: accepted (`OK`) or rejected (anything else).
        case result(accepted: Bool)
        /// It broke the protocol; the event it held (if any) must be re-queued.
        case protocolError(String)
    }

    private(set) var state: State = .acknowledged
    private var buffer: [UInt8] = []
    private var resultLength: Int?

    private static let ready = Array("READY\n".utf8)
    private static let resultPrefix = Array("RESULT ".utf8)

    /// An event was written to the listener.
    mutating func sent() {
        state = .busy
    }

    /// Feeds bytes from the listener's stdout; returns what they meant, in order.
    mutating func receive(_ bytes: [UInt8]) -> [Outcome] {
        guard state != .unknown else { return [] }
        buffer += bytes
        var outcomes: [Outcome] = []
        while !buffer.isEmpty, state != .unknown {
            switch state {
            case .acknowledged:
                guard buffer.count >= Self.ready.count else { return outcomes }
                if buffer.starts(with: Self.ready) {
                    buffer.removeFirst(Self.ready.count)
                    state = .ready
                    outcomes.append(.ready)
                } else {
                    outcomes.append(fail("expected READY, got \(preview)"))
                }
            case .ready:
                outcomes.append(fail("spurious output while READY: \(preview)"))
            case .busy:
                if let length = resultLength {
                    guard buffer.count >= length else { return outcomes }
                    let body = String(decoding: buffer.prefix(length), as: UTF8.self)
                    buffer.removeFirst(length)
                    resultLength = nil
                    state = .acknowledged
                    outcomes.append(.result(accepted: body == "OK"))
                } else {
                    guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return outcomes }
                    let line = Array(buffer[..<newline])
                    buffer.removeFirst(newline + 1)
                    guard line.starts(with: Self.resultPrefix),
                        let length = Int(String(decoding: line.dropFirst(Self.resultPrefix.count), as: UTF8.self)),
                        length >= 0
                    else {
                        outcomes.append(fail("bad result line: '\(String(decoding: line, as: UTF8.self))'"))
                        continue
                    }
                    resultLength = length
                }
            case .unknown:
                break
            }
        }
        return outcomes
    }

    private var preview: String { "'" + String(decoding: buffer.prefix(40), as: UTF8.self) + "'" }

    private mutating func fail(_ message: String) -> Outcome {
        state = .unknown
        buffer.removeAll()
        resultLength = nil
        return .protocolError(message)
    }
}
