public import SkyltStore

/// The studio's tables, as SkyltStore migrations (versions 1 to 4).
///
/// Times are ISO 8601 text in UTC, readable in a plain `sqlite3` session. Slides are never
/// deleted, only archived, and every save adds a revision: the studio must be able to say who
/// put what on a screen and when, long after it was taken off.
public enum StudioSchema {
    public static let migrations = Migrations([version1, version2, version3, version4])

    /// The first schema. The roles' CHECK lists the same words as `Role`.
    static let version1 = """
        -- People who sign in. The password is only ever stored as an Argon2id hash.
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'editor', 'contributor')),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        -- A channel is one signed bundle under <site>/<name>/; its name is part of URLs and
        -- kiosk cache folders, hence the same rule as kiosk configs.
        CREATE TABLE channels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
                CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^A-Za-z0-9_-]*'),
            public_key TEXT NOT NULL,
            published_version INTEGER NOT NULL DEFAULT 0 CHECK (published_version >= 0),
            created_at TEXT NOT NULL
        );

        -- The playlist.json of a channel without its slides (name, languages, theme, screens…).
        CREATE TABLE channel_settings (
            channel_id INTEGER PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
            settings_json TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        -- A slide as a lasting thing: its id in the playlist, its place, whether it is archived.
        CREATE TABLE slides (
            id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            slide_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            UNIQUE (channel_id, slide_key)
        );

        -- Every save of a slide: its JSON object as in playlist.json, and who saved it (NULL
        -- for the command line, or a user since removed).
        CREATE TABLE slide_revisions (
            id INTEGER PRIMARY KEY,
            slide_id INTEGER NOT NULL REFERENCES slides(id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 1),
            content_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            UNIQUE (slide_id, number)
        );

        -- One import of a playlist folder into a channel: the media it brought.
        CREATE TABLE channel_imports (
            id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        -- Media by the path the playlist uses for them, owned by one slide revision (an upload)
        -- or one channel import; the bytes are in media/<sha256>.
        CREATE TABLE media (
            id INTEGER PRIMARY KEY,
            revision_id INTEGER REFERENCES slide_revisions(id) ON DELETE CASCADE,
            import_id INTEGER REFERENCES channel_imports(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            CHECK ((revision_id IS NULL) <> (import_id IS NULL))
        );
        CREATE UNIQUE INDEX media_of_import ON media(import_id, path) WHERE import_id IS NOT NULL;
        CREATE UNIQUE INDEX media_of_revision ON media(revision_id, path) WHERE revision_id IS NOT NULL;

        -- Who did what and when. Rows are only ever added.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        """

    /// Accounts: disabled users, sessions and the record of failed logins for rate limits.
    static let version2 = """
        -- A disabled user keeps their name in revisions and the audit log but cannot log in.
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));

        -- A logged-in browser. The cookie's token is kept only as its SHA-256, so a copy of
        -- the database (a backup) opens no session. The CSRF token is kept as it is: every page
        -- must put it into its forms, and it is worth nothing without the session's cookie.
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            token_sha256 TEXT NOT NULL UNIQUE
                CHECK (length(token_sha256) = 64 AND token_sha256 NOT GLOB '*[^0-9a-f]*'),
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            remote_address TEXT NOT NULL
        );
        CREATE INDEX sessions_of_user ON sessions(user_id);

        -- Failed logins within the rate limit's window, by the name typed and the address.
        -- Rows older than the window are deleted; a successful login deletes its name's rows.
        CREATE TABLE login_attempts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            address TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX login_attempts_by_name ON login_attempts(name, at);
        CREATE INDEX login_attempts_by_address ON login_attempts(address, at);
        """

