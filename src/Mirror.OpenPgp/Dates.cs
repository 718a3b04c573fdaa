namespace Mirror.OpenPgp;

internal static class Dates
{
    /// <summary>A UTC day as messages and tables show key and signature dates: <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd");
}
