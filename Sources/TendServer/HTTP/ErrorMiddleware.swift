import Hummingbird
import Logging

/// Turns every error a route throws into a JSON answer, so that a client always gets
/// `{"error": "…"}` (and `"code"` for supervisord faults) with a meaningful status, and nothing a
/// request does can bring the daemon down.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ControlRequestContext

    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as BodyReadError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, error.body ?? Self.defaultMessage(error.status, request))
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, Self.defaultMessage(error.status, request))
        } catch {
            logger.error("control request \(request.method) \(request.uri.path) failed: \(error)")
            throw APIError(.internalServerError, "\(error)")
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status, _ request: Request) -> String {
        switch status {
        case .notFound: "no such route: \(request.method) \(request.uri.path)"
        case .contentTooLarge: "the request body is larger than \(ControlRequestContext.maxBodySize) bytes"
        default: status.reasonPhrase
        }
    }
}