    /// The web interface: roles per channel, invitations, screens, key rotation, approval of
    /// slides and the record of each publish.
    static let version3 = """
        -- What a user who is not an admin may do in a channel. An admin (users.role) may do
        -- everything everywhere; anyone else sees only the channels listed here.
        CREATE TABLE channel_members (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('publisher', 'contributor')),
            PRIMARY KEY (user_id, channel_id)
        );

        -- A one-time link an admin sends to a new user. Only the token's SHA-256 is kept.
        CREATE TABLE invites (
            id INTEGER PRIMARY KEY,
            token_sha256 TEXT NOT NULL UNIQUE
                CHECK (length(token_sha256) = 64 AND token_sha256 NOT GLOB '*[^0-9a-f]*'),
            role TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'contributor')),
            channel_id INTEGER REFERENCES channels(id) ON DELETE CASCADE,
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            used_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            CHECK (role = 'admin' OR channel_id IS NOT NULL)
        );

        -- A kiosk: what it is called and where it stands, its display, its languages and
        -- opening hours, as its config.json says them.
        CREATE TABLE screens (
            id INTEGER PRIMARY KEY,
            screen_key TEXT NOT NULL UNIQUE
                CHECK (length(screen_key) BETWEEN 1 AND 64 AND screen_key NOT GLOB '*[^A-Za-z0-9_-]*'),
            name TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            width INTEGER NOT NULL CHECK (width BETWEEN 320 AND 7680),
            height INTEGER NOT NULL CHECK (height BETWEEN 320 AND 7680),
            languages_json TEXT NOT NULL DEFAULT '[]',
            opening_hours_json TEXT NOT NULL DEFAULT '{}',
            settings_json TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        -- The channels a screen plays and each one's share of the time.
        CREATE TABLE screen_channels (
            screen_id INTEGER NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            share REAL NOT NULL DEFAULT 1 CHECK (share > 0),
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (screen_id, channel_id)
        );

        -- Every key a channel has signed with. The newest unretired one signs; older ones stay
        -- listed in kiosk configs until an admin retires them, once every screen has the new.
        CREATE TABLE channel_keys (
            id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            public_key TEXT NOT NULL,
            key_file TEXT NOT NULL,
            created_at TEXT NOT NULL,
            retired_at TEXT,
            UNIQUE (channel_id, public_key)
        );
        INSERT INTO channel_keys (channel_id, public_key, key_file, created_at)
            SELECT id, public_key, name || '.key', created_at FROM channels;

        -- Which revision of a slide may reach the screens, and who approved it. A publisher's
        -- own save is approved at once; a contributor's waits. NULL: never approved.
        ALTER TABLE slides ADD COLUMN live_revision_id INTEGER REFERENCES slide_revisions(id) ON DELETE SET NULL;
        ALTER TABLE slides ADD COLUMN approved_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
        ALTER TABLE slides ADD COLUMN approved_at TEXT;
        -- Slides that were live when this schema came: their latest revision, approved by the
        -- command line (NULL user) that imported it.
        UPDATE slides SET live_revision_id = (
            SELECT r.id FROM slide_revisions r WHERE r.slide_id = slides.id ORDER BY r.number DESC LIMIT 1),
            approved_at = (
            SELECT r.created_at FROM slide_revisions r WHERE r.slide_id = slides.id ORDER BY r.number DESC LIMIT 1);

        -- Every publish of a channel: the playlist it wrote (for the next publish's list of
        -- changes), who published, and what the command run after it said.
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            published_at TEXT NOT NULL,
            published_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            publisher_name TEXT NOT NULL,
            playlist_json TEXT NOT NULL,
            command_status INTEGER,
            command_output TEXT NOT NULL DEFAULT '',
            UNIQUE (channel_id, version)
        );
        """

    /// Contributions: organisations that send slides, the review of each contribution, what a
    /// channel allows contributors, mail addresses and the mail waiting to be sent.
    static let version4 = """
        -- An association, a shop, the church: who sends a contribution and answers for it.
        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
            created_at TEXT NOT NULL
        );

        CREATE TABLE organisation_members (
            organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (organisation_id, user_id)
        );
        CREATE INDEX organisation_members_by_user ON organisation_members(user_id);

        -- Organisations whose contributions to a channel are approved on arrival (still logged).
        CREATE TABLE channel_trust (
            channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            trusted_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            trusted_at TEXT NOT NULL,
            PRIMARY KEY (channel_id, organisation_id)
        );

        -- What contributors may put on a channel, set by its publishers. NULL: no limit (and
        -- for templates: every template; urgent priority is never a contributor's).
        CREATE TABLE channel_limits (
            channel_id INTEGER PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
            max_live_per_organisation INTEGER CHECK (max_live_per_organisation >= 0),
            max_run_days INTEGER CHECK (max_run_days >= 1),
            templates_json TEXT,
            updated_at TEXT NOT NULL
        );

        -- Who sends a slide (NULL: the channel's own publishers) and where its review stands.
        -- The live revision stays on the screens while a newer one is reviewed.
        ALTER TABLE slides ADD COLUMN organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL;
        ALTER TABLE slides ADD COLUMN review_state TEXT NOT NULL DEFAULT 'approved'
            CHECK (review_state IN ('draft', 'submitted', 'returned', 'approved'));
        -- The publisher's reason when a contribution was sent back, for its contributor to read.
        ALTER TABLE slides ADD COLUMN review_note TEXT;
        ALTER TABLE slides ADD COLUMN submitted_at TEXT;
        -- Slides whose newest revision waited for approval under version 3 are in review now.
        UPDATE slides SET review_state = 'submitted' WHERE live_revision_id IS NULL OR live_revision_id <> (
            SELECT r.id FROM slide_revisions r WHERE r.slide_id = slides.id ORDER BY r.number DESC LIMIT 1);

        ALTER TABLE users ADD COLUMN email TEXT
            CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'));

        -- Mail to send, written in the same transaction as the step it tells of, so that no
        -- mail goes out for a step that did not happen and none is lost when sending fails.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE INDEX outbox_unsent ON outbox(id) WHERE sent_at IS NULL;
        """
}
