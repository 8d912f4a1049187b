import Foundation

/// VMA API answers written by hand in the documented format (an `alerts` list of CAP alerts
/// as JSON; Swedish and English info blocks; areas with SCB geocodes).
enum VMAFixtures {
    struct Message {
        var identifier = "SRVMA20261128090000I"
        var sent = "2026-11-28T09:00:00+01:00"
        var status = "Actual"
        var msgType = "Alert"
        var references: String?
        var headline = "Brand i industrilokal i Ljungby"
        var englishHeadline: String? = "Fire in an industrial building in Ljungby"
        var description = "Viktigt meddelande till allmänheten i Ljungby kommun.\\r\\n\\r\\nKraftig rökutveckling."
        var instruction = "Gå inomhus och stäng dörrar, fönster och ventilation."
        var effective = "2026-11-28T09:00:00+01:00"
        var expires: String? = "2026-11-28T21:00:00+01:00"
        var geocodes = ["0781"]
    }

    static func info(_ message: Message, language: String, headline: String, description: String) -> String {
        let codes = message.geocodes.map { #"{"valueName": "Kommun", "value": "\#($0)"}"# }.joined(separator: ", ")
        let expires = message.expires.map { #""expires": "\#($0)","# } ?? ""
        return #"""
            {
              "language": "\#(language)", "category": "Safety", "event": "Viktigt meddelande till allmänheten (VMA)",
              "urgency": "Immediate", "severity": "Severe", "certainty": "Observed", "senderName": "Räddningstjänsten Ljungby",
              "headline": "\#(headline)", "description": "\#(description)", "instruction": "\#(message.instruction)",
              "effective": "\#(message.effective)", \#(expires)
              "web": "https://sverigesradio.se/artikel/vma-vad-ar-det",
              "area": [{"areaDesc": "Ljungby kommun (Kronobergs län)", "geocode": [\#(codes)]}]
            }
            """#
    }

    static func alert(_ message: Message) -> String {
        var infos = [info(message, language: "sv-SE", headline: message.headline, description: message.description)]
        if let english = message.englishHeadline {
            infos.append(
                info(message, language: "en-US", headline: english, description: "Important public announcement."))
        }
        let references = message.references.map { #""\#($0)""# } ?? "null"
        return #"""
            {
              "identifier": "\#(message.identifier)", "sender": "https://vmaapi.sr.se", "sent": "\#(message.sent)",
              "status": "\#(message.status)", "msgType": "\#(message.msgType)", "scope": "Public",
              "references": \#(references), "incidents": "SRVMA20261128090000I",
              "info": [\#(infos.joined(separator: ",\n"))]
            }
            """#
    }

    static func answer(_ messages: [Message]) -> String {
        #"{"timestamp": "2026-11-28T09:05:00+01:00", "alerts": [\#(messages.map(alert).joined(separator: ",\n"))]}"#
    }
}
