namespace Mirror.Core.Verification;

public static class BundleStatus
{
    public const string Published = "published";
    public const string Rejected = "rejected";
}
