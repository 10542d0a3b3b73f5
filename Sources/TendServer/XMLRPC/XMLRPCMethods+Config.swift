import TendAPI
import TendConfig

extension XMLRPCMethods {
    /// `supervisor.reloadConfig`: reads the config file and answers `[[added, changed, removed]]`, the
    /// group names that differ from the running configuration. Groups do not change yet; the configuration
    /// read is kept for `addProcessGroup` (supervisorctl's `update` is `reloadConfig`, then stop,
    /// `removeProcessGroup` and `addProcessGroup` per group). The file's `[task:x]` sections are applied
    /// here, as `tend update` applies them: supervisorctl cannot name tasks, so this is the one call of its
    /// `update` (and `reread`) that can reach them.
    /// - Throws: `CANT_REREAD` with every error of the file when it does not load; then nothing changes.
    func reloadConfig() async throws(XMLRPCFault) -> XMLRPCValue {
        let configuration: Configuration
        do {
            configuration = try await control.loadConfiguration()
        } catch {
            throw XMLRPCFault(.cantReread, error.description)
        }
        await control.applyJobSettings(of: configuration)
        await snapshot.store(configuration)
        let changes = await supervisor.changes(to: configuration)
        let names: ([String]) -> XMLRPCValue = { .array($0.map { .string($0) }) }
        return [[names(changes.added), names(changes.changed), names(changes.removed)]]
    }

    /// `supervisor.addProcessGroup(name)`: starts managing a group of the configuration last read.
    /// - Throws: `BAD_NAME` when that configuration has no such group, `ALREADY_ADDED` when it is managed.
    func addProcessGroup(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let configuration: Configuration
        if let read = await snapshot.current {
            configuration = read
        } else {
            configuration = await supervisor.configuration
        }
        do {
            try await supervisor.addGroup(named: name, from: configuration)
        } catch {
            throw XMLRPCFault(error)
        }
        return true
    }

    /// `supervisor.removeProcessGroup(name)`: stops managing a group whose processes are all stopped.
    /// - Throws: `BAD_NAME` for an unknown group, `STILL_RUNNING` when one of its processes runs.
    func removeProcessGroup(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        do {
            try await supervisor.removeGroup(named: name)
        } catch {
            throw XMLRPCFault(error)
        }
        return true
    }

    /// `supervisor.getAllConfigInfo`: one struct per process of the configuration last read, sorted
    /// by process name, with `inuse` telling whether its group is managed now.
    func getAllConfigInfo() async -> XMLRPCValue {
        let running = await supervisor.configuration
        let read = await snapshot.current ?? running
        let managed = Set(running.groups.map(\.name))
        let statuses = (try? await supervisor.statuses([])) ?? []
        let paths = Dictionary(
            statuses.map {
                (Namespec.qualified(group: $0.group, process: $0.name), ($0.stdoutLogfile, $0.stderrLogfile))
            },
            uniquingKeysWith: { first, _ in first })
        var infos: [(name: String, info: XMLRPCValue)] = []
        for group in read.groups {
            let inUse = managed.contains(group.name)
            for spec in group.programs {
                let logs = inUse ? paths[spec.qualifiedName] : nil
                infos.append(
                    (spec.name, ProgramConfigInfo(spec: spec, group: group, inUse: inUse, logPaths: logs).value))
            }
        }
        return .array(
            infos.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(
                \.element.info))
    }
}
