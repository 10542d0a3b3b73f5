import TendPlatform

/// Reads what a user hands the CLI: a whole file, or standard input.
enum InputReader {
    /// The bytes of the file at `path`.
    /// - Throws: `CLIError` naming the file and the system's reason.
    static func file(_ path: String) throws(CLIError) -> [UInt8] {
        do throws(SystemError) {
            return try ReadableFile.readAll(path)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Everything on standard input, until end of file.
    /// - Throws: `CLIError` with the system's reason when a read fails.
    static func standardInput() throws(CLIError) -> [UInt8] {
        do throws(SystemError) {
            return try ReadableFile.readAll(descriptor: Descriptor.standardInput, path: "standard input")
        } catch {
            throw CLIError(error.description)
        }
    }
}
