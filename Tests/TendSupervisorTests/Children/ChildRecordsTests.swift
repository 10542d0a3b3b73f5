import Foundation
import TendPlatform
import Testing

@testable import TendSupervisor

@Suite(.serialized)
struct ChildRecordsTests {
    @Test func recordsSurviveOnlyForLiveProcessesWithTheSameStartTime() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let records = try ChildRecords(path: dir.file("children"))
        let me = getpid()
        records.add(pid: me, name: "self:self")
        records.add(pid: 999_999, name: "gone:gone")
        records.add(pid: 1, name: "init:init")
        records.remove(pid: 1)
        let survivors = ChildRecords.survivors(path: dir.file("children"))
        #expect(survivors.map(\.pid) == [me])
        #expect(survivors.first?.name == "self:self")
    }

    @Test func aNewRecordFileKeepsTheLiveChildrenOfTheOldOne() throws {
        // `tend up --skip-cleanup` after a crash: the old daemon's children live on and must stay findable.
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let start = ProcStat.startTime(of: getpid())!
        dir.write("children", "+ \(getpid()) \(start) left:left\n+ 999999 1 gone:gone\n")
        let records = try ChildRecords(path: dir.file("children"))
        records.add(pid: 1, name: "init:init")
        let survivors = ChildRecords.survivors(path: dir.file("children"))
        #expect(Set(survivors.map(\.pid)) == [getpid(), 1])
        #expect(survivors.first { $0.pid == getpid() }?.name == "left:left")
    }

    @Test func aRecycledPidIsNotTakenForTheChild() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let start = ProcStat.startTime(of: getpid())!
        dir.write("children", "+ \(getpid()) \(start + 1) impostor:impostor\n")
        #expect(ChildRecords.survivors(path: dir.file("children")).isEmpty)
    }

    @Test func cleanerEndsSurvivorsAndTheirGroups() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var options = SpawnOptions(
            executable: "/bin/sh", arguments: ["/bin/sh", "-c", "sleep 60 & exec sleep 60"], environment: [])
        options.newSession = true
        let child = try Spawner.spawn(options)
        let records = try ChildRecords(path: dir.file("children"))
        records.add(pid: child.pid, name: "orphan:orphan")
        let ended = OrphanCleaner.clean(recordsPath: dir.file("children"), grace: .seconds(2))
        #expect(ended.map(\.pid) == [child.pid])
        _ = child.reap()
        #expect(
            ProcStat.members(ofGroup: child.pid).isEmpty
                || ProcStat.members(ofGroup: child.pid).allSatisfy { !isAlive($0) })
        #expect(!FileManager.default.fileExists(atPath: dir.file("children")))
        child.close()
    }
}
