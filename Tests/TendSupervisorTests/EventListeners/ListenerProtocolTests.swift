import Testing

@testable import TendSupervisor

struct ListenerProtocolTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func readyThenOkResultThenReadyAgain() {
        var listener = ListenerProtocol()
        #expect(listener.state == .acknowledged)
        #expect(listener.receive(bytes("READY\n")) == [.ready])
        listener.sent()
        #expect(listener.receive(bytes("RESULT 2\nOKREADY\n")) == [.result(accepted: true), .ready])
        #expect(listener.state == .ready)
    }

    @Test func resultArrivingInPiecesIsAssembled() {
        var listener = ListenerProtocol()
        _ = listener.receive(bytes("READ"))
        #expect(listener.receive(bytes("Y\n")) == [.ready])
        listener.sent()
        #expect(listener.receive(bytes("RESULT 4")) == [])
        #expect(listener.receive(bytes("\nFA")) == [])
        #expect(listener.receive(bytes("IL")) == [.result(accepted: false)])
        #expect(listener.state == .acknowledged)
    }

    @Test func garbageInsteadOfReadyIsUnknownForGood() {
        var listener = ListenerProtocol()
        #expect(listener.receive(bytes("hello world\n")) == [.protocolError("expected READY, got 'hello world\n'")])
        #expect(listener.state == .unknown)
        #expect(listener.receive(bytes("READY\n")) == [])
    }

    @Test func outputWhileReadyOrBadResultLineIsAProtocolError() {
        var ready = ListenerProtocol()
        _ = ready.receive(bytes("READY\n"))
        guard case .protocolError = ready.receive(bytes("x")).first else {
            Issue.record("spurious output was accepted")
            return
        }
        var busy = ListenerProtocol()
        _ = busy.receive(bytes("READY\n"))
        busy.sent()
        #expect(busy.receive(bytes("RESULT two\n")) == [.protocolError("bad result line: 'RESULT two'")])
    }
}

struct EventBufferTests {
    func note(_ serial: Int) -> Notification { Notification(name: .tick5, payload: "when:\(serial)", serial: serial) }

    @Test func overflowDropsTheOldestAndRequeueGoesFirst() {
        var buffer = EventBuffer(capacity: 2)
        #expect(buffer.accept(note(1)) == nil)
        #expect(buffer.accept(note(2)) == nil)
        #expect(buffer.accept(note(3)) == 1)
        let first = buffer.next()!
        #expect(first.notification.serial == 2 && first.poolSerial == 1)
        #expect(buffer.requeue(first.notification, poolSerial: first.poolSerial) == nil)
        #expect(buffer.next()?.notification.serial == 2)
        #expect(buffer.next()?.notification.serial == 3)
        #expect(buffer.isEmpty)
    }
}

struct EventNameTests {
    @Test func abstractSubscriptionsReceiveTheirConcreteEvents() {
        #expect(EventName.processStateRunning.isDelivered(to: .processState))
        #expect(EventName.processStateRunning.isDelivered(to: .event))
        #expect(!EventName.processStateRunning.isDelivered(to: .tick))
        #expect(EventName.tick60.isDelivered(to: .tick))
        #expect(!EventName.tick60.isDelivered(to: .tick5))
    }

    @Test func envelopeMatchesSupervisordsHeader() {
        let payload = Notification.processStatePayload(
            name: "web", group: "web", from: .starting, to: .running, pid: 42, tries: 0, expected: true)
        #expect(payload == "processname:web groupname:web from_state:STARTING pid:42")
        let envelope = Notification(name: .processStateRunning, payload: payload, serial: 7)
            .envelope(server: "supervisor", pool: "listener", poolSerial: 3)
        #expect(
            envelope
                == "ver:3.0 server:supervisor serial:7 pool:listener poolserial:3 eventname:PROCESS_STATE_RUNNING len:\(payload.count)\n\(payload)"
        )
        #expect(
            Notification.processStatePayload(
                name: "w", group: "g", from: .running, to: .exited, pid: 9, tries: 0, expected: false)
                == "processname:w groupname:g from_state:RUNNING expected:0 pid:9")
    }
}
