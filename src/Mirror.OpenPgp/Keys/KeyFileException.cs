namespace Mirror.OpenPgp.Keys;

/// <summary>A key file that cannot be used, with the file and the reason in words.</summary>
internal sealed class KeyFileException(string file, string reason) : Exception($"{file}: {reason}")
{
    public string File { get; } = file;

    public string Reason { get; } = reason;
}
