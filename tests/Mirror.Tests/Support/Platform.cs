using System.Runtime.Versioning;

// The tests drive gpg, gpgv, nginx and chromium as Debian packages them: they run on Linux only.
[assembly: SupportedOSPlatform("linux")]
