namespace Mirror.OpenPgp.Generation;

/// <summary>A new key pair, both halves ASCII-armored.</summary>
public sealed record GeneratedKey(string Fingerprint, string UserId, byte[] PublicArmored, byte[] PrivateArmored);
