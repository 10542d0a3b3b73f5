/// A decoded `<methodCall>`: the method's name and its positional parameters.
public struct XMLRPCCall: Sendable, Hashable {
    /// The dotted method name, e.g. `supervisor.getState`.
    public var methodName: String
    /// The parameters, in order; empty when the call has no `<params>`.
    public var params: [XMLRPCValue]

    /// A call of `methodName` with `params`.
    public init(methodName: String, params: [XMLRPCValue] = []) {
        self.methodName = methodName
        self.params = params
    }
}
