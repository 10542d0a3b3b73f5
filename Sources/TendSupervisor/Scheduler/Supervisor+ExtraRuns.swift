import TendConfig
import TendPlatform

/// `overlap = allow`: a tick while a run still runs starts another one beside it. The extra run writes to the
/// program's log files and has its own `timeout` and `grace`; it is not part of the program's state (supervisorctl
/// shows the tracked run) and sends no PROCESS_STATE events.
extension Supervisor {
    func startExtraRun(_ process: ManagedProcess, _ program: ScheduledProgram) {
        let spec = process.spec
        guard let reaper else { return }
        let key = process.key
        do throws(SpawnError) {
            let launched = try reaper.launch(launchSpec(for: spec)) { [notices] status, _, pid in
                notices.yield(.extraRunExited(key: key, pid: pid, status: status))
            }
            let pid = launched.handle.pid
            Descriptor.close(launched.standardInput)
            pump.attach(fd: launched.standardOutput, to: process.stdout)
            if let stderr = launched.standardError { pump.attach(fd: stderr, to: process.stderr) }
            records?.add(pid: pid, name: spec.qualifiedName)
            let run = ExtraRun(handle: launched.handle, startedAt: .now)
            program.extraRuns[pid] = run
            logger.info("spawned: '\(spec.name)' with pid \(pid), beside its run still going (overlap = allow)")
            if let timeout = program.settings.timeout {
                run.deadline.schedule(after: .milliseconds(Int64(timeout * 1000))) { [notices] in
                    notices.yield(.extraRunDeadline(key: key, pid: pid))
                }
            }
        } catch {
            logger.warning("spawnerr: \(error.message)")
        }
    }

    /// An extra run's timeout (its stop signal to its process group), then its grace (SIGKILL).
    func extraRunDeadline(key: String, pid: Int32) {
        guard let process = table[key], let run = scheduler.programs[key]?.extraRuns[pid] else { return }
        if run.signalled {
            logger.warning("killing '\(process.spec.name)' (\(pid)) with SIGKILL")
            _ = run.handle.sendToGroup(signal: SignalName.kill.number)
            return
        }
        run.signalled = true
        logger.warning(
            "timeout: '\(process.spec.name)' (pid \(pid)) ran longer than its timeout: sending \(process.spec.stopSignal)"
        )
        _ = run.handle.sendToGroup(signal: process.spec.stopSignal.number)
        run.deadline.schedule(after: .seconds(process.spec.stopWaitSecs)) { [notices] in
            notices.yield(.extraRunDeadline(key: key, pid: pid))
        }
    }

    func extraRunExited(key: String, pid: Int32, status: ExitStatus) {
        records?.remove(pid: pid)
        guard let program = scheduler.programs[key], let run = program.extraRuns.removeValue(forKey: pid) else {
            return
        }
        run.deadline.cancel()
        logger.info("exited: '\(table[key]?.spec.name ?? key)' (pid \(pid), the extra run; \(status))")
    }

    /// At shutdown: the extra runs get their stop signal (and SIGKILL after `grace`) like the tracked runs.
    func stopExtraRuns() {
        for program in scheduler.programs.values {
            for (pid, run) in program.extraRuns where !run.signalled {
                run.deadline.cancel()
                extraRunDeadline(key: program.key, pid: pid)
            }
        }
    }
}
