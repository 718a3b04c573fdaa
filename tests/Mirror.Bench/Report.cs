namespace Mirror.Bench;

/// <summary>The tables, with the issue's targets beside the figures (printed, never asserted).</summary>
internal static class Report
{
    public static void Table(Scenario scenario, Dictionary<string, Measured> figures)
    {
        var floorName = scenario.SiteFloor ? Scenario.CopySite : Scenario.CopyCatalog;
        var floor = figures[floorName].Seconds;
        var cold = figures[Scenario.Cold].Seconds;
        Console.WriteLine();
        Console.WriteLine($"{scenario.Name}: catalog {scenario.CatalogMegabytes:0} MB, site {scenario.SiteFiles} files; ratios to \"{floorName}\"");
        Console.WriteLine("| run | time | vs floor | peak RSS |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var name in new[] { Scenario.CopyCatalog, Scenario.CopySite, Scenario.Hashing, Scenario.Script, Scenario.Cold, Scenario.NoChange, Scenario.OneChanged })
        {
            if (!figures.TryGetValue(name, out var run))
                continue;
            var note = name == Scenario.Script && scenario.Count > Scenario.ScriptSampleSize
                ? $" (timed on {Scenario.ScriptSampleSize} bundles, scaled)"
                : "";
            Console.WriteLine($"| {name}{note} | {Time(run.Seconds)} | {run.Seconds / floor:0.00}x | {run.PeakKb / 1024.0:0} MB |");
        }

        var script = figures[Scenario.Script].Seconds;
        var noChange = figures[Scenario.NoChange].Seconds;
        var peak = new[] { Scenario.Cold, Scenario.NoChange, Scenario.OneChanged }.Max(n => figures[n].PeakKb) / 1024.0;
        Console.WriteLine($"targets: cold {cold / floor:0.00}x the floor (target <= {(scenario.SiteFloor ? "2" : "1.3")}); " +
            $"script / cold {script / cold:0.0}x (target >= 5); nothing changed {100 * noChange / cold:0.0}% of cold (target <= 5%); " +
            $"one changed {figures[Scenario.OneChanged].Seconds:0.00} s; peak RSS {peak:0} MB (target < 200)" +
            (figures.TryGetValue(Scenario.Hashing, out var hashing) ? $"; the hashing alone is {hashing.Seconds / floor:0.00}x the floor" : ""));
    }

    public static void Scaling(Scenario small, Dictionary<string, Measured> smallFigures, Scenario huge, Dictionary<string, Measured> hugeFigures)
    {
        var ratio = hugeFigures[Scenario.Cold].Seconds / smallFigures[Scenario.Cold].Seconds;
        Console.WriteLine();
        Console.WriteLine($"{huge.Name}: cold build {hugeFigures[Scenario.Cold].Seconds:0.00} s ({hugeFigures[Scenario.Cold].Seconds / hugeFigures[Scenario.CopySite].Seconds:0.00}x " +
            $"cp -r of its {huge.SiteFiles}-file site), peak RSS {hugeFigures[Scenario.Cold].PeakKb / 1024.0:0} MB; " +
            $"{ratio:0.0}x the time of {small.Name} for {(double)huge.Count / small.Count:0}x the bundles (linear: 10x)");
    }

    /// <summary>Runs under a tenth of a second get a third decimal: at two, a 25 ms rebuild read as 0.03 s.</summary>
    private static string Time(double seconds) => seconds < 0.1 ? $"{seconds:0.000} s" : $"{seconds:0.00} s";
}
