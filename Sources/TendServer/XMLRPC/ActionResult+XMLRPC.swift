import TendAPI

extension ActionResult {
    /// One element of the arrays that the group and `*All*` methods return, as supervisord's
    /// `make_allfunc` builds it: `{name, group, status, description}`, where `status` is
    /// `SUCCESS` (80) with `OK`, or the fault code with the fault's text.
    var xmlrpcStruct: XMLRPCValue {
        let fault = error.map { XMLRPCFault.forProcess($0, group: group, name: name) }
        return [
            "name": .string(name),
            "group": .string(group),
            "status": .int(fault?.code ?? SupervisorError.Code.success.rawValue),
            "description": .string(fault?.string ?? "OK"),
        ]
    }
}
