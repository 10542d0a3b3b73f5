import TendAPI
import TendPlatform

extension Supervisor {
    /// Arms a wall-clock timer for each TICK period some pool subscribes to and closes the others. TICK events are
    /// the only periodic wake-ups of the supervisor, and only while a listener subscribes to them; each timer is a
    /// `WallClockTimer` on the reactor, armed for the next multiple of its period since the epoch (as supervisord
    /// fires `TICK_5` at :00, :05, …), so a tick costs one wake-up and nothing runs between ticks.
    func updateTicks() {
        let wanted = listeners.tickPeriods
        for (period, timer) in tickTimers where !wanted.contains(period) {
            timer.close()
            tickTimers[period] = nil
        }
        for period in wanted where tickTimers[period] == nil {
            do {
                let timer = try WallClockTimer { [notices] event in notices.yield(.tickTimer(period: period, event)) }
                tickTimers[period] = timer
                timer.arm(atSecondsSinceEpoch: Double(Self.nextTick(after: WallClock.seconds, period: period)))
            } catch {
                logger.error("TICK_\(period) events cannot be sent: \(error)")
            }
        }
    }

    /// A TICK timer fired: sends the event for the multiple of `period` that has come and arms the next one. After
    /// the clock was set it only arms again, for the next multiple by the new time.
    func tickTimerFired(period: Int, _ event: WallClockTimer.Event) {
        guard let timer = tickTimers[period] else { return }
        let now = WallClock.seconds
        if event == .due {
            let name: EventName = period == 5 ? .tick5 : period == 60 ? .tick60 : .tick3600
            emit(name, "when:\(now - now % period)")
        }
        timer.arm(atSecondsSinceEpoch: Double(Self.nextTick(after: now, period: period)))
    }

    /// Closes every TICK timer (the supervisor shuts down).
    func closeTickTimers() {
        for timer in tickTimers.values { timer.close() }
        tickTimers = [:]
    }

    /// The first multiple of `period` seconds since the epoch after `now`.
    static func nextTick(after now: Int, period: Int) -> Int {
        now - now % period + period
    }
}
