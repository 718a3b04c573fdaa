using System.CommandLine;
using Mirror.Core;

namespace Mirror.Cli.Commands;

/// <summary>Positional arguments shared by the commands.</summary>
internal static class Arguments
{
    public const string DefaultCatalog = "./catalog";

    public static Argument<string> Catalog(string description) => new("CATALOG")
    {
        Description = description,
        DefaultValueFactory = _ => DefaultCatalog,
    };

    /// <summary>
    /// <c>ITEM... [CATALOG]</c>: the last word names the catalog when it is an existing folder, as in
    /// <c>mirror keys add a.asc b.asc ./catalog</c>, or when it cannot be an item (<paramref name="couldBeItem"/>):
    /// then it is a catalog that does not exist, and saying so beats calling it a missing key file.
    /// </summary>
    public static (IReadOnlyList<string> Items, string Catalog) SplitTrailingCatalog(string[] words, string itemName, Func<string, bool> couldBeItem)
    {
        if (words.Length > 1 && !Directory.Exists(words[^1]) && !File.Exists(words[^1]) && !couldBeItem(words[^1]))
            throw new MirrorException($"catalog folder \"{words[^1]}\" does not exist");
        var (items, catalog) = words.Length > 1 && Directory.Exists(words[^1]) ? (words[..^1], words[^1]) : (words, DefaultCatalog);
        if (items.Length == 1 && Directory.Exists(items[0]))
            throw new MirrorException($"\"{items[0]}\" is a folder; give at least one {itemName} before the catalog");
        return (items, catalog);
    }
}
