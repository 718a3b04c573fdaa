using System.Text;
using System.Text.RegularExpressions;
using Mirror.Core.Model.Queries;
using Mirror.Core.Pipeline;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Rendering.Routing;
using Mirror.Tests.Support;
using Semver;

namespace Mirror.Tests.Rendering;

/// <summary>
/// Answers are put together from entries rendered once into a scratch file: a listing of more plugins than are
/// rendered in one piece, cut by version thresholds into runs, is byte for byte what one JSON writer makes of the
/// query engine's answer.
/// </summary>
public sealed class ListingAnswerTests(ListingAnswerTests.Built built) : IClassFixture<ListingAnswerTests.Built>
{
    private static readonly string[] Minimums = ["8.0.0", "9.0.0", "10.0.0"];

    public sealed class Built : IDisposable
    {
        internal TestCatalog Catalog { get; } = new TestCatalog().Trust(SharedKeys.Trusted);

        internal TempDir Scratch { get; } = new();

        internal BuildResult Result { get; }

        internal ApiRoutes Routes { get; }

        public Built()
        {
            for (var p = 0; p < 300; p++)
                Catalog.Add($"p{p:D3}.tar.gz", TarGz.Plugin($"com.example.p{p:D3}", "1.0.0", Minimums[p * 7 % 11 % 3]).Build(), b => SharedKeys.Trusted.Sign(b));
            Result = Catalog.Build();
            Routes = ApiRoutes.Plan(Result.Catalog, Result.Settings.BaseUrl, (_, _, _) => { }, Scratch.Path);
        }

        public void Dispose()
        {
            Catalog.Dispose();
            Scratch.Dispose();
        }
    }

    [Theory]
    [InlineData("8.5.0")]
    [InlineData("9.0.0")]
    [InlineData("11.0.0")]
    public void A_listing_answer_is_the_query_engines_answer_written_by_one_writer(string server)
    {
        var result = built.Result;
        var rule = built.Routes.Listing.Rules.First(r => Regex.IsMatch($"000|{server}|linux-amd64", r.Pattern));
        var query = new QueryParameters(ServerVersion: SemVersion.Parse(server, SemVersionStyles.Strict), Platform: "linux-amd64");
        var answer = MarketplaceQuery.Run(result.Catalog.AllVersions, query);
        var expected = JsonOutput.Render(w => w.WriteArray(answer,
            (writer, a) => MarketplaceEntry.Write(writer, a.Entry, result.Settings.BaseUrl, withLabels: true, a.Platform)));

        Assert.InRange(answer.Count, 50, 300);
        Assert.Equal(Encoding.UTF8.GetString(expected), File.ReadAllText(Path.Combine(built.Catalog.SiteDir, rule.AnswerFile)));
    }

    [Fact]
    public void The_scratch_file_is_gone_once_the_answers_are_planned() => Assert.Empty(Directory.GetFiles(built.Scratch.Path));
}
