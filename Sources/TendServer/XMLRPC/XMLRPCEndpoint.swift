import Hummingbird
import Logging

/// What `POST /RPC2` does with a request body: decode the call, run it, encode the answer. A body
/// that is not an XML-RPC call gets 400, as supervisord answers it; every method outcome, fault or
/// not, is a 200 `text/xml` answer.
struct XMLRPCEndpoint: Sendable {
    /// The answer to one request.
    struct Reply: Sendable {
        /// 200, or 400 for a body that is not a method call.
        var status: HTTPResponse.Status
        /// The `<methodResponse>` document, or empty with a 400.
        var body: [UInt8]
        /// What the method asked to do once the answer is written.
        var afterResponse: [@Sendable () async -> Void]
    }

    let methods: XMLRPCMethods
    let logger: Logger

    /// Decodes `body`, runs the call and encodes its result or fault.
    func reply(to body: [UInt8]) async -> Reply {
        let call: XMLRPCCall
        do {
            call = try XMLRPCDecoder.decodeCall(body)
        } catch {
            logger.error("XML-RPC request data is invalid: \(error)")
            return Reply(status: .badRequest, body: [], afterResponse: [])
        }
        logger.trace("XML-RPC method called: \(call.methodName)()")
        let context = XMLRPCCallContext()
        let result: Result<XMLRPCValue, XMLRPCFault>
        do {
            result = .success(try await methods.call(call.methodName, call.params, context: context))
        } catch {
            logger.trace("XML-RPC method \(call.methodName)() returned fault: [\(error.code)] \(error.string)")
            result = .failure(error)
        }
        return Reply(status: .ok, body: XMLRPCEncoder.encode(result), afterResponse: context.takeActions())
    }
}
