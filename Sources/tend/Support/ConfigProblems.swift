import ArgumentParser
import TendClient

/// Reports a config that the daemon could not load (a 422 answer): every error on stderr, one
/// `file:line: message` a line, then exit status 1.
enum ConfigProblems {
    /// Runs `request`; a 422 answer is printed as the config's errors and ends the command.
    static func reporting<Value>(_ request: () async throws(ClientError) -> Value) async throws -> Value {
        do {
            return try await request()
        } catch {
            // (`catch where` with typed throws crashes Swift 6.3's compiler: test inside the block.)
            guard error.status == 422 else { throw error }
            Console.error("tend: the config has errors; nothing changed:")
            for line in error.message.split(separator: "\n") { Console.error(String(line)) }
            throw ExitCode.failure
        }
    }
}
