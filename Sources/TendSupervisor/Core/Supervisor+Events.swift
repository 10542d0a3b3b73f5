import TendConfig
import TendAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Supervisor {
    /// Creates the pool of a listener group and starts relaying the output notices of its processes.
    func installEvents(for group: GroupSpec, processes members: [ManagedProcess]) {
        if group.kind == .eventListener, let settings = group.eventListener {
            pools[group.name] = EventListenerPool(group: group, settings: settings)
        }
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
        pools.removeValue(forKey: name)
        for process in members { process.noticeTasks.forEach { $0.cancel() } }
        updateTicks()
    }

    /// Publishes an event to every pool that subscribes to it (and only builds it if one does).
    func emit(_ name: EventName, _ payload: @autoclosure () -> String) {
        let interested = pools.values.filter { $0.subscribes(to: name) }
        guard !interested.isEmpty else { return }
        eventSerial += 1
        let notification = Notification(name: name, payload: payload(), serial: eventSerial)
        for pool in interested {
            if let dropped = pool.buffer.accept(notification) {
                logger.error("pool \(pool.name) event buffer overflowed, discarding event \(dropped)")
            }
            dispatch(pool)
        }
    }

    /// Sends buffered events to ready listeners, oldest first, until none is ready.
    func dispatch(_ pool: EventListenerPool) {
        while let (notification, poolSerial) = pool.buffer.next() {
            guard let key = pool.members.first(where: { isReadyListener($0, in: pool) }), let process = table[key]
            else {
                _ = pool.buffer.requeue(notification, poolSerial: poolSerial)
                return
            }
            let envelope = notification.envelope(
                server: configuration.daemon.identifier, pool: pool.name, poolSerial: poolSerial)
            guard process.stdin?.write(Array(envelope.utf8)) == .accepted else {
                logger.debug("epipe occurred while sending event \(notification.serial) to listener \(process.spec.name)")
                pool.protocols[key] = nil
                _ = pool.buffer.requeue(notification, poolSerial: poolSerial)
                continue
            }
            pool.protocols[key]?.sent()
            pool.inFlight[key] = (notification, poolSerial)
            logger.debug("event \(notification.serial) sent to listener \(process.spec.name)")
        }
    }

    private func isReadyListener(_ key: String, in pool: EventListenerPool) -> Bool {
        table[key]?.state == .running && pool.protocols[key]?.state == .ready
    }

    /// A listener process was spawned: it starts ACKNOWLEDGED.
    func listenerSpawned(_ process: ManagedProcess) {
        guard let pool = pools[process.spec.groupName] else { return }
        pool.protocols[process.key] = ListenerProtocol()
    }

    /// A listener process exited: the event it held goes back to the front of the buffer.
    func listenerExited(_ process: ManagedProcess) {
        guard let pool = pools[process.spec.groupName] else { return }
        pool.protocols[process.key] = nil
        requeueInFlight(of: process.key, in: pool)
        dispatch(pool)
    }

    private func requeueInFlight(of key: String, in pool: EventListenerPool) {
        guard let (notification, poolSerial) = pool.inFlight.removeValue(forKey: key) else { return }
        if let dropped = pool.buffer.requeue(notification, poolSerial: poolSerial) {
            logger.error("pool \(pool.name) event buffer overflowed, discarding event \(dropped)")
        }
    }

    /// Something a process's output told the supervisor.
    func handle(_ notice: OutputNotice, from key: String, stream: OutputStream) {
        guard let process = table[key] else { return }
        let spec = process.spec
        switch notice {
        case .raw(let bytes):
            guard let pool = pools[spec.groupName], pool.protocols[key] != nil else { return }
            for outcome in pool.protocols[key]!.receive(bytes) {
                switch outcome {
                case .ready:
                    break
                case .result(let accepted):
                    if accepted {
                        pool.inFlight[key] = nil
                        logger.debug("\(spec.name): event was processed")
                    } else {
                        logger.warning("\(spec.name): event was rejected")
                        requeueInFlight(of: key, in: pool)
                    }
                case .protocolError(let message):
                    logger.warning("\(spec.name): \(message); listener state is now UNKNOWN")
                    requeueInFlight(of: key, in: pool)
                }
            }
            dispatch(pool)
        case .logged(let bytes):
            emit(
                stream == .stdout ? .processLogStdout : .processLogStderr,
                "processname:\(spec.name) groupname:\(spec.groupName) pid:\(process.groupLeader) channel:\(stream.rawValue)\n"
                    + String(decoding: bytes, as: UTF8.self))
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
        if transition.to == .running, let pool = pools[process.spec.groupName] { dispatch(pool) }
    }

    /// REMOTE_COMMUNICATION (`sendRemoteCommEvent`).
    public func sendRemoteCommunication(type: String, data: String) {
        emit(.remoteCommunication, "type:\(type)\n\(data)")
    }

    /// Starts the tick timers some pool needs and stops the others. TICK events are the only periodic
    /// wake-ups of the daemon, and only while a listener subscribes to them.
    func updateTicks() {
        let wanted = pools.values.reduce(into: Set<Int>()) { $0.formUnion($1.tickPeriods) }
        for (period, task) in tickTasks where !wanted.contains(period) {
            task.cancel()
            tickTasks[period] = nil
        }
        for period in wanted where tickTasks[period] == nil {
            tickTasks[period] = Task { [weak self] in
                while !Task.isCancelled {
                    // Fire on wall-clock multiples of the period, as supervisord does.
                    let now = Int(time(nil))
                    let next = now - now % period + period
                    try? await Task.sleep(for: .seconds(next - now))
                    guard !Task.isCancelled else { return }
                    await self?.tick(period: period, when: next)
                }
            }
        }
    }

    private func tick(period: Int, when: Int) {
        let name: EventName = period == 5 ? .tick5 : period == 60 ? .tick60 : .tick3600
        emit(name, "when:\(when)")
    }
}
