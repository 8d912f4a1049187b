import CMosquitto
public import FoundationEssentials
import Glibc

/// A message taken from an MQTT broker.
public struct MQTTMessage: Sendable, Equatable {
    public var topic: String
    public var payload: Data
    /// The broker kept it for new subscribers: the sensor's last reading.
    public var retained: Bool
}

/// Reaching the broker or taking a message failed.
public struct MQTTError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The broker could not be reached, or closed the connection.
        case connect
        /// The broker refused the connection or the subscription.
        case refused
        /// No message came within the wait.
        case timeout
        /// The message is larger than allowed.
        case tooLarge
    }

    public var code: Code
    public var message: String
    public var description: String { message }
}

/// Takes one message from a topic: connect, subscribe, wait for the retained (or first)
/// message, disconnect. A round needs one reading, so no connection is kept between rounds
/// and no thread runs in the background.
public enum MQTTReader {
    public static let defaultWaitSeconds = 5.0

    /// libmosquitto's global set-up, once per process.
    private static let library: Int32 = mosquitto_lib_init()

    public static func take(
        host: String, port: Int, topic: String, waitSeconds: Double = defaultWaitSeconds, maxBytes: Int
    ) throws(MQTTError) -> MQTTMessage {
        _ = library
        let session = MQTTSession(topic: topic, maxBytes: maxBytes)
        guard let client = mosquitto_new(nil, true, Unmanaged.passUnretained(session).toOpaque()) else {
            throw MQTTError(code: .connect, message: "could not make an MQTT client")
        }
        defer { mosquitto_destroy(client) }
        mosquitto_connect_callback_set(client) { client, object, status in
            guard let object else { return }
            Unmanaged<MQTTSession>.fromOpaque(object).takeUnretainedValue().connected(client, status: status)
        }
        mosquitto_message_callback_set(client) { _, object, message in
            guard let object, let message else { return }
            Unmanaged<MQTTSession>.fromOpaque(object).takeUnretainedValue().received(message.pointee)
        }
        let connecting = mosquitto_connect_async(client, host, Int32(port), 30)
        guard connecting == Int32(MOSQ_ERR_SUCCESS.rawValue) else {
            throw MQTTError(code: .connect, message: "cannot reach \(host):\(port): \(MQTTSession.reason(connecting))")
        }
        defer { mosquitto_disconnect(client) }
        let deadline = ContinuousClock.now + .milliseconds(Int(waitSeconds * 1000))
        while session.outcome == nil && ContinuousClock.now < deadline {
            let status = mosquitto_loop(client, 100, 1)
            if status != Int32(MOSQ_ERR_SUCCESS.rawValue) && session.outcome == nil {
                session.outcome = .failure(
                    MQTTError(code: .connect, message: "lost \(host):\(port): \(MQTTSession.reason(status))"))
            }
        }
        switch session.outcome {
        case .success(let message): return message
        case .failure(let error): throw error
        case nil:
            throw MQTTError(code: .timeout, message: "no message on '\(topic)' within \(waitSeconds) s")
        }
    }
}

/// The state one `take` shares with libmosquitto's callbacks, which run on the caller's
/// thread inside `mosquitto_loop`.
final class MQTTSession {
    let topic: String
    let maxBytes: Int
    var outcome: Result<MQTTMessage, MQTTError>?

    init(topic: String, maxBytes: Int) {
        self.topic = topic
        self.maxBytes = maxBytes
    }

    func connected(_ client: OpaquePointer?, status: Int32) {
        guard status == 0 else {
            let reason = String(cString: mosquitto_connack_string(status))
            outcome = .failure(MQTTError(code: .refused, message: "the broker refused the connection: \(reason)"))
            return
        }
        let subscribing = mosquitto_subscribe(client, nil, topic, 0)
        if subscribing != Int32(MOSQ_ERR_SUCCESS.rawValue) {
            outcome = .failure(
                MQTTError(code: .refused, message: "cannot subscribe to '\(topic)': \(Self.reason(subscribing))"))
        }
    }

    func received(_ message: mosquitto_message) {
        guard outcome == nil else { return }
        guard Int(message.payloadlen) <= maxBytes else {
            outcome = .failure(
                MQTTError(
                    code: .tooLarge, message: "sent \(message.payloadlen) bytes; a reading may have at most \(maxBytes)"
                ))
            return
        }
        let payload = message.payload.map { Data(bytes: $0, count: Int(message.payloadlen)) } ?? Data()
        let topic = message.topic.map { String(cString: $0) } ?? topic
        outcome = .success(MQTTMessage(topic: topic, payload: payload, retained: message.retain))
    }

    static func reason(_ status: Int32) -> String {
        if status == Int32(MOSQ_ERR_ERRNO.rawValue) { return String(cString: strerror(errno)) }
        return String(cString: mosquitto_strerror(status))
    }
}
