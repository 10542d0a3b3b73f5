import Logging
import TendAPI
import TendConfig
import TendPlatform
import TendSupervisor

/// ncolony's `--pid DIR`: while an ncolony program runs, `DIR/NAME` holds its pid (the digits, no newline, as
/// ncolony writes them); the file goes when the process ends or the program is removed.
///
/// It follows the supervisor's events, so it does work only when a process changes state.
struct NcolonyPidFiles: Sendable {
    let directory: String
    let supervisor: Supervisor
    let logger: Logger

    /// Keeps the pid files until the task is cancelled.
    func run() async {
        let events = await supervisor.events()
        var programs = Set(await supervisor.configuration.ncolonyGroupNames)
        for status in (try? await supervisor.statuses()) ?? [] where programs.contains(status.group) {
            update(status)
        }
        for await event in events {
            switch event {
            case .groupAdded(let name):
                if await supervisor.configuration.group(named: name)?.kind == .ncolony { programs.insert(name) }
            case .groupRemoved(let name):
                if programs.remove(name) != nil { DaemonProcess.remove(path(of: name)) }
            case .processStateChanged(let status, _, _) where programs.contains(status.group):
                update(status)
            default:
                break
            }
        }
    }

    private func update(_ status: ProcessStatus) {
        guard status.state == .starting || status.state == .running, status.pid > 0 else {
            DaemonProcess.remove(path(of: status.group))
            return
        }
        do {
            try TextFile.writeAtomically(String(status.pid), to: path(of: status.group))
        } catch {
            logger.error("ncolony: \(error)")
        }
    }

    private func path(of name: String) -> String { directory + "/" + name }
}
