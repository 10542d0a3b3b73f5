extension XMLRPCMethods {
    /// `system.listMethods`: every published method name, sorted.
    static func listMethods() -> XMLRPCValue {
        .array(table.keys.sorted().map { .string($0) })
    }

    /// `system.methodHelp(name)`: the method's documentation, with `@param` and `@return` lines.
    /// - Throws: `SIGNATURE_UNSUPPORTED` for an unknown method.
    static func methodHelp(_ params: XMLRPCParameters) throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        guard table[name] != nil else { throw XMLRPCFault(.signatureUnsupported) }
        return .string(XMLRPCMethodHelp.text(for: name))
    }

    /// `system.methodSignature(name)`: `[return type, parameter types…]`.
    /// - Throws: `SIGNATURE_UNSUPPORTED` for an unknown method.
    static func methodSignature(_ params: XMLRPCParameters) throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        guard let method = table[name] else { throw XMLRPCFault(.signatureUnsupported) }
        return .array(method.signature.map { .string($0) })
    }

    /// `system.multicall(calls)`: runs each `{methodName, params}` in turn and answers one element per
    /// call: the method's value itself (supervisord does not wrap it in an array, whatever the spec
    /// says) or a `{faultCode, faultString}` struct. A nested `system.multicall` is refused.
    func multicall(_ params: XMLRPCParameters, context: XMLRPCCallContext) async throws(XMLRPCFault) -> XMLRPCValue {
        let calls = try params.array(0)
        var results: [XMLRPCValue] = []
        results.reserveCapacity(calls.count)
        for call in calls {
            do {
                results.append(try await runOne(call, context: context))
            } catch {
                results.append(["faultCode": .int(error.code), "faultString": .string(error.string)])
            }
        }
        return .array(results)
    }

    private func runOne(_ call: XMLRPCValue, context: XMLRPCCallContext) async throws(XMLRPCFault) -> XMLRPCValue {
        guard let members = call.structValue else {
            throw XMLRPCFault(.incorrectParameters, "each call must be a struct, not \(call.typeName)")
        }
        guard let nameValue = members["methodName"] else { throw XMLRPCFault(.incorrectParameters, "No methodName") }
        guard let name = nameValue.stringValue else {
            throw XMLRPCFault(.incorrectParameters, "methodName must be a string, not \(nameValue.typeName)")
        }
        if name == "system.multicall" {
            throw XMLRPCFault(.incorrectParameters, "Recursive system.multicall forbidden")
        }
        let arguments: [XMLRPCValue]
        switch members["params"] {
        case nil: arguments = []
        case .array(let values)?: arguments = values
        case let other?: throw XMLRPCFault(.incorrectParameters, "params must be an array, not \(other.typeName)")
        }
        return try await self.call(name, arguments, context: context)
    }
}
