/// A piece of a log read from an offset, as supervisord's `tailProcessStdoutLog` returns it.
public struct LogChunk: Sendable, Hashable, Codable {
    /// The bytes, decoded as UTF-8 with replacement.
    public var text: String
    /// The offset just past the returned bytes: pass it back to read what follows.
    public var offset: Int
    /// True when more bytes were available than asked for (the start was cut).
    public var overflow: Bool

    public init(text: String, offset: Int, overflow: Bool) {
        self.text = text
        self.offset = offset
        self.overflow = overflow
    }
}
