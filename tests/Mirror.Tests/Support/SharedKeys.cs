namespace Mirror.Tests.Support;

/// <summary>Keys are slow to make: each is made once per test run and shared.</summary>
internal static class SharedKeys
{
    private static readonly Lazy<TestKey> TrustedKey = new(() => TestKey.Rsa("Trusted Publisher <trusted@example.com>", bits: 3072));
    private static readonly Lazy<TestKey> StrangerKey = new(() => TestKey.Rsa("Stranger <stranger@example.com>"));

    public static TestKey Trusted => TrustedKey.Value;

    public static TestKey Stranger => StrangerKey.Value;
}
