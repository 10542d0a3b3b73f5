import Testing

@testable import TendPlatform

@Suite struct TimerHeapTests {
    /// Pops every timer due at `now`, in order.
    private func drain(_ heap: inout TimerHeap<String>, now: UInt64, armedBefore: UInt64 = .max) -> [String] {
        var fired: [String] = []
        while let name = heap.popDue(now: now, armedBefore: armedBefore) { fired.append(name) }
        return fired
    }

    @Test func dueTimersComeOutByDeadlineThenByArmingOrder() {
        var heap = TimerHeap<String>()
        heap.insert(1, deadline: 30, handler: "c")
        heap.insert(2, deadline: 10, handler: "a")
        heap.insert(3, deadline: 20, handler: "b1")
        heap.insert(4, deadline: 20, handler: "b2")
        heap.insert(5, deadline: 99, handler: "later")
        let earliest = heap.earliestDeadline()
        #expect(earliest == 10)
        let dueAt30 = drain(&heap, now: 30)
        #expect(dueAt30 == ["a", "b1", "b2", "c"])
        #expect(heap.count == 1)
        let next = heap.earliestDeadline()
        #expect(next == 99)
        let dueAt98 = drain(&heap, now: 98)
        #expect(dueAt98.isEmpty)
    }

    @Test func aRemovedTimerNeverComesOutAndNoLongerSetsTheEarliestDeadline() {
        var heap = TimerHeap<String>()
        heap.insert(1, deadline: 5, handler: "removed")
        heap.insert(2, deadline: 8, handler: "kept")
        let removed = heap.remove(1)
        #expect(removed)
        let removedAgain = heap.remove(1)
        #expect(!removedAgain)
        let earliest = heap.earliestDeadline()
        #expect(earliest == 8)
        let fired = drain(&heap, now: 100)
        #expect(fired == ["kept"])
        let earliestWhenEmpty = heap.earliestDeadline()
        #expect(heap.isEmpty && earliestWhenEmpty == nil)
    }

    @Test func timersArmedDuringABatchWaitForTheNextOne() {
        var heap = TimerHeap<String>()
        heap.insert(1, deadline: 5, handler: "old")
        heap.insert(7, deadline: 1, handler: "armed by a handler")
        let whileArmedDuringTheBatch = drain(&heap, now: 10, armedBefore: 2)
        #expect(whileArmedDuringTheBatch == [])
        heap.remove(7)
        let afterItsRemoval = drain(&heap, now: 10, armedBefore: 2)
        #expect(afterItsRemoval == ["old"])
    }

    @Test func replacingEveryTimerBeforeItFiresKeepsOrderAndOnlyTheLiveTimers() {
        var heap = TimerHeap<String>()
        var token: UInt64 = 0
        var armed: [UInt64] = []
        // 1,000 timers, each re-armed ten times (as a ReactorTimer re-armed on every event), deadlines descending.
        for round in 0..<10 {
            for index in 0..<1_000 {
                if round > 0 {
                    let removed = heap.remove(armed[index])
                    #expect(removed)
                }
                token += 1
                let deadline = UInt64(10_000 - index) * 10 + UInt64(round)
                heap.insert(token, deadline: deadline, handler: "\(index)")
                if round == 0 { armed.append(token) } else { armed[index] = token }
            }
        }
        #expect(heap.count == 1_000)
        let fired = drain(&heap, now: .max)
        #expect(fired == (0..<1_000).reversed().map { "\($0)" })
        #expect(heap.isEmpty)
    }
}
