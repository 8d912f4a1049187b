/// The product version, shown on the no-content screen, in `--version` and on the status page.
public enum SkyltVersion {
    public static let string = "0.1.0"
}
