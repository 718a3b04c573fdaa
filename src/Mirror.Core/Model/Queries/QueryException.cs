namespace Mirror.Core.Model.Queries;

/// <summary>A query the marketplace refuses (HTTP 400): a malformed number or boolean, or an unparsable server version.</summary>
public sealed class QueryException(string message) : Exception(message);
