/// Removes ANSI control sequences from a child's output (`[supervisord] strip_ansi`), as supervisord
/// does: from `ESC [` up to and including the first of `HfABCDRsuJKhlpm`. Unlike supervisord it keeps
/// its place across reads, so a sequence split between two reads is removed too.
struct ANSIStripper {
    private enum Place {
        case text
        case afterEscape
        case inSequence
    }

    private static let escape: UInt8 = 0x1B
    private static let bracket = UInt8(ascii: "[")
    private static let terminators = Set("HfABCDRsuJKhlpm".utf8)

    private var place = Place.text

    /// The bytes of `input` that are not part of a control sequence.
    mutating func strip(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        for byte in input {
            switch place {
            case .text:
                if byte == Self.escape { place = .afterEscape } else { output.append(byte) }
            case .afterEscape:
                if byte == Self.bracket {
                    place = .inSequence
                } else {
                    output.append(Self.escape)
                    if byte == Self.escape { continue }
                    output.append(byte)
                    place = .text
                }
            case .inSequence:
                if Self.terminators.contains(byte) { place = .text }
            }
        }
        return output
    }
}
