import Logging
import TendAPI
import TendConfig
import TendPlatform
import TendSupervisor

/// Applies the files of ncolony's messages directory, one at a time, then deletes each.
///
/// `RESTART` restarts the named program (any program of the daemon, not only ncolony's); `RESTART-ALL` restarts
/// every ncolony program; `RESTART-GROUP` the ncolony programs whose file lists the group. Unlike ncolony, whose
/// loop dies on the first bad message, a file that is not a message, a message of an unknown type or one naming
/// an unknown program is logged with the file's name and deleted, and the next one is still applied.
struct NcolonyMessenger: Sendable {
    let settings: NcolonySettings
    let supervisor: Supervisor
    let logger: Logger

    /// Applies every message file present, in name order (`ncolony ctl` numbers them).
    func applyWaitingMessages() async {
        for name in DirectoryListing.names(in: settings.messagesDirectory).sorted() {
            await apply(fileNamed: name)
        }
    }

    /// Applies and deletes one message file; skips `*.new` and dot files, and files already gone.
    func apply(fileNamed name: String) async {
        guard NcolonyDirectory.isProgramFileName(name) else { return }
        let path = settings.messagesDirectory + "/" + name
        guard let text = TextFile.read(path) else { return }
        defer { DaemonProcess.remove(path) }
        let message: NcolonyMessage
        do {
            message = try NcolonyMessage.parse(text)
        } catch {
            logger.error("ncolony: message \(path) ignored and deleted: \(error)")
            return
        }
        switch message {
        case .restart(let program):
            logger.info("ncolony: restarting \(program) (message \(name))")
            await restart([program], message: path)
        case .restartAll:
            let programs = await supervisor.configuration.ncolonyGroupNames
            logger.info("ncolony: restarting all \(programs.count) ncolony programs (message \(name))")
            await restart(programs, message: path)
        case .restartGroup(let group):
            let directory = NcolonyDirectory.read(settings: settings, environment: DaemonProcess.environment)
            let programs = directory.members(ofRestartGroup: group)
            if programs.isEmpty { logger.warning("ncolony: message \(path): no program is in group '\(group)'") }
            logger.info("ncolony: restarting group \(group): \(programs.joined(separator: ", ")) (message \(name))")
            await restart(programs, message: path)
        }
    }

    /// Stops the programs that run, then starts them all again (without waiting for them to be up).
    private func restart(_ programs: [String], message path: String) async {
        guard !programs.isEmpty else { return }
        let stopped = await supervisor.stop(programs)
        let unknown = Set(stopped.filter { $0.error?.code == .badName }.map(\.name))
        for name in unknown { logger.error("ncolony: message \(path) names no program: '\(name)'") }
        let known = programs.filter { !unknown.contains($0) }
        for result in await supervisor.start(known, wait: false) {
            if let error = result.error { logger.error("ncolony: could not start \(result.name): \(error)") }
        }
    }
}
