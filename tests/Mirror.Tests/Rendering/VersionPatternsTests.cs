using System.Text.RegularExpressions;
using Mirror.Core.Model.Queries;
using Mirror.Core.Rendering.Routing;
using Mirror.Tests.Support;
using Semver;

namespace Mirror.Tests.Rendering;

/// <summary>The generated version patterns against semver precedence, on versions around many thresholds.</summary>
public sealed class VersionPatternsTests
{
    private static readonly string[] Thresholds =
        ["0.0.0", "0.0.0-0", "5.25.0", "9.5.0", "9.10.0", "10.5.0", "10.5.0-rc1", "10.5.0-rc.1", "10.5.0-rc.10", "10.5.0-beta.2.x",
         "10.5.0-0", "10.5.0-9", "10.5.0-alpha-1", "10.5.0--", "10.5.0-A", "10.5.0-z", "19.99.109", "100.0.0", "9.9.9"];

    private static List<string> Probes()
    {
        var probes = new List<string>(QueryCorpus.ServerVersions(Thresholds))
        {
            "10.5.0-rc2", "10.5.0-rc0", "10.5.0-rc", "10.5.0-rc.1.0", "10.5.0-rc.2", "10.5.0-rc.9", "10.5.0-rc.11", "10.5.0-rc.a",
            "10.5.0-beta.2.y", "10.5.0-beta.2.x.0", "10.5.0-beta.2", "10.5.0-beta.3", "10.5.0-1", "10.5.0-10", "10.5.0-a",
            "10.5.0-alpha-0", "10.5.0-alpha-2", "10.5.0---", "10.5.0-B", "10.5.0-Z", "10.5.0-zz", "10.5.0-y", "1000.0.0",
            "10.5.0%2Bbuild.1", "10.5.0-rc.1%2Bx", "9.100.0", "9.9.10", "19.99.110", "19.100.0", "19.99.99", "20.0.0",
            "0.0.0-00", "0.0.0--", "0.0.1-0",
        };
        var random = new Random(3);
        for (var i = 0; i < 300; i++)
        {
            var pre = random.Next(3) == 0 ? "" : "-" + string.Join('.', Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
                random.Next(2) == 0 ? random.Next(12).ToString() : new string(Enumerable.Range(0, random.Next(1, 4)).Select(_ => "-09AZaz.rc"[random.Next(9)]).ToArray())));
            probes.Add($"{random.Next(21)}.{random.Next(12)}.{random.Next(12)}{pre}");
        }

        return probes;
    }

    [Fact]
    public void Valid_accepts_what_the_service_parses_and_at_least_compares_by_precedence()
    {
        var valid = new Regex(VersionPatterns.Valid, RegexOptions.CultureInvariant);
        foreach (var probe in Probes())
        {
            var decoded = probe.Replace("%2B", "+", StringComparison.Ordinal);
            var parses = QueryStringParser.TryParseServerVersion(decoded, out var version);
            Assert.True(parses == valid.IsMatch(probe), probe);
            if (!parses)
                continue;
            foreach (var text in Thresholds)
            {
                var threshold = SemVersion.Parse(text, SemVersionStyles.Strict);
                var atLeast = Regex.IsMatch(probe, $"^{VersionPatterns.AtLeast(threshold)}$", RegexOptions.CultureInvariant);
                Assert.True(atLeast == version.ComparePrecedenceTo(threshold) >= 0, $"{probe} >= {text}");
            }
        }
    }

    [Theory]
    [InlineData("10.5")]
    [InlineData("v10.5.0")]
    [InlineData("10.05.0")]
    [InlineData("10.5.0+build")]
    [InlineData("10.5.0-")]
    [InlineData("10.5.0-01")]
    [InlineData("10.5.0%2B")]
    [InlineData("10.5.0 ")]
    public void Valid_refuses_what_the_service_cannot_parse(string text) =>
        Assert.DoesNotMatch(VersionPatterns.Valid, text);
}
