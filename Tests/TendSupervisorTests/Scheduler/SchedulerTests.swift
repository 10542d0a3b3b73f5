import TendConfig
import Testing

@testable import TendSupervisor

/// The plan of ticks, without a daemon: which program is due when, on which clock.
struct SchedulerTests {
    let wall = 1_800_000_000.0
    let now = ContinuousClock.now

    func every(_ seconds: Int64, jitter: Double = 0) -> ScheduleSettings {
        var settings = ScheduleSettings(schedule: .every(milliseconds: seconds * 1000))
        settings.jitter = jitter
        return settings
    }

    @Test func intervalTicksComeOneIntervalApartAndNothingIsDueBefore() {
        var scheduler = Scheduler()
        _ = scheduler.sync([("a", every(10)), ("b", every(3))], wall: wall, now: now)
        #expect(scheduler.nextWake() == wall + 3)
        #expect(scheduler.due(wall: wall + 2.9).isEmpty)
        let due = scheduler.due(wall: wall + 3)
        #expect(due.map(\.program.key) == ["b"])
        scheduler.plan(due[0].program, wall: wall + 3, now: now + .seconds(3), afterTick: true)
        #expect(scheduler.nextWake() == wall + 6)
        #expect(scheduler.due(wall: wall + 10.5).map(\.program.key) == ["b", "a"])
    }

    @Test func aLateTickIsNotMadeUpTheNextComesOneIntervalFromNow() {
        var scheduler = Scheduler()
        let program = scheduler.sync([("a", every(10))], wall: wall, now: now)[0]
        let due = scheduler.due(wall: wall + 95)
        #expect(due.count == 1 && due[0].lateness == 85)
        scheduler.plan(program, wall: wall + 95, now: now + .seconds(95), afterTick: true)
        #expect(scheduler.nextWake() == wall + 105)
    }

    @Test func anUnchangedProgramKeepsItsNextTickAcrossASyncAndAChangedOneStartsOver() {
        var scheduler = Scheduler()
        _ = scheduler.sync([("a", every(60)), ("b", every(60))], wall: wall, now: now)
        let fresh = scheduler.sync(
            [("a", every(60)), ("b", every(30)), ("c", every(60))], wall: wall + 20, now: now + .seconds(20))
        #expect(fresh.map(\.key).sorted() == ["b", "c"])
        #expect(scheduler.programs["a"]?.nextTick == wall + 60)
        #expect(scheduler.programs["b"]?.nextTick == wall + 50)
        _ = scheduler.sync([("c", every(60))], wall: wall + 20, now: now + .seconds(20))
        #expect(scheduler.programs.keys.sorted() == ["c"])
        #expect(scheduler.nextWake() == wall + 80)
    }

    @Test func aPausedProgramHasNoTickUntilResumedFromNow() {
        var scheduler = Scheduler()
        _ = scheduler.sync([("a", every(10))], wall: wall, now: now)
        scheduler.pause("a")
        #expect(scheduler.nextWake() == nil && scheduler.due(wall: wall + 100).isEmpty)
        scheduler.resume("a", wall: wall + 100, now: now + .seconds(100))
        #expect(scheduler.nextWake() == wall + 110)
    }

    @Test func jitterDelaysATickByAtMostItsValueAndTheNextIsComputedWithout() {
        var scheduler = Scheduler()
        scheduler.random = { 0.5 }
        let program = scheduler.sync([("a", every(10, jitter: 4))], wall: wall, now: now)[0]
        #expect(program.nextTick == wall + 12 && program.nextBase == wall + 10)
        _ = scheduler.due(wall: wall + 12)
        scheduler.plan(program, wall: wall + 12, now: now + .seconds(12), afterTick: true)
        #expect(program.nextTick == wall + 22)
    }

    @Test func whenTheWallClockIsSetIntervalTicksKeepTheirMonotonicTime() {
        var scheduler = Scheduler()
        _ = scheduler.sync([("a", every(10))], wall: wall, now: now)
        // The clock jumped an hour ahead: the interval tick is still 10 s away on the monotonic clock.
        scheduler.clockChanged(wall: wall + 3600, now: now)
        #expect(scheduler.nextWake() == wall + 3610)
    }
}
