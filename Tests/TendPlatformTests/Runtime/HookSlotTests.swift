import Foundation
import Synchronization
import Testing

@testable import TendPlatform

@Suite struct HookSlotTests {
    /// The hook's stack depth must not grow with the number of times it was read and called: a closure stored
    /// straight in a `Mutex` gains two reabstraction thunks per read, so its 10,000th call would run 20,000 frames
    /// deeper than its first.
    @Test func callingTheHookManyTimesRunsItAtTheSameStackDepth() {
        let slot = HookSlot()
        let depths = Mutex<[Int]>([])
        slot.set { depths.withLock { $0.append(Thread.callStackReturnAddresses.count) } }
        for _ in 0..<10_000 { slot() }
        let recorded = depths.withLock { $0 }
        #expect(recorded.count == 10_000)
        #expect(recorded.first == recorded.last, "depth \(recorded.first ?? 0) at the first call, \(recorded.last ?? 0) at the last")
    }

    @Test func aReplacedHookNoLongerRuns() {
        let slot = HookSlot()
        let calls = Mutex<[String]>([])
        slot()  // nothing set: nothing happens
        slot.set { calls.withLock { $0.append("first") } }
        slot()
        slot.set { calls.withLock { $0.append("second") } }
        slot()
        #expect(calls.withLock { $0 } == ["first", "second"])
    }
}
