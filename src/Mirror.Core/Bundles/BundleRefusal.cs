namespace Mirror.Core.Bundles;

/// <summary>Why a bundle's content is refused: a stable code for machines and a sentence for people.</summary>
internal sealed class BundleRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The refusal codes of archive and manifest checks (signature codes live in Mirror.OpenPgp).</summary>
internal static class BundleRefusalCodes
{
    public const string DamagedArchive = "damaged-archive";
    public const string UnsafeEntry = "unsafe-entry";
    public const string TooLarge = "too-large";
    public const string NoManifest = "no-manifest";
    public const string SeveralManifests = "several-manifests";
    public const string InvalidManifest = "invalid-manifest";
    public const string Conflict = "conflict";

    /// <summary>A file the site would make for the bundle needs a name longer than a file system allows.</summary>
    public const string NameTooLong = "name-too-long";

    /// <summary>The catalog entry is a pipe, a device, a folder or a link, not a regular file.</summary>
    public const string NotRegularFile = "not-a-regular-file";

    /// <summary>The file's name is not UTF-8: it cannot be published under its name.</summary>
    public const string BadFileName = "bad-file-name";

    /// <summary>Checking it failed in a way no rule names; the bundle is refused rather than the build stopped.</summary>
    public const string CheckFailed = "check-failed";
}
