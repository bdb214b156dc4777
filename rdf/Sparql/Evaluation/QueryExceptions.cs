namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>A query could not be evaluated (e.g. a SERVICE call failed without SILENT).</summary>
public class QueryEvaluationException : Exception
{
    public QueryEvaluationException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The query ran longer than <see cref="QueryOptions.Timeout"/>.</summary>
public sealed class QueryTimeoutException : QueryEvaluationException
{
    public QueryTimeoutException(TimeSpan limit)
        : base($"The query exceeded its time limit of {limit.TotalMilliseconds:0} ms.") => Limit = limit;

    public TimeSpan Limit { get; }
}

/// <summary>The query held more intermediate rows than <see cref="QueryOptions.MaxIntermediateRows"/>.</summary>
public sealed class QueryLimitException : QueryEvaluationException
{
    public QueryLimitException(long limit)
        : base($"The query needed more than {limit} intermediate rows.") => Limit = limit;

    public long Limit { get; }
}
