using System.Runtime.ExceptionServices;

namespace Mirror.Core;

/// <summary>
/// <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/> on every core, rethrowing the first
/// failure as itself: callers tell a bad template (<see cref="MirrorException"/>) from a full disk by type, which an
/// <see cref="AggregateException"/> would hide.
/// </summary>
public static class AllCores
{
    public static void ForEach<T>(IEnumerable<T> items, Action<T> body)
    {
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }

    public static void For(int count, Action<int> body) => ForEach(Enumerable.Range(0, count), body);
}
