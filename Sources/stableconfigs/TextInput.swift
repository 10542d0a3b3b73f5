#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading input files and standard input, and writing to standard error.
enum TextInput {
    /// The contents of the file at `path`.
    static func readFile(_ path: String) throws(InputError) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(message: "Cannot read '\(path)': \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        guard let text = readAll(descriptor) else {
            throw InputError(message: "Cannot read '\(path)': \(String(cString: strerror(errno))).")
        }
        return text
    }

    /// Everything on standard input.
    static func readStandardInput() throws(InputError) -> String {
        guard let text = readAll(STDIN_FILENO) else {
            throw InputError(message: "Cannot read standard input: \(String(cString: strerror(errno))).")
        }
        return text
    }

    /// Writes `message` as one line to standard error.
    static func writeError(_ message: String) {
        let line = message + "\n"
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    private static func readAll(_ descriptor: Int32) -> String? {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
