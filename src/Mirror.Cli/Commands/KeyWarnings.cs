using Mirror.OpenPgp.Keys;

namespace Mirror.Cli.Commands;

/// <summary>Says what the trusted key files held that was not used, so that a revocation certificate that revokes nothing is not missed.</summary>
internal static class KeyWarnings
{
    public static void Write(IReadOnlyList<KeyFileWarning> warnings, TextWriter stderr)
    {
        foreach (var warning in warnings)
            stderr.WriteLine($"mirror: warning: {warning.File}: {warning.Warning}");
    }
}
