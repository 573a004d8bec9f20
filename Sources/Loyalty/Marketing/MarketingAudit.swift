extension AuditAction {
    public static let marketingImageAdded = AuditAction(rawValue: "marketing_image_added")
    public static let marketingImageShown = AuditAction(rawValue: "marketing_image_shown")
    public static let marketingImageHidden = AuditAction(rawValue: "marketing_image_hidden")
    public static let marketingImageRemoved = AuditAction(rawValue: "marketing_image_removed")
    public static let marketingOrderChanged = AuditAction(rawValue: "marketing_order_changed")
    /// The chain's set changed an image's title or days.
    public static let marketingImageChanged = AuditAction(rawValue: "marketing_image_changed")
}
