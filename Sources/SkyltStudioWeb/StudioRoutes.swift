/// Every route of the studio, in one list, so that the role table test walks them all.
extension StudioWeb {
    public static let allRoutes: [WebRoute] =
        LoginPages.routes + AccountPage.routes + HomePage.routes + AccessibilityPage.routes + StudioStylesheet.routes
        + PreviewRoutes.routes + SlideRoutes.routes + PublishPage.routes + AdminRoutes.routes
        + InboxPage.routes + OrganisationPages.routes + ContributionSettingsPage.routes
}
