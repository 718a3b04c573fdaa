using Mirror.Core.Scanning;

namespace Mirror.Core.Verification;

/// <summary>
/// Copies a bundle's open file (at most <paramref name="maxBytes"/>) to where the site is being made and returns the
/// copy's path. The checks then read the copy: the bytes verified are the very bytes published, whatever happens to
/// the catalog's file meanwhile.
/// </summary>
internal delegate string StageBundle(BundleCandidate candidate, FileStream source, long maxBytes);
