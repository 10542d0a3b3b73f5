import TendConfig
import TendPlatform

extension XMLRPCMethods {
    /// `supervisor.getIdentification`: the `identifier` of `[supervisord]`.
    func getIdentification() async -> XMLRPCValue {
        .string(await supervisor.configuration.daemon.identifier)
    }

    /// `supervisor.getState`: `{statecode, statename}` (1 RUNNING, 0 RESTARTING, -1 SHUTDOWN, 2 FATAL).
    func getState() async -> XMLRPCValue {
        let state = await supervisor.daemonState
        return ["statecode": .int(state.rawValue), "statename": .string(state.name)]
    }

    /// `supervisor.readLog(offset, length)`: a piece of the daemon's log, with `readFile` semantics.
    /// - Throws: `NO_FILE` without a log file, `BAD_ARGUMENTS` or `FAILED` as `readFile` raises them.
    func readLog(_ params: XMLRPCParameters) throws(XMLRPCFault) -> XMLRPCValue {
        let offset = try params.int(0)
        let length = try params.int(1)
        guard let path = control.logfile else { throw XMLRPCFault(.noFile) }
        guard FileStatus.exists(path) else { throw XMLRPCFault(.noFile, path) }
        return .string(try Self.read(path, offset: offset, length: length))
    }

    /// `readFile` with its failures as supervisord's faults (no detail).
    static func read(_ path: String, offset: Int, length: Int) throws(XMLRPCFault) -> String {
        do {
            return try LogFileReader.readFile(path, offset: offset, length: length)
        } catch .badArguments {
            throw XMLRPCFault(.badArguments)
        } catch {
            throw XMLRPCFault(.failed)
        }
    }

    /// `supervisor.clearLog`: empties the daemon's log file. supervisord removes the file and reopens
    /// its handlers; the daemon keeps its file open for appending, so it is truncated in place, which
    /// leaves the same empty file behind.
    /// - Throws: `NO_FILE` without a log file, `FAILED` when it cannot be emptied.
    func clearLog() throws(XMLRPCFault) -> XMLRPCValue {
        guard let path = control.logfile, FileStatus.exists(path) else { throw XMLRPCFault(.noFile) }
        do {
            try FileStatus.truncate(path)
        } catch {
            throw XMLRPCFault(.failed, error.description)
        }
        return true
    }

    /// `supervisor.shutdown`: answers `true`, then has the daemon stop every process and exit.
    func shutdown(_ context: XMLRPCCallContext) -> XMLRPCValue {
        context.afterResponse { [control] in control.requestShutdown() }
        return true
    }

    /// `supervisor.restart`: answers `true`, then has the daemon stop everything, read its config file
    /// again and start over. Unlike supervisord, which exits when the file no longer loads, the file is
    /// read first and a broken one is refused with `CANT_REREAD`, leaving the daemon as it is.
    func restart(_ context: XMLRPCCallContext) async throws(XMLRPCFault) -> XMLRPCValue {
        do {
            _ = try await control.loadConfiguration()
        } catch {
            throw XMLRPCFault(.cantReread, error.description)
        }
        context.afterResponse { [control, snapshot, logger] in
            await snapshot.reset()
            // In its own task: the reload stops every process, which must not hold the connection.
            Task {
                do {
                    try await control.reload()
                } catch {
                    logger.error("restart failed, keeping the running config:\n\(error)")
                }
            }
        }
        return true
    }
}
