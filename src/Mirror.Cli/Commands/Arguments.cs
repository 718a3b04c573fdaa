using System.CommandLine;

namespace Mirror.Cli.Commands;

/// <summary>Positional arguments shared by the commands.</summary>
internal static class Arguments
{
    public const string DefaultCatalog = "./catalog";

    /// <summary>A word starting with '-' that no option claimed is a misspelt flag, not a file name.</summary>
    public static T RejectingFlags<T>(this T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
                result.AddError($"unknown option '{token.Value}'");
        });
        return argument;
    }

    public static Argument<string> Catalog(string description) => new Argument<string>("CATALOG")
    {
        Description = description,
        DefaultValueFactory = _ => DefaultCatalog,
    }.RejectingFlags();

    /// <summary>
    /// <c>ITEM... [CATALOG]</c>: the last word names the catalog when it is an existing folder, as in
    /// <c>mirror keys add a.asc b.asc ./catalog</c>.
    /// </summary>
    public static (IReadOnlyList<string> Items, string Catalog) SplitTrailingCatalog(string[] words, string itemName)
    {
        var (items, catalog) = words.Length > 1 && Directory.Exists(words[^1]) ? (words[..^1], words[^1]) : (words, DefaultCatalog);
        if (items.Length == 1 && Directory.Exists(items[0]))
            throw new Core.MirrorException($"\"{items[0]}\" is a folder; give at least one {itemName} before the catalog");
        return (items, catalog);
    }
}
