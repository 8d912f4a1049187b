import Foundation
import SkyltCore
import Testing

@Suite("Legibility follows from the display profile")
struct LegibilityTests {
    @Test("a 43-inch 1080p screen has pixels of about half a millimetre")
    func pixelPitch() {
        // 43" 16:9 is 952 mm wide: 0.4958 mm a pixel.
        let pitch = DisplayProfile.standard.millimetersPerPixel
        #expect(abs(pitch - 0.4958) < 0.0005)
    }

    @Test("from 2.5 m body text needs a cap height of 12.5 mm, about 25 px; titles twice that")
    func textMinimums() {
        let legibility = Legibility(.standard)
        #expect(abs(legibility.minimumBodyCapHeightPixels - 25.21) < 0.05)
        #expect(abs(legibility.minimumTitleCapHeightPixels - 50.42) < 0.1)
        // Noto Sans's cap height is 0.714 em: about 36 px and 72 px type.
        #expect(abs(legibility.minimumBodyCapHeightPixels / 0.714 - 35.3) < 0.5)
    }

    @Test("a code scanned from 1 m is at least 10 cm wide, with whole modules of 6 px or more")
    func qrMinimums() {
        let legibility = Legibility(.standard)
        #expect(abs(legibility.minimumQRWidthPixels - 201.7) < 0.1)
        #expect(legibility.qrModulePixels(modules: 25) == 9)  // 225 px
        #expect(legibility.qrModulePixels(modules: 21) == 10)  // 210 px
        #expect(legibility.qrModulePixels(modules: 57) == 6)  // module floor wins
        for modules in stride(from: 21, through: 177, by: 4) {
            let pixels = legibility.qrModulePixels(modules: modules)
            #expect(pixels >= 6)
            #expect(Double(pixels * modules) >= legibility.minimumQRWidthPixels)
        }
    }

    @Test("a smaller screen viewed from further away needs more pixels for the same text")
    func scalesWithProfile() {
        let near = Legibility(.standard)
        var far = DisplayProfile.standard
        far.diagonalInches = 32
        far.viewingDistanceMeters = 4
        #expect(Legibility(far).minimumBodyCapHeightPixels > near.minimumBodyCapHeightPixels * 2)
        let portrait = DisplayProfile.standard.resized(width: 1080, height: 1920)
        #expect(abs(portrait.millimetersPerPixel - DisplayProfile.standard.millimetersPerPixel) < 1e-9)
    }
}

@Suite("WCAG contrast")
struct ContrastTests {
    @Test func extremes() {
        #expect(abs(Color.black.contrast(with: .white) - 21) < 1e-9)
        #expect(abs(Color.white.contrast(with: .white) - 1) < 1e-9)
    }

    @Test("grey #777777 on white just misses 4.5:1, #767676 just makes it")
    func threshold() {
        #expect(Color(hex: "#777777")!.contrast(with: .white) < 4.5)
        #expect(Color(hex: "#767676")!.contrast(with: .white) >= 4.5)
    }

    @Test func standardThemePasses() {
        for pair in Theme.standard.textPairs {
            #expect(pair.contrast >= Theme.minimumContrast, "\(pair.foreground) on \(pair.background)")
        }
    }
}

@Suite("Wi-Fi QR strings")
struct WifiPayloadTests {
    @Test("WPA network with every special character escaped")
    func escaping() {
        let text = WifiPayload.make(ssid: #"Café;"Bar":1,2"#, password: #"a\b;c,d:e"f"#, security: .wpa)
        #expect(text == #"WIFI:T:WPA;S:Café\;\"Bar\"\:1\,2;P:a\\b\;c\,d\:e\"f;;"#)
    }

    @Test("an open network has T:nopass and no password")
    func open() {
        #expect(WifiPayload.make(ssid: "Byn", password: nil, security: .open) == "WIFI:T:nopass;S:Byn;;")
        #expect(WifiPayload.make(ssid: "Byn", password: "x", security: .open) == "WIFI:T:nopass;S:Byn;;")
    }

    @Test func hidden() {
        #expect(
            WifiPayload.make(ssid: "A", password: "b", security: .wep, hidden: true) == "WIFI:T:WEP;S:A;P:b;H:true;;")
    }
}
