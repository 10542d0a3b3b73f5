#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the CLI writes: results on stdout, problems on stderr. Writes are unbuffered, so output
/// appears at once (a followed log) and in order.
enum Console {
    /// Writes `line` and a newline to stdout.
    static func line(_ line: String) {
        write(line + "\n")
    }

    /// Writes `text` to stdout as it is.
    static func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    /// Writes raw bytes to stdout.
    static func write(bytes: [UInt8]) {
        write(bytes, to: STDOUT_FILENO)
    }

    /// Writes `line` and a newline to stderr.
    static func error(_ line: String) {
        write(Array((line + "\n").utf8), to: STDERR_FILENO)
    }

    /// Whether stderr is a terminal (where a status line can be redrawn in place).
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Redraws the status line on stderr (a terminal): carriage return, the text, clear to the end.
    static func statusLine(_ text: String) {
        write(Array("\r\u{1B}[K\(text)".utf8), to: STDERR_FILENO)
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
