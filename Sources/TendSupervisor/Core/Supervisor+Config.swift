import TendAPI
import TendConfig

extension Supervisor {
    /// The groups `configuration` adds, changes and removes relative to the running one (`reread`).
    /// Nothing changes until `update`.
    public func changes(to configuration: Configuration) -> ConfigChanges {
        let old = Dictionary(self.configuration.groups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(configuration.groups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return ConfigChanges(
            added: configuration.groups.map(\.name).filter { old[$0] == nil },
            changed: configuration.groups.map(\.name).filter { old[$0] != nil && old[$0] != new[$0] },
            removed: self.configuration.groups.map(\.name).filter { new[$0] == nil })
    }

    /// Applies `configuration` (`update`): removed groups stop and go, changed groups stop and come back
    /// with their new settings, added groups appear (and their `autostart` processes start); unchanged
    /// groups are not touched. With `only`, just those groups are considered.
    public func update(to configuration: Configuration, only: [String]? = nil) async -> [UpdateResult] {
        let changes = changes(to: configuration)
        let wanted: (String) -> Bool = { name in only.map { $0.contains(name) } ?? true }
        var results: [UpdateResult] = []
        // Daemon-wide settings stay until `reload`; groups are taken from the new file where applied.
        var applied = self.configuration
        applied.groups =
            configuration.groups.filter { wanted($0.name) }
            + self.configuration.groups.filter { !wanted($0.name) }
        applied.groups.sort { ($0.priority, $0.name) < ($1.priority, $1.name) }
        // The new graph is in force before anything of the new groups starts.
        dependencies = DependencyGraph(groups: applied.groups)
        for name in changes.removed where wanted(name) {
            await removeGroup(name)
            results.append(UpdateResult(group: name, action: .removed))
        }
        for name in changes.changed where wanted(name) {
            await removeGroup(name)
            results.append(addGroup(name, from: configuration, action: .changed))
        }
        for name in changes.added where wanted(name) {
            results.append(addGroup(name, from: configuration, action: .added))
        }
        self.configuration = applied
        table.groupOrder = applied.groups.map(\.name)
        configurationChanged()
        return results
    }

    /// Adds a group of `configuration` that is not running (`addProcessGroup`).
    /// - Throws: `BAD_NAME` when the config has no such group, `ALREADY_ADDED` when it runs already.
    public func addGroup(named name: String, from configuration: Configuration) throws(SupervisorError) {
        guard configuration.group(named: name) != nil else { throw SupervisorError(.badName, name) }
        guard !table.contains(group: name) else { throw SupervisorError(.alreadyAdded, name) }
        dependencies = DependencyGraph(groups: self.configuration.groups + [configuration.group(named: name)!])
        let result = addGroup(name, from: configuration, action: .added)
        if let error = result.error { throw error }
        self.configuration.groups.append(configuration.group(named: name)!)
        self.configuration.groups.sort { ($0.priority, $0.name) < ($1.priority, $1.name) }
        table.groupOrder = self.configuration.groups.map(\.name)
        configurationChanged()
    }

    /// Removes a stopped group (`removeProcessGroup`).
    /// - Throws: `BAD_NAME` for an unknown group, `STILL_RUNNING` when a process of it runs.
    public func removeGroup(named name: String) async throws(SupervisorError) {
        guard table.contains(group: name) else { throw SupervisorError(.badName, name) }
        if table.members(of: name).contains(where: { !$0.state.isStoppedLike }) {
            throw SupervisorError(.stillRunning, name)
        }
        await removeGroup(name)
        configuration.groups.removeAll { $0.name == name }
        table.groupOrder.removeAll { $0 == name }
        configurationChanged()
    }

    /// Replaces the whole configuration after stopping everything (`reload`), then autostarts.
    /// - Throws: when a log file of the new configuration cannot be opened; nothing is left running then.
    public func reload(_ configuration: Configuration) async throws {
        daemonState = .restarting
        if !dependencies.isEmpty {
            _ = await stopInDependencyOrder(table.all.filter(\.state.isRunningLike), wait: true)
        }
        for name in table.groupOrder.reversed() { await removeGroup(name) }
        self.configuration = configuration
        table.groupOrder = configuration.groups.map(\.name)
        for group in configuration.groups {
            let members = try Self.makeGroup(group, daemon: configuration.daemon, logger: logger)
            for process in members {
                table.add(process, to: group.name)
            }
            if isActive { installEvents(for: group, processes: members) }
        }
        updateTicks()
        daemonState = .running
        bus.publish(.supervisorStateChanged(.running))
        configurationChanged()
        startAutostartPrograms()
    }

    private func addGroup(_ name: String, from configuration: Configuration, action: UpdateResult.Action)
        -> UpdateResult
    {
        guard let group = configuration.group(named: name) else {
            return UpdateResult(group: name, action: action, error: SupervisorError(.badName, name))
        }
        do {
            let members = try Self.makeGroup(group, daemon: configuration.daemon, logger: logger)
            for process in members {
                table.add(process, to: name)
            }
            if isActive {
                installEvents(for: group, processes: members)
                updateTicks()
            }
            bus.publish(.groupAdded(name))
            emit(.processGroupAdded, "groupname:\(name)\n")
            for process in members where process.spec.autostart {
                perform(process.machine.start(), for: process)
            }
            return UpdateResult(group: name, action: action)
        } catch {
            return UpdateResult(group: name, action: action, error: SupervisorError(.cantReread, "\(error)"))
        }
    }

    /// Stops a group's processes (waiting for them) and forgets the group.
    private func removeGroup(_ name: String) async {
        let members = table.members(of: name)
        for process in members.reversed() where process.state.isRunningLike {
            perform(process.machine.stop(), for: process)
        }
        for process in members {
            await waitUntil(process) { !$0.state.isRunningLike && $0.state != .stopping }
            process.deadline.cancel()
            closeHealth(process)
            process.stdout.finish()
            process.stderr.finish()
        }
        table.removeGroup(name)
        uninstallEvents(for: name, processes: members)
        bus.publish(.groupRemoved(name))
        emit(.processGroupRemoved, "groupname:\(name)\n")
    }
}
