namespace Dashboard.Engine.Running;

/// <summary>The one way a failure is put in words, in process, in workers and on lab nodes alike.</summary>
public static class FailureReason
{
    /// <summary>The exception's message; an aggregate of one says its inner exception's.</summary>
    public static string Of(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Of(aggregate.InnerExceptions[0]) : e.Message;
    }
}
