namespace Mirror.OpenPgp.Generation;

/// <summary>A new key pair, both halves ASCII-armored.</summary>
internal sealed record GeneratedKey(string Fingerprint, string UserId, byte[] PublicArmored, byte[] PrivateArmored);
