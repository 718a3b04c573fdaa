namespace Mirror.Core.Model.Queries;

/// <summary>One entry of an answer, and which bundle it serves.</summary>
/// <param name="Platform">The platform whose own bundle and signature replace the entry's, or null for the generic bundle.</param>
public sealed record QueryAnswer<T>(T Entry, string? Platform)
    where T : IListingEntry;
