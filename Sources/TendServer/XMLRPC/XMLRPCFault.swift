import TendAPI

/// An XML-RPC fault: the `faultCode` and `faultString` of a `<fault>` answer.
///
/// Methods throw it to refuse a call; the codes are supervisord's (`SupervisorError.Code`) and the
/// strings read as supervisord's `RPCError` texts: the fault name, then `: detail` when there is one
/// (`BAD_NAME: foo`).
public struct XMLRPCFault: Error, Sendable, Hashable, CustomStringConvertible {
    /// The numeric fault code.
    public var code: Int
    /// The human-readable fault text.
    public var string: String

    /// A fault with any code and text (supervisord's codes are `SupervisorError.Code`).
    public init(code: Int, string: String) {
        self.code = code
        self.string = string
    }

    /// The fault supervisord sends for `error`: its code, and `NAME` or `NAME: detail`.
    public init(_ error: SupervisorError) {
        self.init(code: error.code.rawValue, string: error.description)
    }

    /// The fault `code` with supervisord's text for it, and `detail` after a colon when given.
    public init(_ code: SupervisorError.Code, _ detail: String? = nil) {
        self.init(SupervisorError(code, detail ?? ""))
    }

    /// `<Fault 10: 'BAD_NAME: foo'>`, as Python shows a fault.
    public var description: String { "<Fault \(code): '\(string)'>" }
}

extension XMLRPCFault {
    /// The fault for `error` about the process `group:name`, naming it as the caller did (`calledAs`),
    /// or as supervisord names it in results (`make_namespec`). The supervisor names processes
    /// `group:name` in its errors; supervisord uses the name it was given.
    static func forProcess(_ error: SupervisorError, group: String, name: String, calledAs: String? = nil)
        -> XMLRPCFault
    {
        let qualified = Namespec.qualified(group: group, process: name)
        let wanted = calledAs ?? Namespec.make(group: group, process: name)
        var detail = error.detail
        if detail == qualified {
            detail = wanted
        } else if detail.hasPrefix(qualified + " ") {
            detail = wanted + detail.dropFirst(qualified.count)
        }
        return XMLRPCFault(SupervisorError(error.code, detail))
    }
}
