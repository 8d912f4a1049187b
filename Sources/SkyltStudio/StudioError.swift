public import SkyltCore
public import SkyltStore

/// A studio command failed. `code` says what, for callers and tests to switch on; the words
/// for people are made in `description`, here and nowhere else.
public struct StudioError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// `init` found a studio already there; `location` names the file.
        case alreadyInitialised
        /// `init` found files in the data folder; `location` names the folder.
        case dataFolderNotEmpty
        /// The folder holds no studio (no `studio.json`), or its config cannot be read.
        case notAStudio
        /// The base URL is not an http(s) URL without query and fragment.
        case invalidBaseURL
        /// A channel name kiosks could not use (ASCII letters, digits, '-' and '_').
        case invalidChannelName
        /// No channel of that name.
        case unknownChannel
        /// A user name outside the accepted characters or length.
        case invalidUserName
        /// A user of that name exists already.
        case duplicateUser
        /// No user of that name.
        case unknownUser
        /// A password shorter than `Users.minPasswordCharacters` or longer than the cap.
        case passwordLength
        /// The name or the password is wrong; which of them is not said, so that a stranger
        /// cannot learn which names exist.
        case loginFailed
        /// Too many failed logins for the name or from the address; the password was not
        /// checked. `waitMinutes` is the time until the oldest counted failure ages out.
        case tooManyAttempts(waitMinutes: Int)
        /// The right password for a disabled account.
        case accountDisabled
        /// The playlist folder has problems; nothing was stored.
        case playlistProblems([Problem])
        /// A playlist with more slides than a channel publishes (`Studio.maxPublishedSlides`).
        case tooManySlides
        /// A file of the playlist folder is refused: too large, too many, or a link out.
        case mediaRefused
        /// The channel's secret key is missing or unreadable.
        case keyUnreadable
        /// A new channel's key file exists already (left by a crash, or put there by hand);
        /// it is never replaced, so a key kiosks may trust is never lost.
        case keyExists
        /// Writing the bundle failed.
        case publishFailed
        /// Another publish of this studio is running (the web does not wait for it).
        case publishBusy
        /// The content or version changed since the publisher's page was made.
        case publishStale
        /// No invitation of that token (never made, or mistyped).
        case inviteUnknown
        /// The invitation's seven days are over.
        case inviteExpired
        /// The invitation has been used already; it makes one account only.
        case inviteUsed
        /// No key of that id in the channel.
        case unknownKey
        /// The key that signs the channel's next publish cannot be retired (rotate first).
        case signingKeyRetire
        /// No screen of that id.
        case unknownScreen
        /// A screen of that id exists already.
        case duplicateScreen
        /// A channel of that name exists already.
        case duplicateChannel
        /// The backup's target exists already.
        case backupExists
        /// tar failed; `message` holds what it said.
        case archiveFailed
        /// No slide of that key in the channel.
        case unknownSlide
        /// The slide has no revision of that number.
        case unknownRevision
        /// A newer revision of the slide was saved after the one a publisher approved; they
        /// must look at the newer one first.
        case staleRevision
        /// A field of studio.json is wrong; `location` names the field (`mail.command`…).
        case invalidConfig
        /// An organisation's name that is empty or longer than 120 characters.
        case invalidOrganisationName
        /// An organisation of that name exists already.
        case duplicateOrganisation
        /// No organisation of that id or name.
        case unknownOrganisation
        /// A contributor who belongs to no organisation cannot send slides.
        case noOrganisation
        /// A contributor of several organisations must say which one sends the slide.
        case organisationRequired
        /// The organisation named for a contribution is not one of the contributor's.
        case notInOrganisation
        /// The review workflow refused the step.
        case contributionRefused(ContributionRefusal)
        /// The channel's limits for contributions refused it; nothing was changed.
        case contributionLimit(LimitRefusal)
        /// Limits that cannot be set: an unknown template, or a number out of range.
        case invalidLimits
        /// A mail address that is not one (3 to 254 characters, a name, '@' and a domain).
        case invalidEmail
        /// Reading or writing a file of the data folder failed.
        case fileIO
        /// The database or the media store failed; `store` holds its error.
        case store
    }

    public var code: Code
    /// The file, folder, channel or user concerned.
    public var location: String?
    /// More detail: the reason from the file system, tar or the bundle writer.
    public var message: String?
    /// The store's own error, when the failure came from there.
    public var store: StoreError?

    public init(_ code: Code, location: String? = nil, message: String? = nil, store: StoreError? = nil) {
        self.code = code
        self.location = location
        self.message = message
        self.store = store
    }

    /// Wraps a store failure, so every error a studio call throws is a `StudioError`.
    init(_ error: StoreError) {
        self.init(.store, store: error)
    }

    public var description: String {
        if case .store = code, let store { return store.description }
        var text = location.map { "\($0): " } ?? ""
        text += summary
        if let message { text += ": \(message)" }
        return text
    }

    private var summary: String {
        switch code {
        case .alreadyInitialised: "already holds a studio; nothing was changed"
        case .dataFolderNotEmpty: "is not empty; give a new or empty folder for the studio's data"
        case .notAStudio: "is not a studio data folder (run skylt-studio init first)"
        case .invalidBaseURL: "is not a base URL: use http:// or https://, with a host, and no query or fragment"
        case .invalidChannelName: "is not a channel name: use 1 to 64 ASCII letters, digits, '-' and '_'"
        case .unknownChannel: "no such channel"
        case .invalidUserName: "is not a user name: use 1 to 64 letters, digits, '.', '_', '-' and '@'"
        case .unknownUser: "no such user"
        case .duplicateUser: "a user of that name exists already"
        case .passwordLength:
            "the password must have at least \(Users.minPasswordCharacters) characters and at most \(Users.maxPasswordBytes) bytes"
        case .loginFailed: "wrong user name or password"
        case .tooManyAttempts(let minutes): "too many attempts; wait \(minutes) minute\(minutes == 1 ? "" : "s")"
        case .accountDisabled: "this account is disabled; ask an admin to enable it"
        case .playlistProblems(let problems):
            "\(problems.count) problem\(problems.count == 1 ? "" : "s") in the playlist; nothing was stored"
        case .tooManySlides: "too many slides; nothing was stored or published"
        case .mediaRefused: "refused"
        case .keyUnreadable: "the channel's secret key cannot be read"
        case .keyExists: "a key file for this new channel exists already; it was left as it is (move it away first)"
        case .publishFailed: "publishing failed"
        case .publishBusy: "another publish of this studio is running; try again in a moment"
        case .publishStale: "the channel changed since the page was shown; look at the changes again"
        case .inviteUnknown: "no such invitation"
        case .inviteExpired: "the invitation has expired"
        case .inviteUsed: "the invitation has been used already"
        case .unknownKey: "no such key"
        case .signingKeyRetire: "the key that signs the next publish cannot be retired; rotate the key first"
        case .unknownScreen: "no such screen"
        case .duplicateScreen: "a screen with that id exists already"
        case .duplicateChannel: "a channel of that name exists already"
        case .backupExists: "exists already; a backup never overwrites a file"
        case .archiveFailed: "the archive could not be written"
        case .unknownSlide: "no such slide"
        case .unknownRevision: "no such revision of the slide"
        case .staleRevision: "a newer revision of the slide was saved; look at it before approving"
        case .invalidConfig: "is wrong in studio.json"
        case .invalidOrganisationName: "an organisation's name must have 1 to 120 characters"
        case .duplicateOrganisation: "an organisation of that name exists already"
        case .unknownOrganisation: "no such organisation"
        case .noOrganisation: "you belong to no organisation; ask an admin to add you to one"
        case .organisationRequired: "you belong to several organisations; choose the one that sends the slide"
        case .notInOrganisation: "you do not belong to that organisation"
        case .contributionRefused(let refusal): refusal.description
        case .contributionLimit(let refusal): refusal.description
        case .invalidLimits: "these limits cannot be set"
        case .invalidEmail: "is not a mail address such as name@example.org"
        case .fileIO: "cannot read or write the file"
        case .store: "database error"
        }
    }
}

/// Runs `body`, turning a `StoreError` into a `StudioError`.
func storing<T>(_ body: () throws(StoreError) -> T) throws(StudioError) -> T {
    do {
        return try body()
    } catch {
        throw StudioError(error)
    }
}
