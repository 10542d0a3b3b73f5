/// A decoded `<methodResponse>`: the one returned value, or a fault.
public enum XMLRPCResponse: Sendable, Hashable {
    /// `<params><param><value>…` — the method's result.
    case success(XMLRPCValue)
    /// `<fault>` — the method refused or failed.
    case fault(XMLRPCFault)
}
