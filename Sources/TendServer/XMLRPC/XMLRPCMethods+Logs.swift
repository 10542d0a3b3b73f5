import TendAPI
import TendPlatform

extension XMLRPCMethods {
    /// `supervisor.readProcessStdoutLog(name, offset, length)` and its stderr twin: a piece of the
    /// process's log file with `readFile` semantics (a negative offset reads the end; this is what
    /// `supervisorctl tail` asks for).
    ///
    /// For a stream logged to `NONE`, supervisord answers `NO_FILE`; Tend keeps the last 64 KiB of such
    /// a stream in memory and answers a read of the end (negative offset) from there.
    /// - Throws: `BAD_NAME`, `NO_FILE`, `BAD_ARGUMENTS`, `FAILED`.
    func readProcessLog(_ params: XMLRPCParameters, stream: OutputStream) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let offset = try params.int(1)
        let length = try params.int(2)
        let status = try await process(name)
        let path = stream == .stdout ? status.stdoutLogfile : status.stderrLogfile
        guard !path.isEmpty else {
            guard offset < 0, length == 0, await !isRedirected(status, stream) else { throw XMLRPCFault(.noFile) }
            let wanted = offset == Int.min ? Int.max : -offset
            let chunk = try? await supervisor.tail(Self.qualified(status), stream: stream, offset: 0, length: wanted)
            return .string(chunk?.text ?? "")
        }
        guard FileStatus.exists(path) else { throw XMLRPCFault(.noFile, path) }
        return .string(try Self.read(path, offset: offset, length: length))
    }

    /// `supervisor.tailProcessStdoutLog(name, offset, length)` and its stderr twin:
    /// `[bytes, offset, overflow]` with `tailFile` semantics (see `LogFileReader.tailFile`). A stream
    /// without a log file is answered from the in-memory tail.
    /// - Throws: `BAD_NAME`.
    func tailProcessLog(_ params: XMLRPCParameters, stream: OutputStream) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let offset = try params.int(1)
        let length = try params.int(2)
        let status = try await process(name)
        let path = stream == .stdout ? status.stdoutLogfile : status.stderrLogfile
        if path.isEmpty {
            guard await !isRedirected(status, stream), offset >= 0, length >= 0,
                let chunk = try? await supervisor.tail(
                    Self.qualified(status), stream: stream, offset: offset, length: length)
            else { return ["", 0, false] }
            return [.string(chunk.text), .int(chunk.offset), .bool(chunk.overflow)]
        }
        guard FileStatus.exists(path) else { return ["", 0, false] }
        let (text, end, overflow) = LogFileReader.tailFile(path, offset: offset, length: length)
        return [.string(text), .int(end), .bool(overflow)]
    }

    /// `supervisor.clearProcessLogs(name)`: empties the process's stdout and stderr logs.
    /// - Throws: `BAD_NAME`, `FAILED`.
    func clearProcessLogs(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let status = try await process(name)
        if await supervisor.clearLogs([Self.qualified(status)]).contains(where: { $0.error != nil }) {
            throw XMLRPCFault(.failed, name)
        }
        return true
    }

    /// `supervisor.clearAllProcessLogs`: empties every process's logs; one result per process.
    func clearAllProcessLogs() async -> XMLRPCValue {
        .array(await supervisor.clearLogs(["all"]).map(\.xmlrpcStruct))
    }

    /// True for the stderr of a process with `redirect_stderr`: it has no stderr of its own.
    private func isRedirected(_ status: ProcessStatus, _ stream: OutputStream) async -> Bool {
        guard stream == .stderr else { return false }
        return await supervisor.redirectsStderr(group: status.group, name: status.name)
    }
}
