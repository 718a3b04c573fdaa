namespace Mirror.Tests.Support;

/// <summary>
/// Test traits. <see cref="Integration"/> marks a test that needs a Debian package (gpg/gpgv, nginx, apache2,
/// chromium) or is slow (the kill test, the mutation test, the 1,000-plugin browser test), so that
/// <c>dotnet test --filter "Category!=Integration"</c> is a fast inner loop that runs anywhere; CI runs everything.
/// </summary>
public static class Categories
{
    public const string Key = "Category";

    public const string Integration = "Integration";
}
