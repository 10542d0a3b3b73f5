import TendAPI
import TendConfig
import TendPlatform

extension Supervisor {
    /// How the listener hub reaches this supervisor's processes.
    var listenerPort: ListenerPort {
        ListenerPort(
            name: { [table] key in table[key]?.spec.name ?? key },
            isRunning: { [table] key in table[key]?.state == .running },
            send: { [table] key, bytes in table[key]?.stdin?.write(bytes) == .accepted })
    }

    /// Creates the pool of a listener group and starts relaying the output notices of its processes.
    func installEvents(for group: GroupSpec, processes members: [ManagedProcess]) {
        listeners.install(group)
        for process in members {
            for (stream, output) in [(OutputStream.stdout, process.stdout), (.stderr, process.stderr)] {
                guard let notices = output.notices else { continue }
                let key = process.key
                process.noticeTasks.append(
                    Task { [weak self] in
                        for await notice in notices { await self?.handle(notice, from: key, stream: stream) }
                    })
            }
        }
    }

    /// Forgets a removed group's pool and relays.
    func uninstallEvents(for name: String, processes members: [ManagedProcess]) {
        listeners.uninstall(name)
        for process in members { process.noticeTasks.forEach { $0.cancel() } }
        updateTicks()
    }

    /// Publishes an event to every pool that subscribes to it (and only builds it if one does).
    func emit(_ name: EventName, _ payload: @autoclosure () -> String) {
        listeners.emit(name, payload(), server: configuration.daemon.identifier, port: listenerPort)
    }

    /// A listener process was spawned: it starts ACKNOWLEDGED.
    func listenerSpawned(_ process: ManagedProcess) {
        listeners.listenerSpawned(key: process.key, group: process.spec.groupName)
    }

    /// A listener process exited: the event it held goes back to the front of the buffer.
    func listenerExited(_ process: ManagedProcess) {
        listeners.listenerExited(
            key: process.key, group: process.spec.groupName, server: configuration.daemon.identifier,
            port: listenerPort)
    }

    /// Something a process's output told the supervisor.
    func handle(_ notice: OutputNotice, from key: String, stream: OutputStream) {
        guard let process = table[key] else { return }
        let spec = process.spec
        switch notice {
        case .raw(let bytes):
            listeners.receive(
                bytes, from: key, group: spec.groupName, server: configuration.daemon.identifier, port: listenerPort)
        case .logged(let bytes):
            emit(
                stream == .stdout ? .processLogStdout : .processLogStderr,
                "processname:\(spec.name) groupname:\(spec.groupName) pid:\(process.groupLeader) channel:\(stream.rawValue)\n"
                    + String(decoding: bytes, as: UTF8.self))
        case .output(let bytes):
            readinessOutput(bytes, of: process)
        case .captured(let bytes):
            emit(
                stream == .stdout ? .processCommunicationStdout : .processCommunicationStderr,
                "processname:\(spec.name) groupname:\(spec.groupName) pid:\(process.groupLeader)\n"
                    + String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Emits PROCESS_STATE_* for a transition.
    func emitStateChange(_ transition: ProcessStateMachine.Transition, of process: ManagedProcess) {
        emit(
            .processState(transition.to),
            Notification.processStatePayload(
                name: process.spec.name, group: process.spec.groupName, from: transition.from, to: transition.to,
                pid: process.groupLeader, tries: transition.tries, expected: process.machine.exitWasExpected))
        if transition.to == .running {
            listeners.listenerRunning(
                group: process.spec.groupName, server: configuration.daemon.identifier, port: listenerPort)
        }
    }

    /// REMOTE_COMMUNICATION (`sendRemoteCommEvent`).
    public func sendRemoteCommunication(type: String, data: String) {
        emit(.remoteCommunication, "type:\(type)\n\(data)")
    }
}
