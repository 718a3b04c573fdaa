namespace Mirror.Core.Verification.Caching;

/// <summary>The identities of a bundle's files, taken before it is read, and when.</summary>
/// <param name="Signature">The signature file's identity (null when unsigned), and whether it was there to look at.</param>
internal readonly record struct FilesSeen(FileIdentity? Bundle, (FileIdentity? Identity, bool Found) Signature, long SeenAtNs);
