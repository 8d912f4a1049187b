import Foundation
import SkyltTestSupport

/// What python3's html.parser made of a visitor page: its start tags with their attributes
/// and parents, its texts with the element they sit in, and any tag left open or closed wrong.
struct ParsedPage: Decodable {
    struct Element: Decodable {
        var tag: String
        var parent: String
        var attributes: [String: String]
    }
    struct Text: Decodable {
        var parent: String
        var text: String
    }
    var elements: [Element]
    var texts: [Text]
    var mismatched: [String]
    var unclosed: [String]

    static let script = """
        import json, sys
        from html.parser import HTMLParser
        VOID = {"meta", "link", "input", "img", "br", "hr", "source"}
        class Tree(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.stack, self.out = [], {"elements": [], "texts": [], "mismatched": []}
            def parent(self):
                return self.stack[-1] if self.stack else ""
            def handle_starttag(self, tag, attrs):
                self.out["elements"].append({"tag": tag, "parent": self.parent(),
                                             "attributes": {k: (v or "") for k, v in attrs}})
                if tag not in VOID:
                    self.stack.append(tag)
            def handle_endtag(self, tag):
                if self.stack and self.stack[-1] == tag:
                    self.stack.pop()
                else:
                    self.out["mismatched"].append(tag)
            def handle_data(self, data):
                self.out["texts"].append({"parent": self.parent(), "text": data})
        tree = Tree()
        tree.feed(sys.stdin.buffer.read().decode("utf-8"))
        tree.close()
        tree.out["unclosed"] = tree.stack
        print(json.dumps(tree.out))
        """

    init(_ data: Data) throws {
        let result = try ExternalTool.run(["python3", "-c", Self.script], input: data)
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: ["stderr": result.stderr]) }
        self = try JSONDecoder().decode(ParsedPage.self, from: Data(result.stdout.utf8))
    }

    init(file: URL) throws { try self.init(try Data(contentsOf: file)) }

    func elements(_ tag: String) -> [Element] { elements.filter { $0.tag == tag } }
    func text(in tag: String) -> String { texts.filter { $0.parent == tag }.map(\.text).joined() }
    var html: Element? { elements("html").first }
}
