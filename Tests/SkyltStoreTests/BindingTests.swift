import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

/// Every kind of value goes in and comes back out unchanged, in its own storage class.
@Suite("binding and reading values")
struct BindingTests {
    let folder = TemporaryFolder()

    func database() throws -> Database {
        let database = try Database(url: folder.file("studio.sqlite"))
        try database.executeScript("CREATE TABLE v (id INTEGER PRIMARY KEY, x)")
        return database
    }

    static let values: [DatabaseValue] = [
        .null, 0, 42, .integer(Int64.min), .integer(Int64.max), -1.5, .real(Double.greatestFiniteMagnitude),
        "", "plain", "Grüße, Örebro – 東京 🚲", "with\u{0}nul", "it's \"quoted\"; DROP TABLE v",
        .blob(Data()), .blob(Data([0, 0, 0])), .blob(Data((0...255).map(UInt8.init))), true,
    ]

    @Test("each value round-trips by index", arguments: values)
    func roundTripByIndex(value: DatabaseValue) throws {
        let database = try database()
        try database.execute("INSERT INTO v (x) VALUES (?)", [value])
        let rows = try database.query("SELECT x, typeof(x) FROM v WHERE id = ?", [.integer(database.lastInsertRowID)])
        #expect(rows.count == 1)
        #expect(rows[0][0] == value)
        let expectedType =
            switch value {
            case .null: "null"
            case .integer: "integer"
            case .real: "real"
            case .text: "text"
            case .blob: "blob"
            }
        #expect(rows[0][1] == .text(expectedType))
    }

    @Test("a prepared statement binds by name, reads columns by name, and forgets bindings on reset")
    func preparedByName() throws {
        let database = try database()
        let insert = try database.prepare("INSERT INTO v (id, x) VALUES (:id, @x)")
        for (id, text) in [(1, "eins"), (2, "två")] {
            try insert.bind(DatabaseValue(id), named: "id")
            try insert.bind(DatabaseValue(text), named: "@x")
            try insert.run()
            insert.reset()
        }
        try insert.bind(3, named: ":id")
        try insert.run()  // x was cleared by reset: NULL, not "två"
        let select = try database.prepare("SELECT id AS number, x AS word FROM v ORDER BY id")
        var words: [DatabaseValue] = []
        while try select.step() {
            words.append(try select.value(named: "word"))
            #expect(try select.value(named: "number").int == words.count)
        }
        #expect(words == ["eins", "två", .null])
        #expect(throws: StoreError.self) { try select.value(named: "missing") }
        do {
            try insert.bind(1, named: "nothing")
            Issue.record("an unknown parameter name was accepted")
        } catch {
            #expect(error.code == .unknownParameter("nothing"))
        }
        do {
            try database.execute("INSERT INTO v (id, x) VALUES (?, ?)", [9])
            Issue.record("one value was bound to two parameters, the other left NULL")
        } catch {
            #expect(error.code == .bindingCount(expected: 2, given: 1))
        }
        do {
            _ = try database.query("SELECT x FROM v WHERE id = ?", [1, 2])
            Issue.record("an extra value was accepted")
        } catch {
            #expect(error.code == .bindingCount(expected: 1, given: 2))
        }
        #expect(try database.query("SELECT count(*) FROM v WHERE id = 9")[0][0] == 0)
        do {
            try insert.bind(1, at: 3)
            Issue.record("an index beyond the parameters was accepted")
        } catch {
            #expect(error.code == .bindingIndex(3))
        }
    }

    @Test("named bindings through query, and typed accessors that do not guess")
    func namedQuery() throws {
        let database = try database()
        try database.execute("INSERT INTO v (id, x) VALUES (:id, :x)", ["id": 7, "x": DatabaseValue(Data([1, 2]))])
        let row = try #require(try database.query("SELECT id, x FROM v WHERE id = :id", ["id": 7]).first)
        #expect(try row.value("id").int == 7)
        #expect(try row.value("id").double == 7)
        #expect(try row.value("x").data == Data([1, 2]))
        #expect(try row.value("x").string == nil)
        #expect(DatabaseValue(nil as String?) == .null)
        #expect(DatabaseValue(1.5).int == nil)
    }

    @Test("a second statement in execute is refused, not silently dropped")
    func multipleStatements() throws {
        let database = try database()
        do {
            try database.execute("INSERT INTO v (x) VALUES (1); DELETE FROM v")
            Issue.record("two statements were accepted")
        } catch {
            #expect(error.code == .multipleStatements)
        }
        try database.execute("INSERT INTO v (x) VALUES (2);  ")
        #expect(try database.query("SELECT x FROM v").map { $0[0] } == [2])
    }

    @Test("a closed database refuses work with a typed error")
    func closed() throws {
        let database = try database()
        database.close()
        do {
            try database.execute("INSERT INTO v (x) VALUES (1)")
            Issue.record("a closed database accepted a statement")
        } catch {
            #expect(error.code == .closed)
        }
    }
}
