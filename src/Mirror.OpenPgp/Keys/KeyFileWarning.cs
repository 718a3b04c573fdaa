namespace Mirror.OpenPgp.Keys;

/// <summary>Something in a trusted key file that was not used, though the file was (a revocation certificate that revokes nothing).</summary>
internal sealed record KeyFileWarning(string File, string Warning);
