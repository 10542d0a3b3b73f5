import FoundationEssentials
import Hummingbird
import TendAPI

extension Request {
    /// Decodes the JSON body as `type`; an empty body stands for `empty` when one is given.
    /// - Throws: `APIError` 400 for a body that is not JSON or has wrong types (naming the field),
    ///   413 for a body over the limit; `BodyReadError` when the body cannot be read at all.
    func decodeJSON<Body: Decodable>(
        _ type: Body.Type, context: ControlRequestContext, empty: Body? = nil
    ) async throws -> Body {
        let bytes = try await bodyBytes(limit: context.maxUploadSize)
        if let empty, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return empty }
        // Foundation's decoder lets some malformed documents through (a trailing comma); the strict parser of the
        // job API says first whether this is JSON at all, so every route agrees on it.
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            throw APIError(.badRequest, "the body is not valid JSON (\(error))")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError(.badRequest, Self.describe(error))
        }
    }

    /// The whole body, at most `limit` bytes.
    /// - Throws: `APIError` 413 for a longer body; `BodyReadError` when the body cannot be read at all.
    func bodyBytes(limit: Int) async throws -> [UInt8] {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch let error as any HTTPResponseError {
            if error.status == .contentTooLarge {
                throw APIError(error.status, "the request body is larger than \(limit) bytes")
            }
            throw APIError(error.status, ErrorMiddleware.defaultMessage(error.status, self))
        } catch {
            throw BodyReadError(underlying: error)
        }
        return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
    }

    /// A one-line account of a decoding failure that names the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return "the body has no '\(field)'"
        case .typeMismatch(let type, let context):
            return "'\(path(context.codingPath))' has the wrong type: expected \(Self.jsonType(type))"
        case .valueNotFound(let type, let context):
            return "'\(path(context.codingPath))' must not be null: expected \(Self.jsonType(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "the body is not valid JSON"
        case .dataCorrupted(let context):
            return "'\(path(context.codingPath))' is not valid: \(context.debugDescription)"
        @unknown default:
            return "the body could not be decoded: \(error)"
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int32.Type, is Double.Type: "a number"
        case is [String].Type: "an array of strings"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
