import Foundation
import TendSupervisor
import Testing

@testable import TendServer

/// Dispatch, introspection, multicall, and what `/RPC2` answers to bodies that are not calls.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct XMLRPCSystemMethodsTests {
    /// supervisord 4.3.0's `system.listMethods`, verbatim.
    static let supervisordMethods = [
        "supervisor.addProcessGroup", "supervisor.clearAllProcessLogs", "supervisor.clearLog",
        "supervisor.clearProcessLog", "supervisor.clearProcessLogs", "supervisor.getAPIVersion",
        "supervisor.getAllConfigInfo", "supervisor.getAllProcessInfo", "supervisor.getIdentification",
        "supervisor.getPID", "supervisor.getProcessInfo", "supervisor.getState", "supervisor.getSupervisorVersion",
        "supervisor.getVersion", "supervisor.readLog", "supervisor.readMainLog", "supervisor.readProcessLog",
        "supervisor.readProcessStderrLog", "supervisor.readProcessStdoutLog", "supervisor.reloadConfig",
        "supervisor.removeProcessGroup", "supervisor.restart", "supervisor.sendProcessStdin",
        "supervisor.sendRemoteCommEvent", "supervisor.shutdown", "supervisor.signalAllProcesses",
        "supervisor.signalProcess", "supervisor.signalProcessGroup", "supervisor.startAllProcesses",
        "supervisor.startProcess", "supervisor.startProcessGroup", "supervisor.stopAllProcesses",
        "supervisor.stopProcess", "supervisor.stopProcessGroup", "supervisor.tailProcessLog",
        "supervisor.tailProcessStderrLog", "supervisor.tailProcessStdoutLog", "system.listMethods",
        "system.methodHelp", "system.methodSignature", "system.multicall",
    ]

    @Test func listMethodsIsSupervisordsList() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            #expect(try await rpc.call("system.listMethods") == .array(Self.supervisordMethods.map { .string($0) }))
        }
    }

    @Test func signaturesMatchSupervisords() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            #expect(
                try await rpc.call("system.methodSignature", "supervisor.startProcess") == [
                    "boolean", "string", "boolean",
                ])
            #expect(
                try await rpc.call("system.methodSignature", "supervisor.tailProcessLog") == [
                    "array", "string", "int", "int",
                ])
            #expect(try await rpc.call("system.methodSignature", "system.multicall") == ["array", "array"])
            #expect(
                await rpc.fault("system.methodSignature", "nope.nope")
                    == XMLRPCFault(code: 4, string: "SIGNATURE_UNSUPPORTED"))
        }
    }

    @Test func everyMethodHasHelpWhoseTagsMatchItsSignature() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            for name in Self.supervisordMethods {
                let help = try await rpc.call("system.methodHelp", .string(name)).stringValue ?? ""
                var returned: [XMLRPCValue] = []
                var parameters: [XMLRPCValue] = []
                for line in help.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard words.count > 1 else { continue }
                    if words[0] == "@return" { returned.append(.string(String(words[1]))) }
                    if words[0] == "@param" { parameters.append(.string(String(words[1]))) }
                }
                let signature = try await rpc.call("system.methodSignature", .string(name))
                #expect(XMLRPCValue.array(returned + parameters) == signature, "\(name)")
            }
            #expect(await rpc.fault("system.methodHelp", "supervisor.nope")?.code == 4)
        }
    }

    @Test func everyListedMethodIsDispatched() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            for name in Self.supervisordMethods {
                let signature = try await rpc.call("system.methodSignature", .string(name)).arrayValue ?? []
                let params: [XMLRPCValue] = signature.dropFirst().map { type in
                    switch type {
                    case "int": 0
                    case "boolean": false
                    case "array": []
                    default: "nope"
                    }
                }
                let reply = await rpc.endpoint.reply(
                    to: XMLRPCEncoder.call(XMLRPCCall(methodName: name, params: params)))
                let response = try XMLRPCDecoder.decodeResponse(reply.body)
                #expect(response != .fault(XMLRPCFault(.unknownMethod)), "\(name)")
                #expect(response != .fault(XMLRPCFault(.incorrectParameters)), "\(name)")
            }
        }
    }

    @Test func unknownAndHiddenMethodsAreUnknownMethod() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            for name in ["supervisor.nope", "nope.getState", "getState", "supervisor.getState.x", "supervisor._update"]
            {
                #expect(await rpc.fault(name) == XMLRPCFault(code: 1, string: "UNKNOWN_METHOD"), "\(name)")
            }
        }
    }

    @Test func wrongParametersAreIncorrectParameters() async throws {
        try await RPCFixture.with([RPCFixture.program("alpha")]) { (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.getProcessInfo") == XMLRPCFault(code: 2, string: "INCORRECT_PARAMETERS"))
            #expect(await rpc.fault("supervisor.getState", 1) == XMLRPCFault(code: 2, string: "INCORRECT_PARAMETERS"))
            #expect(await rpc.fault("supervisor.startProcess", "alpha", true, 1)?.code == 2)
            #expect(await rpc.fault("supervisor.getProcessInfo", 1)?.code == 2)
            #expect(await rpc.fault("supervisor.startProcess", ["alpha"])?.code == 2)
            #expect(await rpc.fault("system.multicall", 1)?.code == 2)
            // Python's int() reads numeric strings, and a base64 string is a string.
            #expect(try await rpc.call("supervisor.readLog", "-7", "0") == "tarted\n")
            #expect(try await rpc.call("supervisor.getProcessInfo", .base64(Array("alpha".utf8)))["name"] == "alpha")
        }
    }

    @Test func multicallAnswersEachCallInOrder() async throws {
        try await RPCFixture.with([RPCFixture.program("alpha")]) { (rpc: RPCFixture) async throws in
            let results = try await rpc.call(
                "system.multicall",
                [
                    ["methodName": "supervisor.getPID"],
                    ["methodName": "supervisor.nope"],
                    ["methodName": "system.multicall", "params": [[]]],
                    ["params": []],
                    ["methodName": "supervisor.getProcessInfo", "params": ["x"]],
                    ["methodName": "supervisor.getProcessInfo", "params": []],
                    ["methodName": "supervisor.startProcess", "params": ["alpha"]],
                    ["methodName": "supervisor.getProcessInfo", "params": ["alpha"]],
                    "not a struct",
                ])
            let elements = try #require(results.arrayValue)
            #expect(elements.count == 9)
            #expect(elements[0] == 4242)
            #expect(elements[1] == ["faultCode": 1, "faultString": "UNKNOWN_METHOD"])
            #expect(
                elements[2] == [
                    "faultCode": 2, "faultString": "INCORRECT_PARAMETERS: Recursive system.multicall forbidden",
                ])
            #expect(elements[3] == ["faultCode": 2, "faultString": "INCORRECT_PARAMETERS: No methodName"])
            #expect(elements[4] == ["faultCode": 10, "faultString": "BAD_NAME: x"])
            #expect(elements[5] == ["faultCode": 2, "faultString": "INCORRECT_PARAMETERS"])
            #expect(elements[6] == true)
            #expect(elements[7]["statename"] == "RUNNING")
            #expect(elements[8]["faultCode"] == 2)
        }
    }

    @Test func bodiesThatAreNotCallsGet400AndTheEndpointGoesOn() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            for body in [
                "<methodCall><methodName>supervisor.getState</methodName", "", "<methodCall><params/></methodCall>",
            ] {
                let reply = await rpc.endpoint.reply(to: Array(body.utf8))
                #expect(reply.status == .badRequest)
            }
            let good = await rpc.endpoint.reply(
                to: Array("<methodCall><methodName>supervisor.getPID</methodName></methodCall>".utf8))
            #expect(good.status == .ok)
            #expect(try XMLRPCDecoder.decodeResponse(good.body) == .success(4242))
        }
    }
}
