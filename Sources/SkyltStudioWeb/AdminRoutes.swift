/// The admin's pages: users and invitations, channels and keys, screens, the week plan and
/// the audit log.
enum AdminRoutes {
    static let routes: [WebRoute] =
        UsersPage.routes + InvitePages.routes + ChannelAdminPages.routes + ChannelKeysPage.routes
        + ScreenPages.routes + WeekPage.routes + AuditPage.routes
}
